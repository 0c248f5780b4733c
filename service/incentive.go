package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"firstset"
	"firstset/cases"
	"firstset/creditcode"
	"firstset/date"
	"firstset/money"
	"firstset/plaintext"
	"firstset/policy"
)

// Incentives runs the money: incentive rounds and their budgets,
// applications for first-purchase rewards and premium subsidies (cases of
// the two incentive kinds), the allocation within the budget, finance's
// approval, the public results and the disbursement ledger.
type Incentives struct{ *env }

var _ firstset.IncentiveService = (*Incentives)(nil)

// engine is the policy engine in force.

// checklists are the materials each incentive's application attaches.
var checklists = map[string][]firstset.ChecklistItem{
	firstset.IncentiveReward: {
		{Item: "采购合同", Required: true, Types: scans},
		{Item: "付款发票", Required: true, Types: scans},
		{Item: "验收报告", Required: true, Types: []string{pdf, png, jpeg, docx}},
		{Item: "其他材料", Types: []string{pdf, png, jpeg, docx, xlsx}},
	},
	firstset.IncentiveSubsidy: {
		{Item: "保险单", Required: true, Types: scans},
		{Item: "保费发票", Required: true, Types: scans},
		{Item: "其他材料", Types: []string{pdf, png, jpeg, docx, xlsx}},
	},
}

// checklistOf is what c's applicant attaches: its round's checklist for a
// recognition, its incentive's for an application (none for one
// confirmed from an offer: the insurer's data is its evidence).
func (s *env) checklistOf(ctx context.Context, tx firstset.Tx, c *firstset.Case) ([]firstset.ChecklistItem, error) {
	if firstset.IsIncentive(c.Kind) {
		app, err := tx.ApplicationByCase(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		list := checklists[c.Kind]
		if app.OfferID != 0 {
			list = slices.Clone(list)
			for i := range list {
				list[i].Required = false
			}
		}
		return list, nil
	}
	r, err := tx.RoundByID(ctx, c.RoundID)
	if err != nil {
		return nil, err
	}
	return r.Checklist, nil
}

// CreateIncentiveRound opens a round of an incentive with its budget.
func (s *Incentives) CreateIncentiveRound(ctx context.Context, in firstset.IncentiveRoundInput) (*firstset.IncentiveRound, error) {
	a := actor(ctx)
	if err := firstset.CheckManageIncentiveRounds(a); err != nil {
		return nil, err
	}
	r := &firstset.IncentiveRound{Status: firstset.RoundOpen, CreatedBy: a.ID(), CreatedAt: s.Now(), UpdatedAt: s.Now()}
	if err := s.applyRoundInput(r, in); err != nil {
		return nil, err
	}
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		if err := tx.CreateIncentiveRound(ctx, r); err != nil {
			return err
		}
		return s.record(ctx, tx, "create", "incentive_round", r.ID, nil, r)
	})
	if err != nil {
		return nil, err
	}
	if r.Kind == firstset.IncentiveSubsidy && r.OpenOn(date.FromTime(s.Now())) {
		s.kick(ctx, OffersJob) // insured products get their offers in the new round
	}
	return r, nil
}

// applyRoundInput checks in and copies it onto r.
func (s *Incentives) applyRoundInput(r *firstset.IncentiveRound, in firstset.IncentiveRoundInput) error {
	var p firstset.Problems
	in.Title = clean(in.Title)
	switch {
	case in.Kind == "":
		p.Add("kind", "required", "请选择奖补类型（first_purchase_reward 或 premium_subsidy）。")
	case !firstset.IsIncentive(in.Kind):
		p.Add("kind", "invalid", "奖补类型 %q 无效，应为 first_purchase_reward（首购首用奖励）或 premium_subsidy（保费补贴）。", in.Kind)
	case r.ID != 0 && in.Kind != r.Kind:
		p.Add("kind", "immutable", "批次的奖补类型不能修改。")
	}
	if in.Year < 2024 || in.Year > 2100 {
		p.Add("year", "invalid", "年度应为 2024 至 2100 之间的年份（本措施自 2024 年起施行）。")
	}
	if in.Budget <= 0 {
		p.Add("budget_yuan", "invalid", "请填写大于 0 的年度预算（元）。")
	}
	rules, _ := s.engine().Params().At(date.FromTime(s.Now()))
	switch in.Method {
	case "":
		in.Method = firstset.MethodRankOrder
		if rules != nil && rules.Has(policy.ParamMeritDefaultMethod) {
			in.Method = rules.Choice(policy.ParamMeritDefaultMethod)
		}
	case firstset.MethodRankOrder, firstset.MethodProRata:
	default:
		p.Add("method", "invalid", "分配方式 %q 无效，应为 rank_order（按排名依次安排）或 pro_rata（按比例安排）。", in.Method)
	}
	pass := firstset.Score(6000)
	if rules != nil && rules.Has(policy.ParamMeritPassScore) {
		pass = firstset.Score(rules.Int(policy.ParamMeritPassScore))
	}
	if in.PassScore != "" {
		v, err := parseScore(string(in.PassScore))
		if err != nil {
			p.Add("pass_score", "invalid", "合格分%s", err.Error())
		}
		pass = v
	}
	if in.OpensOn.IsZero() {
		p.Add("opens_on", "required", "请填写申请开始日期。")
	}
	if in.ClosesOn.IsZero() {
		p.Add("closes_on", "required", "请填写申请截止日期。")
	} else if !in.OpensOn.IsZero() && in.ClosesOn.Before(in.OpensOn) {
		p.Add("closes_on", "date_order", "申请截止日期 %s 早于开始日期 %s。", in.ClosesOn, in.OpensOn)
	}
	if in.Title == "" && firstset.IsIncentive(in.Kind) {
		in.Title = fmt.Sprintf("%d年度首台（套）重大技术装备%s", in.Year, firstset.IncentiveLabel(in.Kind))
	}
	optionalText(&p, "title", "批次名称", in.Title, 100)
	if err := p.Err(); err != nil {
		return err
	}
	r.Kind, r.Year, r.Title, r.Budget, r.Method, r.PassScore = in.Kind, in.Year, in.Title, in.Budget, in.Method, pass
	r.UsesExperts, r.OpensOn, r.ClosesOn = in.UsesExperts, in.OpensOn, in.ClosesOn
	return nil
}

// parseScore reads points with at most two decimals, 0 to 100, as hundredths.
func parseScore(s string) (firstset.Score, error) {
	n, err := money.ParseHundredths(strings.TrimSpace(s))
	if err != nil || n < 0 || n > 10000 {
		return 0, errors.New("应为 0 至 100 之间的分数，最多两位小数。")
	}
	return firstset.Score(n), nil
}

// UpdateIncentiveRound edits a round whose allocation has not run.
func (s *Incentives) UpdateIncentiveRound(ctx context.Context, id int64, in firstset.IncentiveRoundInput) (*firstset.IncentiveRound, error) {
	a := actor(ctx)
	if err := firstset.CheckManageIncentiveRounds(a); err != nil {
		return nil, err
	}
	var r *firstset.IncentiveRound
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		var err error
		if r, err = tx.IncentiveRoundByID(ctx, id, true); err != nil {
			return err
		}
		if r.FrozenAt != nil {
			return firstset.Errorf(firstset.ECONFLICT, "批次“%s”已于 %s 开始资金分配，参数已冻结，不能修改。", r.Title,
				r.FrozenAt.In(date.Shanghai).Format("2006-01-02 15:04"))
		}
		old := *r
		if err := s.applyRoundInput(r, in); err != nil {
			return err
		}
		r.UpdatedAt = s.Now()
		if err := tx.UpdateIncentiveRound(ctx, r); err != nil {
			return err
		}
		return s.record(ctx, tx, "update", "incentive_round", r.ID, &old, r)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// IncentiveRound reads a round: everyone logged in.
func (s *Incentives) IncentiveRound(ctx context.Context, id int64) (*firstset.IncentiveRound, error) {
	if err := firstset.CheckReadIncentiveRounds(actor(ctx)); err != nil {
		return nil, err
	}
	var r *firstset.IncentiveRound
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		r, err = tx.IncentiveRoundByID(ctx, id, false)
		return err
	})
	return r, err
}

