package api

import (
	"net/http"

	"firstset/web/httpx"
)

func (s *Handler) apiComplaintGet(w http.ResponseWriter, r *http.Request) {
	c, ok := httpx.LoadByID(s.Base, w, r, nil, s.Complaints.FindComplaintByID)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, c)
}
