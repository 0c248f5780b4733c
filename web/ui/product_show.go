package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

type productShowPage struct {
	Product *firstset.Product
	// CanEdit and CanDelete offer the edit and delete buttons, by the
	// service's own rules (firstset.CanEditProduct, CanDeleteProduct); the
	// service still decides when they are pressed.
	CanEdit      bool
	CanDelete    bool
	CanRecognise bool
	// EnterpriseLink links the maker's profile, for viewers who may read it.
	EnterpriseLink bool
}

// handleProductShow shows one product. The public sees recognised products
// only: the service answers not_found for anything else, as for a product
// that does not exist.
func (s *Handler) handleProductShow(w http.ResponseWriter, r *http.Request) {
	p, ok := httpx.LoadByID(s.Base, w, r, nil, s.Products.FindProductByID)
	if !ok {
		return
	}
	actor := httpx.ActorOf(r)
	page := productShowPage{
		Product:      p,
		CanEdit:      firstset.CanEditProduct(actor, p),
		CanDelete:    firstset.CanDeleteProduct(actor, p),
		CanRecognise: firstset.CanSetRecognition(actor),
		EnterpriseLink: firstset.CanSeeEnterprise(actor,
			&firstset.Enterprise{ID: p.EnterpriseID, DistrictCode: p.DistrictCode}),
	}
	s.render(w, r, http.StatusOK, "product_show", p.Name, page)
}
