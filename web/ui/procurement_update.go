package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleProcurementUpdate saves the purchase form of a stored record.
func (s *Handler) handleProcurementUpdate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	p, ok := httpx.LoadByID(s.Base, w, r, nil, s.Procurements.FindProcurementByID)
	if !ok {
		return
	}
	if !firstset.CanChangeProcurement(httpx.ActorOf(r), p) {
		s.Allowed(w, r, firstset.Errorf(firstset.EFORBIDDEN, "只有本单位的采购单位用户可以修改这条采购记录。"))
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := forms.ProcurementInputFrom(r.PostForm, &problems)
	in.BuyerID = p.BuyerID
	err := problems.Err()
	if err == nil {
		_, err = s.Procurements.UpdateProcurement(r.Context(), p.ID, in)
	}
	if err != nil {
		if forms.IsFormError(err) {
			s.renderProcurementForm(w, r, http.StatusUnprocessableEntity, procurementForm{Record: p, Editable: true,
				Values: r.PostForm, Errors: forms.NewErrors(err, forms.ProcurementFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/procurements/"+httpx.Itoa(p.ID), "采购记录已更新。")
}
