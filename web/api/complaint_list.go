package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// complaintStatusNames are the values of a listing's status filter.
var complaintStatusNames = func() []string {
	var out []string
	for _, st := range firstset.ComplaintStatuses {
		out = append(out, string(st))
	}
	return out
}()

// apiComplaintList lists the complaints the caller may see: an enterprise
// its own, a buyer those about its tenders, the supervisor all (?open=1
// for those waiting, by time limit).
func (s *Handler) apiComplaintList(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	page, per := q.Page(20)
	f := firstset.ComplaintFilter{
		Status: firstset.ComplaintStatus(q.Choice("status", "状态", func(v string) bool { return firstset.ComplaintStatus(v).Valid() },
			complaintStatusNames)),
		Open:   q.Flag("open", "待办"),
		Offset: (page - 1) * per, Limit: per,
	}
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
