package web

import (
	"net/http"
	"strconv"

	"firstset"
)

// handleProductNew shows an empty product form with blank parameter rows.
func (s *Server) handleProductNew(w http.ResponseWriter, r *http.Request) {
	actor := actorOf(r)
	if actor.IsPublic() {
		s.serveError(w, r, firstset.LoginRequired())
		return
	}
	form := productForm{Rows: withBlankRows(nil, blankParamRows)}
	if id, err := strconv.ParseInt(r.URL.Query().Get("enterprise_id"), 10, 64); err == nil {
		form.Input.EnterpriseID = id
	}
	s.renderProductForm(w, r, http.StatusOK, form)
}
