package ui

import (
	"fmt"
	"net/http"

	"firstset"
	"firstset/web/ui/forms"
)

// handleProductCreate saves a new product, or shows the form again with
// the input kept: with errors beside their fields, or with more blank
// parameter rows when "增加参数行" was pressed.
func (s *Handler) handleProductCreate(w http.ResponseWriter, r *http.Request) {
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in, rows, patents := forms.ProductInputFrom(r.PostForm, &problems)
	form := productForm{Input: in, Rows: rows, Patents: patents}
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
	p, err := s.Products.CreateProduct(r.Context(), in)
	if forms.IsFormError(err) {
		form.Errors = forms.NewErrors(err, forms.ProductFields...)
		s.renderProductForm(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, fmt.Sprintf("/products/%d", p.ID), "装备已保存。")
}
