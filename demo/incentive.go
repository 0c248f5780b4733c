package demo

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"firstset"
	"firstset/cases"
	"firstset/date"
	"firstset/money"
	"firstset/service"
)

// incentiveDemo drives the incentives' demo: the service clock is moved
// back to when each step happened, and set back at the end.
type incentiveDemo struct {
	*people
	ctx      context.Context
	now      func() time.Time
	finance  context.Context
	buyer    context.Context
	insurer  context.Context
	products map[string]*firstset.Product
	voucher  int
}

// at moves the service clock to days from the demo's today (10:00 that
// day in Chongqing).
func (d *incentiveDemo) at(days int) {
	t := date.FromTime(d.now()).AddDays(days).Time().Add(2 * time.Hour)
	d.svc.Now = func() time.Time { return t }
}

func (d *incentiveDemo) day(days int) date.Date { return date.FromTime(d.now()).AddDays(days) }

func (d *incentiveDemo) product(name string) (*firstset.Product, error) {
	p, ok := d.products[name]
	if !ok {
		return nil, fmt.Errorf("no demo product %s", name)
	}
	return p, nil
}

func fen(yuan int64) money.Fen { f, _ := money.FromYuan(yuan); return f }

// loadIncentives puts the money in motion: a regular round of each
// incentive closed, allocated, approved and partly paid; a supplementary
// round of each open now, with a subsidy offered from the demo insurer's
// data and applications at every stage; two of the demo enterprise's
// recognised products left untouched for a person to try.
func loadIncentives(ctx context.Context, svc *service.Services) error {
	sys := firstset.NewContextWithActor(ctx, firstset.SystemActor())
	d := &incentiveDemo{people: &people{svc: svc, enterprise: map[int64]context.Context{}, district: map[string]context.Context{}},
		ctx: ctx, now: svc.Now, products: map[string]*firstset.Product{}}
	defer func() { svc.Now = d.now }()
	var err error
	for name, c := range map[string]*context.Context{"reviewer": &d.reviewer, "finance": &d.finance, "buyer": &d.buyer, "insurer": &d.insurer} {
		if *c, err = d.as(ctx, name); err != nil {
			return err
		}
	}
	admin, err := d.as(ctx, "admin")
	if err != nil {
		return err
	}
	list, _, err := svc.FindProducts(sys, firstset.ProductFilter{Status: firstset.StatusRecognised, Limit: 200})
	if err != nil {
		return err
	}
	for _, p := range list {
		d.products[p.Name] = p
	}
	year, _, _ := d.day(0).Parts()
	// The consortium: the demo insurer's institution a member for two
	// years, another insurer a former one (能进能出).
	own := firstset.ActorFromContext(d.insurer).User.InstitutionID
	if _, err := svc.JoinConsortium(admin, firstset.ConsortiumJoin{InstitutionID: own, JoinedOn: date.Of(year-2, 1, 1)}); err != nil {
		return fmt.Errorf("consortium: %w", err)
	}
	insurers, _, err := svc.FindInstitutions(admin, firstset.InstitutionFilter{Kind: firstset.InstitutionInsurer})
	if err != nil {
		return err
	}
	for _, n := range insurers {
		if n.ID == own {
			continue
		}
		m, err := svc.JoinConsortium(admin, firstset.ConsortiumJoin{InstitutionID: n.ID, JoinedOn: date.Of(year-2, 1, 1)})
		if err != nil {
			return fmt.Errorf("consortium: %w", err)
		}
		if _, err := svc.LeaveConsortium(admin, m.ID, firstset.ConsortiumLeave{LeftOn: date.Of(year-1, 7, 1)}); err != nil {
			return fmt.Errorf("consortium: %w", err)
		}
		break
	}

	// The regular rounds: open 240 to 150 days ago.
	d.at(-240)
	regular := func(kind string, budget int64) (*firstset.IncentiveRound, error) {
		return svc.CreateIncentiveRound(d.finance, firstset.IncentiveRoundInput{Kind: kind, Year: year, Budget: fen(budget),
			Title:   fmt.Sprintf("%d年度首台（套）重大技术装备%s（第一批）", year, firstset.IncentiveLabel(kind)),
			OpensOn: d.day(-240), ClosesOn: d.day(-150), Method: firstset.MethodRankOrder, PassScore: "60"})
	}
	sub1, err := regular(firstset.IncentiveSubsidy, 3_000_000)
	if err != nil {
		return fmt.Errorf("subsidy round: %w", err)
	}
	rew1, err := regular(firstset.IncentiveReward, 10_000_000)
	if err != nil {
		return fmt.Errorf("reward round: %w", err)
	}
	d.at(-200)
	// The demo enterprise's measuring centre: insured, offered, confirmed.
	if err := d.insure("数控齿轮测量中心", "PICC-CQ-%d-0101", 2, 18_000_000, 450_000); err != nil {
		return err
	}
	gmc, err := d.confirmOffer("数控齿轮测量中心", sub1.ID)
	if err != nil {
		return err
	}
	subsidies := []struct {
		product string
		score   string
	}{{"跨座式单轨车辆转向架", "92"}, {"大功率船用中速柴油机", "86"}, {"丘陵山地履带式智能拖拉机", "55"}}
	regularApps := map[string]int64{}
	for _, x := range subsidies {
		id, err := d.applySubsidy(x.product, sub1.ID, 280_000)
		if err != nil {
			return err
		}
		regularApps[x.product] = id
		if err := d.review(id, x.score); err != nil {
			return err
		}
	}
	if err := d.review(gmc, "88"); err != nil {
		return err
	}
	tbm, err := d.applyReward("大直径泥水平衡盾构机", rew1.ID, 100, 8_000_000)
	if err != nil {
		return err
	}
	if err := d.confirm(tbm); err != nil {
		return err
	}
	if err := d.review(tbm, "90"); err != nil {
		return err
	}
	valve, err := d.applyReward("高压大容量柔性直流换流阀", rew1.ID, 120, 15_000_000)
	if err != nil {
		return err
	}
	if err := d.confirm(valve); err != nil {
		return err
	}
	if err := d.district(valve, "approve", "同意报送。"); err != nil {
		return err
	}
	if _, err := svc.Act(d.reviewer, valve, firstset.ActionInput{Action: "reject",
		Opinion: "经核查，该合同为框架协议下的第二批次供货，不属于首购首用，不予支持。"}); err != nil {
		return fmt.Errorf("reject reward: %w", err)
	}

	// Allocation after they close; finance approves; paid after the notice.
	d.at(-140)
	for _, r := range []*firstset.IncentiveRound{sub1, rew1} {
		if _, err := svc.Allocate(d.reviewer, r.ID); err != nil {
			return fmt.Errorf("allocate %s: %w", r.Title, err)
		}
	}
	d.at(-135)
	for _, r := range []*firstset.IncentiveRound{sub1, rew1} {
		if _, err := svc.ApproveRound(d.finance, r.ID, firstset.RoundDecision{Opinion: "经审核，同意分配方案。"}); err != nil {
			return fmt.Errorf("approve %s: %w", r.Title, err)
		}
	}
	d.at(-100)
	if err := d.payAll(gmc); err != nil {
		return err
	}
	if err := d.payAll(tbm); err != nil {
		return err
	}
	if err := d.pay(regularApps["跨座式单轨车辆转向架"], fen(100_000)); err != nil {
		return err
	}

	// A second regular subsidy round: the tractor, unfunded in the first,
	// applies again; its allocation waits for finance's approval.
	sub3, err := svc.CreateIncentiveRound(d.finance, firstset.IncentiveRoundInput{Kind: firstset.IncentiveSubsidy, Year: year,
		Budget: fen(1_000_000), Title: fmt.Sprintf("%d年度首台（套）重大技术装备%s（第二批）", year, firstset.IncentiveLabel(firstset.IncentiveSubsidy)),
		OpensOn: d.day(-100), ClosesOn: d.day(-20), Method: firstset.MethodRankOrder, PassScore: "60"})
	if err != nil {
		return fmt.Errorf("second subsidy round: %w", err)
	}
	d.at(-95)
	tractor, err := d.applySubsidy("丘陵山地履带式智能拖拉机", sub3.ID, 260_000)
	if err != nil {
		return err
	}
	if err := d.review(tractor, "76"); err != nil {
		return err
	}

	// The supplementary rounds, open now.
	d.at(-30)
	supplementary := func(kind string, budget int64) (*firstset.IncentiveRound, error) {
		return svc.CreateIncentiveRound(d.finance, firstset.IncentiveRoundInput{Kind: kind, Year: year, Budget: fen(budget),
			Title:   fmt.Sprintf("%d年度首台（套）重大技术装备%s（补充批次）", year, firstset.IncentiveLabel(kind)),
			OpensOn: d.day(-30), ClosesOn: d.day(45)})
	}
	sub2, err := supplementary(firstset.IncentiveSubsidy, 2_000_000)
	if err != nil {
		return fmt.Errorf("supplementary subsidy round: %w", err)
	}
	rew2, err := supplementary(firstset.IncentiveReward, 5_000_000)
	if err != nil {
		return fmt.Errorf("supplementary reward round: %w", err)
	}
	d.at(-15)
	if _, err := svc.Allocate(d.reviewer, sub3.ID); err != nil {
		return fmt.Errorf("allocate %s: %w", sub3.Title, err)
	}
	d.at(-10)
	// An offer for the demo enterprise to confirm.
	if err := d.insure(shortenedProduct, "PICC-CQ-%d-0201", 2, 25_000_000, 600_000); err != nil {
		return err
	}
	// The demo enterprise's own application, with the district.
	if _, err := d.applySubsidy("数控精密主轴单元", sub2.ID, 90_000); err != nil {
		return err
	}
	// A buyer's reward for the demo enterprise to confirm.
	if _, err := d.applyReward("重型数控落地铣镗床", rew2.ID, 200, 6_000_000); err != nil {
		return err
	}
	// With the reviewer, to score.
	robot, err := d.applyReward("腹腔镜手术机器人", rew2.ID, 60, 9_800_000)
	if err != nil {
		return err
	}
	if err := d.confirm(robot); err != nil {
		return err
	}
	if err := d.district(robot, "approve", "材料齐全，同意报送。"); err != nil {
		return err
	}
	// Reviewed, waiting for the round's allocation.
	wind, err := d.applySubsidy("山地型大容量风力发电机组", sub2.ID, 320_000)
	if err != nil {
		return err
	}
	if err := d.review(wind, "81"); err != nil {
		return err
	}
	// The buyer's draft, not yet submitted.
	if _, err := d.applyReward("高精度激光跟踪仪", rew2.ID, 90, 2_400_000); err != nil {
		return err
	}
	// Returned by the manufacturer for the buyer to fix.
	bogie, err := d.applyReward("跨座式单轨车辆转向架", rew2.ID, 150, 12_000_000)
	if err != nil {
		return err
	}
	if _, err := svc.Act(d.asMaker(bogie), bogie, firstset.ActionInput{Action: "return", Items: []string{"付款发票"},
		Opinion: "合同金额与付款发票金额不一致，请核对后重新提交。"}); err != nil {
		return fmt.Errorf("return reward: %w", err)
	}
	// Withdrawn by the buyer.
	engine, err := d.applyReward("大功率船用中速柴油机", rew2.ID, 80, 7_000_000)
	if err != nil {
		return err
	}
	if _, err := svc.Act(d.buyer, engine, firstset.ActionInput{Action: "withdraw", Opinion: "合同尚在结算，下一批次再申请。"}); err != nil {
		return fmt.Errorf("withdraw reward: %w", err)
	}
	return nil
}

