package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiObjectionList lists objections for reviewers; open=1 the open ones.
func (s *Handler) apiObjectionList(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	open := q.Choice("open", "未答复", func(v string) bool { return v == "0" || v == "1" }, []string{"0", "1"}) == "1"
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, err := s.Recognition.Objections(r.Context(), open)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if list == nil {
		list = []*firstset.Objection{}
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.Objection]{Items: list, Total: len(list)})
}
