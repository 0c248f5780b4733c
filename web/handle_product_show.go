package web

import (
	"net/http"

	"firstset"
)

type productShowPage struct {
	Product *firstset.Product
	// CanEdit offers the edit and delete buttons; the service still
	// decides when they are pressed.
	CanEdit      bool
	CanRecognise bool
}

// handleProductShow shows one product. The public sees recognised products
// only: the service answers not_found for anything else, as for a product
// that does not exist.
func (s *Server) handleProductShow(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	p, err := s.opts.Products.FindProductByID(r.Context(), id)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	actor := actorOf(r)
	role := actor.Role()
	page := productShowPage{
		Product:      p,
		CanEdit:      role == firstset.RoleAdmin || role == firstset.RoleReviewer || (role == firstset.RoleEnterprise && actor.User.EnterpriseID == p.EnterpriseID),
		CanRecognise: role == firstset.RoleAdmin,
	}
	s.render(w, r, http.StatusOK, "product_show", p.Name, page)
}