// insure has the demo insurer send n consecutive annual policies for a
// product from a month after its recognition.
func (d *incentiveDemo) insure(name, number string, n int, insured, premium int64) error {
	p, err := d.product(name)
	if err != nil {
		return err
	}
	start := p.RecognizedOn.AddDays(30)
	for i := range n {
		y, _, _ := start.Parts()
		end := start.AddYears(1).AddDays(-1)
		if _, _, err := d.svc.SubmitPolicy(d.insurer, firstset.PolicyInput{PolicyNumber: fmt.Sprintf(number, y), ProductID: p.ID,
			Start: start, End: end, InsuredAmount: fen(insured), Premium: fen(premium - int64(i)*10_000)}); err != nil {
			return fmt.Errorf("policy of %s: %w", name, err)
		}
		start = end.AddDays(1)
	}
	return nil
}

// confirmOffer is the enterprise confirming its product's offer in a round.
func (d *incentiveDemo) confirmOffer(name string, roundID int64) (int64, error) {
	p, err := d.product(name)
	if err != nil {
		return 0, err
	}
	ent, err := d.applicant(d.ctx, p)
	if err != nil {
		return 0, err
	}
	offers, _, err := d.svc.Offers(ent, firstset.OfferFilter{ProductID: p.ID, RoundID: roundID})
	if err != nil || len(offers) != 1 {
		return 0, fmt.Errorf("offer of %s: %d offers, %v", name, len(offers), err)
	}
	c, err := d.svc.ConfirmOffer(ent, offers[0].ID)
	if err != nil {
		return 0, fmt.Errorf("confirm offer of %s: %w", name, err)
	}
	return c.Application.ID, nil
}

