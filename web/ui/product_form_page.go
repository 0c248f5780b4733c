package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// renderProductForm fills in the selects of the product form and shows it.
// An enterprise user always writes for its own enterprise, which is named
// rather than offered; everyone else chooses among the enterprises they
// may read.
func (s *Handler) renderProductForm(w http.ResponseWriter, r *http.Request, status int, form productForm) {
	ctx := r.Context()
	cats, err := s.Products.Categories(ctx)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	form.Categories = cats
	if id, fixed := firstset.ProductEnterpriseFixed(httpx.ActorOf(r)); fixed {
		if id != 0 {
			if form.FixedEnterprise, err = s.Enterprises.FindEnterpriseByID(ctx, id); err != nil {
				s.ServeError(w, r, err)
				return
			}
		}
	} else {
		if form.Enterprises, err = s.enterpriseChoices(ctx, form.Input.EnterpriseID); err != nil {
			s.ServeError(w, r, err)
			return
		}
		form.ChooseEnterprise = true
	}
	title := "新增装备"
	if form.ID != 0 {
		title = "编辑装备"
	}
	s.render(w, r, status, "product_form", title, form)
}
