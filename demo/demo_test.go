package demo_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strings"
	"testing"

	"firstset"
	"firstset/date"
	"firstset/dbtest"
	"firstset/demo"
	"firstset/document"
	"firstset/service"
)

func as(t *testing.T, svc *service.Services, username string) context.Context {
	t.Helper()
	sys := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
	list, _, err := svc.FindUsers(sys, firstset.UserFilter{Query: username})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range list {
		if u.Username == username {
			return firstset.NewContextWithActor(context.Background(), &firstset.Actor{User: u})
		}
	}
	t.Fatalf("no demo user %s", username)
	return nil
}

// TestDemoGivesEveryRoleMoneyToWorkOn: the demo's incentives as issue 12
// asks: an open round of each kind, the insurer in the consortium, an
// application at every stage, payments, an offer and a confirmation for
// the demo enterprise, to-do items for the buyer, district, reviewer and
// finance (a round's allocation among them), and two of the enterprise's recognised products untouched (one
// recognised before 2024-04-08 and still valid).
func TestDemoGivesEveryRoleMoneyToWorkOn(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		svc := service.New(store, service.DefaultConfig, slog.New(slog.DiscardHandler))
		if _, err := demo.Load(context.Background(), svc); err != nil {
			t.Fatal(err)
		}
		today := date.FromTime(svc.Now())
		fin, ent, rev := as(t, svc, "finance"), as(t, svc, "enterprise"), as(t, svc, "reviewer")
		for _, kind := range firstset.IncentiveKinds {
			open, err := svc.IncentiveRounds(fin, firstset.IncentiveRoundFilter{Kind: kind, OpenOn: today})
			if err != nil || len(open) == 0 {
				t.Errorf("no open %s round: %v", kind, err)
			}
		}
		// A closed round's allocation waits for finance to approve it.
		rounds, err := svc.IncentiveRounds(fin, firstset.IncentiveRoundFilter{})
		if err != nil || !slices.ContainsFunc(rounds, func(r *firstset.IncentiveRound) bool { return r.Status == firstset.RoundProposed }) {
			t.Errorf("no allocation waits for finance's approval: %v", err)
		}
		// The consortium: the demo insurer's institution a member today,
		// another insurer a former one.
		members, err := svc.ConsortiumMemberships(fin, 0)
		insurer := as(t, svc, "insurer")
		current, former := 0, 0
		for _, m := range members {
			switch {
			case m.MemberOn(today) && m.InstitutionID == firstset.ActorFromContext(insurer).User.InstitutionID:
				current++
			case !m.Open() && !m.MemberOn(today):
				former++
			}
		}
		if err != nil || len(members) != 2 || current != 1 || former != 1 {
			t.Errorf("consortium %+v %v", members, err)
		}
		apps, _, err := svc.Applications(rev, firstset.ApplicationFilter{CaseFilter: firstset.CaseFilter{Limit: 200}})
		if err != nil {
			t.Fatal(err)
		}
		buyerApps, _, err := svc.Applications(as(t, svc, "buyer"), firstset.ApplicationFilter{CaseFilter: firstset.CaseFilter{Limit: 200}})
		if err != nil {
			t.Fatal(err)
		}
		stages := map[string]bool{}
		for _, a := range append(apps, buyerApps...) {
			stages[a.Stage] = true
		}
		for _, st := range []string{"draft", "confirmation", "district_review", "review", "allocation", "approved",
			"partially_paid", "paid", "unfunded", "returned", "rejected", "withdrawn"} {
			if !stages[st] {
				t.Errorf("no application at stage %s", st)
			}
		}
		ledger, err := svc.Ledger(fin, firstset.LedgerFilter{})
		if err != nil || ledger.Total < 3 {
			t.Errorf("payments: %+v %v", ledger, err)
		}
		offers, _, err := svc.Offers(ent, firstset.OfferFilter{State: firstset.OfferOffered})
		if err != nil || len(offers) == 0 {
			t.Errorf("no offer for the demo enterprise: %v", err)
		}
		for _, who := range []string{"enterprise", "buyer", "district", "reviewer", "finance"} {
			waiting, _, err := svc.Applications(as(t, svc, who), firstset.ApplicationFilter{CaseFilter: firstset.CaseFilter{Waiting: true}})
			if err != nil || len(waiting) == 0 {
				t.Errorf("nothing waits for %s: %v", who, err)
			}
		}

		// Two of the enterprise's recognised products have nothing yet.
		entUser := firstset.ActorFromContext(ent).User
		products, _, err := svc.FindProducts(ent, firstset.ProductFilter{Status: firstset.StatusRecognised, Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		mine, _, err := svc.Applications(ent, firstset.ApplicationFilter{CaseFilter: firstset.CaseFilter{Limit: 200}})
		if err != nil {
			t.Fatal(err)
		}
		allOffers, _, err := svc.Offers(ent, firstset.OfferFilter{Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		policies, _, err := svc.Policies(fin, firstset.PolicyFilter{Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		year, _, _ := today.Parts()
		shift := year - 2026
		free, early := 0, false
		for _, p := range products {
			if p.EnterpriseID != entUser.EnterpriseID ||
				slices.ContainsFunc(mine, func(a *firstset.ApplicationView) bool { return a.ProductID == p.ID }) ||
				slices.ContainsFunc(allOffers, func(o *firstset.SubsidyOffer) bool { return o.ProductID == p.ID }) ||
				slices.ContainsFunc(policies, func(x *firstset.InsurancePolicy) bool { return x.ProductID == p.ID }) {
				continue
			}
			free++
			if !p.RecognizedOn.Before(date.MustParse("2023-12-01").AddYears(shift)) &&
				!p.RecognizedOn.After(date.MustParse("2024-04-07").AddYears(shift)) && !p.Validity.Before(today) {
				early = true
			}
		}
		if free < 2 || !early {
			t.Errorf("%d untouched recognised products, one from before 2024-04-08 still valid: %v", free, early)
		}
	})
}

// TestDemoGivesTheMarketSideWork: two buyer organisations each with a
// login and purchases of its own, equipment totals that give the city SOE
// a share, and (with a font) an issued public bulletin and a draft for the
// reviewer.
func TestDemoGivesTheMarketSideWork(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		cfg := service.DefaultConfig
		cfg.Documents.Font = demoFont(t)
		svc := service.New(store, cfg, slog.New(slog.DiscardHandler))
		if _, err := demo.Load(context.Background(), svc); err != nil {
			t.Fatal(err)
		}
		seen := map[int64]bool{}
		for _, login := range []string{"buyer", "buyer2"} {
			list, n, err := svc.FindProcurements(as(t, svc, login), firstset.ProcurementFilter{})
			if err != nil || n == 0 {
				t.Fatalf("%s has no purchases: %v", login, err)
			}
			for _, p := range list {
				seen[p.BuyerID] = true
			}
		}
		if len(seen) != 2 {
			t.Errorf("purchases of %d buyers, want 2", len(seen))
		}
		y, m, _ := date.FromTime(svc.Now()).Parts()
		shares, err := svc.SOEShares(as(t, svc, "soe"), fmt.Sprintf("%dQ%d", y, (int(m)-1)/3+1))
		if err != nil || len(shares) == 0 || shares[0].SharePercent == nil {
			t.Errorf("no SOE share: %+v %v", shares, err)
		}
		if cfg.Documents.Font == nil {
			return
		}
		all, _, err := svc.FindBulletins(as(t, svc, "reviewer"), firstset.BulletinFilter{})
		if err != nil || len(all) != 2 || all[0].Status != firstset.BulletinDraft || all[1].Status != firstset.BulletinIssued || !all[1].Public {
			t.Errorf("bulletins: %+v %v", all, err)
		}
		public, _, err := svc.FindBulletins(context.Background(), firstset.BulletinFilter{})
		if err != nil || len(public) != 1 {
			t.Errorf("public bulletins: %d %v", len(public), err)
		}
	})
}

func demoFont(t *testing.T) *document.Font {
	path, err := document.FindFont("")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		return nil
	}
	f, err := document.LoadFont(path)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestDemoHasThisYearsLaunchEvent: the reviewer finds this year's event
// with confirmed honorees whose certificates verify, and one the demo
// enterprise named waiting to be confirmed; the enterprise sees only its
// own people, masked.
func TestDemoHasThisYearsLaunchEvent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		svc := service.New(store, service.DefaultConfig, slog.New(slog.DiscardHandler))
		if _, err := demo.Load(context.Background(), svc); err != nil {
			t.Fatal(err)
		}
		reviewer := as(t, svc, "reviewer")
		events, err := svc.FindLaunchEvents(reviewer)
		y, _, _ := date.FromTime(svc.Now()).Parts()
		if err != nil || len(events) != 1 || events[0].Year != y || len(events[0].Products) < 2 {
			t.Fatalf("events: %+v %v", events, err)
		}
		e, err := svc.FindLaunchEventByID(reviewer, events[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		pending, confirmed := 0, 0
		for _, h := range e.Honorees {
			switch h.Status {
			case firstset.HonoreePending:
				pending++
			case firstset.HonoreeConfirmed:
				confirmed++
				v, err := svc.VerifyCertificate(context.Background(), h.Certificate.Token)
				if err != nil || !v.Valid || v.Honour == nil || v.Honour.Name != h.Name {
					t.Errorf("%s's certificate: %+v %v", h.Name, v, err)
				}
			}
		}
		if pending != 1 || confirmed != len(e.Products) {
			t.Errorf("pending %d, confirmed %d of %d products", pending, confirmed, len(e.Products))
		}
		seen, err := svc.FindLaunchEventByID(as(t, svc, "enterprise"), e.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range seen.Honorees {
			if h.EnterpriseID != seen.Honorees[0].EnterpriseID || !strings.Contains(h.IDNumber, "********") {
				t.Errorf("the enterprise sees %+v", h)
			}
		}
		if len(seen.Honorees) < 2 {
			t.Errorf("the enterprise sees %d honorees, want its confirmed and its pending one", len(seen.Honorees))
		}
	})
}

func TestDemoGivesAccountabilityWork(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		svc := service.New(store, service.DefaultConfig, slog.New(slog.DiscardHandler))
		if _, err := demo.Load(context.Background(), svc); err != nil {
			t.Fatal(err)
		}
		mine, n, err := svc.FindExemptions(as(t, svc, "buyer"), firstset.ExemptionFilter{})
		if err != nil || n != 2 {
			t.Fatalf("the buyer's exemption requests: %d %v", n, err)
		}
		waiting, n, err := svc.FindExemptions(as(t, svc, "soe"), firstset.ExemptionFilter{Status: firstset.ExemptionSubmitted})
		if err != nil || n != 1 || !firstset.CanDecideExemption(firstset.ActorFromContext(as(t, svc, "soe")), waiting[0]) {
			t.Errorf("waiting for soe: %d %v", n, err)
		}
		if mine[0].Status == mine[1].Status {
			t.Errorf("want one pending and one decided: %s %s", mine[0].Status, mine[1].Status)
		}
		if _, n, err := svc.FindExemptions(as(t, svc, "buyer2"), firstset.ExemptionFilter{}); err != nil || n != 0 {
			t.Errorf("another buyer sees %d requests: %v", n, err)
		}
		checks, n, err := svc.FindTenderChecks(as(t, svc, "tender"), firstset.TenderCheckFilter{})
		if err != nil || n != 1 || len(checks[0].Marks) != 1 || checks[0].Findings < 2 {
			t.Errorf("the supervisor's saved checks: %d %v", n, err)
		}
	})
}