// applySubsidy is the enterprise applying with two annual policy years of
// its own (premium a year), with its documents, and submitting.
func (d *incentiveDemo) applySubsidy(name string, roundID int64, premium int64) (int64, error) {
	p, err := d.product(name)
	if err != nil {
		return 0, err
	}
	ent, err := d.applicant(d.ctx, p)
	if err != nil {
		return 0, err
	}
	start := p.RecognizedOn.AddDays(15)
	var years []firstset.PolicyYear
	for range 2 {
		end := start.AddYears(1).AddDays(-1)
		if start.After(date.FromTime(d.svc.Now()).AddDays(40)) {
			break // not before the round closes
		}
		years = append(years, firstset.PolicyYear{Start: start, End: end, InsuredAmount: fen(premium * 40), Premium: fen(premium)})
		start = end.AddDays(1)
	}
	v, err := d.svc.Apply(ent, firstset.ApplicationInput{RoundID: roundID, ProductID: p.ID, PolicyYears: years})
	if err != nil {
		return 0, fmt.Errorf("subsidy of %s: %w", name, err)
	}
	for _, item := range []string{"保险单", "保费发票"} {
		if _, err := d.svc.AddAttachment(ent, v.ID, item, item+".pdf", bytes.NewReader(append(slices.Clone(demoPDF), item...))); err != nil {
			return 0, fmt.Errorf("subsidy of %s: %s: %w", name, item, err)
		}
	}
	if _, err := d.svc.Act(ent, v.ID, firstset.ActionInput{Action: "submit"}); err != nil {
		return 0, fmt.Errorf("submit subsidy of %s: %w", name, err)
	}
	return v.ID, nil
}

