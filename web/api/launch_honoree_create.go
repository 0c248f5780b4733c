package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiLaunchHonoreeCreate names one of a presented product's main R&D
// people: confirmed with its certificate when a reviewer posts it, pending
// when the enterprise does.
func (s *Handler) apiLaunchHonoreeCreate(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.HonoreeInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	h, err := s.Launch.AddHonoree(r.Context(), id, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, s.honoreeAnswer(r, h))
}

// honoreeAnswer gives the certificate's PDF its absolute address.
func (s *Handler) honoreeAnswer(r *http.Request, h *firstset.Honoree) *firstset.Honoree {
	if h.Certificate != nil {
		c := *h.Certificate
		c.PDFURL = s.AbsoluteURL(r, c.PDFURL)
		h.Certificate = &c
	}
	return h
}
