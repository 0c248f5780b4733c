package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleExemptionDecide records the regulator's decision, after the
// confirmation: a decision is final.
func (s *Handler) handleExemptionDecide(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	e, ok := httpx.LoadByID(s.Base, w, r, nil, s.Exemptions.FindExemptionByID)
	if !ok {
		return
	}
	if !s.Allowed(w, r, firstset.CheckDecideExemption(httpx.ActorOf(r), e)) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	forms.Confirmed(r.PostForm, &problems)
	err := problems.Err()
	if err == nil {
		_, err = s.Exemptions.DecideExemption(r.Context(), e.ID, forms.ExemptionDecisionFrom(r.PostForm))
	}
	if err != nil {
		if forms.IsFormError(err) || firstset.ErrorCode(err) == firstset.ECONFLICT || firstset.ErrorCode(err) == firstset.EWRONGSTAGE {
			s.renderExemption(w, r, http.StatusUnprocessableEntity, e, caseForm{Name: "decide", Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.ExemptionFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/exemptions/"+httpx.Itoa(e.ID), "认定结果已记录，申请单位可在“容错免责”中查看。")
}
