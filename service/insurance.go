package service

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"firstset"
	"firstset/cases"
	"firstset/date"
	"firstset/money"
	"firstset/plaintext"
	"firstset/policy"
)

// Insurance takes what insurers send (their policies and claims), keeps
// the consortium's membership, and offers premium subsidies computed from
// that data (免申即享): the enterprise only confirms.
type Insurance struct{ *env }

var _ firstset.InsuranceService = (*Insurance)(nil)

// JoinConsortium opens an insurer's stay in the consortium (共保体).
func (s *Insurance) JoinConsortium(ctx context.Context, in firstset.ConsortiumJoin) (*firstset.ConsortiumMembership, error) {
	a := actor(ctx)
	if err := firstset.CheckManageInsurers(a); err != nil {
		return nil, err
	}
	var p firstset.Problems
	if in.InstitutionID <= 0 {
		p.Add("institution_id", "required", "请选择加入共保体的保险机构。")
	}
	if in.JoinedOn.IsZero() {
		p.Add("joined_on", "required", "请填写加入共保体的日期。")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	m := &firstset.ConsortiumMembership{InstitutionID: in.InstitutionID, JoinedOn: in.JoinedOn}
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		n, err := tx.InstitutionByID(ctx, in.InstitutionID)
		if firstset.ErrorCode(err) == firstset.ENOTFOUND {
			return firstset.FieldErrorf("institution_id", "unknown_institution", "所选机构不存在。")
		}
		if err != nil {
			return err
		}
		if n.Kind != firstset.InstitutionInsurer {
			return firstset.FieldErrorf("institution_id", "not_insurer", "%s是%s，只有保险机构可以加入首台（套）保险共保体。", n.Name, n.KindLabel)
		}
		stays, err := tx.ListConsortiumMemberships(ctx, n.ID)
		if err != nil {
			return err
		}
		for _, st := range stays {
			if st.Open() {
				return &firstset.Error{Code: firstset.ECONFLICT, Field: "institution_id",
					Message: fmt.Sprintf("%s自 %s 起已是共保体成员，请先办理退出。", n.Name, st.JoinedOn)}
			}
			if in.JoinedOn.Before(st.LeftOn) {
				return firstset.FieldErrorf("joined_on", "overlap", "%s上次在共保体中至 %s 退出，再次加入的日期不能早于该日。", n.Name, st.LeftOn)
			}
		}
		m.InstitutionName = n.Name
		now := s.Now()
		m.CreatedAt, m.UpdatedAt = now, now
		if err := tx.CreateConsortiumMembership(ctx, m); err != nil {
			return err
		}
		return s.record(ctx, tx, "join", "consortium_membership", m.ID, nil, m)
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// LeaveConsortium ends an insurer's stay: from the leaving day on it may
// not send policies. The day is checked before the stay is read, so a
// request without one is refused as input whatever the stay's state.
func (s *Insurance) LeaveConsortium(ctx context.Context, id int64, in firstset.ConsortiumLeave) (*firstset.ConsortiumMembership, error) {
	a := actor(ctx)
	if err := firstset.CheckManageInsurers(a); err != nil {
		return nil, err
	}
	if in.LeftOn.IsZero() {
		return nil, firstset.FieldErrorf("left_on", "required", "请填写退出共保体的日期。")
	}
	var m *firstset.ConsortiumMembership
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		old, err := tx.ConsortiumMembershipByID(ctx, id)
		if err != nil {
			return err
		}
		if !old.Open() {
			return &firstset.Error{Code: firstset.ECONFLICT, Field: "left_on",
				Message: fmt.Sprintf("%s已于 %s 退出共保体。", old.InstitutionName, old.LeftOn)}
		}
		if !in.LeftOn.After(old.JoinedOn) {
			return firstset.FieldErrorf("left_on", "date_order", "退出日期 %s 应晚于加入日期 %s。", in.LeftOn, old.JoinedOn)
		}
		m = new(firstset.ConsortiumMembership)
		*m = *old
		m.LeftOn, m.UpdatedAt = in.LeftOn, s.Now()
		if err := tx.UpdateConsortiumMembership(ctx, m); err != nil {
			return err
		}
		return s.record(ctx, tx, "leave", "consortium_membership", m.ID, old, m)
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// ConsortiumMemberships lists the consortium's stays, for everyone logged
// in: who is a member is public to the platform's users.
func (s *Insurance) ConsortiumMemberships(ctx context.Context, institutionID int64) ([]*firstset.ConsortiumMembership, error) {
	if _, err := requireLogin(ctx); err != nil {
		return nil, err
	}
	var list []*firstset.ConsortiumMembership
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		list, err = tx.ListConsortiumMemberships(ctx, institutionID)
		return err
	})
	return list, err
}

// checkMember refuses an insurer user whose institution is not a member
// of the consortium today.
func (s *env) checkMember(ctx context.Context, tx firstset.Tx, a *firstset.Actor) error {
	notMember := firstset.Errorf(firstset.EFORBIDDEN, "贵机构不是首台（套）保险共保体成员，不能报送保单数据。")
	if a.User == nil || a.User.InstitutionID == 0 {
		return notMember
	}
	stays, err := tx.ListConsortiumMemberships(ctx, a.User.InstitutionID)
	if err != nil {
		return err
	}
	today := date.FromTime(s.Now())
	var last *firstset.ConsortiumMembership
	for _, m := range stays {
		if m.MemberOn(today) {
			return nil
		}
		last = m
	}
	switch {
	case last == nil:
		return notMember
	case !last.Open() && !today.Before(last.LeftOn):
		return firstset.Errorf(firstset.EFORBIDDEN, "贵机构已于 %s 退出首台（套）保险共保体，不能再报送保单数据。", last.LeftOn)
	default:
		return firstset.Errorf(firstset.EFORBIDDEN, "贵机构自 %s 起加入首台（套）保险共保体，此前不能报送保单数据。", last.JoinedOn)
	}
}

// CheckConsortiumMember says whether the caller may send policy data
// today, by the same rules SubmitPolicy and ReportClaim enforce.
func (s *Insurance) CheckConsortiumMember(ctx context.Context) error {
	a := actor(ctx)
	if err := firstset.CheckSubmitPolicies(a); err != nil {
		return err
	}
	return s.store.View(ctx, func(tx firstset.Tx) error { return s.checkMember(ctx, tx, a) })
}

// SubmitPolicy stores a policy an insurer sends; the same data again
// stores nothing, changed data is a new version. Open offers of the
// product are recomputed in the same transaction.
func (s *Insurance) SubmitPolicy(ctx context.Context, in firstset.PolicyInput) (*firstset.InsurancePolicy, bool, error) {
	a := actor(ctx)
	if err := firstset.CheckSubmitPolicies(a); err != nil {
		return nil, false, err
	}
	in.PolicyNumber, in.CreditCode, in.Model = clean(in.PolicyNumber), strings.ToUpper(clean(in.CreditCode)), clean(in.Model)
	var p firstset.Problems
	requireText(&p, "policy_number", "保单号", in.PolicyNumber, 64)
	if in.PolicyNumber != "" && strings.ContainsAny(in.PolicyNumber, "/?#%\\ ") {
		p.Add("policy_number", "invalid", "保单号不能含有空格或 / ? # %% \\ 字符。")
	}
	switch {
	case in.ProductID == 0 && (in.CreditCode == "" || in.Model == ""):
		p.Add("product_id", "required", "请用 product_id，或用生产企业的统一社会信用代码（credit_code）和型号（model）指明投保的装备。")
	case in.ProductID != 0 && (in.CreditCode != "" || in.Model != ""):
		p.Add("product_id", "ambiguous", "product_id 与 credit_code/model 只能选一种方式指明装备。")
	}
	optionalText(&p, "model", "型号", in.Model, 100)
	checkPolicyYears(&p, "", []firstset.PolicyYear{{Start: in.Start, End: in.End, InsuredAmount: in.InsuredAmount, Premium: in.Premium}}, date.Date{})
	for i := range p {
		p[i].Field = strings.TrimPrefix(p[i].Field, "[0].")
		p[i].Message = strings.Replace(p[i].Message, "第 1 个保险期间", "保险期间", 1)
	}
	if err := p.Err(); err != nil {
		return nil, false, err
	}
	var pol *firstset.InsurancePolicy
	created := false
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		if err := s.checkMember(ctx, tx, a); err != nil {
			return err
		}
		prod, err := s.insuredProduct(ctx, tx, in)
		if err != nil {
			return err
		}
		cur, err := tx.CurrentPolicy(ctx, a.ID(), in.PolicyNumber)
		switch {
		case err == nil && cur.ProductID == prod.ID && cur.Start == in.Start && cur.End == in.End &&
			cur.InsuredAmount == in.InsuredAmount && cur.Premium == in.Premium:
			pol = cur // the same policy again: nothing to store
			return nil
		case err != nil && firstset.ErrorCode(err) != firstset.ENOTFOUND:
			return err
		}
		pol = &firstset.InsurancePolicy{InsurerID: a.ID(), InsurerName: a.User.Name, PolicyNumber: in.PolicyNumber,
			ProductID: prod.ID, EnterpriseID: prod.EnterpriseID, Start: in.Start, End: in.End,
			InsuredAmount: in.InsuredAmount, Premium: in.Premium, CreatedAt: s.Now()}
		if err := tx.CreatePolicyVersion(ctx, pol); err != nil {
			return err
		}
		pol.ProductName, pol.EnterpriseName, pol.Claims = prod.Name, prod.EnterpriseName, []*firstset.Claim{}
		if cur != nil {
			pol.Claims = cur.Claims
		}
		created = true
		var before any
		if cur != nil {
			before = cur
		}
		if err := s.record(ctx, tx, "create", "insurance_policy", pol.ID, before, pol); err != nil {
			return err
		}
		ids := []int64{prod.ID}
		if cur != nil && cur.ProductID != prod.ID {
			ids = append(ids, cur.ProductID)
		}
		for _, id := range ids {
			if _, err := s.recomputeProductOffers(ctx, tx, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	return pol, created, nil
}

// insuredProduct finds the product a policy names: by id, or by its
// enterprise's credit code and its model; a recognised one.
func (s *env) insuredProduct(ctx context.Context, tx firstset.Tx, in firstset.PolicyInput) (*firstset.Product, error) {
	var prod *firstset.Product
	if in.ProductID != 0 {
		p, err := tx.ProductByID(ctx, in.ProductID)
		if err != nil {
			return nil, firstset.FieldErrorf("product_id", "unknown_product", "装备 %d 不存在。", in.ProductID)
		}
		prod = p
	} else {
		e, err := tx.EnterpriseByCreditCode(ctx, in.CreditCode)
		if err != nil {
			return nil, firstset.FieldErrorf("credit_code", "unknown_enterprise", "没有统一社会信用代码为 %s 的企业。", in.CreditCode)
		}
		list, _, err := tx.ListProducts(ctx, firstset.ProductFilter{EnterpriseID: e.ID}, "")
		if err != nil {
			return nil, err
		}
		i := slices.IndexFunc(list, func(p *firstset.Product) bool { return p.Model == in.Model })
		if i < 0 {
			return nil, firstset.FieldErrorf("model", "unknown_product", "企业“%s”没有型号为 %s 的装备。", e.Name, in.Model)
		}
		prod = list[i]
	}
	if !prod.EverRecognised() {
		return nil, firstset.FieldErrorf("product_id", "not_recognised", "装备“%s”不是认定的首台（套）重大技术装备。", prod.Name)
	}
	return s.withValidity(prod), nil
}

// Policy reads one of the insurer's policies (staff read any insurer's
// by number only through the listing).
func (s *Insurance) Policy(ctx context.Context, number string) (*firstset.InsurancePolicy, error) {
	a := actor(ctx)
	if err := firstset.CheckReadPolicies(a); err != nil {
		return nil, err
	}
	if a.Role() != firstset.RoleInsurer {
		return nil, firstset.Errorf(firstset.ENOTFOUND, "保单不存在。")
	}
	var p *firstset.InsurancePolicy
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		p, err = tx.CurrentPolicy(ctx, a.ID(), number)
		if firstset.ErrorCode(err) == firstset.ENOTFOUND {
			return firstset.Errorf(firstset.ENOTFOUND, "保单不存在。")
		}
		return err
	})
	return p, err
}

// Policies lists current policies: an insurer's own, or all for staff.
func (s *Insurance) Policies(ctx context.Context, f firstset.PolicyFilter) ([]*firstset.InsurancePolicy, int, error) {
	a := actor(ctx)
	if err := firstset.CheckReadPolicies(a); err != nil {
		return nil, 0, err
	}
	if a.Role() == firstset.RoleInsurer {
		f.InsurerID = a.ID()
	}
	var list []*firstset.InsurancePolicy
	var total int
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		list, total, err = tx.ListPolicies(ctx, f)
		return err
	})
	return list, total, err
}

