package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleProcurementShow shows a purchase; the buyer that recorded it
// finds the form to bring it up to date.
func (s *Handler) handleProcurementShow(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	p, ok := httpx.LoadByID(s.Base, w, r, nil, s.Procurements.FindProcurementByID)
	if !ok {
		return
	}
	s.renderProcurementForm(w, r, http.StatusOK, procurementForm{Record: p, Editable: firstset.CanChangeProcurement(httpx.ActorOf(r), p),
		Values: forms.ProcurementValuesOf(p)})
}
