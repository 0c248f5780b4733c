package web

import (
	"fmt"
	"net/http"

	"firstset"
)

// handleProductUpdate saves the product form; like create, it keeps the
// input on errors and on "增加参数行".
func (s *Server) handleProductUpdate(w http.ResponseWriter, r *http.Request) {
	// The rule first, as the edit page asks it: a product the caller may
	// not change is refused (409 for an enterprise's declared product),
	// not shown the form again with the refusal as an input error.
	p, ok := loadByID(s, w, r, s.requireLogin, s.opts.Products.FindProductByID)
	if !ok || !s.allowed(w, r, firstset.CheckEditProduct(actorOf(r), p)) {
		return
	}
	id := p.ID
	if err := s.parsePostedForm(r); err != nil {
		s.serveError(w, r, err)
		return
	}
	var problems firstset.Problems
	in, rows, patents := productInputFrom(r.PostForm, &problems)
	form := productForm{ID: id, Input: in, Rows: rows, Patents: patents}
	if r.PostForm.Get("add_rows") != "" {
		form.Rows = withBlankRows(rows, blankParamRows)
		s.renderProductForm(w, r, http.StatusOK, form)
		return
	}
	if err := problems.Err(); err != nil {
		form.Errors = newFormErrors(err, productFields...)
		s.renderProductForm(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	_, err := s.opts.Products.UpdateProduct(r.Context(), id, in)
	if isFormError(err) {
		form.Errors = newFormErrors(err, productFields...)
		s.renderProductForm(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, fmt.Sprintf("/products/%d", id), "装备信息已保存。")
}
