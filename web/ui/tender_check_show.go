package ui

import (
	"encoding/json"
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

type tenderCheckPage struct {
	Check    *firstset.TenderCheck
	Findings []tenderFindingRow
	Mark     bool
	Posted   caseForm
}

// tenderFindingRow is a finding of the stored report as the page shows it,
// with the buyer's mark.
type tenderFindingRow struct {
	N          int
	Line       int    `json:"line"`
	Quote      string `json:"quote"`
	Suggestion string `json:"suggestion"`
	Mark       *firstset.FindingMark
}

// handleTenderCheckShow shows a saved check's findings; its buyer marks
// them here.
func (s *Handler) handleTenderCheckShow(w http.ResponseWriter, r *http.Request) {
	c, ok := httpx.LoadByID(s.Base, w, r, nil, s.TenderChecks.FindTenderCheckByID)
	if !ok {
		return
	}
	s.renderTenderCheck(w, r, http.StatusOK, c, caseForm{})
}

func (s *Handler) renderTenderCheck(w http.ResponseWriter, r *http.Request, status int, c *firstset.TenderCheck, posted caseForm) {
	var rep struct {
		Findings []tenderFindingRow `json:"findings"`
	}
	if err := json.Unmarshal(c.Report, &rep); err != nil {
		s.ServeError(w, r, err)
		return
	}
	p := tenderCheckPage{Check: c, Posted: posted, Mark: firstset.CanMarkFindings(httpx.ActorOf(r), c)}
	for i, f := range rep.Findings {
		f.N = i + 1
		for j := range c.Marks {
			if c.Marks[j].N == f.N {
				f.Mark = &c.Marks[j]
			}
		}
		p.Findings = append(p.Findings, f)
	}
	s.render(w, r, status, "tender_check_show", c.Title, p)
}
