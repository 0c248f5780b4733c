package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiComplaintAction is an action on a complaint: {"action":
// "accept|reject|uphold|dismiss|withdraw", "opinion", "tender_check_id"}.
func (s *Handler) apiComplaintAction(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.ComplaintActionInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	c, err := s.Complaints.ActOnComplaint(r.Context(), id, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, c)
}
