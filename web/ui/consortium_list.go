package ui

import (
	"net/http"

	"firstset"
	"firstset/date"
	"firstset/web/httpx"
)

type consortiumPage struct {
	Stays []*firstset.ConsortiumMembership
	// Insurers are the insurers a manager may enrol; nil for others.
	Insurers []*firstset.Institution
	Manage   bool
	Today    string
	Posted   caseForm
	// PostedStay is the stay whose leaving form was posted.
	PostedStay int64
}

// handleConsortiumList shows the consortium's stays (共保体, 能进能出);
// the city's departments enrol insurers and record their leaving here.
func (s *Handler) handleConsortiumList(w http.ResponseWriter, r *http.Request) {
	s.renderConsortium(w, r, http.StatusOK, caseForm{}, 0)
}

func (s *Handler) renderConsortium(w http.ResponseWriter, r *http.Request, status int, posted caseForm, stay int64) {
	if !s.requireLogin(w, r) {
		return
	}
	stays, err := s.Insurance.ConsortiumMemberships(r.Context(), 0)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	a := httpx.ActorOf(r)
	page := consortiumPage{Stays: stays, Manage: firstset.CheckManageInsurers(a) == nil, Posted: posted, PostedStay: stay,
		Today: date.Today().String()}
	if page.Manage && firstset.CheckListInstitutions(a) == nil {
		if page.Insurers, _, err = s.Institutions.FindInstitutions(r.Context(), firstset.InstitutionFilter{Kind: firstset.InstitutionInsurer, Limit: 500}); err != nil {
			s.ServeError(w, r, err)
			return
		}
	}
	s.render(w, r, status, "consortium_list", "首台（套）保险共保体", page)
}
