package web

import (
	"net/http"

	"firstset/policy"
)

// buildHandler registers every route and wraps the mux in the middleware
// chain, outermost first in the order requests meet it.
func (s *Server) buildHandler() (http.Handler, error) {
	mux := http.NewServeMux()
	route := func(pattern string, h http.HandlerFunc) {
		mux.Handle(pattern, s.withPattern(pattern, h))
		s.patterns = append(s.patterns, pattern)
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

	// JSON API. Token scopes are checked by the services, with every
	// other access rule.
	route("GET /api/v1/openapi.json", s.apiOpenAPI)
	route("GET /api/v1/me", s.apiMe)
	route("GET /api/v1/categories", s.apiCategories)
	route("POST /api/v1/categories", s.apiCategoryCreate)
	route("GET /api/v1/catalog", s.apiCatalog)
	route("GET /api/v1/catalog/export", s.handleCatalogExport)

	route("GET /api/v1/enterprises", s.apiEnterpriseList)
	route("GET /api/v1/enterprises/{id}", s.apiEnterpriseGet)
	route("POST /api/v1/enterprises", s.apiEnterpriseCreate)
	route("PUT /api/v1/enterprises/{id}", s.apiEnterpriseUpdate)

	route("GET /api/v1/products", s.apiProductList)
	route("GET /api/v1/products/{id}", s.apiProductGet)
	route("POST /api/v1/products", s.apiProductCreate)
	route("PUT /api/v1/products/{id}", s.apiProductUpdate)
	route("DELETE /api/v1/products/{id}", s.apiProductDelete)
	route("PUT /api/v1/products/{id}/recognition", s.apiProductRecognition)

	route("GET /api/v1/users", s.apiUserList)
	route("GET /api/v1/users/{id}", s.apiUserGet)
	route("POST /api/v1/users", s.apiUserCreate)
	route("PUT /api/v1/users/{id}", s.apiUserUpdate)

	route("GET /api/v1/tokens", s.apiTokenList)
	route("POST /api/v1/tokens", s.apiTokenCreate)
	route("DELETE /api/v1/tokens/{id}", s.apiTokenRevoke)

	route("POST /api/v1/tender/check", s.apiTenderCheck)

	// The policy calculator, public like the rules it applies.
	route("POST /api/v1/calc/premium-subsidy", s.apiCalc(policy.CalcPremiumSubsidy))
	route("POST /api/v1/calc/first-purchase-reward", s.apiCalc(policy.CalcFirstPurchaseReward))
	route("POST /api/v1/calc/allocate", s.apiCalc(policy.CalcAllocate))

	route("/api/", s.apiNotFound)

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
