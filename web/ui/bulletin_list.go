package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

type bulletinListPage struct {
	Bulletins []*firstset.Bulletin
	Total     int
	Compose   bool
	Posted    caseForm
}

// handleBulletinList lists the bulletins the viewer may see; reviewers
// and the regulator also compose one here.
func (s *Handler) handleBulletinList(w http.ResponseWriter, r *http.Request) {
	s.renderBulletins(w, r, http.StatusOK, caseForm{})
}

func (s *Handler) renderBulletins(w http.ResponseWriter, r *http.Request, status int, posted caseForm) {
	q := httpx.NewQueryReader(r)
	page, per := q.Page(20)
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Bulletins.FindBulletins(r.Context(), firstset.BulletinFilter{Offset: (page - 1) * per, Limit: per})
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.render(w, r, status, "bulletin_list", "定期通报", bulletinListPage{Bulletins: list, Total: total,
		Compose: firstset.CanComposeBulletin(httpx.ActorOf(r)), Posted: posted})
}
