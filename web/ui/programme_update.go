package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleProgrammeUpdate saves the edit form of an entry.
func (s *Handler) handleProgrammeUpdate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageProgrammes(httpx.ActorOf(r))) {
		return
	}
	p, ok := httpx.LoadByID(s.Base, w, r, nil, s.Programmes.FindProgrammeByID)
	if !ok {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	in, probs := forms.ProgrammeInputFrom(r.PostForm)
	err := probs.Err()
	if err == nil {
		_, err = s.Programmes.UpdateProgramme(r.Context(), p.ID, in)
	}
	if err != nil {
		if forms.IsFormError(err) {
			s.renderProgramme(w, r, http.StatusUnprocessableEntity, p, caseForm{Name: "programme", Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.ProgrammeFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/programmes/"+httpx.Itoa(p.ID), "已保存。")
}
