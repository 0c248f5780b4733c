package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleProcurementTotalCreate records the buyer's equipment total of a
// period from the list page.
func (s *Handler) handleProcurementTotalCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckRecordProcurement(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := forms.EquipmentTotalFrom(r.PostForm, &problems)
	err := problems.Err()
	var t *firstset.EquipmentTotal
	if err == nil {
		t, err = s.Procurements.SetEquipmentTotal(r.Context(), in)
	}
	if err != nil {
		if forms.IsFormError(err) {
			s.renderProcurements(w, r, http.StatusUnprocessableEntity, caseForm{Name: "total", Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.EquipmentTotalFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	msg := "已登记 " + t.Period + " 设备采购总额 " + t.Amount.Grouped() + " 元。"
	if t.Replaced {
		msg = "已更新 " + t.Period + " 设备采购总额为 " + t.Amount.Grouped() + " 元。"
	}
	s.redirectWithFlash(w, r, "/procurements", msg)
}
