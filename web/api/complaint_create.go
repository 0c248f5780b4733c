package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiComplaintCreate files a complaint about a tender document: an
// enterprise's own, or one the supervisor received in writing.
func (s *Handler) apiComplaintCreate(w http.ResponseWriter, r *http.Request) {
	if err := firstset.CheckFileComplaint(httpx.ActorOf(r)); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.ComplaintInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	c, err := s.Complaints.FileComplaint(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, c)
}
