package api

import (
	"net/http"
	"strconv"

	"firstset"
	"firstset/web/httpx"
)

// apiTenderCheckMark marks finding n of a saved check: {"status": "fixed" |
// "explained", "note"}.
func (s *Handler) apiTenderCheckMark(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		s.ServeError(w, r, firstset.NotFound("检查问题"))
		return
	}
	var in firstset.FindingMarkInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	c, err := s.TenderChecks.MarkFinding(r.Context(), id, n, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, c)
}
