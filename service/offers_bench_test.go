package service_test

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"testing"
	"time"

	"firstset"
	"firstset/date"
	"firstset/dbtest"
	gen "firstset/fixture"
	"firstset/money"
	"firstset/service"
)

var benchInsured = flag.Int("insured", 10_000, "BenchmarkOffersAfterParameterChange: how many insured products")

// BenchmarkOffersAfterParameterChange measures what one stored parameter
// change costs: the administrator's change, then every offer of an open
// premium-subsidy round recomputed for the insured products (the job the
// change starts, run here in the foreground). Setup (products, one policy
// each, the round and its first offers) is not timed. On PostgreSQL it
// needs FIRSTSET_TEST_POSTGRES.
//
//	go test ./service -run '^$' -bench OffersAfterParameterChange -benchtime 3x -timeout 60m [-insured 10000]
func BenchmarkOffersAfterParameterChange(b *testing.B) {
	for _, db := range []struct {
		name string
		open func(testing.TB) firstset.Store
	}{{"sqlite", dbtest.SQLite}, {"postgres", dbtest.Postgres}} {
		b.Run(db.name, func(b *testing.B) {
			store := db.open(b)
			svc, admin, finance := insuredWorld(b, store, *benchInsured)
			sys := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
			values := []string{"90%", "80%"}
			from := date.MustParse("2026-08-01")
			b.ResetTimer()
			start := time.Now()
			n := 0
			for b.Loop() {
				_, err := svc.AddParameterChange(admin, firstset.ParameterChangeInput{Param: "premium.ratio_first_year",
					From: from.AddDays(n).String(), Value: values[n%2], Source: "基准测试"})
				if err != nil {
					b.Fatal(err)
				}
				written, err := svc.RecomputeOffers(sys)
				if err != nil {
					b.Fatal(err)
				}
				if written < *benchInsured {
					b.Fatalf("%d offers rewritten of %d", written, *benchInsured)
				}
				n++
			}
			b.StopTimer()
			per := time.Since(start) / time.Duration(n)
			b.ReportMetric(per.Seconds(), "s/change")
			b.ReportMetric(float64(*benchInsured)/per.Seconds(), "offers/s")
			// The offers follow the last change.
			list, total, err := svc.Offers(finance, firstset.OfferFilter{Limit: 1})
			if err != nil || total < *benchInsured || len(list) != 1 {
				b.Fatalf("offers: %d %v", total, err)
			}
		})
	}
}

// insuredWorld stores n recognised products, each insured by the one
// consortium insurer from 2026-08-01 to the end of its validity, and an
// open premium-subsidy round with its offers computed; the clock stands
// at 2026-07-15.
func insuredWorld(b *testing.B, store firstset.Store, n int) (*service.Services, context.Context, context.Context) {
	b.Helper()
	ctx := context.Background()
	sys := firstset.NewContextWithActor(ctx, firstset.SystemActor())
	svc := service.New(store, service.DefaultConfig, slog.New(slog.DiscardHandler))
	now := date.MustParse("2026-07-15").Time().Add(2 * time.Hour)
	svc.Now = func() time.Time { return now }
	data := gen.Generate(n, 7)
	for i, p := range data.Products {
		// Recognised from mid-2024 on, so valid past the policy's start.
		p.Status, p.RecognizedOn, p.ValidUntil = firstset.StatusRecognised, date.MustParse("2024-06-01").AddDays(i%700), date.Date{}
	}
	if err := gen.Load(ctx, store, data); err != nil {
		b.Fatal(err)
	}
	user := func(role firstset.Role) context.Context {
		in := firstset.UserInput{Username: "bench-" + string(role), Name: "基准" + role.Label(), Password: pw, Role: role}
		if role == firstset.RoleInsurer {
			in.InstitutionID = testInstitution(b, svc, sys, rand.New(rand.NewPCG(7, 7)), "基准保险公司").ID
		}
		u, err := svc.CreateUser(sys, in)
		if err != nil {
			b.Fatal(err)
		}
		return firstset.NewContextWithActor(ctx, &firstset.Actor{User: u})
	}
	admin, finance, insurer := user(firstset.RoleAdmin), user(firstset.RoleFinance), user(firstset.RoleInsurer)
	if _, err := svc.JoinConsortium(admin, firstset.ConsortiumJoin{InstitutionID: firstset.ActorFromContext(insurer).User.InstitutionID,
		JoinedOn: date.MustParse("2024-01-01")}); err != nil {
		b.Fatal(err)
	}
	begin := time.Now()
	start := date.MustParse("2026-08-01")
	for i, p := range data.Products {
		until, _ := svc.Engine().Params().ValidUntil(p.RecognizedOn)
		end := start.AddYears(1).AddDays(-1)
		if until.Before(end) {
			end = until
		}
		premium, _ := money.FromYuan(int64(200_000 + (i%50)*10_000))
		insured, _ := money.FromYuan(20_000_000)
		if _, _, err := svc.SubmitPolicy(insurer, firstset.PolicyInput{PolicyNumber: fmt.Sprintf("BENCH-%06d", i), ProductID: p.ID,
			Start: start, End: end, InsuredAmount: insured, Premium: premium}); err != nil {
			b.Fatal(err)
		}
	}
	budget, _ := money.FromYuan(100_000_000)
	if _, err := svc.CreateIncentiveRound(finance, firstset.IncentiveRoundInput{Kind: firstset.IncentiveSubsidy, Year: 2026,
		Budget: budget, Method: firstset.MethodRankOrder, PassScore: "60",
		OpensOn: date.MustParse("2026-07-01"), ClosesOn: date.MustParse("2026-09-30")}); err != nil {
		b.Fatal(err)
	}
	if written, err := svc.RecomputeOffers(sys); err != nil || written < n {
		b.Fatalf("first offers: %d %v", written, err)
	}
	b.Logf("%d insured products with offers, set up in %s", n, time.Since(begin).Round(time.Millisecond))
	return svc, admin, finance
}
