package ui

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"firstset"
	"firstset/web/httpx"
)

type programmePage struct {
	Programme *firstset.Programme
	Kinds     []firstset.ProgrammeKind
	Manage    bool
	Posted    caseForm
}

// handleProgrammeShow shows an entry with its members and products to
// everyone; reviewers edit it here.
func (s *Handler) handleProgrammeShow(w http.ResponseWriter, r *http.Request) {
	p, ok := httpx.LoadByID(s.Base, w, r, nil, s.Programmes.FindProgrammeByID)
	if !ok {
		return
	}
	s.renderProgramme(w, r, http.StatusOK, p, caseForm{})
}

func (s *Handler) renderProgramme(w http.ResponseWriter, r *http.Request, status int, p *firstset.Programme, posted caseForm) {
	page := programmePage{Programme: p, Kinds: firstset.ProgrammeKinds, Manage: firstset.CanManageProgrammes(httpx.ActorOf(r)), Posted: posted}
	if page.Manage && posted.Values == nil {
		var ids []string
		for _, x := range p.Products {
			ids = append(ids, httpx.Itoa(x.ID))
		}
		active := ""
		if p.Active {
			active = "1"
		}
		page.Posted.Values = url.Values{"kind": {string(p.Kind)}, "name": {p.Name}, "year": {strconv.Itoa(p.Year)}, "lead": {p.Lead},
			"description": {p.Description}, "members": {strings.Join(p.Members, "\n")}, "product_ids": {strings.Join(ids, ", ")},
			"active": {active}}
	}
	s.render(w, r, status, "programme_show", p.Name, page)
}
