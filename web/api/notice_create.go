package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

func (s *Handler) apiNoticeCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.NoticeInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	n, err := s.Recognition.CreateNotice(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/notices/"+httpx.Itoa(n.ID))
	s.WriteJSON(w, r, http.StatusCreated, n)
}
