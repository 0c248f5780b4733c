package api

import (
	"net/http"

	"firstset/web/httpx"
)

// apiApplicationReplay recomputes an application's result with the
// engine of the version stored with it and says whether it is unchanged.
func (s *Handler) apiApplicationReplay(w http.ResponseWriter, r *http.Request) {
	res, ok := httpx.LoadByID(s.Base, w, r, nil, s.Incentives.Replay)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, res)
}
