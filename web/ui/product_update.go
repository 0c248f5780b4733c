package ui

import (
	"fmt"
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleProductUpdate saves the product form; like create, it keeps the
// input on errors and on "增加参数行".
func (s *Handler) handleProductUpdate(w http.ResponseWriter, r *http.Request) {
	// The rule first, as the edit page asks it: a product the caller may
	// not change is refused (409 for an enterprise's declared product),
	// not shown the form again with the refusal as an input error.
	p, ok := httpx.LoadByID(s.Base, w, r, s.requireLogin, s.Products.FindProductByID)
	if !ok || !s.Allowed(w, r, firstset.CheckEditProduct(httpx.ActorOf(r), p)) {
		return
	}
	id := p.ID
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in, rows, patents := forms.ProductInputFrom(r.PostForm, &problems)
	form := productForm{ID: id, Input: in, Rows: rows, Patents: patents}
	if r.PostForm.Get("add_rows") != "" {
		form.Rows = forms.WithBlankRows(rows, forms.BlankParamRows)
		s.renderProductForm(w, r, http.StatusOK, form)
		return
	}
	if err := problems.Err(); err != nil {
		form.Errors = forms.NewErrors(err, forms.ProductFields...)
		s.renderProductForm(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	_, err := s.Products.UpdateProduct(r.Context(), id, in)
	if forms.IsFormError(err) {
		form.Errors = forms.NewErrors(err, forms.ProductFields...)
		s.renderProductForm(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, fmt.Sprintf("/products/%d", id), "装备信息已保存。")
}
