package service

import (
	"context"
	"errors"
	"slices"
	"strings"

	"firstset"
	"firstset/cases"
	"firstset/date"
	"firstset/money"
)

// Financing takes enterprises' financing requests and the answers of the
// banks and leasing firms they share them with (2024 measures （七）, 2018
// opinions （十一））. The workflows are the state machines
// cases.FinancingRequest and cases.FinancingOffer.
type Financing struct{ *env }

var _ firstset.FinancingService = (*Financing)(nil)

// Bounds of a request and an offer.
const (
	maxFinancingProducts     = 20
	maxFinancingInstitutions = 20
	maxFinancingTermMonths   = 360
	// maxFinancingRate is the rate an offer must stay below: 100%.
	maxFinancingRate = money.Rate(100_00)
)

// RequestFinancing files an enterprise's request for its own products,
// shared with the banks and leasing firms it names, each of which gets a
// pending answer.
func (s *Financing) RequestFinancing(ctx context.Context, in firstset.FinancingRequestInput) (*firstset.FinancingRequest, error) {
	a := actor(ctx)
	if err := firstset.CheckRequestFinancing(a); err != nil {
		return nil, err
	}
	var p firstset.Problems
	if !in.Kind.Valid() {
		p.Add("kind", "invalid_kind", "融资方式须为 loan（贷款）、lease（融资租赁、以租代购）或 pledge（专利或应收账款质押）。")
	}
	if in.Amount <= 0 {
		p.Add("amount_yuan", "not_positive", "融资金额须大于 0 元。")
	}
	in.Purpose = strings.TrimSpace(in.Purpose)
	if in.Purpose == "" {
		p.Add("purpose", "required", "请填写融资用途。")
	} else {
		optionalLines(&p, "purpose", "融资用途", in.Purpose, 1000)
	}
	products, institutions := distinctIDs(in.ProductIDs), distinctIDs(in.InstitutionIDs)
	switch {
	case len(products) == 0:
		p.Add("product_ids", "required", "请至少选择一项本企业的装备。")
	case len(products) > maxFinancingProducts:
		p.Add("product_ids", "too_many", "一次融资需求最多涉及 %d 项装备。", maxFinancingProducts)
	}
	switch {
	case len(institutions) == 0:
		p.Add("institution_ids", "required", "请至少选择一家银行或融资租赁公司。")
	case len(institutions) > maxFinancingInstitutions:
		p.Add("institution_ids", "too_many", "一次最多向 %d 家机构发送融资需求。", maxFinancingInstitutions)
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	var r *firstset.FinancingRequest
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		r = &firstset.FinancingRequest{EnterpriseID: a.User.EnterpriseID, Kind: in.Kind, Amount: in.Amount,
			Purpose: in.Purpose, Status: firstset.FinancingStatus(cases.FinancingRequest.Start), CreatedBy: a.ID()}
		for _, id := range products {
			// Another enterprise's product reads as unknown: a request
			// never tells one maker of another's products.
			pr, err := tx.ProductByID(ctx, id)
			if isNotFound(err) || err == nil && pr.EnterpriseID != a.User.EnterpriseID {
				return firstset.FieldErrorf("product_ids", "unknown_product", "所选装备（编号 %d）不存在或不属于本企业。", id)
			}
			if err != nil {
				return err
			}
			r.ProductIDs = append(r.ProductIDs, pr.ID)
		}
		for _, id := range institutions {
			n, err := tx.InstitutionByID(ctx, id)
			if isNotFound(err) {
				return firstset.FieldErrorf("institution_ids", "unknown_institution", "所选金融机构（编号 %d）不存在。", id)
			}
			if err != nil {
				return err
			}
			if n.Kind != firstset.InstitutionBank && n.Kind != firstset.InstitutionLeasing {
				return firstset.FieldErrorf("institution_ids", "not_a_lender",
					"“%s”是%s，融资需求只能发送给银行或融资租赁公司。", n.Name, n.Kind.Label())
			}
			r.InstitutionIDs = append(r.InstitutionIDs, n.ID)
			r.Offers = append(r.Offers, &firstset.FinancingOffer{InstitutionID: n.ID,
				Status: firstset.FinancingOfferStatus(cases.FinancingOffer.Start)})
		}
		now := s.Now()
		r.CreatedAt, r.UpdatedAt = now, now
		for _, o := range r.Offers {
			o.CreatedAt, o.UpdatedAt = now, now
		}
		year := now.In(date.Shanghai).Year()
		seq, err := tx.NextCaseSeq(ctx, cases.FinancingRequest.Prefix, year)
		if err != nil {
			return err
		}
		r.Number = cases.Number(cases.FinancingRequest.Prefix, year, seq)
		if err := tx.CreateFinancingRequest(ctx, r); err != nil {
			return err
		}
		if r, err = tx.FinancingRequestByID(ctx, r.ID); err != nil {
			return err
		}
		return s.record(ctx, tx, "submit", "financing_request", r.ID, nil, financingOutline(r))
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// distinctIDs is ids without repeats, in their first order.
func distinctIDs(ids []int64) []int64 {
	var out []int64
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// financingOutline is what the audit keeps of a request.
func financingOutline(r *firstset.FinancingRequest) map[string]any {
	return map[string]any{"number": r.Number, "enterprise_id": r.EnterpriseID, "kind": r.Kind, "amount_yuan": r.Amount,
		"product_ids": r.ProductIDs, "institution_ids": r.InstitutionIDs, "status": r.Status,
		"accepted_offer_id": r.AcceptedOfferID, "reason": r.Reason}
}

// scoped is r as a shows it: an institution sees its own answer only.
func scoped(a *firstset.Actor, r *firstset.FinancingRequest) *firstset.FinancingRequest {
	if a.Role() != firstset.RoleInsurer {
		return r
	}
	c := *r
	c.Offers = nil
	if o := r.Offer(a.User.InstitutionID); o != nil {
		c.Offers = []*firstset.FinancingOffer{o}
	}
	return &c
}

// FindFinancingRequestByID returns a request to its enterprise (with every
// answer) and to the institutions it was shared with (with their own);
// ENOTFOUND to anyone else.
func (s *Financing) FindFinancingRequestByID(ctx context.Context, id int64) (*firstset.FinancingRequest, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeFinancingRead); err != nil {
		return nil, err
	}
	var r *firstset.FinancingRequest
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		r, err = tx.FinancingRequestByID(ctx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	if !firstset.SeesFinancing(a, r) {
		return nil, firstset.NotFound("融资需求")
	}
	return scoped(a, r), nil
}

// FindFinancingRequests lists an enterprise's own requests, or those
// shared with an institution (each with its own answer only).
func (s *Financing) FindFinancingRequests(ctx context.Context, f firstset.FinancingFilter) ([]*firstset.FinancingRequest, int, error) {
	a := actor(ctx)
	if err := firstset.CheckListFinancing(a); err != nil {
		return nil, 0, err
	}
	if f.Status != "" && !f.Status.Valid() {
		return nil, 0, firstset.FieldErrorf("status", "invalid_status", "状态须为 open、granted、withdrawn 或 closed。")
	}
	f.Offset, f.Limit = page(f.Offset, f.Limit, 20, 100)
	f.EnterpriseID, f.InstitutionID = 0, 0
	if a.Role() == firstset.RoleEnterprise {
		f.EnterpriseID, f.Awaiting = a.User.EnterpriseID, false
	} else {
		f.InstitutionID = a.User.InstitutionID
	}
	var list []*firstset.FinancingRequest
	var total int
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		list, total, err = tx.ListFinancingRequests(ctx, f)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	for i, r := range list {
		list[i] = scoped(a, r)
	}
	return list, total, nil
}

// actOnFinancing runs one party's action on request id: it reads the
// request for update, refuses who may not see it (404), a party that may
// not act (403) and a stage that does not allow it (409), then lets act
// change the request and its answers; the changed ones are written back.
func (s *Financing) actOnFinancing(ctx context.Context, id int64, party cases.Party,
	act func(tx firstset.Tx, a *firstset.Actor, r *firstset.FinancingRequest) (string, error)) (*firstset.FinancingRequest, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeFinancingWrite); err != nil {
		return nil, err
	}
	var r *firstset.FinancingRequest
	err = s.store.Update(ctx, func(tx firstset.Tx) error {
		old, err := tx.FinancingRequestByID(ctx, id)
		if err != nil {
			return err
		}
		if !firstset.SeesFinancing(a, old) {
			return firstset.NotFound("融资需求")
		}
		if err := firstset.CheckFinancingParty(a, party == cases.Lender); err != nil {
			return err
		}
		r, err = tx.FinancingRequestByID(ctx, id) // a copy act may change
		if err != nil {
			return err
		}
		before := map[int64]firstset.FinancingOffer{}
		for _, o := range r.Offers {
			before[o.ID] = *o
		}
		action, err := act(tx, a, r)
		if err != nil {
			return err
		}
		now := s.Now()
		for _, o := range r.Offers {
			if prev := before[o.ID]; *o != prev {
				o.UpdatedAt = now
				if err := tx.UpdateFinancingOffer(ctx, o, prev.Status); err != nil {
					return err
				}
			}
		}
		if r.Status != old.Status {
			r.UpdatedAt = now
			if err := tx.UpdateFinancingRequest(ctx, r, old.Status); err != nil {
				return err
			}
		}
		if r, err = tx.FinancingRequestByID(ctx, id); err != nil {
			return err
		}
		return s.record(ctx, tx, action, "financing_request", r.ID, financingAudit(old, a), financingAudit(r, a))
	})
	if err != nil {
		return nil, err
	}
	return scoped(a, r), nil
}

// financingAudit is what the audit keeps of a request as a changed it:
// the outline, with the answers a sees.
func financingAudit(r *firstset.FinancingRequest, a *firstset.Actor) map[string]any {
	out := financingOutline(r)
	var answers []map[string]any
	for _, o := range scoped(a, r).Offers {
		answers = append(answers, map[string]any{"id": o.ID, "institution_id": o.InstitutionID, "status": o.Status,
			"amount_yuan": o.Amount, "rate_percent": o.Rate, "term_months": o.TermMonths, "policy_number": o.PolicyNumber,
			"note": o.Note})
	}
	out["offers"] = answers
	return out
}

// decide asks kind k whether party may take action on a record at
// stage st, as the API's error.
func decide(k *cases.Kind, st string, action cases.Action, party cases.Party) (cases.Transition, error) {
	t, ref := k.Decide(cases.Stage(st), action, party)
	if ref != nil {
		return t, firstset.Errorf(ref.Code, "%s", ref.Message)
	}
	return t, nil
}

// lenderAction is a lender's action on its own answer to an open request.
func (s *Financing) lenderAction(ctx context.Context, id int64, action cases.Action,
	apply func(tx firstset.Tx, r *firstset.FinancingRequest, o *firstset.FinancingOffer) error) (*firstset.FinancingRequest, error) {
	return s.actOnFinancing(ctx, id, cases.Lender, func(tx firstset.Tx, a *firstset.Actor, r *firstset.FinancingRequest) (string, error) {
		o := r.Offer(a.User.InstitutionID)
		if o == nil {
			return "", firstset.NotFound("融资需求")
		}
		t, ref := cases.DecideFinancing(cases.Stage(r.Status), cases.Stage(o.Status), action, cases.Lender)
		if ref != nil {
			return "", firstset.Errorf(ref.Code, "%s", ref.Message)
		}
		if err := apply(tx, r, o); err != nil {
			return "", err
		}
		now := s.Now()
		o.Status, o.RespondedBy, o.RespondedAt = firstset.FinancingOfferStatus(t.To), a.ID(), &now
		return string(action), nil
	})
}

// ExpressFinancingInterest records a lender's interest, with whom the
// enterprise should contact.
func (s *Financing) ExpressFinancingInterest(ctx context.Context, id int64, in firstset.FinancingNote) (*firstset.FinancingRequest, error) {
	return s.lenderAction(ctx, id, cases.Interest, func(_ firstset.Tx, _ *firstset.FinancingRequest, o *firstset.FinancingOffer) error {
		note, err := requiredNote(in.Note, "请填写意向说明，如对接人和联系方式。", "意向说明")
		o.Note = note
		return err
	})
}

// DeclineFinancing records a lender's refusal with its reasons; when no
// other answer is left open, the request is closed.
func (s *Financing) DeclineFinancing(ctx context.Context, id int64, in firstset.FinancingNote) (*firstset.FinancingRequest, error) {
	return s.lenderAction(ctx, id, cases.Decline, func(_ firstset.Tx, r *firstset.FinancingRequest, o *firstset.FinancingOffer) error {
		note, err := requiredNote(in.Note, "请填写婉拒的原因。", "婉拒原因")
		if err != nil {
			return err
		}
		o.Note = note
		open := slices.ContainsFunc(r.Offers, func(x *firstset.FinancingOffer) bool { return x.ID != o.ID && x.Status.Open() })
		if !open {
			t, err := decide(cases.FinancingRequest, string(r.Status), cases.Close, cases.Lender)
			if err != nil {
				return err
			}
			r.Status = firstset.FinancingStatus(t.To)
		}
		return nil
	})
}

// requiredNote checks a required note of several lines.
func requiredNote(note, missing, label string) (string, error) {
	note = strings.TrimSpace(note)
	var p firstset.Problems
	if note == "" {
		p.Add("note", "required", "%s", missing)
	}
	optionalLines(&p, "note", label, note, 1000)
	return note, p.Err()
}

// OfferFinancing records a lender's offer, or changes it until the
// enterprise decides: the amount, the rate (two decimals, below 100%),
// the term, and for a loan guaranteed by insurance the policy on one of
// the request's products.
func (s *Financing) OfferFinancing(ctx context.Context, id int64, in firstset.FinancingOfferInput) (*firstset.FinancingRequest, error) {
	return s.lenderAction(ctx, id, cases.Offer, func(tx firstset.Tx, r *firstset.FinancingRequest, o *firstset.FinancingOffer) error {
		var p firstset.Problems
		if in.Amount <= 0 {
			p.Add("amount_yuan", "not_positive", "授信（融资）金额须大于 0 元。")
		}
		in.RatePercent = strings.TrimSpace(in.RatePercent)
		rate, err := money.ParseRate(in.RatePercent)
		var pe *money.ParseError
		switch {
		case in.RatePercent == "":
			p.Add("rate_percent", "required", "请填写年利率（%%），如 3.10。")
		case errors.As(err, &pe) && pe.Code == money.CodePrecision:
			p.Add("rate_percent", "invalid_rate", "年利率须保留两位小数，如 3.10。")
		case err != nil:
			p.Add("rate_percent", "invalid_rate", "年利率须为百分数，保留两位小数，如 3.10。")
		case rate <= 0 || rate >= maxFinancingRate:
			p.Add("rate_percent", "out_of_range", "年利率须大于 0 且小于 100（%%）。")
		}
		if in.TermMonths < 1 || in.TermMonths > maxFinancingTermMonths {
			p.Add("term_months", "out_of_range", "期限须为 1 至 %d 个月。", maxFinancingTermMonths)
		}
		in.PolicyNumber, in.Note = clean(in.PolicyNumber), strings.TrimSpace(in.Note)
		optionalText(&p, "policy_number", "保单号", in.PolicyNumber, 60)
		optionalLines(&p, "note", "报价说明", in.Note, 1000)
		if err := p.Err(); err != nil {
			return err
		}
		if in.PolicyNumber != "" {
			if err := insuredProduct(ctx, tx, r, in.PolicyNumber); err != nil {
				return err
			}
		}
		o.Amount, o.Rate, o.TermMonths, o.PolicyNumber, o.Note = in.Amount, rate, in.TermMonths, in.PolicyNumber, in.Note
		return nil
	})
}

// insuredProduct refuses a policy number that is not the current policy
// of one of r's products.
func insuredProduct(ctx context.Context, tx firstset.Tx, r *firstset.FinancingRequest, number string) error {
	for _, id := range r.ProductIDs {
		policies, err := tx.ProductPolicies(ctx, id)
		if err != nil {
			return err
		}
		if slices.ContainsFunc(policies, func(p *firstset.InsurancePolicy) bool { return p.PolicyNumber == number }) {
			return nil
		}
	}
	return firstset.FieldErrorf("policy_number", "unknown_policy", "保单 %s 不是本需求所涉装备的保单。", number)
}

// AcceptFinancingOffer accepts one offer: the request is granted, the
// other answers still open are lost.
func (s *Financing) AcceptFinancingOffer(ctx context.Context, id int64, in firstset.FinancingAccept) (*firstset.FinancingRequest, error) {
	return s.actOnFinancing(ctx, id, cases.Applicant, func(_ firstset.Tx, a *firstset.Actor, r *firstset.FinancingRequest) (string, error) {
		t, err := decide(cases.FinancingRequest, string(r.Status), cases.Accept, cases.Applicant)
		if err != nil {
			return "", err
		}
		if in.OfferID == 0 {
			return "", firstset.FieldErrorf("offer_id", "required", "请选择要采纳的报价。")
		}
		i := slices.IndexFunc(r.Offers, func(o *firstset.FinancingOffer) bool { return o.ID == in.OfferID })
		if i < 0 {
			return "", firstset.FieldErrorf("offer_id", "unknown_offer", "报价 %d 不是本需求的报价。", in.OfferID)
		}
		accepted := r.Offers[i]
		at, err := decide(cases.FinancingOffer, string(accepted.Status), cases.Accept, cases.Applicant)
		if err != nil {
			return "", firstset.FieldErrorf("offer_id", "not_offered", "%s%s，只能采纳已报价的答复。", accepted.InstitutionName, accepted.Status.Label())
		}
		accepted.Status = firstset.FinancingOfferStatus(at.To)
		if err := loseOpenAnswers(r); err != nil {
			return "", err
		}
		r.Status, r.AcceptedOfferID = firstset.FinancingStatus(t.To), accepted.ID
		return string(cases.Accept), nil
	})
}

// WithdrawFinancing takes an open request back, with the reasons; the
// answers still open are lost.
func (s *Financing) WithdrawFinancing(ctx context.Context, id int64, in firstset.FinancingNote) (*firstset.FinancingRequest, error) {
	return s.actOnFinancing(ctx, id, cases.Applicant, func(_ firstset.Tx, a *firstset.Actor, r *firstset.FinancingRequest) (string, error) {
		t, err := decide(cases.FinancingRequest, string(r.Status), cases.Withdraw, cases.Applicant)
		if err != nil {
			return "", err
		}
		note, err := requiredNote(in.Note, "请填写撤回的原因。", "撤回原因")
		if err != nil {
			return "", err
		}
		if err := loseOpenAnswers(r); err != nil {
			return "", err
		}
		r.Status, r.Reason = firstset.FinancingStatus(t.To), note
		return string(cases.Withdraw), nil
	})
}

// loseOpenAnswers ends every answer of r still open: the request ended
// without them.
func loseOpenAnswers(r *firstset.FinancingRequest) error {
	for _, o := range r.Offers {
		if !o.Status.Open() {
			continue
		}
		t, err := decide(cases.FinancingOffer, string(o.Status), cases.Lose, cases.Applicant)
		if err != nil {
			return err
		}
		o.Status = firstset.FinancingOfferStatus(t.To)
	}
	return nil
}

// FinancingLenders lists the banks and leasing firms, for the enterprises
// that may share a request with them.
func (s *Financing) FinancingLenders(ctx context.Context) ([]*firstset.Institution, error) {
	if err := firstset.CheckRequestFinancing(actor(ctx)); err != nil {
		return nil, err
	}
	var out []*firstset.Institution
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		for _, k := range []firstset.InstitutionKind{firstset.InstitutionBank, firstset.InstitutionLeasing} {
			list, _, err := tx.ListInstitutions(ctx, firstset.InstitutionFilter{Kind: k, Limit: 500})
			if err != nil {
				return err
			}
			out = append(out, list...)
		}
		return nil
	})
	return out, err
}
