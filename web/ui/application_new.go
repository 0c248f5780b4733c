package ui

import (
	"net/http"
	"net/url"
	"strconv"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// applicationForm is the form that opens an application of a round for a
// product: the contract for a reward, the policy years for a subsidy.
type applicationForm struct {
	Round   *firstset.IncentiveRound
	Product *firstset.Product
	Values  url.Values
	Rows    []int
	Errors  forms.Errors
	// Edit is the application being changed, nil for a new one.
	Edit *firstset.ApplicationView
}

// Action is where the form posts.
func (f applicationForm) Action() string {
	if f.Edit != nil {
		return "/applications/" + strconv.FormatInt(f.Edit.ID, 10)
	}
	return "/applications"
}

// Value is the typed input of name.
func (f applicationForm) Value(name string) string { return f.Values.Get(name) }

// handleApplicationNew shows the application form for ?round_id=&product_id=.
func (s *Handler) handleApplicationNew(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	s.renderApplicationForm(w, r, http.StatusOK, r.URL.Query(), forms.Errors{})
}

func (s *Handler) renderApplicationForm(w http.ResponseWriter, r *http.Request, status int, values url.Values, errs forms.Errors) {
	var problems firstset.Problems
	q := forms.ApplicationInputFrom(values, "", &problems)
	if err := problems.Err(); err != nil || q.RoundID == 0 || q.ProductID == 0 {
		s.ServeError(w, r, firstset.Errorf(firstset.ENOTFOUND, "请从奖补批次页面选择要申请的装备。"))
		return
	}
	rd, err := s.Incentives.IncentiveRound(r.Context(), q.RoundID)
	if err == nil {
		err = firstset.CheckApply(httpx.ActorOf(r), rd.Kind)
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	prod, err := s.Products.FindProductByID(r.Context(), q.ProductID)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.render(w, r, status, "application_form", "申请"+firstset.IncentiveLabel(rd.Kind),
		applicationForm{Round: rd, Product: prod, Values: values, Rows: policyRows(), Errors: errs})
}

// policyRows numbers the policy-year rows of the form.
func policyRows() []int {
	rows := make([]int, forms.PolicyRows)
	for i := range rows {
		rows[i] = i
	}
	return rows
}