// ReportClaim records a claim on one of the insurer's policies.
func (s *Insurance) ReportClaim(ctx context.Context, number string, in firstset.ClaimInput) (*firstset.Claim, bool, error) {
	a := actor(ctx)
	if err := firstset.CheckSubmitPolicies(a); err != nil {
		return nil, false, err
	}
	var c *firstset.Claim
	created := false
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		pol, err := tx.CurrentPolicy(ctx, a.ID(), number)
		if firstset.ErrorCode(err) == firstset.ENOTFOUND {
			return firstset.Errorf(firstset.ENOTFOUND, "保单不存在。")
		} else if err != nil {
			return err
		}
		if err := s.checkMember(ctx, tx, a); err != nil {
			return err
		}
		var p firstset.Problems
		switch {
		case in.OccurredOn.IsZero():
			p.Add("occurred_on", "required", "请填写出险日期。")
		case in.OccurredOn.After(date.FromTime(s.Now())):
			p.Add("occurred_on", "future", "出险日期 %s 晚于今天。", in.OccurredOn)
		case in.OccurredOn.Before(pol.Start) || in.OccurredOn.After(pol.End):
			p.Add("occurred_on", "outside_policy", "出险日期 %s 不在保险期间 %s 至 %s 内。", in.OccurredOn, pol.Start, pol.End)
		}
		if in.Amount <= 0 {
			p.Add("amount_yuan", "invalid", "请填写大于 0 的赔款金额（元）。")
		}
		if err := p.Err(); err != nil {
			return err
		}
		c = &firstset.Claim{InsurerID: a.ID(), PolicyNumber: pol.PolicyNumber, OccurredOn: in.OccurredOn, Amount: in.Amount, CreatedAt: s.Now()}
		if created, err = tx.CreateClaim(ctx, c); err != nil || !created {
			return err
		}
		if err := s.record(ctx, tx, "create", "claim", c.ID, nil, c); err != nil {
			return err
		}
		_, err = s.recomputeProductOffers(ctx, tx, pol.ProductID)
		return err
	})
	if err != nil {
		return nil, false, err
	}
	return c, created, nil
}