// IncentiveRounds lists rounds, newest first.
func (s *Incentives) IncentiveRounds(ctx context.Context, f firstset.IncentiveRoundFilter) ([]*firstset.IncentiveRound, error) {
	if err := firstset.CheckReadIncentiveRounds(actor(ctx)); err != nil {
		return nil, err
	}
	if f.Kind != "" && !firstset.IsIncentive(f.Kind) {
		return nil, firstset.FieldErrorf("kind", "invalid", "奖补类型 %q 无效。", f.Kind)
	}
	if f.OpenNow {
		f.OpenOn = date.FromTime(s.Now())
	}
	var list []*firstset.IncentiveRound
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		list, err = tx.ListIncentiveRounds(ctx, f)
		return err
	})
	return list, err
}

// Apply opens an application in draft.
func (s *Incentives) Apply(ctx context.Context, in firstset.ApplicationInput) (*firstset.ApplicationView, error) {
	a := actor(ctx)
	if err := firstset.CheckCaseWrite(a); err != nil {
		return nil, err
	}
	var p firstset.Problems
	if in.RoundID <= 0 {
		p.Add("round_id", "required", "请选择奖补批次。")
	}
	if in.ProductID <= 0 {
		p.Add("product_id", "required", "请选择申请的装备。")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	var v *firstset.ApplicationView
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		r, err := tx.IncentiveRoundByID(ctx, in.RoundID, false)
		if err != nil {
			return firstset.FieldErrorf("round_id", "unknown_round", "奖补批次不存在。")
		}
		if err := firstset.CheckApply(a, r.Kind); err != nil {
			return err
		}
		today := date.FromTime(s.Now())
		if !r.OpenOn(today) {
			return firstset.FieldErrorf("round_id", "round_closed", "奖补批次“%s”的申请时间为 %s 至 %s，现已不在申请期内。", r.Title, r.OpensOn, r.ClosesOn)
		}
		prod, err := tx.ProductByID(ctx, in.ProductID)
		if err != nil || (r.Kind == firstset.IncentiveSubsidy && prod.EnterpriseID != a.User.EnterpriseID) ||
			(r.Kind == firstset.IncentiveReward && !prod.EverRecognised()) {
			return firstset.FieldErrorf("product_id", "unknown_product", "装备不存在。")
		}
		if !prod.EverRecognised() {
			return firstset.FieldErrorf("product_id", "not_recognised", "装备“%s”尚未认定为首台（套）重大技术装备，不能申请%s。", prod.Name, firstset.IncentiveLabel(r.Kind))
		}
		if err := s.refuseSecond(ctx, tx, r, prod.ID, 0); err != nil {
			return err
		}
		app := &firstset.Application{Kind: r.Kind, RoundID: r.ID, TalentLed: prod.TalentLed, Active: true}
		if r.Kind == firstset.IncentiveReward {
			app.ApplicantUserID = a.ID()
		}
		if err := s.fillApplication(ctx, tx, r, s.withValidity(prod), app, 0, in); err != nil {
			return err
		}
		c, err := s.openApplication(ctx, tx, prod, app, "创建申请（"+r.Title+"）")
		if err != nil {
			return err
		}
		v, err = s.applicationView(ctx, tx, a, c, nil)
		return err
	})
	return v, err
}

// openApplication stores a new application in draft for prod: its case
// (numbered in the kind's sequence of the year; a buyer's when a buyer
// applies), app as already computed, the periods it holds, and the
// creation's timeline event and audit entry. It returns the case read
// back with its context.
func (s *env) openApplication(ctx context.Context, tx firstset.Tx, prod *firstset.Product, app *firstset.Application, opinion string) (*firstset.Case, error) {
	a := actor(ctx)
	k := cases.Named(app.Kind)
	now := s.Now()
	year, _, _ := date.FromTime(now).Parts()
	seq, err := tx.NextCaseSeq(ctx, k.Prefix, year)
	if err != nil {
		return nil, err
	}
	c := &firstset.Case{Number: cases.Number(k.Prefix, year, seq), Kind: k.Name, Year: year, Seq: seq,
		EnterpriseID: prod.EnterpriseID, ProductID: prod.ID, ApplicantUserID: app.ApplicantUserID,
		Stage: string(k.Start), StageSince: now, CreatedAt: now, UpdatedAt: now}
	if err := s.setNext(ctx, tx, c); err != nil {
		return nil, err
	}
	if err := tx.CreateCase(ctx, c); err != nil {
		return nil, err
	}
	app.CaseID = c.ID
	if err := tx.CreateApplication(ctx, app); err != nil {
		return nil, err
	}
	if err := tx.ClaimPeriods(ctx, c.ID, prod.ID, app.PolicyYears); err != nil {
		return nil, err
	}
	if c, err = tx.CaseByID(ctx, c.ID, true); err != nil {
		return nil, err
	}
	if err := tx.AppendEvent(ctx, &firstset.Event{CaseID: c.ID, At: now, ActorID: a.ID(), Actor: actorLabel(a),
		ActorRole: a.Role(), Action: "create", ToStage: c.Stage, Opinion: opinion}); err != nil {
		return nil, err
	}
	return c, s.record(ctx, tx, "create", "application", c.ID, nil, app)
}

// refuseSecond refuses a second active application: a reward for a
// product that has one, a subsidy for a product in a round that has one.
func (s *env) refuseSecond(ctx context.Context, tx firstset.Tx, r *firstset.IncentiveRound, productID, self int64) error {
	list, err := tx.ActiveApplications(ctx, r.Kind, productID)
	if err != nil {
		return err
	}
	for _, other := range list {
		if other.CaseID == self || (r.Kind == firstset.IncentiveSubsidy && other.RoundID != r.ID) {
			continue
		}
		oc, err := tx.CaseByID(ctx, other.CaseID, false)
		if err != nil {
			return err
		}
		if r.Kind == firstset.IncentiveReward {
			return &firstset.Error{Code: firstset.ECONFLICT, Field: "product_id",
				Message: fmt.Sprintf("该装备已有首购首用奖励申请 %s（%s），一个装备只能申请一次首购首用奖励。", oc.Number, other.RoundTitle)}
		}
		return &firstset.Error{Code: firstset.ECONFLICT, Field: "product_id",
			Message: fmt.Sprintf("该装备在批次“%s”已有保费补贴申请 %s。", other.RoundTitle, oc.Number)}
	}
	return nil
}

