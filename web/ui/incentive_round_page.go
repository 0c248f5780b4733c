package ui

import (
	"net/http"
	"net/url"
	"strings"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// incentiveRoundPage is a round's page: its budget, dates and state; for
// the city's staff its applications and allocation with the reviewer's
// and finance's forms; for an applicant the products it may apply for.
type incentiveRoundPage struct {
	Round       *firstset.IncentiveRound
	KindLabel   string
	MethodLabel string
	StatusLabel string
	// Staff see the applications and the allocation.
	Staff        bool
	Applications []*firstset.ApplicationView
	Allocation   *firstset.AllocationResult
	// Allocate offers the reviewer's allocation; Decide finance's approval.
	Allocate bool
	Decide   bool
	// Apply offers the viewer's products to apply with; Query is the
	// buyer's catalog search.
	Apply    bool
	Products []applyChoice
	Query    string
	Open     bool
	Results  bool
	Posted   caseForm
}

// applyChoice is a product the viewer may apply for in the round.
type applyChoice struct {
	ID         int64
	Name       string
	Model      string
	Enterprise string
}

func (s *Handler) loadIncentiveRound(w http.ResponseWriter, r *http.Request) (*firstset.IncentiveRound, bool) {
	if !s.requireLogin(w, r) {
		return nil, false
	}
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return nil, false
	}
	rd, err := s.Incentives.IncentiveRound(r.Context(), id)
	if err != nil {
		s.ServeError(w, r, err)
		return nil, false
	}
	return rd, true
}

// renderIncentiveRound shows round rd with posted (if any) refused.
func (s *Handler) renderIncentiveRound(w http.ResponseWriter, r *http.Request, status int, rd *firstset.IncentiveRound, posted caseForm) {
	ctx := r.Context()
	actor := httpx.ActorOf(r)
	p := incentiveRoundPage{Round: rd, KindLabel: firstset.IncentiveLabel(rd.Kind), MethodLabel: firstset.MethodLabel(rd.Method),
		StatusLabel: firstset.RoundStatusLabel(rd.Status), Posted: posted, Results: rd.Status == firstset.RoundApproved}
	open, err := s.Incentives.IncentiveRounds(ctx, firstset.IncentiveRoundFilter{Kind: rd.Kind, OpenNow: true})
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	for _, o := range open {
		p.Open = p.Open || o.ID == rd.ID
	}
	if firstset.CheckReadAllocation(actor) == nil {
		p.Staff = true
		list, _, err := s.Incentives.Applications(ctx, firstset.ApplicationFilter{IncentiveRoundID: rd.ID,
			CaseFilter: firstset.CaseFilter{Limit: 500}})
		if err != nil {
			s.ServeError(w, r, err)
			return
		}
		p.Applications = list
		if rd.FrozenAt != nil {
			if p.Allocation, err = s.Incentives.Allocation(ctx, rd.ID); err != nil {
				s.ServeError(w, r, err)
				return
			}
		}
		p.Allocate = firstset.CheckAllocate(actor) == nil && rd.Status != firstset.RoundApproved && !p.Open
		p.Decide = firstset.CheckManageIncentiveRounds(actor) == nil && rd.Status == firstset.RoundProposed
	}
	if p.Open && firstset.CheckApply(actor, rd.Kind) == nil {
		p.Apply = true
		if rd.Kind == firstset.IncentiveSubsidy {
			list, _, err := s.Products.FindProducts(ctx, firstset.ProductFilter{Status: firstset.StatusRecognised, Limit: 200})
			if err != nil {
				s.ServeError(w, r, err)
				return
			}
			for _, prod := range list {
				p.Products = append(p.Products, applyChoice{ID: prod.ID, Name: prod.Name, Model: prod.Model, Enterprise: prod.EnterpriseName})
			}
		} else if p.Query = strings.TrimSpace(r.URL.Query().Get("q")); p.Query != "" {
			page, err := s.Products.SearchCatalog(ctx, firstset.CatalogQuery{Query: p.Query, Limit: 20})
			if err != nil {
				s.ServeError(w, r, err)
				return
			}
			for _, it := range page.Items {
				p.Products = append(p.Products, applyChoice{ID: it.ID, Name: it.Name, Model: it.Model, Enterprise: it.Enterprise})
			}
		}
	}
	s.render(w, r, status, "incentive_round_show", rd.Title, p)
}

// incentiveRoundFormError renders the round page again for a refused
// form, or answers an error that is not about the input; it reports
// whether it answered.
func (s *Handler) incentiveRoundFormError(w http.ResponseWriter, r *http.Request, rd *firstset.IncentiveRound, name string,
	values url.Values, err error, known ...string) bool {
	if err == nil {
		return false
	}
	if !forms.IsFormError(err) && firstset.ErrorCode(err) != firstset.EWRONGSTAGE && firstset.ErrorCode(err) != firstset.ECONFLICT {
		s.ServeError(w, r, err)
		return true
	}
	status := http.StatusUnprocessableEntity
	if !forms.IsFormError(err) {
		status = http.StatusConflict
	}
	s.renderIncentiveRound(w, r, status, rd, caseForm{Name: name, Values: values, Errors: forms.NewErrors(err, known...)})
	return true
}
