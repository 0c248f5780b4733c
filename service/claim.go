package service

import (
	"context"
	"strings"

	"firstset"
	"firstset/cases"
	"firstset/date"
)

// Claims runs the claims fast track of the first-set insurance (理赔快速
// 通道): the state machine cases.ClaimCase over firstset.ClaimCase records.
type Claims struct{ *env }

var _ firstset.ClaimCaseService = (*Claims)(nil)

// claimScope is the token scope a's part in claims needs: the insurance
// scopes for the insurers and the city's departments, the case scopes for
// the enterprises and buyers that report.
func claimScope(a *firstset.Actor, write bool) firstset.Scope {
	switch a.Role() {
	case firstset.RoleEnterprise, firstset.RoleBuyer:
		if write {
			return firstset.ScopeCasesWrite
		}
		return firstset.ScopeCasesRead
	}
	if write {
		return firstset.ScopeInsuranceWrite
	}
	return firstset.ScopeInsuranceRead
}

// ReportClaimCase reports a claim on a policy of one of the reporter's
// products (an enterprise) or of a product it bought (a buyer). The policy
// is found by its number among the policies the reporter may claim on.
func (s *Claims) ReportClaimCase(ctx context.Context, in firstset.ClaimCaseInput) (*firstset.ClaimCase, error) {
	a := actor(ctx)
	if err := firstset.CheckReportClaim(a); err != nil {
		return nil, err
	}
	if err := requireScope(a, claimScope(a, true)); err != nil {
		return nil, err
	}
	today := date.FromTime(s.Now())
	var probs firstset.Problems
	in.PolicyNumber = clean(in.PolicyNumber)
	requireText(&probs, "policy_number", "保单号", in.PolicyNumber, 60)
	switch {
	case in.OccurredOn.IsZero():
		probs.Add("occurred_on", "required", "请填写出险日期。")
	case in.OccurredOn.After(today):
		probs.Add("occurred_on", "future", "出险日期 %s 晚于今天。", in.OccurredOn)
	}
	desc := strings.TrimSpace(in.Description)
	if desc == "" {
		probs.Add("description", "required", "请填写出险经过：发生了什么、损失情况、现场联系人。")
	} else {
		optionalLines(&probs, "description", "出险经过", desc, 5000)
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	var c *firstset.ClaimCase
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		pol, inst, err := s.claimablePolicy(ctx, tx, a, in)
		if err != nil {
			return err
		}
		if in.OccurredOn.Before(pol.Start) || in.OccurredOn.After(pol.End) {
			return firstset.FieldErrorf("occurred_on", "outside_policy", "出险日期 %s 不在保险期间 %s 至 %s 内。",
				in.OccurredOn, pol.Start, pol.End)
		}
		now := s.Now()
		c = &firstset.ClaimCase{PolicyNumber: pol.PolicyNumber, InsurerID: pol.InsurerID, InstitutionID: inst,
			ProductID: pol.ProductID, EnterpriseID: pol.EnterpriseID, OccurredOn: in.OccurredOn, Description: desc,
			Status: firstset.ClaimStatus(cases.ClaimCase.Start), ReportedOn: today, CreatedBy: a.ID(),
			CreatedAt: now, UpdatedAt: now}
		if a.Role() == firstset.RoleBuyer {
			c.BuyerID = a.User.BuyerID
		}
		if c.DueOn, err = s.claimDue(ctx, tx, cases.Stage(c.Status)); err != nil {
			return err
		}
		c.Steps = []*firstset.ClaimStep{{Action: "report", By: a.ID(), At: now}}
		year := now.In(date.Shanghai).Year()
		seq, err := tx.NextCaseSeq(ctx, cases.ClaimCase.Prefix, year)
		if err != nil {
			return err
		}
		c.Number = cases.Number(cases.ClaimCase.Prefix, year, seq)
		if err := tx.CreateClaimCase(ctx, c); err != nil {
			return err
		}
		if c, err = tx.ClaimCaseByID(ctx, c.ID); err != nil {
			return err
		}
		return s.record(ctx, tx, "report", "claim_case", c.ID, nil, claimOutline(c))
	})
	if err != nil {
		return nil, err
	}
	return s.withClaimState(c), nil
}

