package ui

import "net/http"

// handleNotificationRead marks all the viewer's notifications read.
func (s *Handler) handleNotificationRead(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	if err := s.Cases.MarkRead(r.Context(), nil); err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/notifications", "全部消息已标为已读。")
}
