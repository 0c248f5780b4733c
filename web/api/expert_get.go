package api

import (
	"net/http"

	"firstset/web/httpx"
)

func (s *Handler) apiExpertGet(w http.ResponseWriter, r *http.Request) {
	e, ok := httpx.LoadByID(s.Base, w, r, nil, s.Recognition.Expert)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, e)
}