// fillApplication checks an applicant's data against the round and the
// product, and computes the application's maximum with the engine.
// self is the application's own case (0 for a new one), whose periods
// are not history.
func (s *env) fillApplication(ctx context.Context, tx firstset.Tx, r *firstset.IncentiveRound, prod *firstset.Product,
	app *firstset.Application, self int64, in firstset.ApplicationInput) error {
	var p firstset.Problems
	today := date.FromTime(s.Now())
	switch r.Kind {
	case firstset.IncentiveReward:
		if len(in.PolicyYears) > 0 {
			p.Add("policy_years", "not_allowed", "首购首用奖励不填写保险期间。")
		}
		if in.ContractDate.IsZero() {
			p.Add("contract_date", "required", "请填写采购合同签订日期。")
		} else if in.ContractDate.After(today) {
			p.Add("contract_date", "future", "合同签订日期 %s 晚于今天。", in.ContractDate)
		} else if in.ContractDate.After(r.ClosesOn) {
			p.Add("contract_date", "after_round", "合同签订日期 %s 晚于本批次截止日 %s，请在下一批次申请。", in.ContractDate, r.ClosesOn)
		}
		if in.Paid <= 0 {
			p.Add("paid_yuan", "invalid", "请填写大于 0 的实际支付金额（元）。")
		}
		in.BuyerName, in.BuyerCreditCode = clean(in.BuyerName), strings.ToUpper(clean(in.BuyerCreditCode))
		if in.BuyerName == "" {
			in.BuyerName = actor(ctx).User.Name
		}
		requireText(&p, "buyer_name", "首购首用单位名称", in.BuyerName, 100)
		if in.BuyerCreditCode != "" {
			if _, err := creditcode.Validate(in.BuyerCreditCode); err != nil {
				p.Add("buyer_credit_code", creditCodeErrorCode(err), "%s", err.Error())
			}
		}
	case firstset.IncentiveSubsidy:
		if !in.ContractDate.IsZero() || in.Paid != 0 || in.BuyerName != "" || in.BuyerCreditCode != "" {
			p.Add("contract_date", "not_allowed", "保费补贴不填写采购合同。")
		}
		if len(in.PolicyYears) == 0 {
			p.Add("policy_years", "required", "请填写至少一个保险期间。")
		}
		if len(in.PolicyYears) > 20 {
			p.Add("policy_years", "too_many", "保险期间最多 20 个。")
		}
		checkPolicyYears(&p, "policy_years", in.PolicyYears, r.ClosesOn)
	}
	if err := p.Err(); err != nil {
		return err
	}
	app.BuyerName, app.BuyerCreditCode, app.ContractDate, app.ContractPaid = in.BuyerName, in.BuyerCreditCode, in.ContractDate, in.Paid
	app.PolicyYears = in.PolicyYears
	return s.compute(ctx, tx, prod, app, self)
}

// checkPolicyYears checks policy periods as an applicant or insurer gives
// them: in order, each with its dates, amounts and at most one insurance
// year, starting before the round closes (when closes is set), and not
// overlapping.
func checkPolicyYears(p *firstset.Problems, field string, years []firstset.PolicyYear, closes date.Date) {
	for i, y := range years {
		at := fmt.Sprintf("%s[%d]", field, i)
		switch {
		case y.Start.IsZero():
			p.Add(at+".start", "required", "第 %d 个保险期间缺少起始日期。", i+1)
		case y.End.IsZero():
			p.Add(at+".end", "required", "第 %d 个保险期间缺少终止日期。", i+1)
		case y.End.Before(y.Start):
			p.Add(at+".end", "date_order", "第 %d 个保险期间的终止日期 %s 早于起始日期 %s。", i+1, y.End, y.Start)
		case y.Start.DaysInclusive(y.End) > policy.MaxPeriodDays:
			p.Add(at+".end", "too_long", "第 %d 个保险期间长 %d 天，一个保险年度最长 %d 天。", i+1, y.Start.DaysInclusive(y.End), policy.MaxPeriodDays)
		case !closes.IsZero() && y.Start.After(closes):
			p.Add(at+".start", "after_round", "第 %d 个保险期间起始于 %s，晚于本批次截止日 %s，请在下一批次申请。", i+1, y.Start, closes)
		case i > 0 && !years[i-1].End.IsZero() && !y.Start.After(years[i-1].End):
			p.Add(at+".start", "overlap", "第 %d 个保险期间起始日 %s 不晚于上一期间的终止日 %s：保险期间须按时间顺序且不重叠。", i+1, y.Start, years[i-1].End)
		}
		if y.InsuredAmount <= 0 {
			p.Add(at+".insured_amount_yuan", "invalid", "第 %d 个保险期间的保险金额应大于 0。", i+1)
		}
		if y.Premium <= 0 {
			p.Add(at+".premium_yuan", "invalid", "第 %d 个保险期间的保费应大于 0。", i+1)
		}
		if len(y.PolicyNumber) > 64 {
			p.Add(at+".policy_number", "too_long", "保单号不能超过 64 个字符。")
		}
	}
}

// subsidyHistory is a product's periods subsidised by other applications,
// with their data and the number of the application holding each.
func (s *env) subsidyHistory(ctx context.Context, tx firstset.Tx, productID, self int64) ([]firstset.PolicyYear, map[date.Date]string, error) {
	claimed, err := tx.ClaimedPeriods(ctx, productID)
	if err != nil {
		return nil, nil, err
	}
	return historyOf(ctx, tx, claimed, self)
}

// historyOf is subsidyHistory from the product's claimed periods.
func historyOf(ctx context.Context, tx firstset.Tx, claimed []firstset.ClaimedPeriod, self int64) ([]firstset.PolicyYear, map[date.Date]string, error) {
	var years []firstset.PolicyYear
	holder := map[date.Date]string{}
	apps := map[int64]*firstset.Application{}
	numbers := map[int64]string{}
	for _, cp := range claimed {
		if cp.CaseID == self {
			continue
		}
		other, ok := apps[cp.CaseID]
		if !ok {
			var err error
			if other, err = tx.ApplicationByCase(ctx, cp.CaseID); err != nil {
				return nil, nil, err
			}
			apps[cp.CaseID] = other
		}
		if _, ok := numbers[cp.CaseID]; !ok {
			oc, err := tx.CaseByID(ctx, cp.CaseID, false)
			if err != nil {
				return nil, nil, err
			}
			numbers[cp.CaseID] = oc.Number
		}
		for _, y := range other.PolicyYears {
			if y.Start == cp.Start {
				years = append(years, y)
				holder[y.Start] = numbers[cp.CaseID]
			}
		}
	}
	return years, holder, nil
}