// claimablePolicy is the policy numbered in.PolicyNumber that a may claim
// on, and its insurer's institution. Policies a may not claim on read as
// unknown: a report never tells of another enterprise's insurance.
func (s *Claims) claimablePolicy(ctx context.Context, tx firstset.Tx, a *firstset.Actor, in firstset.ClaimCaseInput) (*firstset.InsurancePolicy, int64, error) {
	list, err := tx.PoliciesByNumber(ctx, in.PolicyNumber)
	if err != nil {
		return nil, 0, err
	}
	type found struct {
		pol  *firstset.InsurancePolicy
		inst int64
	}
	var mine []found
	for _, p := range list {
		ok := a.Role() == firstset.RoleEnterprise && p.EnterpriseID == a.User.EnterpriseID
		if a.Role() == firstset.RoleBuyer {
			_, n, err := tx.ListProcurements(ctx, firstset.ProcurementFilter{BuyerID: a.User.BuyerID, ProductID: p.ProductID, Limit: 1})
			if err != nil {
				return nil, 0, err
			}
			ok = n > 0
		}
		if !ok {
			continue
		}
		u, err := tx.UserByID(ctx, p.InsurerID)
		if err != nil {
			return nil, 0, err
		}
		if u.InstitutionID == 0 || in.InstitutionID != 0 && u.InstitutionID != in.InstitutionID {
			continue
		}
		mine = append(mine, found{p, u.InstitutionID})
	}
	switch len(mine) {
	case 0:
		who := "本企业产品"
		if a.Role() == firstset.RoleBuyer {
			who = "本单位采购的产品"
		}
		return nil, 0, firstset.FieldErrorf("policy_number", "unknown_policy", "保单号 %s 不存在，或不是%s的首台（套）保险保单。", in.PolicyNumber, who)
	case 1:
		return mine[0].pol, mine[0].inst, nil
	}
	return nil, 0, firstset.FieldErrorf("institution_id", "ambiguous_policy", "多家保险机构有保单号 %s 的保单，请选择承保机构。", in.PolicyNumber)
}

// claimDue is the last day of stage st's limit: working days from the day
// after the step that opened it (开始的当日不计入, as for complaints).
func (s *Claims) claimDue(ctx context.Context, tx firstset.Tx, st cases.Stage) (date.Date, error) {
	def, _ := cases.ClaimCase.Stage(st)
	return s.limitEnd(ctx, tx, def.Deadline, date.FromTime(s.Now()).AddDays(1), "claim stage", st)
}

