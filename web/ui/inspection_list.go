package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

type inspectionPage struct {
	Bodies     []*firstset.EvaluationBody
	Inspectors []*firstset.Inspector
	Draws      []*firstset.InspectionDraw
	Manage     bool
	Posted     caseForm
}

// handleInspectionList shows the evaluation bodies, the inspectors and the
// double-random draws; the reviewer registers and draws here.
func (s *Handler) handleInspectionList(w http.ResponseWriter, r *http.Request) {
	s.renderInspections(w, r, http.StatusOK, caseForm{})
}

func (s *Handler) renderInspections(w http.ResponseWriter, r *http.Request, status int, posted caseForm) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckReadInspections(httpx.ActorOf(r))) {
		return
	}
	page := inspectionPage{Manage: firstset.CheckManageInspections(httpx.ActorOf(r)) == nil, Posted: posted}
	var err error
	if page.Bodies, err = s.Inspections.EvaluationBodies(r.Context()); err == nil {
		if page.Inspectors, err = s.Inspections.Inspectors(r.Context()); err == nil {
			page.Draws, err = s.Inspections.InspectionDraws(r.Context())
		}
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.render(w, r, status, "inspection_list", "双随机抽查", page)
}
