package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleConsortiumLeave records an insurer's leaving, after the
// confirmation.
func (s *Handler) handleConsortiumLeave(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageInsurers(httpx.ActorOf(r))) {
		return
	}
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
	in := forms.ConsortiumLeaveFrom(r.PostForm, &problems)
	err = problems.Err()
	var m *firstset.ConsortiumMembership
	if err == nil {
		m, err = s.Insurance.LeaveConsortium(r.Context(), id, in)
	}
	if err != nil {
		if forms.IsFormError(err) || firstset.ErrorCode(err) == firstset.ECONFLICT {
			s.renderConsortium(w, r, http.StatusUnprocessableEntity, caseForm{Name: "leave", Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.ConsortiumLeaveFields...)}, id)
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/consortium", m.InstitutionName+"自 "+m.LeftOn.String()+" 起退出共保体，此后不能再报送保单数据。")
}
