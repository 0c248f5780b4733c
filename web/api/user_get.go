package api

import (
	"net/http"

	"firstset/web/httpx"
)

func (s *Handler) apiUserGet(w http.ResponseWriter, r *http.Request) {
	u, ok := httpx.LoadByID(s.Base, w, r, nil, s.Users.FindUserByID)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, u)
}
