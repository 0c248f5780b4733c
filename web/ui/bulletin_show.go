package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

type bulletinPage struct {
	Bulletin *firstset.Bulletin
	Charts   []int
	Issue    bool
	Posted   caseForm
}

// bulletinCharts is how many charts a bulletin's page shows: the bulletin
// draws its charts in this order (by project kind, by district, by
// method); a chart it lacks answers 404 and is left out by the page.
const bulletinCharts = 3

// handleBulletinShow shows a bulletin with its charts and downloads; a
// draft also shows the form issuing it.
func (s *Handler) handleBulletinShow(w http.ResponseWriter, r *http.Request) {
	b, ok := httpx.LoadByID(s.Base, w, r, nil, s.Bulletins.FindBulletinByID)
	if !ok {
		return
	}
	s.renderBulletin(w, r, http.StatusOK, b, caseForm{})
}

func (s *Handler) renderBulletin(w http.ResponseWriter, r *http.Request, status int, b *firstset.Bulletin, posted caseForm) {
	p := bulletinPage{Bulletin: b, Posted: posted,
		Issue: b.Status == firstset.BulletinDraft && firstset.CanComposeBulletin(httpx.ActorOf(r))}
	for n := range bulletinCharts {
		if _, err := s.Bulletins.BulletinChart(r.Context(), b.ID, n); err == nil {
			p.Charts = append(p.Charts, n)
		}
	}
	s.render(w, r, status, "bulletin_show", b.Title, p)
}
