package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleConsortiumJoin enrols an insurer in the consortium.
func (s *Handler) handleConsortiumJoin(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageInsurers(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := forms.ConsortiumJoinFrom(r.PostForm, &problems)
	err := problems.Err()
	var m *firstset.ConsortiumMembership
	if err == nil {
		m, err = s.Insurance.JoinConsortium(r.Context(), in)
	}
	if err != nil {
		if forms.IsFormError(err) || firstset.ErrorCode(err) == firstset.ECONFLICT {
			s.renderConsortium(w, r, http.StatusUnprocessableEntity, caseForm{Name: "join", Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.ConsortiumJoinFields...)}, 0)
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/consortium", m.InstitutionName+"自 "+m.JoinedOn.String()+" 起为共保体成员，可报送保单数据。")
}
