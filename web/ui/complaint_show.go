package ui

import (
	"encoding/json"
	"net/http"

	"firstset"
	"firstset/cases"
	"firstset/tender"
	"firstset/web/httpx"
)

type complaintPage struct {
	Complaint *firstset.Complaint
	// Findings are the checker's findings on the quoted clauses, as filed.
	Findings []complaintFinding
	// Actions are those the viewer may take now; Handle is set for the
	// supervisor, who may also link the buyer and its saved checks.
	Actions []cases.Transition
	Handle  bool
	Buyers  []*firstset.Buyer
	Checks  []*firstset.TenderCheck
	// Check is the linked saved check, when the viewer may open it.
	Check  *firstset.TenderCheck
	Posted caseForm
}

type complaintFinding struct {
	Rule       string `json:"rule"`
	Line       int    `json:"line"`
	Quote      string `json:"quote"`
	Suggestion string `json:"suggestion"`
	FirstSet   string `json:"first_set"`
}

// Title is the rule's Chinese name.
func (f complaintFinding) Title() string { return tender.RuleID(f.Rule).Title() }

// handleComplaintShow shows a complaint with the checker's reading of the
// quoted clauses; the supervisor handles it here, the maker withdraws it.
func (s *Handler) handleComplaintShow(w http.ResponseWriter, r *http.Request) {
	c, ok := httpx.LoadByID(s.Base, w, r, nil, s.Complaints.FindComplaintByID)
	if !ok {
		return
	}
	s.renderComplaint(w, r, http.StatusOK, c, caseForm{})
}

func (s *Handler) renderComplaint(w http.ResponseWriter, r *http.Request, status int, c *firstset.Complaint, posted caseForm) {
	a := httpx.ActorOf(r)
	p := complaintPage{Complaint: c, Posted: posted, Handle: firstset.CanHandleComplaint(a)}
	if len(c.ClauseReport) > 0 {
		var rep struct {
			Findings []complaintFinding `json:"findings"`
		}
		if err := json.Unmarshal(c.ClauseReport, &rep); err != nil {
			s.ServeError(w, r, err)
			return
		}
		p.Findings = rep.Findings
	}
	party := cases.Party("")
	switch {
	case p.Handle:
		party = cases.Supervisor
	case firstset.CanWithdrawComplaint(a, c):
		party = cases.Applicant
	}
	if party != "" {
		p.Actions = cases.Complaint.ActionsFor(cases.Stage(c.Status), party)
	}
	var err error
	if p.Handle && c.Status.Open() {
		if c.BuyerID == 0 {
			p.Buyers, _, err = s.Buyers.FindBuyers(r.Context(), firstset.BuyerFilter{Limit: 500})
		} else if c.TenderCheckID == 0 {
			p.Checks, _, err = s.TenderChecks.FindTenderChecks(r.Context(), firstset.TenderCheckFilter{BuyerID: c.BuyerID, Limit: 100})
		}
		if err != nil {
			s.ServeError(w, r, err)
			return
		}
	}
	if c.TenderCheckID != 0 && firstset.CanListTenderChecks(a) {
		tc, err := s.TenderChecks.FindTenderCheckByID(r.Context(), c.TenderCheckID)
		if err == nil {
			p.Check = tc
		} else if firstset.ErrorCode(err) != firstset.ENOTFOUND {
			s.ServeError(w, r, err)
			return
		}
	}
	s.render(w, r, status, "complaint_show", "招标投诉 "+c.Number, p)
}
