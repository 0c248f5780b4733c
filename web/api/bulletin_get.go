package api

import (
	"net/http"

	"firstset/web/httpx"
)

func (s *Handler) apiBulletinGet(w http.ResponseWriter, r *http.Request) {
	b, ok := httpx.LoadByID(s.Base, w, r, nil, s.Bulletins.FindBulletinByID)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, b)
}
