package api

import (
	"net/http"

	"firstset/web/httpx"
)

// apiNoticeGet is a public notice (公示).
func (s *Handler) apiNoticeGet(w http.ResponseWriter, r *http.Request) {
	n, ok := httpx.LoadByID(s.Base, w, r, nil, s.Recognition.Notice)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, n)
}