// policyYears turns a product's current policies into the engine's
// periods, by start, with a claim flag for a period with a claim in it;
// a policy overlapping an earlier one is left out (the engine takes
// periods that do not overlap).
func policyYears(list []*firstset.InsurancePolicy) []firstset.PolicyYear {
	var out []firstset.PolicyYear
	for _, p := range list {
		if n := len(out); n > 0 && !p.Start.After(out[n-1].End) {
			continue
		}
		y := firstset.PolicyYear{Start: p.Start, End: p.End, InsuredAmount: p.InsuredAmount, Premium: p.Premium, PolicyNumber: p.PolicyNumber}
		for _, c := range p.Claims {
			if !c.OccurredOn.Before(p.Start) && !c.OccurredOn.After(p.End) {
				y.Claim = true
			}
		}
		out = append(out, y)
	}
	return out
}

// recomputeProductOffers recomputes the product's offer in every open
// subsidy round from its insurers' data; it returns how many it wrote.
// Offers already confirmed or declined stay as they are.
func (s *env) recomputeProductOffers(ctx context.Context, tx firstset.Tx, productID int64) (int, error) {
	rounds, err := s.openSubsidyRounds(ctx, tx)
	if err != nil || len(rounds) == 0 {
		return 0, err
	}
	bases, err := tx.OfferBases(ctx, []int64{productID})
	if err != nil {
		return 0, err
	}
	if len(bases) == 0 {
		return 0, firstset.NotFound("装备")
	}
	return s.recomputeOffers(ctx, tx, rounds, bases[0])
}

