package api

import (
	"net/http"

	"firstset/web/httpx"
)

// apiRecognitionCandidates is the candidate list a draw for the case would
// draw from now, for recomputing a draw offline.
func (s *Handler) apiRecognitionCandidates(w http.ResponseWriter, r *http.Request) {
	d, ok := httpx.LoadByID(s.Base, w, r, nil, s.Recognition.DrawCandidates)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, d)
}
