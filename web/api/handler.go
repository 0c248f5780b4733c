// Package api serves the JSON API under /api/v1 for programs. Its
// handlers only read the request, ask the services and write the answer;
// every access rule is the services'.
package api

import (
	"net/http"

	"firstset/policy"
	"firstset/web/httpx"
	"firstset/web/sheet"
)

// Handler holds what the API's handlers need.
type Handler struct {
	*httpx.Base
	engine *policy.Engine
}

// New returns the API's handlers over base, calculating with engine.
func New(base *httpx.Base, engine *policy.Engine) *Handler {
	return &Handler{Base: base, engine: engine}
}

// Register registers every API route with route.
func (s *Handler) Register(route func(pattern string, h http.HandlerFunc)) {
	// Token scopes are checked by the services, with every other access
	// rule.
	route("GET /api/v1/openapi.json", s.apiOpenAPI)
	route("GET /api/v1/me", s.apiMe)
	route("GET /api/v1/categories", s.apiCategories)
	route("POST /api/v1/categories", s.apiCategoryCreate)
	route("GET /api/v1/catalog", s.apiCatalog)
	route("GET /api/v1/catalog/export", s.apiCatalogExport)

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
}

// apiCatalogExport sends the catalog search as an Excel workbook.
func (s *Handler) apiCatalogExport(w http.ResponseWriter, r *http.Request) {
	sheet.ServeCatalog(s.Base, w, r)
}
