package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiTenderCheckCreate checks a buyer's tender document and keeps the
// check with its purchase record: a JSON object with the text, or a
// multipart form with the file (.txt, .docx, .html, .pdf with text).
func (s *Handler) apiTenderCheckCreate(w http.ResponseWriter, r *http.Request) {
	if err := firstset.CheckSaveTenderCheck(httpx.ActorOf(r)); err != nil {
		s.ServeError(w, r, err)
		return
	}
	in, err := s.ReadTenderCheckSave(r)
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	c, err := s.TenderChecks.SaveTenderCheck(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, c)
}
