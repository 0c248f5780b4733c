package ui

import (
	"net/http"
	"net/url"

	"firstset"
	"firstset/date"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// roundPage is a round's page: its dates, notice and checklist; for an
// enterprise user the declare form, for reviewers the publish form.
type roundPage struct {
	Round      *firstset.Round
	Today      date.Date
	Categories []string // the names of the categories it accepts; none for all
	// Declare offers the declare form, with the viewer's products.
	Declare  bool
	Products []*firstset.Product
	// Publish offers the publish form; Published links the batch.
	Publish   bool
	Published bool
	// Posted is the refused form ("declare", "publish"), its input and
	// errors.
	Posted caseForm
}

// renderRound shows round rd with posted (if any) refused.
func (s *Handler) renderRound(w http.ResponseWriter, r *http.Request, status int, rd *firstset.Round, posted caseForm) {
	ctx := r.Context()
	actor := httpx.ActorOf(r)
	p := roundPage{Round: rd, Today: date.Today(), Published: !rd.PublishedOn.IsZero(), Posted: posted}
	if len(rd.CategoryIDs) > 0 {
		cats, err := s.Products.Categories(ctx)
		if err != nil {
			s.ServeError(w, r, err)
			return
		}
		for _, c := range cats {
			if contains(rd.CategoryIDs, c.ID) {
				p.Categories = append(p.Categories, c.Name)
			}
		}
	}
	if actor.Role() == firstset.RoleEnterprise && firstset.CheckCaseWrite(actor) == nil && !p.Published {
		p.Declare = true
		list, _, err := s.Products.FindProducts(ctx, firstset.ProductFilter{Limit: 100})
		if err != nil {
			s.ServeError(w, r, err)
			return
		}
		for _, prod := range list {
			if prod.Status != firstset.StatusRecognised && rd.Accepts(prod.CategoryID) {
				p.Products = append(p.Products, prod)
			}
		}
	}
	p.Publish = !p.Published && firstset.CheckManageRecognition(actor) == nil
	s.render(w, r, status, "round_show", rd.Title, p)
}

// roundFormError renders the round page again for a refused form, or
// answers an error that is not about the input; it reports whether it
// answered.
func (s *Handler) roundFormError(w http.ResponseWriter, r *http.Request, rd *firstset.Round, name string,
	values url.Values, err error, known ...string) bool {
	if err == nil {
		return false
	}
	if !forms.IsFormError(err) {
		s.ServeError(w, r, err)
		return true
	}
	s.renderRound(w, r, http.StatusUnprocessableEntity, rd, caseForm{Name: name, Values: values,
		Errors: forms.NewErrors(err, known...)})
	return true
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// loadRound reads the {id} round, answering the refusal and reporting
// false on failure.
func (s *Handler) loadRound(w http.ResponseWriter, r *http.Request) (*firstset.Round, bool) {
	return httpx.LoadByID(s.Base, w, r, nil, s.Recognition.Round)
}
