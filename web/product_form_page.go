package web

import (
	"net/http"

	"firstset"
)

// renderProductForm fills in the selects of the product form and shows it.
func (s *Server) renderProductForm(w http.ResponseWriter, r *http.Request, status int, form productForm) {
	ctx := r.Context()
	cats, err := s.opts.Products.Categories(ctx)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	form.Categories = cats
	actor := actorOf(r)
	if actor.Role() != firstset.RoleEnterprise {
		list, _, err := s.opts.Enterprises.FindEnterprises(ctx, firstset.EnterpriseFilter{Limit: 1000})
		if err != nil && !isAccessError(err) {
			s.serveError(w, r, err)
			return
		}
		form.ChooseEnterprise, form.Enterprises = true, list
	}
	title := "新增装备"
	if form.ID != 0 {
		title = "编辑装备"
	}
	s.render(w, r, status, "product_form", title, form)
}
