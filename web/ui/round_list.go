package ui

import (
	"net/http"

	"firstset"
	"firstset/date"
	"firstset/web/httpx"
)

type roundListPage struct {
	Rounds []*firstset.Round
	Today  date.Date
	// CanCreate offers the new round form (the city's reviewers).
	CanCreate bool
}

// handleRoundList lists the declaration rounds (申报批次); they are public.
func (s *Handler) handleRoundList(w http.ResponseWriter, r *http.Request) {
	list, err := s.Recognition.Rounds(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "round_list", "申报批次", roundListPage{Rounds: list, Today: date.Today(),
		CanCreate: firstset.CheckManageRecognition(httpx.ActorOf(r)) == nil})
}
