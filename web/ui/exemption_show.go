package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

type exemptionPage struct {
	Exemption  *firstset.Exemption
	Conditions []exemptionConditionRow
	Decide     bool
	Posted     caseForm
}

type exemptionConditionRow struct {
	Label string
	Met   bool
}

// handleExemptionShow shows a request with the buyer's checklist; its
// regulator also decides it here.
func (s *Handler) handleExemptionShow(w http.ResponseWriter, r *http.Request) {
	e, ok := httpx.LoadByID(s.Base, w, r, nil, s.Exemptions.FindExemptionByID)
	if !ok {
		return
	}
	s.renderExemption(w, r, http.StatusOK, e, caseForm{})
}

func (s *Handler) renderExemption(w http.ResponseWriter, r *http.Request, status int, e *firstset.Exemption, posted caseForm) {
	p := exemptionPage{Exemption: e, Posted: posted,
		Decide: e.Status == firstset.ExemptionSubmitted && firstset.CanDecideExemption(httpx.ActorOf(r), e)}
	for _, c := range firstset.ExemptionConditions {
		p.Conditions = append(p.Conditions, exemptionConditionRow{Label: c.Label, Met: e.Conditions[c.Key]})
	}
	s.render(w, r, status, "exemption_show", "容错免责申请 "+e.Number, p)
}
