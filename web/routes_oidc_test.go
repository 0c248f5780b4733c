package web

import "firstset"

// oidcRouteRules are the sign-in through the identity provider's routes.
// The route test's server has no provider: its two pages are not there
// for anyone (404); linking a pending sign-in is the user administration's.
var oidcRouteRules = map[string]routeRule{
	"GET /login/oidc":                     {allow: nobody},
	"GET /login/oidc/callback":            {allow: nobody},
	"POST /admin/oidc-requests/{id}/link": {allow: byRole(firstset.CanManageUsers), target: "/admin/oidc-requests/1/link"},
}

func init() {
	for pattern, rule := range oidcRouteRules {
		routeRules[pattern] = rule
	}
}
