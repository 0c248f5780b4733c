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
	s.renderProcurementForm(w, r, http.StatusOK, procurementForm{Record: p, Editable: ownsProcurement(httpx.ActorOf(r), p),
		Values: forms.ProcurementValuesOf(p)})
}

// ownsProcurement reports whether a may change p: its buyer's users, and
// administrators.
func ownsProcurement(a *firstset.Actor, p *firstset.Procurement) bool {
	if !firstset.CanRecordProcurement(a) {
		return false
	}
	return a.Role() == firstset.RoleAdmin || a.User.BuyerID == p.BuyerID
}
