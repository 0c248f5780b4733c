package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

type institutionListPage struct {
	Institutions []*firstset.Institution
	Total        int
	Query        string
	Kind         firstset.InstitutionKind
	// Create offers the administrator's form.
	Create bool
	Posted caseForm
}

// handleInstitutionList lists the insurers, banks, leasing firms and funds
// the viewer may see; an administrator also registers them here.
func (s *Handler) handleInstitutionList(w http.ResponseWriter, r *http.Request) {
	s.renderInstitutions(w, r, http.StatusOK, caseForm{})
}

func (s *Handler) renderInstitutions(w http.ResponseWriter, r *http.Request, status int, posted caseForm) {
	if !s.requireLogin(w, r) {
		return
	}
	f, err := httpx.InstitutionQuery(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Institutions.FindInstitutions(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.render(w, r, status, "institution_list", "金融机构", institutionListPage{Institutions: list, Total: total,
		Query: f.Query, Kind: f.Kind, Create: firstset.CanManageInstitutions(httpx.ActorOf(r)), Posted: posted})
}
