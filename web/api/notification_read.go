package api

import (
	"net/http"
)

type markRead struct {
	IDs []int64 `json:"ids"`
}

// apiNotificationRead marks the caller's notifications read: those ids,
// or all when none are given.
func (s *Handler) apiNotificationRead(w http.ResponseWriter, r *http.Request) {
	var in markRead
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	if err := s.Cases.MarkRead(r.Context(), in.IDs); err != nil {
		s.ServeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
