package ui

import (
	"net/http"
	"net/url"
	"strconv"

	"firstset"
	"firstset/date"
	"firstset/web/httpx"
)

type programmeListPage struct {
	Groups []programmeGroup
	Kind   string
	Kinds  []firstset.ProgrammeKind
	// Manage shows the form to add an entry.
	Manage bool
	Posted caseForm
	Year   int
}

// programmeGroup is one kind's entries.
type programmeGroup struct {
	Kind  firstset.ProgrammeKind
	Items []*firstset.Programme
}

// handleProgrammeList shows the bases, alliances and innovation catalog
// to everyone; reviewers add entries here.
func (s *Handler) handleProgrammeList(w http.ResponseWriter, r *http.Request) {
	s.renderProgrammes(w, r, http.StatusOK, caseForm{})
}

func (s *Handler) renderProgrammes(w http.ResponseWriter, r *http.Request, status int, posted caseForm) {
	q := httpx.NewQueryReader(r)
	f := q.ProgrammeFilter()
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	f.Limit = 500
	list, _, err := s.Programmes.FindProgrammes(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	p := programmeListPage{Kind: string(f.Kind), Kinds: firstset.ProgrammeKinds, Manage: firstset.CanManageProgrammes(httpx.ActorOf(r)),
		Posted: posted}
	for _, k := range firstset.ProgrammeKinds {
		g := programmeGroup{Kind: k}
		for _, x := range list {
			if x.Kind == k {
				g.Items = append(g.Items, x)
			}
		}
		if len(g.Items) > 0 {
			p.Groups = append(p.Groups, g)
		}
	}
	if posted.Values == nil {
		y, _, _ := date.Today().Parts()
		p.Posted.Values = url.Values{"year": {strconv.Itoa(y)}, "active": {"1"}}
	}
	s.render(w, r, status, "programme_list", "示范基地、联盟与创新目录", p)
}
