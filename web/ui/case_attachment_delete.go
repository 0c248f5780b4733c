package ui

import (
	"firstset/web/httpx"
	"net/http"
)

// handleCaseAttachmentDelete takes an attachment off a draft or a
// returned case.
func (s *Handler) handleCaseAttachmentDelete(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadCase(w, r)
	if !ok {
		return
	}
	_, aid, err := httpx.AttachmentPath(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if err := s.Cases.RemoveAttachment(r.Context(), v.ID, aid); err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, casePath(v.ID)+"#materials", "材料已删除。")
}
