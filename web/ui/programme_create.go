package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleProgrammeCreate adds an entry from the list page's form.
func (s *Handler) handleProgrammeCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageProgrammes(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	in, probs := forms.ProgrammeInputFrom(r.PostForm)
	err := probs.Err()
	var p *firstset.Programme
	if err == nil {
		p, err = s.Programmes.CreateProgramme(r.Context(), in)
	}
	if err != nil {
		if forms.IsFormError(err) {
			s.renderProgrammes(w, r, http.StatusUnprocessableEntity, caseForm{Name: "programme", Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.ProgrammeFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/programmes/"+httpx.Itoa(p.ID), "已添加“"+p.Name+"”（"+p.KindLabel+"），公众可以查看。")
}