// compute runs the engine for app and stores its result, input and
// version in it.
func (s *env) compute(ctx context.Context, tx firstset.Tx, prod *firstset.Product, app *firstset.Application, self int64) error {
	e := s.engine()
	product := policy.Product{RecognizedOn: prod.RecognizedOn, ValidUntil: prod.ValidUntil}
	app.ComputedAt, app.EngineVersion = s.Now(), e.Version()
	switch app.Kind {
	case firstset.IncentiveReward:
		in := policy.RewardInput{Product: product, Purchase: policy.Purchase{ContractDate: app.ContractDate, Paid: app.ContractPaid, FirstPurchase: true}}
		res, err := e.FirstPurchaseReward(in, policy.Options{Explain: true})
		if err != nil {
			return engineInputError(err)
		}
		app.Eligible, app.Reason, app.MaxAmount = res.Eligible && res.MaxReward > 0, string(res.Reason), res.MaxReward
		return setJSON(app, in, res, res.Explanation)
	default:
		history, holder, err := s.subsidyHistory(ctx, tx, prod.ID, self)
		if err != nil {
			return err
		}
		for i, y := range app.PolicyYears {
			for _, h := range history {
				if !y.Start.After(h.End) && !h.Start.After(y.End) {
					return firstset.FieldErrorf(fmt.Sprintf("policy_years[%d]", i), "already_subsidised",
						"第 %d 个保险期间（%s 至 %s）与已在申请 %s 中补贴的保险期间（%s 至 %s）重叠，同一保险期间不能重复补贴。",
						i+1, y.Start, y.End, holder[h.Start], h.Start, h.End)
				}
			}
		}
		all := append(slices.Clone(history), app.PolicyYears...)
		slices.SortFunc(all, func(a, b firstset.PolicyYear) int { return a.Start.Compare(b.Start) })
		in := policy.PremiumInput{Product: product, PolicyYears: make([]policy.PolicyYear, len(all))}
		for i, y := range all {
			in.PolicyYears[i] = policy.PolicyYear{Start: y.Start, End: y.End, InsuredAmount: y.InsuredAmount, Premium: y.Premium, Claim: y.Claim}
		}
		res, err := e.PremiumSubsidy(in, policy.Options{Explain: true})
		if err != nil {
			return engineInputError(err)
		}
		var steps []policy.Step
		app.MaxAmount, app.Reason = 0, ""
		for _, y := range res.Years {
			if n, ok := holder[y.Start]; ok {
				steps = append(steps, policy.Step{Clause: policy.M24Premium,
					Text: fmt.Sprintf("保险期间 %s 至 %s 已在申请 %s 中补贴（%s 元），本申请不再计入，仅用于确定补贴比例和连续性。", y.Start, y.End, n, y.Subsidy.Grouped())})
				continue
			}
			app.MaxAmount += y.Subsidy
			head := fmt.Sprintf("保险期间 %s 至 %s：", y.Start, y.End)
			if y.Eligible {
				head += fmt.Sprintf("补贴 %s 元。", y.Subsidy.Grouped())
			} else {
				head += "不予补贴（" + y.Reason.Chinese() + "）。"
				if app.Reason == "" {
					app.Reason = string(y.Reason)
				}
			}
			steps = append(steps, policy.Step{Clause: policy.M24Premium, Text: head})
			steps = append(steps, y.Explanation...)
		}
		app.Eligible = app.MaxAmount > 0
		if app.Eligible {
			app.Reason = ""
		}
		return setJSON(app, in, res, steps)
	}
}

// engineInputError is the engine refusing an input the service let by: a
// field error with the engine's path and Chinese message.
func engineInputError(err error) error {
	if pe := policy.AllErrors(err); len(pe) > 0 {
		var p firstset.Problems
		for _, e := range pe {
			p.Add(e.Field, e.Code, "%s", e.ChineseError())
		}
		return p.Err()
	}
	return fmt.Errorf("policy engine: %w", err)
}

func setJSON(app *firstset.Application, in, res any, steps []policy.Step) error {
	var err error
	if steps == nil {
		steps = []policy.Step{}
	}
	if app.Input, err = json.Marshal(in); err != nil {
		return fmt.Errorf("application input: %w", err)
	}
	if app.Result, err = json.Marshal(res); err != nil {
		return fmt.Errorf("application result: %w", err)
	}
	if app.Explanation, err = json.Marshal(steps); err != nil {
		return fmt.Errorf("application explanation: %w", err)
	}
	return nil
}

// UpdateApplication rewrites a draft's or a returned application's data.
func (s *Incentives) UpdateApplication(ctx context.Context, id int64, in firstset.ApplicationInput) (*firstset.ApplicationView, error) {
	a := actor(ctx)
	if err := firstset.CheckCaseWrite(a); err != nil {
		return nil, err
	}
	var v *firstset.ApplicationView
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		c, mine, err := loadApplicationCase(ctx, tx, a, id, true)
		if err != nil {
			return err
		}
		if err := s.canChangeMaterials(a, c, mine); err != nil {
			return err
		}
		app, err := tx.ApplicationByCase(ctx, c.ID)
		if err != nil {
			return err
		}
		if app.OfferID != 0 {
			return firstset.Errorf(firstset.ECONFLICT, "本申请由保险机构报送的保单数据生成（免申即享），数据以保险机构报送为准。")
		}
		if in.RoundID != 0 && in.RoundID != app.RoundID {
			return firstset.FieldErrorf("round_id", "immutable", "申请的批次不能修改。")
		}
		if in.ProductID != 0 && in.ProductID != c.ProductID {
			return firstset.FieldErrorf("product_id", "immutable", "申请的装备不能修改。")
		}
		r, err := tx.IncentiveRoundByID(ctx, app.RoundID, false)
		if err != nil {
			return err
		}
		prod, err := tx.ProductByID(ctx, c.ProductID)
		if err != nil {
			return err
		}
		old := *app
		if err := s.fillApplication(ctx, tx, r, s.withValidity(prod), app, c.ID, in); err != nil {
			return err
		}
		if err := tx.UpdateApplication(ctx, app); err != nil {
			return err
		}
		if err := tx.ReleasePeriods(ctx, c.ID); err != nil {
			return err
		}
		if err := tx.ClaimPeriods(ctx, c.ID, c.ProductID, app.PolicyYears); err != nil {
			return err
		}
		if err := tx.AppendEvent(ctx, &firstset.Event{CaseID: c.ID, At: s.Now(), ActorID: a.ID(), Actor: actorLabel(a),
			ActorRole: a.Role(), Action: "update", FromStage: c.Stage, Opinion: "修改申请数据，测算上限 " + app.MaxAmount.Grouped() + " 元"}); err != nil {
			return err
		}
		if err := s.record(ctx, tx, "update", "application", c.ID, &old, app); err != nil {
			return err
		}
		v, err = s.applicationView(ctx, tx, a, c, mine)
		return err
	})
	return v, err
}

// loadApplicationCase is loadCase for an incentive case: any other kind
// is not found.
func loadApplicationCase(ctx context.Context, tx firstset.Tx, a *firstset.Actor, id int64, forUpdate bool) (*firstset.Case, *firstset.CaseExpert, error) {
	c, mine, err := loadCase(ctx, tx, a, id, forUpdate)
	if err != nil {
		return nil, nil, err
	}
	if !firstset.IsIncentive(c.Kind) {
		return nil, nil, firstset.Errorf(firstset.ENOTFOUND, "奖补申请不存在。")
	}
	return c, mine, nil
}

// Application returns an application as the caller may see it.
func (s *Incentives) Application(ctx context.Context, id int64) (*firstset.ApplicationView, error) {
	a := actor(ctx)
	var v *firstset.ApplicationView
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		c, mine, err := loadApplicationCase(ctx, tx, a, id, false)
		if err != nil {
			return err
		}
		v, err = s.applicationView(ctx, tx, a, c, mine)
		return err
	})
	return v, err
}