// ActOnClaim takes an action on a claim: the insurer acknowledges,
// assesses, decides (or declines) and pays; the reporter may withdraw the
// report until the insurer has decided. A payment records the claim on
// the policy, which the premium subsidies' ladder reads.
func (s *Claims) ActOnClaim(ctx context.Context, id int64, in firstset.ClaimActionInput) (*firstset.ClaimCase, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, err
	}
	var c *firstset.ClaimCase
	err = s.store.Update(ctx, func(tx firstset.Tx) error {
		old, err := tx.ClaimCaseByID(ctx, id)
		if err != nil {
			return err
		}
		if !firstset.SeesClaim(a, old) {
			return firstset.NotFound("理赔案件")
		}
		var party cases.Party
		switch {
		case firstset.CanHandleClaim(a, old):
			party = cases.Insurer
		case firstset.CanWithdrawClaim(a, old):
			party = cases.Applicant
		default:
			return firstset.Errorf(firstset.EFORBIDDEN, "保险理赔由承保机构办理。")
		}
		if err := requireScope(a, claimScope(a, true)); err != nil {
			return err
		}
		act := cases.Action(strings.TrimSpace(in.Action))
		if act == "" {
			return firstset.FieldErrorf("action", "required", "请选择办理操作。")
		}
		t, ref := cases.ClaimCase.Decide(cases.Stage(old.Status), act, party)
		if ref != nil {
			return firstset.Errorf(ref.Code, "%s", ref.Message)
		}
		today := date.FromTime(s.Now())
		opinion := strings.TrimSpace(in.Opinion)
		var probs firstset.Problems
		if len(t.Requires) > 0 && opinion == "" {
			what := map[cases.Action]string{cases.Assess: "查勘定损结论", cases.Decline: "拒赔理由"}[act]
			probs.Add("opinion", "required", "请填写%s。", what)
		}
		optionalLines(&probs, "opinion", "办理意见", opinion, 5000)
		c = new(firstset.ClaimCase)
		*c = *old
		amount := in.Amount
		switch act {
		case cases.Assess, cases.Decide:
			pol, err := tx.CurrentPolicy(ctx, old.InsurerID, old.PolicyNumber)
			if err != nil {
				return err
			}
			limit, label := pol.InsuredAmount, "保险金额"
			if act == cases.Decide {
				limit, label = old.AssessedAmount, "定损金额"
			}
			switch {
			case amount <= 0:
				probs.Add("amount_yuan", "required", "请填写大于 0 的%s（元）。", map[cases.Action]string{cases.Assess: "定损金额", cases.Decide: "核定赔款"}[act])
			case amount > limit:
				probs.Add("amount_yuan", "over_limit", "金额 %s 元超过%s %s 元。", amount, label, limit)
			}
			if act == cases.Assess {
				c.AssessedAmount = amount
			} else {
				c.ApprovedAmount = amount
			}
		case cases.Pay:
			if amount == 0 {
				amount = old.ApprovedAmount
			} else if amount != old.ApprovedAmount {
				probs.Add("amount_yuan", "not_decided", "支付金额须等于核定赔款 %s 元。", old.ApprovedAmount)
			}
			c.PaidAmount, c.PaidOn = amount, in.PaidOn
			if c.PaidOn.IsZero() {
				c.PaidOn = today
			}
			switch {
			case c.PaidOn.After(today):
				probs.Add("paid_on", "future", "支付日期 %s 晚于今天。", c.PaidOn)
			case c.PaidOn.Before(old.ReportedOn):
				probs.Add("paid_on", "before_report", "支付日期 %s 早于报案日期 %s。", c.PaidOn, old.ReportedOn)
			}
		default:
			if amount != 0 {
				probs.Add("amount_yuan", "not_applicable", "“%s”不填写金额。", t.Label)
			}
		}
		if act != cases.Pay && !in.PaidOn.IsZero() {
			probs.Add("paid_on", "not_applicable", "支付日期只在支付赔款时填写。")
		}
		if err := probs.Err(); err != nil {
			return err
		}
		now := s.Now()
		step := &firstset.ClaimStep{Action: string(act), By: a.ID(), At: now, Opinion: opinion}
		if party == cases.Insurer {
			step.DueOn, step.Late = old.DueOn, !old.DueOn.IsZero() && today.After(old.DueOn)
		}
		if act == cases.Assess || act == cases.Decide || act == cases.Pay {
			step.Amount = amount
		}
		c.Status = firstset.ClaimStatus(t.To)
		if c.DueOn, err = s.claimDue(ctx, tx, t.To); err != nil {
			return err
		}
		c.UpdatedAt = now
		if err := tx.UpdateClaimCase(ctx, c, old.Status, step); err != nil {
			return err
		}
		if act == cases.Pay {
			if err := s.recordPaidClaim(ctx, tx, c); err != nil {
				return err
			}
		}
		if c, err = tx.ClaimCaseByID(ctx, id); err != nil {
			return err
		}
		after := claimOutline(c)
		if opinion != "" {
			after["opinion"] = opinion
		}
		return s.record(ctx, tx, string(act), "claim_case", c.ID, claimOutline(old), after)
	})
	if err != nil {
		return nil, err
	}
	return s.withClaimState(c), nil
}

