package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleInstitutionUpdate saves the institution form.
func (s *Handler) handleInstitutionUpdate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageInstitutions(httpx.ActorOf(r))) {
		return
	}
	n, ok := httpx.LoadByID(s.Base, w, r, nil, s.Institutions.FindInstitutionByID)
	if !ok {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	if _, err := s.Institutions.UpdateInstitution(r.Context(), n.ID, forms.InstitutionInputFrom(r.PostForm)); err != nil {
		if forms.IsFormError(err) || firstset.ErrorCode(err) == firstset.ECONFLICT {
			s.render(w, r, http.StatusUnprocessableEntity, "institution_form", "编辑机构",
				institutionForm{Institution: n, Values: r.PostForm, Errors: forms.NewErrors(err, forms.InstitutionFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/institutions", "机构信息已保存。")
}
