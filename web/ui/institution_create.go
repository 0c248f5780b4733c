package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleInstitutionCreate registers an institution (administrators).
func (s *Handler) handleInstitutionCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageInstitutions(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	n, err := s.Institutions.CreateInstitution(r.Context(), forms.InstitutionInputFrom(r.PostForm))
	if err != nil {
		if forms.IsFormError(err) || firstset.ErrorCode(err) == firstset.ECONFLICT {
			s.renderInstitutions(w, r, http.StatusUnprocessableEntity, caseForm{Name: "institution", Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.InstitutionFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/institutions", "已登记"+n.KindLabel+"“"+n.Name+"”。请在用户管理中为其开通账号。")
}
