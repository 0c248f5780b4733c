package web

import (
	"net/http"

	"firstset"
)

func (s *Server) apiProductRecognition(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	var in firstset.RecognitionInput
	if err := s.decodeJSON(r, &in); err != nil {
		s.serveError(w, r, err)
		return
	}
	p, err := s.opts.Products.SetRecognition(r.Context(), id, in)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, p)
}
