package ui

import (
	"net/http"

	"firstset/web/ui/forms"
)

// handleCaseUpdate saves the declaration's texts of a draft or a returned
// case.
func (s *Handler) handleCaseUpdate(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadCase(w, r)
	if !ok {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	_, err := s.Recognition.UpdateDeclaration(r.Context(), v.ID, forms.DeclarationInputFrom(r.PostForm))
	if s.caseFormError(w, r, v, "texts", r.PostForm, err, forms.DeclarationFields...) {
		return
	}
	s.redirectWithFlash(w, r, casePath(v.ID)+"#declaration", "申报内容已保存。")
}
