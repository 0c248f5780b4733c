package api

import (
	"net/http"

	"firstset/web/httpx"
)

// apiRoundPublication is a published catalog batch, public.
func (s *Handler) apiRoundPublication(w http.ResponseWriter, r *http.Request) {
	pub, ok := httpx.LoadByID(s.Base, w, r, nil, s.Recognition.Publication)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, pub)
}
