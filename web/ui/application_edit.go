package ui

import (
	"fmt"
	"net/http"
	"net/url"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleApplicationEdit shows a draft's or a returned application's data
// in its form, for the applicant to change.
func (s *Handler) handleApplicationEdit(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadApplicationToEdit(w, r)
	if !ok {
		return
	}
	s.renderApplicationEdit(w, r, http.StatusOK, v, applicationValues(v), forms.Errors{})
}

// handleApplicationUpdate saves the changed data and recomputes the
// engine's maximum; the case page shows the result.
func (s *Handler) handleApplicationUpdate(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadApplicationToEdit(w, r)
	if !ok {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := forms.ApplicationInputFrom(r.PostForm, v.Kind, &problems)
	in.RoundID, in.ProductID = v.RoundID, v.ProductID // fixed: the form's hidden fields are not trusted
	err := problems.Err()
	var saved *firstset.ApplicationView
	if err == nil {
		saved, err = s.Incentives.UpdateApplication(r.Context(), v.ID, in)
	}
	if forms.IsFormError(err) {
		s.renderApplicationEdit(w, r, http.StatusUnprocessableEntity, v, r.PostForm, forms.NewErrors(err, forms.ApplicationFields...))
		return
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, fmt.Sprintf("/cases/%d", saved.ID),
		fmt.Sprintf("申请 %s 已保存，重新测算上限 %s 元。", saved.Number, saved.MaxAmount.Grouped()))
}

// loadApplicationToEdit reads the path's application for its applicant
// while its data may change; anyone else is answered as the services
// answer them.
func (s *Handler) loadApplicationToEdit(w http.ResponseWriter, r *http.Request) (*firstset.ApplicationView, bool) {
	if !s.requireLogin(w, r) {
		return nil, false
	}
	v, ok := httpx.LoadByID(s.Base, w, r, nil, s.Incentives.Application)
	if !ok {
		return nil, false
	}
	if err := editableApplication(httpx.ActorOf(r), v); err != nil {
		s.ServeError(w, r, err)
		return nil, false
	}
	return v, true
}

// editableApplication is the refusal of changing v's data by a, if any:
// its applicant changes a draft or a returned one, not one made from an
// insurer's data.
func editableApplication(a *firstset.Actor, v *firstset.ApplicationView) error {
	if firstset.CaseParty(a, v.CaseView.Case, false) != "applicant" {
		return firstset.Errorf(firstset.EFORBIDDEN, "只有申请单位可以修改申请信息。")
	}
	if v.Stage != "draft" && v.Stage != "returned" {
		return firstset.Errorf(firstset.EWRONGSTAGE, "申请已提交，只有草稿或退回补正的申请可以修改。")
	}
	if v.OfferID != 0 {
		return firstset.Errorf(firstset.ECONFLICT, "本申请由保险机构报送的保单数据生成（免申即享），数据以保险机构报送为准。")
	}
	return nil
}

func (s *Handler) renderApplicationEdit(w http.ResponseWriter, r *http.Request, status int, v *firstset.ApplicationView, values url.Values, errs forms.Errors) {
	prod, err := s.Products.FindProductByID(r.Context(), v.ProductID)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.render(w, r, status, "application_form", "修改"+firstset.IncentiveLabel(v.Kind)+"申请",
		applicationForm{Round: v.Round, Product: prod, Values: values, Rows: policyRows(), Errors: errs, Edit: v})
}

// applicationValues fills the form from the stored application.
func applicationValues(v *firstset.ApplicationView) url.Values {
	out := url.Values{}
	if !v.ContractDate.IsZero() {
		out.Set("contract_date", v.ContractDate.String())
	}
	if v.ContractPaid != 0 {
		out.Set("paid_yuan", v.ContractPaid.String())
	}
	out.Set("buyer_name", v.BuyerName)
	out.Set("buyer_credit_code", v.BuyerCreditCode)
	for i, y := range v.PolicyYears {
		if i >= forms.PolicyRows {
			break
		}
		at := func(f string) string { return fmt.Sprintf("policy_years[%d].%s", i, f) }
		out.Set(at("start"), y.Start.String())
		out.Set(at("end"), y.End.String())
		out.Set(at("insured_amount_yuan"), y.InsuredAmount.String())
		out.Set(at("premium_yuan"), y.Premium.String())
		if y.Claim {
			out.Set(at("claim"), "1")
		}
	}
	return out
}
