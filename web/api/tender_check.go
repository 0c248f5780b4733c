package api

import (
	"net/http"
)

// apiTenderCheck checks an uploaded or posted tender document and answers
// with the checker's report, the same JSON as `firstset tender check --json`.
// The caller is authorised before the document is read, so a refused
// caller does not make the server parse an upload.
func (s *Handler) apiTenderCheck(w http.ResponseWriter, r *http.Request) {
	if s.Tender == nil {
		s.apiNotFound(w, r)
		return
	}
	if err := s.Tender.AuthorizeTenderCheck(r.Context()); err != nil {
		s.ServeError(w, r, err)
		return
	}
	sub, err := s.ReadTenderSubmission(r)
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	rep, err := s.Tender.CheckTender(r.Context(), sub.CheckInput())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, rep)
}
