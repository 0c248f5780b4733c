package ui

import (
	"fmt"
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// handleProductUpdate saves the product form; like create, it keeps the
// input on errors and on "增加参数行".
func (s *Handler) handleProductUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in, rows, patents := productInputFrom(r.PostForm, &problems)
	form := productForm{ID: id, Input: in, Rows: rows, Patents: patents}
	if r.PostForm.Get("add_rows") != "" {
		form.Rows = withBlankRows(rows, BlankParamRows)
		s.renderProductForm(w, r, http.StatusOK, form)
		return
	}
	if err := problems.Err(); err != nil {
		form.Errors = newFormErrors(err, productFields...)
		s.renderProductForm(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	_, err = s.Products.UpdateProduct(r.Context(), id, in)
	if isFormError(err) {
		form.Errors = newFormErrors(err, productFields...)
		s.renderProductForm(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, fmt.Sprintf("/products/%d", id), "装备信息已保存。")
}
