package web

import (
	"net/http"

	"firstset/web/api"
)

// buildHandler registers every route and wraps the mux in the middleware
// chain, outermost first in the order requests meet it.
func (s *Server) buildHandler() (http.Handler, error) {
	mux := http.NewServeMux()
	route := func(pattern string, h http.HandlerFunc) {
		mux.Handle(pattern, s.withPattern(pattern, h))
	}

	// Operations.
	route("GET /healthz", s.handleHealthz)
	route("GET /readyz", s.handleReadyz)
	route("GET /metrics", s.handleMetrics)
	route("GET /static/{file}", s.handleStatic)

	// Pages.
	route("GET /{$}", s.handleHome)
	route("GET /login", s.handleLoginForm)
	route("POST /login", s.handleLogin)
	route("POST /logout", s.handleLogout)
	route("GET /catalog", s.handleCatalog)
	route("GET /catalog/export.xlsx", s.handleCatalogExport)

	route("GET /enterprises", s.handleEnterpriseList)
	route("GET /enterprises/new", s.handleEnterpriseNew)
	route("POST /enterprises", s.handleEnterpriseCreate)
	route("GET /enterprises/{id}", s.handleEnterpriseShow)
	route("GET /enterprises/{id}/edit", s.handleEnterpriseEdit)
	route("POST /enterprises/{id}", s.handleEnterpriseUpdate)

	route("GET /products", s.handleProductList)
	route("GET /products/new", s.handleProductNew)
	route("POST /products", s.handleProductCreate)
	route("GET /products/{id}", s.handleProductShow)
	route("GET /products/{id}/edit", s.handleProductEdit)
	route("POST /products/{id}", s.handleProductUpdate)
	route("GET /products/{id}/delete", s.handleProductDeleteConfirm)
	route("POST /products/{id}/delete", s.handleProductDelete)
	route("GET /products/{id}/recognition", s.handleRecognitionForm)
	route("POST /products/{id}/recognition", s.handleRecognitionUpdate)

	route("GET /tokens", s.handleTokenList)
	route("POST /tokens", s.handleTokenCreate)
	route("GET /tokens/{id}/revoke", s.handleTokenRevokeConfirm)
	route("POST /tokens/{id}/revoke", s.handleTokenRevoke)

	route("GET /admin/users", s.handleUserList)
	route("GET /admin/users/new", s.handleUserNew)
	route("POST /admin/users", s.handleUserCreate)
	route("GET /admin/users/{id}/edit", s.handleUserEdit)
	route("POST /admin/users/{id}", s.handleUserUpdate)
	route("GET /admin/categories", s.handleCategoryList)
	route("POST /admin/categories", s.handleCategoryCreate)
	route("GET /admin/audit", s.handleAuditList)
	route("GET /admin/audit/export.xlsx", s.handleAuditExport)

	route("GET /tender", s.handleTenderForm)
	route("POST /tender", s.handleTenderCheck)
	route("POST /tender/export.xlsx", s.handleTenderExport)

	route("GET /calc", s.handleCalcForm)
	route("POST /calc", s.handleCalc)

	route("GET /account/password", s.handlePasswordForm)
	route("POST /account/password", s.handlePasswordChange)

	route("/", s.handleNotFound)

	// JSON API.
	api.New(s.Base, s.engine).Register(route)

	cop := http.NewCrossOriginProtection()
	for _, o := range s.opts.TrustedOrigins {
		if err := cop.AddTrustedOrigin(o); err != nil {
			return nil, err
		}
	}
	cop.SetDenyHandler(http.HandlerFunc(s.handleCrossOriginDenied))

	var h http.Handler = mux
	h = s.idempotency(h)
	h = s.checkQueryString(h)
	h = s.checkCSRFToken(h)
	h = s.limitBody(h) // inside authenticate, so a 413 page knows who is logged in
	h = s.authenticate(h)
	h = cop.Handler(h)
	h = securityHeaders(h)
	h = s.recoverPanics(h)
	h = s.observe(h)
	h = s.withRequestID(h)
	return h, nil
}
