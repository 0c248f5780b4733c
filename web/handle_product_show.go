package web

import (
	"net/http"

	"firstset"
	"firstset/service"
)

type productShowPage struct {
	Product *firstset.Product
	// CanEdit and CanDelete offer the edit and delete buttons, by the
	// service's own rules (service.CanEditProduct, CanDeleteProduct); the
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
func (s *Server) handleProductShow(w http.ResponseWriter, r *http.Request) {
	p, ok := loadByID(s, w, r, nil, s.opts.Products.FindProductByID)
	if !ok {
		return
	}
	actor := actorOf(r)
	page := productShowPage{
		Product:      p,
		CanEdit:      service.CanEditProduct(actor, p),
		CanDelete:    service.CanDeleteProduct(actor, p),
		CanRecognise: service.CanSetRecognition(actor),
		EnterpriseLink: service.CanSeeEnterprise(actor,
			&firstset.Enterprise{ID: p.EnterpriseID, DistrictCode: p.DistrictCode}),
	}
	s.render(w, r, http.StatusOK, "product_show", p.Name, page)
}
