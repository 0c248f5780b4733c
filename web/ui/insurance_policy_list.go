package ui

import (
	"net/http"
	"net/url"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

type policyListPage struct {
	Policies   []*firstset.InsurancePolicy
	Pagination forms.Pagination
	// Submit offers the insurer's forms: a policy, a claim on one.
	Submit bool
	// NotMember is why an insurer may not send policies today.
	NotMember string
	// Products are the recognised products a policy may insure.
	Products []*firstset.Product
	Posted   caseForm
	// PostedPolicy is the policy whose claim form was refused.
	PostedPolicy string
}

// handleInsurancePolicyList lists the current policies the viewer may
// see: an insurer its own, with the forms to send a policy or a claim.
func (s *Handler) handleInsurancePolicyList(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	s.renderPolicies(w, r, http.StatusOK, caseForm{}, "")
}

func (s *Handler) renderPolicies(w http.ResponseWriter, r *http.Request, status int, posted caseForm, postedPolicy string) {
	q := httpx.NewQueryReader(r)
	page, per := q.Page(50)
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Insurance.Policies(r.Context(), firstset.PolicyFilter{Offset: (page - 1) * per, Limit: per})
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	p := policyListPage{Policies: list, Pagination: forms.NewPagination(r.URL, page, per, total), Posted: posted,
		PostedPolicy: postedPolicy}
	// An insurer outside the consortium is told why, not offered forms the
	// service would refuse.
	if firstset.CheckSubmitPolicies(httpx.ActorOf(r)) == nil {
		err := s.Insurance.CheckConsortiumMember(r.Context())
		switch {
		case err == nil:
			p.Submit = true
		case firstset.ErrorCode(err) == firstset.EFORBIDDEN:
			p.NotMember = firstset.ErrorMessage(err)
		default:
			s.ServeError(w, r, err)
			return
		}
	}
	if p.Submit {
		if p.Products, _, err = s.Products.FindProducts(r.Context(), firstset.ProductFilter{Status: firstset.StatusRecognised, Limit: 200}); err != nil {
			s.ServeError(w, r, err)
			return
		}
	}
	s.render(w, r, status, "insurance_policy_list", "保单数据", p)
}

// policyFormError renders the policies page again for a refused form, or
// answers an error not about the input; it reports whether it answered.
func (s *Handler) policyFormError(w http.ResponseWriter, r *http.Request, name, policy string, values url.Values, err error, known ...string) bool {
	if err == nil {
		return false
	}
	if !forms.IsFormError(err) {
		s.ServeError(w, r, err)
		return true
	}
	s.renderPolicies(w, r, http.StatusUnprocessableEntity, caseForm{Name: name, Values: values, Errors: forms.NewErrors(err, known...)}, policy)
	return true
}
