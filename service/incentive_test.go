package service_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"firstset"
	"firstset/creditcode"
	"firstset/date"
	"firstset/dbtest"
	"firstset/money"
	"firstset/policy"
	"firstset/service"
)

// incentiveWorld is one recognised product of one enterprise, with a user
// of every role the incentives involve, on a movable clock.
type incentiveWorld struct {
	svc                                                 *service.Services
	sys, ent, other, buyer, district, reviewer, finance context.Context
	insurer, insurer2, admin                            context.Context
	product, otherProduct                               *firstset.Product
	buyerOrg                                            *firstset.Buyer
	insurerID                                           int64
	mu                                                  sync.Mutex
	now                                                 time.Time
}

func (w *incentiveWorld) clock() time.Time { w.mu.Lock(); defer w.mu.Unlock(); return w.now }
func (w *incentiveWorld) at(day string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.now = date.MustParse(day).Time().Add(2 * time.Hour) // 10:00 in Chongqing
}

func newIncentiveWorld(t testing.TB, store firstset.Store) *incentiveWorld {
	t.Helper()
	w := &incentiveWorld{}
	w.at("2026-07-15")
	w.svc = service.New(store, service.DefaultConfig, slog.New(slog.DiscardHandler))
	w.svc.Now = w.clock
	w.sys = firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
	rng := rand.New(rand.NewPCG(12, 12))
	mkEnt := func(name string) *firstset.Enterprise {
		e, err := w.svc.CreateEnterprise(w.sys, firstset.EnterpriseInput{Name: name, CreditCode: creditcode.Generate(rng, "500107"),
			DistrictCode: "500107", Address: "重庆市九龙坡区某路1号", ContactName: "张三", ContactPhone: "13800001111"})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	a, b := mkEnt("重庆奖补装备有限公司"), mkEnt("重庆他家装备有限公司")
	as := func(in firstset.UserInput) (context.Context, *firstset.User) {
		in.Password, in.Name = pw, in.Username+"单位"
		u, err := w.svc.CreateUser(w.sys, in)
		if err != nil {
			t.Fatalf("user %s: %v", in.Username, err)
		}
		return firstset.NewContextWithActor(context.Background(), &firstset.Actor{User: u}), u
	}
	w.ent, _ = as(firstset.UserInput{Username: "ent", Role: firstset.RoleEnterprise, EnterpriseID: a.ID})
	w.other, _ = as(firstset.UserInput{Username: "other", Role: firstset.RoleEnterprise, EnterpriseID: b.ID})
	w.buyerOrg = testBuyerOrg(t, w.svc, w.sys, rng)
	w.buyer, _ = as(firstset.UserInput{Username: "buyer", Role: firstset.RoleBuyer, BuyerID: w.buyerOrg.ID})
	w.district, _ = as(firstset.UserInput{Username: "dist", Role: firstset.RoleDistrict, DistrictCode: "500107"})
	w.reviewer, _ = as(firstset.UserInput{Username: "rev", Role: firstset.RoleReviewer})
	w.finance, _ = as(firstset.UserInput{Username: "fin", Role: firstset.RoleFinance})
	w.admin, _ = as(firstset.UserInput{Username: "adm", Role: firstset.RoleAdmin})
	var ins, ins2 *firstset.User
	w.insurer, ins = as(firstset.UserInput{Username: "ins", Role: firstset.RoleInsurer,
		InstitutionID: testInstitution(t, w.svc, w.sys, rng, "甲保险公司").ID})
	w.insurer2, ins2 = as(firstset.UserInput{Username: "ins2", Role: firstset.RoleInsurer,
		InstitutionID: testInstitution(t, w.svc, w.sys, rng, "乙保险公司").ID})
	w.insurerID = ins.ID
	for _, u := range []*firstset.User{ins, ins2} {
		if _, err := w.svc.JoinConsortium(w.admin, firstset.ConsortiumJoin{InstitutionID: u.InstitutionID, JoinedOn: date.MustParse("2024-01-01")}); err != nil {
			t.Fatal(err)
		}
	}
	cats, err := w.svc.Categories(w.sys)
	if err != nil {
		t.Fatal(err)
	}
	mk := func(e int64, name string) *firstset.Product {
		p, err := w.svc.CreateProduct(w.sys, firstset.ProductInput{EnterpriseID: e, Name: name, Model: "JL-1",
			CategoryID: cats[0].ID, Description: "说明", InnovationLevel: firstset.LevelProvincial,
			Params: []firstset.Param{{Name: "额定功率", Value: "100", Unit: "kW"}}})
		if err != nil {
			t.Fatal(err)
		}
		if p, err = w.svc.SetRecognition(w.sys, p.ID, firstset.RecognitionInput{Status: firstset.StatusRecognised,
			RecognizedOn: date.MustParse("2024-06-01")}); err != nil {
			t.Fatal(err)
		}
		return p
	}
	w.product, w.otherProduct = mk(a.ID, "奖补测试数控机床"), mk(b.ID, "他家装备")
	return w
}

// must is v, failing the test (by a panic with the error) on err.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func yuan(t *testing.T, s string) money.Fen {
	t.Helper()
	f, err := money.ParseYuan(s)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

var minimalPDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

// TestIncentivesEndToEnd walks both incentives through every stage on
// both databases: the insurer's data becomes an offer equal to the
// calculator's result, the enterprise confirms, the district and the
// reviewer review, the reviewer allocates, finance sends back then
// approves, the results are public, and the payments (partial, then the
// rest) never exceed the allocation; a buyer's reward goes through the
// manufacturer's confirmation the same way.
func TestIncentivesEndToEnd(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		w := newIncentiveWorld(t, store)
		s := w.svc
		sub := must(s.CreateIncentiveRound(w.finance, firstset.IncentiveRoundInput{Kind: firstset.IncentiveSubsidy, Year: 2026,
			Budget: yuan(t, "3000000"), Method: firstset.MethodRankOrder, PassScore: "60",
			OpensOn: date.MustParse("2026-07-01"), ClosesOn: date.MustParse("2026-09-30")}))
		rew := must(s.CreateIncentiveRound(w.finance, firstset.IncentiveRoundInput{Kind: firstset.IncentiveReward, Year: 2026,
			Budget: yuan(t, "10000000"), OpensOn: date.MustParse("2026-07-01"), ClosesOn: date.MustParse("2026-09-30")}))
		if _, err := s.CreateIncentiveRound(w.reviewer, firstset.IncentiveRoundInput{Kind: firstset.IncentiveSubsidy}); firstset.ErrorCode(err) != firstset.EFORBIDDEN {
			t.Fatalf("a reviewer opens a round: %v", err)
		}

		// The insurer's three policy years and a claim in the first.
		years := []firstset.PolicyInput{
			{PolicyNumber: "PICC-2024-001", Start: date.MustParse("2024-07-01"), End: date.MustParse("2025-06-30"), InsuredAmount: yuan(t, "20000000"), Premium: yuan(t, "500000")},
			{PolicyNumber: "PICC-2025-001", Start: date.MustParse("2025-07-01"), End: date.MustParse("2026-06-30"), InsuredAmount: yuan(t, "20000000"), Premium: yuan(t, "480000")},
			{PolicyNumber: "PICC-2026-001", Start: date.MustParse("2026-07-01"), End: date.MustParse("2027-06-30"), InsuredAmount: yuan(t, "20000000"), Premium: yuan(t, "460000")},
		}
		for _, y := range years {
			y.ProductID = w.product.ID
			if _, created, err := s.SubmitPolicy(w.insurer, y); err != nil || !created {
				t.Fatalf("policy %s: %v %v", y.PolicyNumber, created, err)
			}
			if _, created, err := s.SubmitPolicy(w.insurer, y); err != nil || created {
				t.Fatalf("the same policy again is stored: %v %v", created, err)
			}
		}
		if _, created, err := s.ReportClaim(w.insurer, "PICC-2024-001", firstset.ClaimInput{OccurredOn: date.MustParse("2024-12-01"), Amount: yuan(t, "120000")}); err != nil || !created {
			t.Fatalf("claim: %v %v", created, err)
		}
		if _, created, _ := s.ReportClaim(w.insurer, "PICC-2024-001", firstset.ClaimInput{OccurredOn: date.MustParse("2024-12-01"), Amount: yuan(t, "120000")}); created {
			t.Fatal("the same claim stored twice")
		}
		if _, err := s.Policy(w.insurer2, "PICC-2024-001"); firstset.ErrorCode(err) != firstset.ENOTFOUND {
			t.Fatalf("another insurer reads the policy: %v", err)
		}
		if list, _, err := s.Policies(w.insurer2, firstset.PolicyFilter{}); err != nil || len(list) != 0 {
			t.Fatalf("another insurer lists %d policies: %v", len(list), err)
		}

		// The offer is the calculator's result for the same input.
		want, err := policy.DefaultEngine().PremiumSubsidy(policy.PremiumInput{
			Product: policy.Product{RecognizedOn: date.MustParse("2024-06-01")},
			PolicyYears: []policy.PolicyYear{
				{Start: years[0].Start, End: years[0].End, InsuredAmount: years[0].InsuredAmount, Premium: years[0].Premium, Claim: true},
				{Start: years[1].Start, End: years[1].End, InsuredAmount: years[1].InsuredAmount, Premium: years[1].Premium},
				{Start: years[2].Start, End: years[2].End, InsuredAmount: years[2].InsuredAmount, Premium: years[2].Premium},
			}}, policy.Options{})
		if err != nil {
			t.Fatal(err)
		}
		offers, _ := must2(t, s.Offers, w.ent, firstset.OfferFilter{ProductID: w.product.ID})
		if len(offers) != 1 || offers[0].Amount != want.TotalSubsidy || offers[0].State != firstset.OfferOffered || offers[0].RoundID != sub.ID {
			t.Fatalf("offers %+v, want one of %s", offers, want.TotalSubsidy)
		}
		if want.Years[1].Ratio.Num*100 != 80*want.Years[1].Ratio.Den {
			t.Fatalf("after a claim the next year is 80%%: %+v", want.Years[1].Ratio)
		}
		if list, _ := must2(t, s.Offers, w.other, firstset.OfferFilter{ProductID: w.product.ID}); len(list) != 0 {
			t.Fatal("another enterprise sees the offer")
		}
		if _, err := s.ConfirmOffer(w.other, offers[0].ID); firstset.ErrorCode(err) != firstset.ENOTFOUND {
			t.Fatalf("another enterprise confirms: %v", err)
		}

		conf := must(s.ConfirmOffer(w.ent, offers[0].ID))
		app := conf.Application
		if app.Stage != "district_review" || app.MaxAmount != want.TotalSubsidy || conf.State != firstset.OfferConfirmed {
			t.Fatalf("confirmed: stage %s max %s state %s", app.Stage, app.MaxAmount, conf.State)
		}
		if _, err := s.Application(w.other, app.ID); firstset.ErrorCode(err) != firstset.ENOTFOUND {
			t.Fatalf("another enterprise reads the application: %v", err)
		}
		act := func(ctx context.Context, id int64, action, opinion string) *firstset.CaseView {
			t.Helper()
			return must(s.Act(ctx, id, firstset.ActionInput{Action: action, Opinion: opinion}))
		}
		act(w.district, app.ID, "approve", "材料齐全，同意")
		if _, err := s.Act(w.reviewer, app.ID, firstset.ActionInput{Action: "approve", Opinion: "同意"}); err == nil {
			t.Fatal("approved without a score")
		}
		if _, err := s.ScoreApplication(w.reviewer, app.ID, "101"); firstset.ErrorCode(err) != firstset.EINVALID {
			t.Fatalf("a score of 101: %v", err)
		}
		must(s.ScoreApplication(w.reviewer, app.ID, "85.5"))
		act(w.reviewer, app.ID, "approve", "评审通过")

		// The buyer's reward, confirmed by the manufacturer.
		rapp := must(s.Apply(w.buyer, firstset.ApplicationInput{RoundID: rew.ID, ProductID: w.product.ID,
			ContractDate: date.MustParse("2025-03-10"), Paid: yuan(t, "12000000")}))
		if rapp.MaxAmount != yuan(t, "3600000") || rapp.Stage != "draft" {
			t.Fatalf("reward: max %s stage %s", rapp.MaxAmount, rapp.Stage)
		}
		if _, err := s.Application(w.ent, rapp.ID); firstset.ErrorCode(err) != firstset.ENOTFOUND {
			t.Fatalf("the manufacturer sees the buyer's draft: %v", err)
		}
		if _, err := s.Act(w.buyer, rapp.ID, firstset.ActionInput{Action: "submit"}); firstset.ErrorCode(err) != firstset.EINVALID {
			t.Fatalf("submitted without materials: %v", err)
		}
		for _, item := range []string{"采购合同", "付款发票", "验收报告"} {
			must(s.AddAttachment(w.buyer, rapp.ID, item, item+".pdf", bytes.NewReader(append(minimalPDF, item...))))
		}
		act(w.buyer, rapp.ID, "submit", "")
		if _, err := s.Apply(w.buyer, firstset.ApplicationInput{RoundID: rew.ID, ProductID: w.product.ID,
			ContractDate: date.MustParse("2025-04-10"), Paid: yuan(t, "1000000")}); firstset.ErrorCode(err) != firstset.ECONFLICT ||
			!strings.Contains(err.Error(), rapp.Number) {
			t.Fatalf("a second reward: %v", err)
		}
		if v := must(s.Application(w.ent, rapp.ID)); v.Stage != "confirmation" || len(v.Actions) == 0 {
			t.Fatalf("the manufacturer's step: %s %+v", v.Stage, v.Actions)
		}
		act(w.ent, rapp.ID, "confirm", "确认为本装备首购首用")
		act(w.district, rapp.ID, "approve", "同意")
		must(s.ScoreApplication(w.reviewer, rapp.ID, "90"))
		act(w.reviewer, rapp.ID, "approve", "同意")

		// Replay: the stored inputs give the same result.
		if r := must(s.Replay(w.reviewer, app.ID)); !r.Unchanged || r.MaxAmount != app.MaxAmount {
			t.Fatalf("replay %+v", r)
		}

		// Allocation after the rounds close; finance sends back, then approves.
		if _, err := s.Allocate(w.reviewer, sub.ID); firstset.ErrorCode(err) != firstset.EWRONGSTAGE {
			t.Fatalf("allocated before the round closed: %v", err)
		}
		// Another enterprise's offer, never confirmed, lapses with the round.
		must2(t, func(ctx context.Context, in firstset.PolicyInput) ([]int, int, error) {
			_, _, err := s.SubmitPolicy(ctx, in)
			return nil, 0, err
		}, w.insurer2, firstset.PolicyInput{PolicyNumber: "CPIC-1", ProductID: w.otherProduct.ID, Start: date.MustParse("2026-01-01"),
			End: date.MustParse("2026-12-31"), InsuredAmount: yuan(t, "5000000"), Premium: yuan(t, "100000")})
		if list, _ := must2(t, s.Offers, w.other, firstset.OfferFilter{}); len(list) != 1 || list[0].State != firstset.OfferOffered {
			t.Fatalf("the other enterprise's offer: %+v", list)
		}
		w.at("2026-10-12")
		if n := must(s.RecomputeOffers(w.sys)); n != 1 {
			t.Fatalf("recompute after the round closed wrote %d", n)
		}
		if list, _ := must2(t, s.Offers, w.other, firstset.OfferFilter{}); len(list) != 1 || list[0].State != firstset.OfferVoid {
			t.Fatalf("an unconfirmed offer after the round closed: %+v", list)
		}
		alloc := must(s.Allocate(w.reviewer, sub.ID))
		if len(alloc.Allocations) != 1 || alloc.Allocations[0].Amount != want.TotalSubsidy || alloc.Total != want.TotalSubsidy {
			t.Fatalf("allocation %+v", alloc)
		}
		if _, err := s.UpdateIncentiveRound(w.finance, sub.ID, firstset.IncentiveRoundInput{Kind: sub.Kind, Year: 2026,
			Budget: yuan(t, "1"), OpensOn: sub.OpensOn, ClosesOn: sub.ClosesOn}); firstset.ErrorCode(err) != firstset.ECONFLICT {
			t.Fatalf("a frozen round edited: %v", err)
		}
		if _, err := s.Results(context.Background(), sub.ID); firstset.ErrorCode(err) != firstset.ENOTFOUND {
			t.Fatalf("results public before approval: %v", err)
		}
		must(s.SendBackRound(w.finance, sub.ID, firstset.RoundDecision{Opinion: "请复核评分"}))
		must(s.Allocate(w.reviewer, sub.ID))
		must(s.ApproveRound(w.finance, sub.ID, firstset.RoundDecision{Opinion: "同意"}))
		res := must(s.Results(context.Background(), sub.ID))
		if len(res.Items) != 1 || res.Items[0].Amount != want.TotalSubsidy {
			t.Fatalf("results %+v", res)
		}
		must(s.Allocate(w.reviewer, rew.ID))
		must(s.ApproveRound(w.finance, rew.ID, firstset.RoundDecision{}))

		// Payments once the notice has ended: partial, over (refused), the rest.
		pay := firstset.DisbursementInput{ApplicationID: app.ID, Amount: yuan(t, "100000"), PaidOn: date.MustParse("2026-10-12"), Voucher: "CZ-2026-0001"}
		if _, err := s.Disburse(w.finance, pay); firstset.ErrorCode(err) != firstset.EWRONGSTAGE {
			t.Fatalf("paid during the notice: %v", err)
		}
		w.at("2026-11-02")
		pay.PaidOn = date.MustParse("2026-11-02")
		must(s.Disburse(w.finance, pay))
		over := pay
		over.Voucher, over.Amount = "CZ-2026-0002", want.TotalSubsidy
		if _, err := s.Disburse(w.finance, over); firstset.ErrorCode(err) != firstset.EINVALID {
			t.Fatalf("a payment over the allocation: %v", err)
		}
		if _, err := s.Disburse(w.finance, pay); firstset.ErrorCode(err) != firstset.ECONFLICT {
			t.Fatalf("the same voucher twice: %v", err)
		}
		if v := must(s.Application(w.ent, app.ID)); v.Stage != "partially_paid" || v.Disbursed != yuan(t, "100000") {
			t.Fatalf("after a partial payment: %s %s", v.Stage, v.Disbursed)
		}
		rest := pay
		rest.Voucher, rest.Amount = "CZ-2026-0003", want.TotalSubsidy-yuan(t, "100000")
		must(s.Disburse(w.finance, rest))
		if v := must(s.Application(w.ent, app.ID)); v.Stage != "paid" || v.Disbursed != want.TotalSubsidy || len(v.Disbursements) != 2 {
			t.Fatalf("after the rest: %s %s %d", v.Stage, v.Disbursed, len(v.Disbursements))
		}
		must(s.Disburse(w.finance, firstset.DisbursementInput{ApplicationID: rapp.ID, Amount: yuan(t, "3600000"),
			PaidOn: date.MustParse("2026-11-02"), Voucher: "CZ-2026-0004"}))

		for _, f := range []firstset.LedgerFilter{{ProductID: w.product.ID}, {EnterpriseID: w.product.EnterpriseID}, {Year: 2026}} {
			l := must(s.Ledger(w.finance, f))
			if l.Total != 3 || l.TotalPaid != want.TotalSubsidy+yuan(t, "3600000") {
				t.Fatalf("ledger %+v: %d rows, %s", f, l.Total, l.TotalPaid)
			}
		}
		if l := must(s.Ledger(w.finance, firstset.LedgerFilter{RoundID: sub.ID})); l.TotalPaid != want.TotalSubsidy {
			t.Fatalf("round ledger %s", l.TotalPaid)
		}
		if l := must(s.Ledger(w.other, firstset.LedgerFilter{ProductID: w.product.ID})); l.Total != 0 {
			t.Fatal("another enterprise sees the payments")
		}
		if l := must(s.Ledger(w.buyer, firstset.LedgerFilter{})); l.Total != 1 || l.TotalPaid != yuan(t, "3600000") {
			t.Fatalf("the buyer's ledger: %d %s", l.Total, l.TotalPaid)
		}
		sums := must(s.LedgerSummaries(w.finance, "enterprise", firstset.LedgerFilter{}))
		if len(sums) != 1 || sums[0].Paid != want.TotalSubsidy+yuan(t, "3600000") {
			t.Fatalf("summary %+v", sums)
		}
		if _, err := s.Ledger(context.Background(), firstset.LedgerFilter{}); firstset.ErrorCode(err) != firstset.EUNAUTHORIZED {
			t.Fatalf("the public reads the ledger: %v", err)
		}
		b, _ := json.Marshal(must(s.Application(w.buyer, rapp.ID)))
		for _, field := range []string{`"id":`, `"number":`, `"stage":"paid"`, `"max_amount_yuan":"3600000.00"`, `"explanation":[`, `"timeline":[`} {
			if !bytes.Contains(b, []byte(field)) {
				t.Errorf("application JSON lacks %s: %s", field, b)
			}
		}
	})
}

func must2[F any, T any](t *testing.T, fn func(context.Context, F) ([]T, int, error), ctx context.Context, f F) ([]T, int) {
	t.Helper()
	list, n, err := fn(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	return list, n
}
