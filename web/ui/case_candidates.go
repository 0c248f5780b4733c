package ui

import (
	"encoding/json"
	"net/http"
	"strconv"

	"firstset/cases"
	"firstset/web/httpx"
)

// handleCaseCandidates sends the candidate list a draw for the case would
// draw from now, as the file `firstset experts draw` reads to recompute
// the draw offline.
func (s *Handler) handleCaseCandidates(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadCase(w, r)
	if !ok {
		return
	}
	d, err := s.Recognition.DrawCandidates(r.Context(), v.ID)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	body, err := json.MarshalIndent(cases.CandidateFile{Case: v.Number, CategoryID: v.CategoryID,
		CandidatesSHA256: d.CandidatesSHA256, Candidates: d.Candidates}, "", "  ")
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	body = append(body, '\n')
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Disposition", httpx.AttachmentDisposition(v.Number+"-candidates.json"))
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("Cache-Control", "private, no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}
