package ui

import (
	"net/http"
	"strings"

	"firstset/web/ui/forms"
)

// handleCaseDecline is a drawn expert declaring a conflict (回避); the
// platform draws a replacement, and the case is no longer theirs to see.
func (s *Handler) handleCaseDecline(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadCase(w, r)
	if !ok {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	_, err := s.Recognition.DeclineCase(r.Context(), v.ID, strings.TrimSpace(r.PostForm.Get("reason")))
	if s.caseFormError(w, r, v, "decline", r.PostForm, err, forms.DeclineFields...) {
		return
	}
	s.redirectWithFlash(w, r, "/cases", "已声明回避，系统已按原随机种子补抽专家。")
}
