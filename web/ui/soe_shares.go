package ui

import (
	"net/http"
	"strconv"

	"firstset"
	"firstset/date"
	"firstset/web/httpx"
)

type soeSharesPage struct {
	Period string
	Shares []*firstset.SOEShare
}

// handleSOEShares shows each SOE's first-set share of its equipment
// procurement in ?period=, the current quarter unless asked, with its
// assessment-list entries (业绩考核事项清单).
func (s *Handler) handleSOEShares(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckReadShares(httpx.ActorOf(r))) {
		return
	}
	q := httpx.NewQueryReader(r)
	period := q.Text("period", "期间", 10)
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	if period == "" {
		y, m, _ := date.Today().Parts()
		period = strconv.Itoa(y) + "Q" + strconv.Itoa((int(m)-1)/3+1)
	}
	list, err := s.Procurements.SOEShares(r.Context(), period)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "soe_shares", "国有企业首台（套）采购占比", soeSharesPage{Period: period, Shares: list})
}
