package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiBulletinList lists the bulletins the caller may see: drafts too for
// those who compose them, issued ones for those they are addressed to,
// public ones for everyone.
func (s *Handler) apiBulletinList(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	page, per := q.Page(20)
	f := firstset.BulletinFilter{Period: q.Text("period", "期间", 10), Offset: (page - 1) * per, Limit: per}
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Bulletins.FindBulletins(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.Bulletin]{Items: list, Total: total})
}