// TestDemoFinancing: the demo enterprise's loan request shared with the
// demo bank and leasing firm, the bank's offer made (guaranteed by the
// insurer's policy), the leasing firm's answer awaited; each lender sees
// its own answer, the insurer nothing.
func TestDemoFinancing(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		svc := service.New(store, service.DefaultConfig, slog.New(slog.DiscardHandler))
		if _, err := demo.Load(context.Background(), svc); err != nil {
			t.Fatal(err)
		}
		list, _, err := svc.FindFinancingRequests(as(t, svc, "enterprise"), firstset.FinancingFilter{})
		if err != nil || len(list) != 1 {
			t.Fatalf("the enterprise's requests: %v %v", list, err)
		}
		r := list[0]
		if r.Status != firstset.FinancingOpen || len(r.Offers) != 2 || r.Offers[0].Status != firstset.AnswerOffered ||
			r.Offers[0].PolicyNumber == "" || r.Offers[1].Status != firstset.AnswerPending {
			t.Fatalf("the demo request %+v, offers %+v %+v", r, r.Offers[0], r.Offers[1])
		}
		for _, who := range []string{"bank", "leasing"} {
			seen, err := svc.FindFinancingRequestByID(as(t, svc, who), r.ID)
			if err != nil || len(seen.Offers) != 1 {
				t.Errorf("%s: %+v %v", who, seen, err)
			}
		}
		awaiting, _, err := svc.FindFinancingRequests(as(t, svc, "leasing"), firstset.FinancingFilter{Awaiting: true})
		if err != nil || len(awaiting) != 1 {
			t.Errorf("nothing awaits the leasing firm: %v", err)
		}
		if _, err := svc.FindFinancingRequestByID(as(t, svc, "insurer"), r.ID); firstset.ErrorCode(err) != firstset.ENOTFOUND {
			t.Errorf("the insurer reads the request: %v", err)
		}
	})
}