// applicationView is the case view of c with its application.
func (s *env) applicationView(ctx context.Context, tx firstset.Tx, a *firstset.Actor, c *firstset.Case, mine *firstset.CaseExpert) (*firstset.ApplicationView, error) {
	cv, err := s.view(ctx, tx, a, c, mine)
	if err != nil {
		return nil, err
	}
	app, err := tx.ApplicationByCase(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	r, err := tx.IncentiveRoundByID(ctx, app.RoundID, false)
	if err != nil {
		return nil, err
	}
	v := &firstset.ApplicationView{CaseView: cv, Application: app, KindLabel: firstset.IncentiveLabel(c.Kind), Round: r}
	if v.Checklist, err = s.checklistOf(ctx, tx, c); err != nil {
		return nil, err
	}
	if firstset.CaseParty(a, c, mine != nil) != "expert" {
		if v.Disbursements, _, _, err = tx.ListDisbursements(ctx, firstset.LedgerFilter{ApplicationID: c.ID}); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// Applications lists the applications the caller may see.
func (s *Incentives) Applications(ctx context.Context, f firstset.ApplicationFilter) ([]*firstset.ApplicationView, int, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, 0, err
	}
	if err := requireScope(a, firstset.ScopeCasesRead); err != nil {
		return nil, 0, err
	}
	if err := checkQuery(f.Query); err != nil {
		return nil, 0, err
	}
	if f.Kind != "" && !firstset.IsIncentive(f.Kind) {
		return nil, 0, firstset.FieldErrorf("kind", "invalid", "奖补类型 %q 无效。", f.Kind)
	}
	if !scopeCaseFilter(a, &f.CaseFilter) {
		return []*firstset.ApplicationView{}, 0, nil
	}
	var apps []*firstset.Application
	var list []*firstset.Case
	var total int
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		apps, list, total, err = tx.ListApplications(ctx, f)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	out := make([]*firstset.ApplicationView, len(list))
	for i, c := range list {
		out[i] = &firstset.ApplicationView{CaseView: s.summary(c), Application: apps[i], KindLabel: firstset.IncentiveLabel(c.Kind)}
	}
	return out, total, nil
}

// Replay recomputes an application's result from its stored input with
// the engine of the version stored beside it, and says whether it is
// unchanged.
func (s *Incentives) Replay(ctx context.Context, id int64) (*firstset.Replay, error) {
	a := actor(ctx)
	var app *firstset.Application
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		c, _, err := loadApplicationCase(ctx, tx, a, id, false)
		if err != nil {
			return err
		}
		app, err = tx.ApplicationByCase(ctx, c.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	// The engine that produced the result replays it; one this instance
	// has not built (a version from before a restart with other values)
	// is replaced by the engine in force, and the answer says which ran.
	if err := s.reloadEngine(ctx); err != nil {
		return nil, err
	}
	e, ok := s.engineOf(app.EngineVersion)
	if !ok {
		e = s.engine()
	}
	out := &firstset.Replay{ApplicationID: id, StoredVersion: app.EngineVersion, Version: e.Version(), StoredMax: app.MaxAmount, Stored: app.Result}
	var res any
	switch app.Kind {
	case firstset.IncentiveReward:
		in, err := policy.DecodeRewardInput(app.Input)
		if err != nil {
			return nil, fmt.Errorf("replay %d: stored input: %w", id, err)
		}
		r, err := e.FirstPurchaseReward(in, policy.Options{Explain: true})
		if err != nil {
			return nil, fmt.Errorf("replay %d: %w", id, err)
		}
		out.MaxAmount, res = r.MaxReward, r
	default:
		in, err := policy.DecodePremiumInput(app.Input)
		if err != nil {
			return nil, fmt.Errorf("replay %d: stored input: %w", id, err)
		}
		r, err := e.PremiumSubsidy(in, policy.Options{Explain: true})
		if err != nil {
			return nil, fmt.Errorf("replay %d: %w", id, err)
		}
		own := map[date.Date]bool{}
		for _, y := range app.PolicyYears {
			own[y.Start] = true
		}
		for _, y := range r.Years {
			if own[y.Start] {
				out.MaxAmount += y.Subsidy
			}
		}
		res = r
	}
	if out.Result, err = json.Marshal(res); err != nil {
		return nil, fmt.Errorf("replay %d: %w", id, err)
	}
	out.Unchanged = out.MaxAmount == out.StoredMax && sameResult(out.Stored, out.Result)
	return out, nil
}

// sameResult compares two engine results but for the version they carry.
func sameResult(a, b json.RawMessage) bool {
	var x, y map[string]any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	delete(x, "version")
	delete(y, "version")
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return string(xa) == string(ya)
}

// ScoreApplication records the reviewer's score, or a drawn expert's
// when the round uses experts.
func (s *Incentives) ScoreApplication(ctx context.Context, id int64, score json.Number) (*firstset.ApplicationView, error) {
	a := actor(ctx)
	if err := firstset.CheckCaseWrite(a); err != nil {
		return nil, err
	}
	var v *firstset.ApplicationView
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		c, mine, err := loadApplicationCase(ctx, tx, a, id, true)
		if err != nil {
			return err
		}
		t, err := s.decide(a, c, mine, cases.Score)
		if err != nil {
			return err
		}
		sc, err := parseScore(string(score))
		if string(score) == "" {
			return firstset.FieldErrorf("score", "required", "请填写评分（0 至 100 分）。")
		}
		if err != nil {
			return firstset.FieldErrorf("score", "invalid", "评分%s", err.Error())
		}
		app, err := tx.ApplicationByCase(ctx, c.ID)
		if err != nil {
			return err
		}
		r, err := tx.IncentiveRoundByID(ctx, app.RoundID, false)
		if err != nil {
			return err
		}
		switch t.By {
		case cases.Reviewer:
			if r.UsesExperts {
				return firstset.Errorf(firstset.EFORBIDDEN, "批次“%s”由抽取的评审专家评分，审核人员不直接评分。", r.Title)
			}
			c.Score = &sc
		case cases.Expert:
			old := *mine
			mine.Status = firstset.AssignmentScored
			mine.Sheet = &firstset.ScoreSheet{Scores: map[string]int{incentiveCriterion: int(sc)}, ScoredAt: s.Now()}
			if err := tx.UpdateCaseExpert(ctx, mine); err != nil {
				return err
			}
			if err := s.record(ctx, tx, "score", "case", c.ID, &old, mine); err != nil {
				return err
			}
			var p firstset.Problems
			if err := s.incentiveScores(ctx, tx, c, r, &p); err != nil {
				return err
			}
		}
		if err := s.move(ctx, tx, c, t, "评分 "+sc.String()+" 分", nil); err != nil {
			return err
		}
		v, err = s.applicationView(ctx, tx, a, c, mine)
		return err
	})
	return v, err
}

// incentiveCriterion is the one line of an expert's sheet for an
// application: its score in hundredths.
const incentiveCriterion = "score"

// incentiveScores requires an application's score: the reviewer's, or
// every drawn expert's when the round uses experts, whose mean (rounded
// half up to the hundredth) it fills in.
func (s *env) incentiveScores(ctx context.Context, tx firstset.Tx, c *firstset.Case, r *firstset.IncentiveRound, p *firstset.Problems) error {
	if !r.UsesExperts {
		if c.Score == nil {
			p.Add("score", "not_scored", "尚未评分。")
		}
		return nil
	}
	experts, err := tx.CaseExperts(ctx, c.ID)
	if err != nil {
		return err
	}
	var sum, n, waiting int64
	for _, e := range experts {
		switch e.Status {
		case firstset.AssignmentDrawn:
			waiting++
		case firstset.AssignmentScored:
			sum += int64(e.Sheet.Scores[incentiveCriterion])
			n++
		}
	}
	switch {
	case n == 0 && waiting == 0:
		p.Add("experts", "not_drawn", "尚未抽取评审专家。")
	case waiting > 0:
		p.Add("experts", "scores_pending", "还有 %d 位专家未提交评分。", waiting)
	default:
		mean := firstset.Score((2*sum + n) / (2 * n))
		c.Score = &mean
	}
	return nil
}

// incentiveRequirements checks what an incentive case's transition needs
// of it beyond the party's right to take it.
func (s *env) incentiveRequirements(ctx context.Context, tx firstset.Tx, c *firstset.Case, r cases.Requirement, p *firstset.Problems) error {
	app, err := tx.ApplicationByCase(ctx, c.ID)
	if err != nil {
		return err
	}
	round, err := tx.IncentiveRoundByID(ctx, app.RoundID, false)
	if err != nil {
		return err
	}
	switch r {
	case cases.NeedsRoundOpen:
		if today := date.FromTime(s.Now()); !round.OpenOn(today) {
			p.Add("round_id", "round_closed", "奖补批次“%s”的申请时间为 %s 至 %s，现已不在申请期内。", round.Title, round.OpensOn, round.ClosesOn)
		}
	case cases.NeedsMaterials:
		list, err := s.checklistOf(ctx, tx, c)
		if err != nil {
			return err
		}
		atts, err := tx.Attachments(ctx, c.ID)
		if err != nil {
			return err
		}
		for _, item := range missingFrom(list, atts) {
			p.Add("materials", "missing_material", "缺少必需材料：%s。", item)
		}
	case cases.NeedsEligible:
		if !app.Eligible {
			why := policy.Reason(app.Reason).Chinese()
			p.Add("eligible", "not_eligible", "按政策测算，本申请不符合条件（%s），不能提交。", why)
		}
	case cases.NeedsScores:
		return s.incentiveScores(ctx, tx, c, round, p)
	case cases.NeedsRoundUnapproved:
		if round.Status == firstset.RoundApproved {
			p.Add("round_id", "round_approved", "批次“%s”的资金分配已经批准，不能再改变申请的结果。", round.Title)
		}
	}
	return nil
}

// missingFrom names the required items of list with no attachment.
func missingFrom(list []firstset.ChecklistItem, atts []*firstset.Attachment) []string {
	var missing []string
	for _, it := range list {
		if it.Required && !slices.ContainsFunc(atts, func(a *firstset.Attachment) bool { return a.Item == it.Item }) {
			missing = append(missing, it.Item)
		}
	}
	return missing
}

// afterMove keeps an application in step with its case: an application
// that ends without funds frees its product and periods.
func (s *env) afterMove(ctx context.Context, tx firstset.Tx, c *firstset.Case) error {
	if !firstset.IsIncentive(c.Kind) {
		return nil
	}
	switch cases.Stage(c.Stage) {
	case cases.Withdrawn, cases.Rejected, cases.Unfunded:
	default:
		return nil
	}
	app, err := tx.ApplicationByCase(ctx, c.ID)
	if err != nil {
		return err
	}
	if !app.Active {
		return nil
	}
	app.Active = false
	if err := tx.UpdateApplication(ctx, app); err != nil {
		return err
	}
	if err := tx.ReleasePeriods(ctx, c.ID); err != nil {
		return err
	}
	if app.OfferID != 0 {
		return s.reopenOffer(ctx, tx, app.OfferID, cases.Stage(c.Stage))
	}
	return nil
}

// Allocate runs a round's allocation over its applications at the
// allocation stage: a proposal for finance.
func (s *Incentives) Allocate(ctx context.Context, roundID int64) (*firstset.AllocationResult, error) {
	a := actor(ctx)
	if err := firstset.CheckAllocate(a); err != nil {
		return nil, err
	}
	if err := firstset.CheckCaseWrite(a); err != nil {
		return nil, err
	}
	if err := s.reloadEngine(ctx); err != nil {
		return nil, err
	}
	var out *firstset.AllocationResult
	// Thousands of applications: a transaction of its own.
	err := s.store.Update(firstset.BulkWrite(ctx), func(tx firstset.Tx) error {
		r, err := tx.IncentiveRoundByID(ctx, roundID, true)
		if err != nil {
			return err
		}
		today := date.FromTime(s.Now())
		switch {
		case r.Status == firstset.RoundApproved:
			return firstset.Errorf(firstset.EWRONGSTAGE, "批次“%s”的资金分配已经批准，不能重新分配。", r.Title)
		case !today.After(r.ClosesOn):
			return firstset.Errorf(firstset.EWRONGSTAGE, "批次“%s”申请截止于 %s，截止后方可分配资金。", r.Title, r.ClosesOn)
		}
		apps, list, err := tx.RoundApplications(ctx, r.ID)
		if err != nil {
			return err
		}
		var pending []string
		in := policy.AllocationInput{Budget: r.Budget, Method: r.Method, AsOf: r.ClosesOn, Incentive: r.Kind}
		ps := policy.Score(r.PassScore)
		in.PassScore = &ps
		byNumber := map[string]int{}
		for i, c := range list {
			switch cases.Stage(c.Stage) {
			case cases.Confirmation, cases.DistrictReview, cases.Review:
				pending = append(pending, c.Number)
			case cases.Allocation:
				score := policy.Score(0)
				if c.Score != nil {
					score = policy.Score(*c.Score)
				}
				in.Applications = append(in.Applications, policy.Application{ID: c.Number, MaxAmount: apps[i].MaxAmount,
					Score: score, TalentLed: apps[i].TalentLed, SubmittedAt: *c.SubmittedAt})
				byNumber[c.Number] = i
			}
		}
		if len(pending) > 0 {
			return firstset.Errorf(firstset.EWRONGSTAGE, "批次还有 %d 件申请未完成审核（%s），全部完成后方可分配资金。",
				len(pending), strings.Join(firstN(pending, 5), "、"))
		}
		if len(in.Applications) == 0 {
			return firstset.Errorf(firstset.EWRONGSTAGE, "批次“%s”没有待分配资金的申请。", r.Title)
		}
		res, err := s.engine().Allocate(in, policy.Options{Explain: true})
		if err != nil {
			return engineInputError(err)
		}
		now := s.Now()
		t := cases.Transition{Action: cases.Allocate, Label: "分配资金", Stays: true, By: cases.Reviewer}
		for _, al := range res.Allocations {
			i := byNumber[al.ID]
			app, c := apps[i], list[i]
			old := *app
			amount := al.Amount
			app.Rank, app.Allocated, app.AllocationReason = al.Rank, &amount, string(al.Reason)
			if app.AllocationExplanation, err = json.Marshal(al.Explanation); err != nil {
				return fmt.Errorf("allocation explanation: %w", err)
			}
			if err := tx.UpdateApplication(ctx, app); err != nil {
				return err
			}
			if err := s.record(ctx, tx, "allocate", "application", c.ID, allocationRecord(&old), allocationRecord(app)); err != nil {
				return err
			}
			if err := tx.AppendEvent(ctx, &firstset.Event{CaseID: c.ID, At: now, ActorID: a.ID(), Actor: actorLabel(a),
				ActorRole: a.Role(), Action: string(t.Action), FromStage: c.Stage,
				Opinion: fmt.Sprintf("分配方案：排名第 %d，拟安排 %s 元（%s）。", al.Rank, al.Amount.Grouped(), al.Reason.Chinese())}); err != nil {
				return err
			}
		}
		old := *r
		if r.FrozenAt == nil {
			r.FrozenAt = &now
		}
		r.Status, r.Allocated, r.UpdatedAt = firstset.RoundProposed, res.Total, now
		if err := tx.UpdateIncentiveRound(ctx, r); err != nil {
			return err
		}
		if err := s.record(ctx, tx, "allocate", "incentive_round", r.ID, &old, r); err != nil {
			return err
		}
		finance, err := usersOf(ctx, tx, firstset.RoleFinance, 0, "")
		if err != nil {
			return err
		}
		if err := s.notifyAt(ctx, tx, finance, 0, fmt.Sprintf("/incentive-rounds/%d", r.ID), "待审批：资金分配方案",
			fmt.Sprintf("批次“%s”的资金分配方案已生成：%d 件申请，拟安排 %s 元（预算 %s 元），请审批。", r.Title,
				len(res.Allocations), res.Total.Grouped(), r.Budget.Grouped())); err != nil {
			return err
		}
		out, err = s.allocation(ctx, tx, r)
		return err
	})
	return out, err
}

// allocationRecord is what the audit log keeps of an application's
// allocation: its rank, amount and reason (the explanation stays on the
// application).
func allocationRecord(app *firstset.Application) any {
	return struct {
		CaseID    int64      `json:"case_id"`
		Rank      int        `json:"rank,omitempty"`
		Allocated *money.Fen `json:"allocated_yuan"`
		Reason    string     `json:"allocation_reason,omitempty"`
		MaxAmount money.Fen  `json:"max_amount_yuan"`
	}{app.CaseID, app.Rank, app.Allocated, app.AllocationReason, app.MaxAmount}
}

func firstN(list []string, n int) []string {
	if len(list) > n {
		return append(list[:n:n], "…")
	}
	return list
}

// Allocation reads a round's allocation as it stands.
func (s *Incentives) Allocation(ctx context.Context, roundID int64) (*firstset.AllocationResult, error) {
	a := actor(ctx)
	if err := firstset.CheckReadAllocation(a); err != nil {
		return nil, err
	}
	var out *firstset.AllocationResult
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		r, err := tx.IncentiveRoundByID(ctx, roundID, false)
		if err != nil {
			return err
		}
		out, err = s.allocation(ctx, tx, r)
		return err
	})
	return out, err
}

