package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

type launchListPage struct {
	Events []*firstset.LaunchEvent
	// Plan offers the planning form with the ranked candidates and the
	// rule that ranks them.
	Plan       bool
	Candidates []*firstset.LaunchCandidate
	Rule       string
	Posted     caseForm
	// Chosen are the products ticked when the form comes back with errors.
	Chosen map[string]bool
}

// handleLaunchList lists the launch events the viewer may see; reviewers
// plan the year's here.
func (s *Handler) handleLaunchList(w http.ResponseWriter, r *http.Request) {
	s.renderLaunchList(w, r, http.StatusOK, caseForm{})
}

func (s *Handler) renderLaunchList(w http.ResponseWriter, r *http.Request, status int, posted caseForm) {
	if !s.requireLogin(w, r) {
		return
	}
	list, err := s.Launch.FindLaunchEvents(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	page := launchListPage{Events: list, Plan: firstset.CanPlanLaunch(httpx.ActorOf(r)), Rule: firstset.LaunchMeritRule,
		Posted: posted, Chosen: map[string]bool{}}
	if page.Plan {
		if page.Candidates, err = s.Launch.LaunchCandidates(r.Context(), 100); err != nil {
			s.ServeError(w, r, err)
			return
		}
	}
	for _, id := range posted.Values["product_ids"] {
		page.Chosen[id] = true
	}
	s.render(w, r, status, "launch_list", "新产品发布会", page)
}