// TestDemoPublishesArticles: a call for applications, an interpretation
// and a notice for the public, and one due later that only reviewers see.
func TestDemoPublishesArticles(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		svc := service.New(store, service.DefaultConfig, slog.New(slog.DiscardHandler))
		if _, err := demo.Load(context.Background(), svc); err != nil {
			t.Fatal(err)
		}
		public := firstset.NewContextWithActor(context.Background(), &firstset.Actor{})
		list, _, err := svc.FindArticles(public, firstset.ArticleFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var titles []string
		kinds := map[firstset.ArticleKind]int{}
		for _, x := range list {
			titles = append(titles, x.Title)
			kinds[x.Kind]++
		}
		if len(list) != 3 || kinds[firstset.ArticleNotice] != 2 || kinds[firstset.ArticleInterpretation] != 1 ||
			!slices.ContainsFunc(titles, func(s string) bool { return strings.Contains(s, "公示") }) {
			t.Errorf("the public sees %v", titles)
		}
		all, _, err := svc.FindArticles(as(t, svc, "reviewer"), firstset.ArticleFilter{})
		if err != nil || len(all) != 4 || all[0].Status != firstset.ArticleScheduled {
			t.Errorf("the reviewer sees %d, the newest %v: %v", len(all), all[0].Status, err)
		}
		found, _, err := svc.FindArticles(public, firstset.ArticleFilter{Query: "保费补贴"})
		if err != nil || len(found) != 2 {
			t.Errorf("保费补贴 finds %d: %v", len(found), err)
		}
	})
}
