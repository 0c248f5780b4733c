package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiExpertList lists the expert pool (reviewers and administrators).
func (s *Handler) apiExpertList(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	page, per := q.Page(50)
	f := firstset.ExpertFilter{CategoryID: q.ID("category_id", "类别"), Query: q.Text("q", "搜索", firstset.MaxListQuery),
		ActiveOnly: q.Choice("active", "在库", func(v string) bool { return v == "0" || v == "1" }, []string{"0", "1"}) == "1",
		Offset:     (page - 1) * per, Limit: per}
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Recognition.Experts(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if list == nil {
		list = []*firstset.Expert{}
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.Expert]{Items: list, Total: total})
}
