package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiComplaintList lists the complaints the caller may see: an enterprise
// its own, a buyer those about its tenders, the supervisor all (?open=1
// for those waiting, by time limit).
func (s *Handler) apiComplaintList(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	f := q.ComplaintFilter()
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Complaints.FindComplaints(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.Complaint]{Items: list, Total: total})
}