// allocation is the lines of r's allocated applications in rank order.
func (s *env) allocation(ctx context.Context, tx firstset.Tx, r *firstset.IncentiveRound) (*firstset.AllocationResult, error) {
	apps, list, err := tx.RoundApplications(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	out := &firstset.AllocationResult{RoundID: r.ID, Status: r.Status, Budget: r.Budget, Method: r.Method,
		PassScore: r.PassScore, Allocations: []firstset.AllocationLine{}}
	for i, app := range apps {
		if app.Allocated == nil || app.Rank == 0 {
			continue
		}
		c := list[i]
		if st := cases.Stage(c.Stage); st == cases.Withdrawn || st == cases.Rejected || st == cases.Returned {
			continue
		}
		out.Allocations = append(out.Allocations, firstset.AllocationLine{ApplicationID: c.ID, Number: c.Number,
			Rank: app.Rank, Amount: *app.Allocated, Reason: app.AllocationReason,
			ReasonLabel: policy.Reason(app.AllocationReason).Chinese(), Explanation: app.AllocationExplanation,
			MaxAmount: app.MaxAmount, Score: c.Score, TalentLed: app.TalentLed, EnterpriseName: c.EnterpriseName,
			ProductName: c.ProductName, BuyerName: app.BuyerName})
		out.Total += *app.Allocated
	}
	slices.SortFunc(out.Allocations, func(a, b firstset.AllocationLine) int { return a.Rank - b.Rank })
	return out, nil
}

// ApproveRound is finance approving a round's proposal.
func (s *Incentives) ApproveRound(ctx context.Context, roundID int64, in firstset.RoundDecision) (*firstset.AllocationResult, error) {
	a := actor(ctx)
	if err := firstset.CheckManageIncentiveRounds(a); err != nil {
		return nil, err
	}
	in.Opinion = clean(in.Opinion)
	var p firstset.Problems
	optionalLines(&p, "opinion", "审批意见", in.Opinion, 2000)
	if err := p.Err(); err != nil {
		return nil, err
	}
	var out *firstset.AllocationResult
	// Thousands of applications: a transaction of its own.
	err := s.store.Update(firstset.BulkWrite(ctx), func(tx firstset.Tx) error {
		r, err := tx.IncentiveRoundByID(ctx, roundID, true)
		if err != nil {
			return err
		}
		if r.Status != firstset.RoundProposed {
			return firstset.Errorf(firstset.EWRONGSTAGE, "批次“%s”当前为“%s”，没有待审批的分配方案。", r.Title, firstset.RoundStatusLabel(r.Status))
		}
		apps, list, err := tx.RoundApplications(ctx, r.ID)
		if err != nil {
			return err
		}
		for i, c := range list {
			if cases.Stage(c.Stage) == cases.Allocation && apps[i].Allocated == nil {
				return firstset.Errorf(firstset.ECONFLICT, "分配方案生成后，申请 %s 进入了资金分配，请审核人员重新分配后再审批。", c.Number)
			}
		}
		today := date.FromTime(s.Now())
		days, err := s.noticeDays(today)
		if err != nil {
			return err
		}
		end, err := s.deadline(ctx, tx, today, days)
		var nd *noCalendarError
		if errors.As(err, &nd) {
			return firstset.Errorf(firstset.EINVALID, "%s", nd.err.Error())
		} else if err != nil {
			return err
		}
		now := s.Now()
		old := *r
		r.Status, r.Opinion, r.ApprovedBy, r.ApprovedAt = firstset.RoundApproved, in.Opinion, a.ID(), &now
		r.NoticeStartsOn, r.NoticeEndsOn, r.UpdatedAt = today, end, now
		if err := tx.UpdateIncentiveRound(ctx, r); err != nil {
			return err
		}
		if err := s.record(ctx, tx, "approve", "incentive_round", r.ID, &old, r); err != nil {
			return err
		}
		k := cases.Named(r.Kind)
		for i, c := range list {
			if cases.Stage(c.Stage) != cases.Allocation {
				continue
			}
			act := cases.Approve
			opinion := fmt.Sprintf("资金分配方案经市财政局批准：安排 %s 元。公示期 %s 至 %s。", apps[i].Allocated.Grouped(), today, end)
			if *apps[i].Allocated == 0 {
				act = cases.NoFunds
				opinion = fmt.Sprintf("资金分配方案经市财政局批准：本申请未获安排（%s）。", policy.Reason(apps[i].AllocationReason).Chinese())
			}
			t, ref := k.Decide(cases.Allocation, act, cases.Finance)
			if ref != nil {
				return fmt.Errorf("approve %s: %s", c.Number, ref.Message)
			}
			if in.Opinion != "" {
				opinion += "审批意见：" + in.Opinion
			}
			if err := s.move(ctx, tx, c, t, opinion, nil); err != nil {
				return err
			}
		}
		out, err = s.allocation(ctx, tx, r)
		return err
	})
	return out, err
}

// SendBackRound is finance returning a round's proposal to the reviewer.
func (s *Incentives) SendBackRound(ctx context.Context, roundID int64, in firstset.RoundDecision) (*firstset.IncentiveRound, error) {
	a := actor(ctx)
	if err := firstset.CheckManageIncentiveRounds(a); err != nil {
		return nil, err
	}
	in.Opinion = clean(in.Opinion)
	var p firstset.Problems
	if in.Opinion == "" {
		p.Add("opinion", "required", "请写明退回分配方案的理由。")
	}
	optionalLines(&p, "opinion", "退回理由", in.Opinion, 2000)
	if err := p.Err(); err != nil {
		return nil, err
	}
	var r *firstset.IncentiveRound
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		var err error
		if r, err = tx.IncentiveRoundByID(ctx, roundID, true); err != nil {
			return err
		}
		if r.Status != firstset.RoundProposed {
			return firstset.Errorf(firstset.EWRONGSTAGE, "批次“%s”当前为“%s”，没有待审批的分配方案。", r.Title, firstset.RoundStatusLabel(r.Status))
		}
		old := *r
		r.Status, r.Opinion, r.UpdatedAt = firstset.RoundOpen, in.Opinion, s.Now()
		if err := tx.UpdateIncentiveRound(ctx, r); err != nil {
			return err
		}
		if err := s.record(ctx, tx, "send_back", "incentive_round", r.ID, &old, r); err != nil {
			return err
		}
		reviewers, err := usersOf(ctx, tx, firstset.RoleReviewer, 0, "")
		if err != nil {
			return err
		}
		return s.notifyAt(ctx, tx, reviewers, 0, fmt.Sprintf("/incentive-rounds/%d", r.ID), "资金分配方案被退回",
			fmt.Sprintf("市财政局退回了批次“%s”的资金分配方案：%s", r.Title, in.Opinion))
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// Results is the public notice of a round's approved allocation.
func (s *Incentives) Results(ctx context.Context, roundID int64) (*firstset.Results, error) {
	var out *firstset.Results
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		r, err := tx.IncentiveRoundByID(ctx, roundID, false)
		if err != nil {
			return err
		}
		if r.Status != firstset.RoundApproved {
			return firstset.Errorf(firstset.ENOTFOUND, "该批次的奖补结果尚未公示。")
		}
		apps, list, err := tx.RoundApplications(ctx, r.ID)
		if err != nil {
			return err
		}
		out = &firstset.Results{Round: r, Items: []firstset.ResultLine{}}
		type ranked struct {
			rank int
			line firstset.ResultLine
		}
		var lines []ranked
		for i, c := range list {
			switch cases.Stage(c.Stage) {
			case cases.Approved, cases.PartiallyPaid, cases.Paid:
			default:
				continue
			}
			app := apps[i]
			lines = append(lines, ranked{app.Rank, firstset.ResultLine{Number: c.Number, EnterpriseName: c.EnterpriseName,
				ProductName: c.ProductName, ProductModel: c.ProductModel, BuyerName: app.BuyerName, Amount: *app.Allocated}})
			out.Total += *app.Allocated
		}
		slices.SortFunc(lines, func(a, b ranked) int { return a.rank - b.rank })
		for _, l := range lines {
			out.Items = append(out.Items, l.line)
		}
		return nil
	})
	return out, err
}

