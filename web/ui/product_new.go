package ui

import (
	"net/http"
	"strconv"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleProductNew shows an empty product form with blank parameter rows.
func (s *Handler) handleProductNew(w http.ResponseWriter, r *http.Request) {
	if !s.Allowed(w, r, firstset.CheckCreateProduct(httpx.ActorOf(r))) {
		return
	}
	form := productForm{Rows: forms.WithBlankRows(nil, forms.BlankParamRows)}
	if id, err := strconv.ParseInt(r.URL.Query().Get("enterprise_id"), 10, 64); err == nil {
		form.Input.EnterpriseID = id
	}
	s.renderProductForm(w, r, http.StatusOK, form)
}
