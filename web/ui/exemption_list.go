package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

type exemptionListPage struct {
	Exemptions []*firstset.Exemption
	Total      int
	Status     string
	// Request is set for a state-owned buyer: its purchases whose first
	// use failed, to ask about.
	Request    bool
	Failed     []*firstset.Procurement
	Conditions []firstset.ExemptionCondition
	Posted     caseForm
}

// handleExemptionList lists the exemption requests the viewer may see; a
// state-owned buyer also asks for one here.
func (s *Handler) handleExemptionList(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckListExemptions(httpx.ActorOf(r))) {
		return
	}
	s.renderExemptions(w, r, http.StatusOK, caseForm{})
}

func (s *Handler) renderExemptions(w http.ResponseWriter, r *http.Request, status int, posted caseForm) {
	q := httpx.NewQueryReader(r)
	page, per := q.Page(20)
	st := q.Choice("status", "状态", func(v string) bool { return firstset.ExemptionStatus(v).Valid() }, []string{"submitted", "granted", "refused"})
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Exemptions.FindExemptions(r.Context(), firstset.ExemptionFilter{Status: firstset.ExemptionStatus(st),
		Offset: (page - 1) * per, Limit: per})
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	p := exemptionListPage{Exemptions: list, Total: total, Status: st, Conditions: firstset.ExemptionConditions, Posted: posted}
	if a := httpx.ActorOf(r); firstset.CanRequestExemption(a) {
		b, err := s.Buyers.FindBuyerByID(r.Context(), a.User.BuyerID)
		if err != nil {
			s.ServeError(w, r, err)
			return
		}
		if p.Request = b.Kind.StateOwned(); p.Request {
			own, _, err := s.Procurements.FindProcurements(r.Context(), firstset.ProcurementFilter{BuyerID: b.ID, Limit: 500})
			if err != nil {
				s.ServeError(w, r, err)
				return
			}
			for _, x := range own {
				if x.UseStatus == firstset.UseFailed || x.UseStatus == firstset.UseStopped {
					p.Failed = append(p.Failed, x)
				}
			}
		}
	}
	s.render(w, r, status, "exemption_list", "容错免责", p)
}
