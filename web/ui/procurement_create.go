package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleProcurementCreate records a purchase from the form.
func (s *Handler) handleProcurementCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckRecordProcurement(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := forms.ProcurementInputFrom(r.PostForm, &problems)
	err := problems.Err()
	var p *firstset.Procurement
	if err == nil {
		p, err = s.Procurements.CreateProcurement(r.Context(), in)
	}
	if err != nil {
		if forms.IsFormError(err) {
			s.renderProcurementForm(w, r, http.StatusUnprocessableEntity, procurementForm{Editable: true, Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.ProcurementFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/procurements/"+httpx.Itoa(p.ID), "采购记录已登记。交付、验收和使用情况变化时请在此更新。")
}