// recordPaidClaim enters a paid claim as a claim on its policy in the
// period it occurred in, so that the next period's subsidy stays at the
// first rung (POLICY.md, the ratio ladder), and recomputes the product's
// offers.
func (s *Claims) recordPaidClaim(ctx context.Context, tx firstset.Tx, c *firstset.ClaimCase) error {
	pc := &firstset.Claim{InsurerID: c.InsurerID, PolicyNumber: c.PolicyNumber, OccurredOn: c.OccurredOn,
		Amount: c.PaidAmount, CreatedAt: s.Now()}
	created, err := tx.CreateClaim(ctx, pc)
	if err != nil {
		return err
	}
	if created {
		if err := s.record(ctx, tx, "create", "claim", pc.ID, nil, pc); err != nil {
			return err
		}
	}
	_, err = s.recomputeProductOffers(ctx, tx, c.ProductID)
	return err
}

// claimOutline is what the audit keeps of a claim.
func claimOutline(c *firstset.ClaimCase) map[string]any {
	return map[string]any{"number": c.Number, "status": c.Status, "policy_number": c.PolicyNumber,
		"institution_id": c.InstitutionID, "product_id": c.ProductID, "enterprise_id": c.EnterpriseID,
		"buyer_id": c.BuyerID, "occurred_on": c.OccurredOn, "due_on": c.DueOn, "assessed": c.AssessedAmount,
		"approved": c.ApprovedAmount, "paid": c.PaidAmount, "paid_on": c.PaidOn}
}

// withClaimState marks c overdue when its open step's limit has passed,
// and labels its steps.
func (s *Claims) withClaimState(c *firstset.ClaimCase) *firstset.ClaimCase {
	c.Overdue = c.Status.Open() && !c.DueOn.IsZero() && date.FromTime(s.Now()).After(c.DueOn)
	for _, st := range c.Steps {
		st.Label = claimStepLabel(st.Action)
	}
	return c
}

// claimStepLabel is a timeline step's Chinese name.
func claimStepLabel(action string) string {
	if action == "report" {
		return "报案"
	}
	for _, t := range cases.ClaimCase.Rules {
		if string(t.Action) == action {
			return t.Label
		}
	}
	return action
}

// FindClaimByID returns a claim to whoever may see it; ENOTFOUND to
// anyone else.
func (s *Claims) FindClaimByID(ctx context.Context, id int64) (*firstset.ClaimCase, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireScope(a, claimScope(a, false)); err != nil {
		return nil, err
	}
	var c *firstset.ClaimCase
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		c, err = tx.ClaimCaseByID(ctx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	if !firstset.SeesClaim(a, c) {
		return nil, firstset.NotFound("理赔案件")
	}
	return s.withClaimState(c), nil
}

// FindClaims lists the claims the caller may see: an enterprise those on
// its products, a buyer those it reported, an insurer those on its
// policies, the city's departments all.
func (s *Claims) FindClaims(ctx context.Context, f firstset.ClaimCaseFilter) ([]*firstset.ClaimCase, int, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, 0, err
	}
	if err := firstset.CheckListClaims(a); err != nil {
		return nil, 0, err
	}
	if err := requireScope(a, claimScope(a, false)); err != nil {
		return nil, 0, err
	}
	if f.Status != "" && !f.Status.Valid() {
		return nil, 0, firstset.FieldErrorf("status", "invalid_status",
			"状态须为 reported、acknowledged、assessed、approved、paid、declined 或 withdrawn。")
	}
	f.Offset, f.Limit = page(f.Offset, f.Limit, 20, 500)
	f.Today = date.FromTime(s.Now())
	switch a.Role() {
	case firstset.RoleEnterprise:
		f.EnterpriseID = a.User.EnterpriseID
	case firstset.RoleBuyer:
		f.BuyerID = a.User.BuyerID
	case firstset.RoleInsurer:
		f.InstitutionID = a.User.InstitutionID
	}
	var list []*firstset.ClaimCase
	var total int
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		list, total, err = tx.ListClaimCases(ctx, f)
		return err
	})
	for _, c := range list {
		s.withClaimState(c)
	}
	return list, total, err
}
