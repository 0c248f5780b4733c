package ui

import (
	"net/http"
	"strconv"

	"firstset"
)

// handleCaseAttachmentDelete takes an attachment off a draft or a
// returned case.
func (s *Handler) handleCaseAttachmentDelete(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadCase(w, r)
	if !ok {
		return
	}
	aid, err := strconv.ParseInt(r.PathValue("aid"), 10, 64)
	if err != nil || aid <= 0 {
		s.ServeError(w, r, firstset.NotFound("材料"))
		return
	}
	if err := s.Cases.RemoveAttachment(r.Context(), v.ID, aid); err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, casePath(v.ID)+"#materials", "材料已删除。")
}