// openSubsidyRounds are the premium-subsidy rounds open today.
func (s *env) openSubsidyRounds(ctx context.Context, tx firstset.Tx) ([]*firstset.IncentiveRound, error) {
	return tx.ListIncentiveRounds(ctx, firstset.IncentiveRoundFilter{Kind: firstset.IncentiveSubsidy, OpenOn: date.FromTime(s.Now())})
}

// recomputeOffers recomputes b's product's offers in rounds.
func (s *env) recomputeOffers(ctx context.Context, tx firstset.Tx, rounds []*firstset.IncentiveRound, b *firstset.OfferBasis) (int, error) {
	prod := b.Product
	s.withValidity(prod)
	insured := policyYears(b.Policies)
	var history []firstset.PolicyYear
	if len(b.Claimed) > 0 {
		var err error
		if history, _, err = historyOf(ctx, tx, b.Claimed, 0); err != nil {
			return 0, err
		}
	}
	written := 0
	for _, r := range rounds {
		var o *firstset.SubsidyOffer
		if i := slices.IndexFunc(b.Offers, func(o *firstset.SubsidyOffer) bool { return o.RoundID == r.ID }); i >= 0 {
			o = b.Offers[i]
		}
		if o != nil && (o.State == firstset.OfferConfirmed || o.State == firstset.OfferDeclined) {
			continue
		}
		next, err := s.offerFor(prod, r, insured, history, b.Active)
		if err != nil {
			return written, err
		}
		if next == nil && o == nil {
			continue
		}
		if next == nil {
			if o.State == firstset.OfferVoid {
				continue
			}
			next = &firstset.SubsidyOffer{Amount: 0, Years: json.RawMessage("[]"), State: firstset.OfferVoid,
				Reason: "按保险机构报送的数据测算，本批次没有可补贴的保险期间。", EngineVersion: s.engine().Version()}
		}
		next.ProductID, next.RoundID, next.EnterpriseID, next.ComputedAt = prod.ID, r.ID, prod.EnterpriseID, s.Now()
		if o != nil && o.State == next.State && o.Amount == next.Amount && string(o.Years) == string(next.Years) &&
			o.EngineVersion == next.EngineVersion {
			continue // nothing changed
		}
		if err := tx.SaveOffer(ctx, next); err != nil {
			return written, err
		}
		var before any
		if o != nil {
			before = offerRecord(o)
		}
		if err := s.record(ctx, tx, "offer", "subsidy_offer", next.ID, before, offerRecord(next)); err != nil {
			return written, err
		}
		written++
		if next.State == firstset.OfferOffered && (o == nil || o.State != firstset.OfferOffered) {
			staff, err := usersOf(ctx, tx, firstset.RoleEnterprise, prod.EnterpriseID, "")
			if err != nil {
				return written, err
			}
			if err := s.notifyAt(ctx, tx, staff, 0, "/subsidy-offers", "免申即享：保费补贴待确认",
				fmt.Sprintf("根据保险机构报送的保单数据，您的装备“%s”在批次“%s”可获保费补贴 %s 元，确认后即提交申请，无需填报。",
					prod.Name, r.Title, next.Amount.Grouped())); err != nil {
				return written, err
			}
		}
	}
	return written, nil
}