// Disburse records a payment against an approved allocation: never more
// than what is left of it.
func (s *Incentives) Disburse(ctx context.Context, in firstset.DisbursementInput) (*firstset.Disbursement, error) {
	a := actor(ctx)
	if err := firstset.CheckManageIncentiveRounds(a); err != nil {
		return nil, err
	}
	in.Voucher, in.BankReference = clean(in.Voucher), clean(in.BankReference)
	var p firstset.Problems
	if in.ApplicationID <= 0 {
		p.Add("application_id", "required", "请选择拨付的奖补申请。")
	}
	if in.Amount <= 0 {
		p.Add("amount_yuan", "invalid", "请填写大于 0 的拨付金额（元）。")
	}
	today := date.FromTime(s.Now())
	if in.PaidOn.IsZero() {
		p.Add("paid_on", "required", "请填写拨付日期。")
	} else if in.PaidOn.After(today) {
		p.Add("paid_on", "future", "拨付日期 %s 晚于今天。", in.PaidOn)
	}
	requireText(&p, "voucher", "凭证号", in.Voucher, 64)
	if in.Voucher != "" && !plaintext.Valid(in.Voucher, plaintext.OneLine) {
		p.Add("voucher", "invalid_text", "凭证号含有不允许的字符。")
	}
	optionalText(&p, "bank_reference", "银行流水号", in.BankReference, 64)
	if err := p.Err(); err != nil {
		return nil, err
	}
	var d *firstset.Disbursement
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		c, _, err := loadApplicationCase(ctx, tx, a, in.ApplicationID, true)
		if err != nil {
			return firstset.FieldErrorf("application_id", "unknown_application", "奖补申请不存在。")
		}
		app, err := tx.ApplicationByCase(ctx, c.ID)
		if err != nil {
			return err
		}
		r, err := tx.IncentiveRoundByID(ctx, app.RoundID, false)
		if err != nil {
			return err
		}
		st := cases.Stage(c.Stage)
		if st != cases.Approved && st != cases.PartiallyPaid {
			def, _ := kindOf(c).Stage(st)
			return &firstset.Error{Code: firstset.EWRONGSTAGE, Field: "application_id",
				Message: fmt.Sprintf("申请 %s 处于“%s”阶段，只有已批准安排、尚未拨付完毕的申请可以登记拨付。", c.Number, def.Label)}
		}
		if !today.After(r.NoticeEndsOn) {
			return &firstset.Error{Code: firstset.EWRONGSTAGE, Field: "application_id",
				Message: fmt.Sprintf("批次“%s”的奖补结果公示至 %s，公示期满后方可拨付。", r.Title, r.NoticeEndsOn)}
		}
		if r.ApprovedAt != nil && in.PaidOn.Before(date.FromTime(*r.ApprovedAt)) {
			return firstset.FieldErrorf("paid_on", "before_approval", "拨付日期 %s 早于资金分配方案批准日 %s。", in.PaidOn, date.FromTime(*r.ApprovedAt))
		}
		left := *app.Allocated - app.Disbursed
		if in.Amount > left {
			return firstset.FieldErrorf("amount_yuan", "over_allocation", "拨付金额 %s 元超过尚未拨付的安排金额 %s 元（安排 %s 元，已拨付 %s 元）。",
				in.Amount.Grouped(), left.Grouped(), app.Allocated.Grouped(), app.Disbursed.Grouped())
		}
		payee := c.EnterpriseName
		if c.Kind == firstset.IncentiveReward {
			payee = app.BuyerName
		}
		d = &firstset.Disbursement{ApplicationID: c.ID, Amount: in.Amount, PaidOn: in.PaidOn, Voucher: in.Voucher,
			BankReference: in.BankReference, Payee: payee, RecordedBy: a.ID(), CreatedAt: s.Now()}
		if err := tx.CreateDisbursement(ctx, d); err != nil {
			return err
		}
		if err := s.record(ctx, tx, "create", "disbursement", d.ID, nil, d); err != nil {
			return err
		}
		act := cases.Pay
		if in.Amount == left {
			act = cases.PayOff
		}
		t, ref := kindOf(c).Decide(st, act, cases.Finance)
		if ref != nil {
			return fmt.Errorf("disburse %s: %s", c.Number, ref.Message)
		}
		opinion := fmt.Sprintf("拨付 %s 元（凭证号 %s，拨付日期 %s），累计拨付 %s 元，安排 %s 元。", in.Amount.Grouped(), in.Voucher,
			in.PaidOn, (app.Disbursed + in.Amount).Grouped(), app.Allocated.Grouped())
		if err := s.move(ctx, tx, c, t, opinion, nil); err != nil {
			return err
		}
		d.Number, d.ProductName, d.EnterpriseName, d.RoundTitle = c.Number, c.ProductName, c.EnterpriseName, r.Title
		return nil
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// Ledger lists the disbursements the caller may see with their total.
func (s *Incentives) Ledger(ctx context.Context, f firstset.LedgerFilter) (*firstset.Ledger, error) {
	a := actor(ctx)
	if err := firstset.CheckReadLedger(a); err != nil {
		return nil, err
	}
	if f.Kind != "" && !firstset.IsIncentive(f.Kind) {
		return nil, firstset.FieldErrorf("kind", "invalid", "奖补类型 %q 无效。", f.Kind)
	}
	out := &firstset.Ledger{Items: []*firstset.Disbursement{}}
	if !firstset.ScopeLedger(a, &f) {
		return out, nil
	}
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		out.Items, out.Total, out.TotalPaid, err = tx.ListDisbursements(ctx, f)
		return err
	})
	return out, err
}

// LedgerSummaries sums the ledger the caller may see by a key.
func (s *Incentives) LedgerSummaries(ctx context.Context, by string, f firstset.LedgerFilter) ([]firstset.LedgerSummary, error) {
	a := actor(ctx)
	if err := firstset.CheckReadLedger(a); err != nil {
		return nil, err
	}
	if !firstset.ScopeLedger(a, &f) {
		return []firstset.LedgerSummary{}, nil
	}
	var list []firstset.LedgerSummary
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		list, err = tx.SumDisbursements(ctx, by, f)
		return err
	})
	return list, err
}