// applyReward is the demo buyer applying for a product's reward, for a
// contract signed days after its recognition; submitted unless the
// product is the buyer's draft.
func (d *incentiveDemo) applyReward(name string, roundID int64, days int, paid int64) (int64, error) {
	p, err := d.product(name)
	if err != nil {
		return 0, err
	}
	v, err := d.svc.Apply(d.buyer, firstset.ApplicationInput{RoundID: roundID, ProductID: p.ID,
		ContractDate: p.RecognizedOn.AddDays(days), Paid: fen(paid)})
	if err != nil {
		return 0, fmt.Errorf("reward of %s: %w", name, err)
	}
	items := []string{"采购合同", "付款发票", "验收报告"}
	if name == "高精度激光跟踪仪" {
		items = items[:1] // a draft: the buyer has more to attach
	}
	for _, item := range items {
		if _, err := d.svc.AddAttachment(d.buyer, v.ID, item, item+".pdf", bytes.NewReader(append(slices.Clone(demoPDF), item...))); err != nil {
			return 0, fmt.Errorf("reward of %s: %s: %w", name, item, err)
		}
	}
	if len(items) < 3 {
		return v.ID, nil
	}
	if _, err := d.svc.Act(d.buyer, v.ID, firstset.ActionInput{Action: "submit"}); err != nil {
		return 0, fmt.Errorf("submit reward of %s: %w", name, err)
	}
	return v.ID, nil
}