// offerRecord is what the audit log keeps of an offer: its amount and
// state and the version that computed them (the years' explanations are
// the engine's to recompute).
func offerRecord(o *firstset.SubsidyOffer) any {
	return struct {
		ID            int64                 `json:"id"`
		ProductID     int64                 `json:"product_id"`
		RoundID       int64                 `json:"round_id"`
		Amount        money.Fen             `json:"amount_yuan"`
		State         string                `json:"state"`
		PolicyYears   []firstset.PolicyYear `json:"policy_years"`
		EngineVersion string                `json:"engine_version"`
	}{o.ID, o.ProductID, o.RoundID, o.Amount, o.State, o.PolicyYears, o.EngineVersion}
}

// offerFor computes the offer of prod in round r from its insured
// periods: those not subsidised yet that start before r closes; nil when
// nothing is to be offered (none left, or an application of the
// enterprise's own already in the round).
func (s *env) offerFor(prod *firstset.Product, r *firstset.IncentiveRound,
	insured, history []firstset.PolicyYear, active []*firstset.Application) (*firstset.SubsidyOffer, error) {
	if !prod.EverRecognised() || prod.Status == firstset.StatusRevoked {
		return nil, nil
	}
	if slices.ContainsFunc(active, func(a *firstset.Application) bool { return a.RoundID == r.ID }) {
		return nil, nil
	}
	var own []firstset.PolicyYear
	for _, y := range insured {
		if y.Start.After(r.ClosesOn) {
			continue
		}
		if slices.ContainsFunc(history, func(h firstset.PolicyYear) bool { return !y.Start.After(h.End) && !h.Start.After(y.End) }) {
			continue
		}
		own = append(own, y)
	}
	if len(own) == 0 {
		return nil, nil
	}
	all := append(slices.Clone(history), own...)
	slices.SortFunc(all, func(a, b firstset.PolicyYear) int { return a.Start.Compare(b.Start) })
	in := policy.PremiumInput{Product: policy.Product{RecognizedOn: prod.RecognizedOn, ValidUntil: prod.ValidUntil}}
	for _, y := range all {
		in.PolicyYears = append(in.PolicyYears, policy.PolicyYear{Start: y.Start, End: y.End, InsuredAmount: y.InsuredAmount, Premium: y.Premium, Claim: y.Claim})
	}
	e := s.engine()
	res, err := e.PremiumSubsidy(in, policy.Options{Explain: true})
	if err != nil {
		return nil, nil // data the engine refuses is offered nothing
	}
	isOwn := map[date.Date]bool{}
	for _, y := range own {
		isOwn[y.Start] = true
	}
	o := &firstset.SubsidyOffer{State: firstset.OfferOffered, PolicyYears: own, EngineVersion: e.Version()}
	var years []policy.PremiumYear
	for _, y := range res.Years {
		if isOwn[y.Start] {
			years = append(years, y)
			o.Amount += y.Subsidy
		}
	}
	if o.Amount == 0 {
		return nil, nil
	}
	if o.Years, err = json.Marshal(years); err != nil {
		return nil, fmt.Errorf("offer years: %w", err)
	}
	return o, nil
}

