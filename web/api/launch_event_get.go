package api

import (
	"net/http"

	"firstset/web/httpx"
)

func (s *Handler) apiLaunchEventGet(w http.ResponseWriter, r *http.Request) {
	e, ok := httpx.LoadByID(s.Base, w, r, nil, s.Launch.FindLaunchEventByID)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, e)
}