// asMaker is the manufacturer of an application's product.
func (d *incentiveDemo) asMaker(id int64) context.Context {
	v, err := d.svc.Application(d.reviewer, id)
	if err != nil {
		return d.ctx
	}
	ent, err := d.applicant(d.ctx, &firstset.Product{EnterpriseID: v.EnterpriseID, EnterpriseName: v.EnterpriseName})
	if err != nil {
		return d.ctx
	}
	return ent
}

// confirm is the manufacturer confirming a buyer's first purchase and use.
func (d *incentiveDemo) confirm(id int64) error {
	if _, err := d.svc.Act(d.asMaker(id), id, firstset.ActionInput{Action: string(cases.Confirm), Opinion: "确认为本装备的首购首用。"}); err != nil {
		return fmt.Errorf("confirm %d: %w", id, err)
	}
	return nil
}

// district is the application's district office acting on it.
func (d *incentiveDemo) district(id int64, action, opinion string) error {
	v, err := d.svc.Application(d.reviewer, id)
	if err != nil {
		return err
	}
	office, err := d.office(d.ctx, v.DistrictCode)
	if err != nil {
		return err
	}
	if _, err := d.svc.Act(office, id, firstset.ActionInput{Action: action, Opinion: opinion}); err != nil {
		return fmt.Errorf("district %s %d: %w", action, id, err)
	}
	return nil
}

// review takes an application through the district and the reviewer's
// score to the allocation.
func (d *incentiveDemo) review(id int64, score string) error {
	if v, err := d.svc.Application(d.reviewer, id); err != nil {
		return err
	} else if v.Stage == string(cases.DistrictReview) {
		if err := d.district(id, "approve", "材料齐全，同意报送。"); err != nil {
			return err
		}
	}
	if _, err := d.svc.ScoreApplication(d.reviewer, id, json.Number(score)); err != nil {
		return fmt.Errorf("score %d: %w", id, err)
	}
	if _, err := d.svc.Act(d.reviewer, id, firstset.ActionInput{Action: "approve", Opinion: "评审通过，进入资金分配。"}); err != nil {
		return fmt.Errorf("approve %d: %w", id, err)
	}
	return nil
}

// pay records a payment of amount against an application.
func (d *incentiveDemo) pay(id int64, amount money.Fen) error {
	d.voucher++
	today := date.FromTime(d.svc.Now())
	y, _, _ := today.Parts()
	if _, err := d.svc.Disburse(d.finance, firstset.DisbursementInput{ApplicationID: id, Amount: amount, PaidOn: today,
		Voucher: fmt.Sprintf("渝财建〔%d〕%04d", y, d.voucher), BankReference: fmt.Sprintf("CQ%d%08d", y, 3100+d.voucher)}); err != nil {
		return fmt.Errorf("pay %d: %w", id, err)
	}
	return nil
}

// payAll pays what is left of an application's allocation.
func (d *incentiveDemo) payAll(id int64) error {
	v, err := d.svc.Application(d.finance, id)
	if err != nil {
		return err
	}
	if v.Allocated == nil || *v.Allocated == v.Disbursed {
		return fmt.Errorf("application %d has nothing to pay", id)
	}
	return d.pay(id, *v.Allocated-v.Disbursed)
}