// RecomputeOffers recomputes the offers of every insured product.
func (s *Insurance) RecomputeOffers(ctx context.Context) (int, error) {
	a := actor(ctx)
	if !a.IsSystem() {
		if err := a.RequireRole(firstset.RoleAdmin, firstset.RoleFinance, firstset.RoleReviewer); err != nil {
			return 0, err
		}
	}
	// Another instance may have changed a parameter since the last reload.
	if err := s.reloadEngine(ctx); err != nil {
		return 0, err
	}
	total, err := s.voidClosedOffers(ctx)
	if err != nil {
		return total, err
	}
	var after int64
	for {
		var ids []int64
		err := s.store.View(ctx, func(tx firstset.Tx) error {
			var err error
			ids, err = tx.InsuredProducts(ctx, after, 200)
			return err
		})
		if err != nil || len(ids) == 0 {
			return total, err
		}
		// A batch of products a transaction, read together.
		n := 0
		err = s.store.Update(firstset.BulkWrite(ctx), func(tx firstset.Tx) error {
			n = 0
			rounds, err := s.openSubsidyRounds(ctx, tx)
			if err != nil || len(rounds) == 0 {
				return err
			}
			bases, err := tx.OfferBases(ctx, ids)
			if err != nil {
				return err
			}
			for _, b := range bases {
				w, err := s.recomputeOffers(ctx, tx, rounds, b)
				if err != nil {
					return err
				}
				n += w
			}
			return nil
		})
		if err != nil {
			return total, err
		}
		total += n
		after = ids[len(ids)-1]
	}
}

// voidClosedOffers makes void the offers not confirmed before their
// round closed.
func (s *Insurance) voidClosedOffers(ctx context.Context) (int, error) {
	today := date.FromTime(s.Now())
	offset, total := 0, 0
	rounds := map[int64]*firstset.IncentiveRound{} // each round read once a run
	for {
		var open []*firstset.SubsidyOffer
		err := s.store.View(ctx, func(tx firstset.Tx) error {
			var err error
			open, _, err = tx.ListOffers(ctx, firstset.OfferFilter{State: firstset.OfferOffered, Offset: offset, Limit: 500})
			return err
		})
		if err != nil || len(open) == 0 {
			return total, err
		}
		voided := 0
		err = s.store.Update(ctx, func(tx firstset.Tx) error {
			for _, o := range open {
				r, ok := rounds[o.RoundID]
				if !ok {
					var err error
					if r, err = tx.IncentiveRoundByID(ctx, o.RoundID, false); err != nil {
						return err
					}
					rounds[r.ID] = r
				}
				if r.OpenOn(today) {
					continue
				}
				old := *o
				o.State, o.Reason, o.ComputedAt = firstset.OfferVoid, fmt.Sprintf("批次“%s”已于 %s 截止申请，测算未经确认。", r.Title, r.ClosesOn), s.Now()
				if err := tx.SaveOffer(ctx, o); err != nil {
					return err
				}
				if err := s.record(ctx, tx, "update", "subsidy_offer", o.ID, &old, o); err != nil {
					return err
				}
				voided++
			}
			return nil
		})
		if err != nil {
			return total, err
		}
		total += voided
		offset += len(open) - voided
		if len(open) < 500 {
			return total, nil
		}
	}
}

// Offers lists the offers the caller may see: an enterprise its own
// products', the city's staff all.
func (s *Insurance) Offers(ctx context.Context, f firstset.OfferFilter) ([]*firstset.SubsidyOffer, int, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, 0, err
	}
	switch a.Role() {
	case firstset.RoleEnterprise:
		if a.User.EnterpriseID == 0 {
			return []*firstset.SubsidyOffer{}, 0, nil
		}
		f.EnterpriseID = a.User.EnterpriseID
		if err := requireScope(a, firstset.ScopeCasesRead); err != nil {
			return nil, 0, err
		}
	case firstset.RoleReviewer, firstset.RoleFinance, firstset.RoleAdmin:
		if err := requireScope(a, firstset.ScopeIncentivesRead); err != nil {
			return nil, 0, err
		}
	default:
		return nil, 0, firstset.Errorf(firstset.EFORBIDDEN, "您的角色（%s）无权查看免申即享补贴。", a.Role().Label())
	}
	if f.State != "" && firstset.OfferStateLabel(f.State) == f.State {
		return nil, 0, firstset.FieldErrorf("state", "invalid", "状态 %q 无效，应为 offered、confirmed、declined 或 void。", f.State)
	}
	var list []*firstset.SubsidyOffer
	var total int
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		list, total, err = tx.ListOffers(ctx, f)
		return err
	})
	return list, total, err
}

// Offer reads one offer the caller may see.
func (s *Insurance) Offer(ctx context.Context, id int64) (*firstset.SubsidyOffer, error) {
	a := actor(ctx)
	var o *firstset.SubsidyOffer
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		o, err = loadOffer(ctx, tx, a, id, false)
		return err
	})
	return o, err
}

// loadOffer reads an offer as a may see it: an enterprise its own, the
// city's staff any; to everyone else it does not exist.
func loadOffer(ctx context.Context, tx firstset.Tx, a *firstset.Actor, id int64, forUpdate bool) (*firstset.SubsidyOffer, error) {
	if a.IsPublic() {
		return nil, firstset.LoginRequired()
	}
	o, err := tx.OfferByID(ctx, id, forUpdate)
	if err != nil {
		return nil, firstset.Errorf(firstset.ENOTFOUND, "补贴测算不存在。")
	}
	switch a.Role() {
	case firstset.RoleEnterprise:
		if a.User.EnterpriseID == o.EnterpriseID {
			return o, nil
		}
	case firstset.RoleReviewer, firstset.RoleFinance, firstset.RoleAdmin:
		return o, nil
	}
	return nil, firstset.Errorf(firstset.ENOTFOUND, "补贴测算不存在。")
}

// ConfirmOffer makes an offer an application with the insurer's data as
// its evidence, submitted at once: it starts at the district's review.
func (s *Insurance) ConfirmOffer(ctx context.Context, id int64) (*firstset.OfferConfirmation, error) {
	a := actor(ctx)
	if err := firstset.CheckCaseWrite(a); err != nil {
		return nil, err
	}
	var out *firstset.OfferConfirmation
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		o, err := loadOffer(ctx, tx, a, id, true)
		if err != nil {
			return err
		}
		if a.Role() != firstset.RoleEnterprise {
			return firstset.Errorf(firstset.EFORBIDDEN, "免申即享补贴由投保的生产企业确认。")
		}
		if o.State != firstset.OfferOffered {
			return firstset.Errorf(firstset.EWRONGSTAGE, "该补贴测算当前为“%s”，不能确认。", firstset.OfferStateLabel(o.State))
		}
		r, err := tx.IncentiveRoundByID(ctx, o.RoundID, false)
		if err != nil {
			return err
		}
		today := date.FromTime(s.Now())
		if !r.OpenOn(today) {
			return firstset.Errorf(firstset.EWRONGSTAGE, "奖补批次“%s”的申请时间为 %s 至 %s，现已不在申请期内。", r.Title, r.OpensOn, r.ClosesOn)
		}
		// The offer is computed afresh, so what is confirmed is current.
		if _, err := s.recomputeProductOffers(ctx, tx, o.ProductID); err != nil {
			return err
		}
		if o, err = tx.OfferByID(ctx, id, false); err != nil {
			return err
		}
		if o.State != firstset.OfferOffered {
			return firstset.Errorf(firstset.ECONFLICT, "该补贴测算已失效：%s", o.Reason)
		}
		prod, err := tx.ProductByID(ctx, o.ProductID)
		if err != nil {
			return err
		}
		app := &firstset.Application{Kind: firstset.IncentiveSubsidy, RoundID: r.ID, PolicyYears: o.PolicyYears, OfferID: o.ID,
			TalentLed: prod.TalentLed, Active: true}
		if err := s.compute(ctx, tx, s.withValidity(prod), app, 0); err != nil {
			return err
		}
		c, err := s.openApplication(ctx, tx, prod, app,
			fmt.Sprintf("由免申即享补贴测算生成（保险机构报送的 %d 个保险期间，测算补贴 %s 元）", len(o.PolicyYears), app.MaxAmount.Grouped()))
		if err != nil {
			return err
		}
		t := cases.Transition{Action: cases.Submit, Label: "确认免申即享补贴", To: cases.DistrictReview, By: cases.Applicant}
		if err := s.move(ctx, tx, c, t, "企业确认保险机构报送的保单数据及补贴测算结果。", nil); err != nil {
			return err
		}
		now, old := s.Now(), *o
		o.State, o.ApplicationID, o.DecidedBy, o.DecidedAt = firstset.OfferConfirmed, c.ID, a.ID(), &now
		if err := tx.SaveOffer(ctx, o); err != nil {
			return err
		}
		if err := s.record(ctx, tx, "confirm", "subsidy_offer", o.ID, &old, o); err != nil {
			return err
		}
		v, err := s.applicationView(ctx, tx, a, c, nil)
		if err != nil {
			return err
		}
		out = &firstset.OfferConfirmation{SubsidyOffer: o, Application: v}
		return nil
	})
	return out, err
}

// DeclineOffer is the enterprise declining an offer.
func (s *Insurance) DeclineOffer(ctx context.Context, id int64, reason string) (*firstset.SubsidyOffer, error) {
	a := actor(ctx)
	if err := firstset.CheckCaseWrite(a); err != nil {
		return nil, err
	}
	reason = clean(reason)
	var p firstset.Problems
	optionalLines(&p, "reason", "放弃理由", reason, 500)
	if reason != "" && !plaintext.Valid(reason, plaintext.MultiLine) {
		p.Add("reason", "invalid_text", "放弃理由含有不允许的字符。")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	var o *firstset.SubsidyOffer
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		var err error
		if o, err = loadOffer(ctx, tx, a, id, true); err != nil {
			return err
		}
		if a.Role() != firstset.RoleEnterprise {
			return firstset.Errorf(firstset.EFORBIDDEN, "免申即享补贴由投保的生产企业确认或放弃。")
		}
		if o.State != firstset.OfferOffered {
			return firstset.Errorf(firstset.EWRONGSTAGE, "该补贴测算当前为“%s”，不能放弃。", firstset.OfferStateLabel(o.State))
		}
		old := *o
		now := s.Now()
		o.State, o.DecidedBy, o.DecidedAt, o.Reason = firstset.OfferDeclined, a.ID(), &now, reason
		if err := tx.SaveOffer(ctx, o); err != nil {
			return err
		}
		return s.record(ctx, tx, "decline_offer", "subsidy_offer", o.ID, &old, o)
	})
	return o, err
}

// reopenOffer settles the offer an application came from once the
// application has ended without funds: withdrawn or rejected, it is
// declined; unfunded, void, so a later round may offer the periods again.
func (s *env) reopenOffer(ctx context.Context, tx firstset.Tx, offerID int64, stage cases.Stage) error {
	o, err := tx.OfferByID(ctx, offerID, true)
	if err != nil {
		return err
	}
	old := *o
	switch stage {
	case cases.Unfunded:
		o.State, o.Reason = firstset.OfferVoid, "申请未获资金安排。"
	case cases.Withdrawn:
		o.State, o.Reason = firstset.OfferDeclined, "企业撤回了申请。"
	default:
		o.State, o.Reason = firstset.OfferDeclined, "申请不予支持。"
	}
	if err := tx.SaveOffer(ctx, o); err != nil {
		return err
	}
	return s.record(ctx, tx, "update", "subsidy_offer", o.ID, &old, o)
}
