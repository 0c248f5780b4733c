package service_test

import (
	"context"
	"log/slog"
	"slices"
	"testing"

	"firstset"
	"firstset/date"
	"firstset/dbtest"
	"firstset/service"
)

// TestParameterChange stores a change of the first year's subsidy ratio
// and follows it: the offers recompute with it for the periods it covers,
// an application computed before it replays unchanged with the engine
// that made it, another instance picks it up, and bad changes are refused
// naming their fields with nothing stored.
func TestParameterChange(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		w := newIncentiveWorld(t, store)
		s := w.svc
		before := s.Engine().Version()
		must(s.CreateIncentiveRound(w.finance, firstset.IncentiveRoundInput{Kind: firstset.IncentiveSubsidy, Year: 2026,
			Budget: yuan(t, "3000000"), Method: firstset.MethodRankOrder, PassScore: "60",
			OpensOn: date.MustParse("2026-07-01"), ClosesOn: date.MustParse("2026-09-30")}))
		// Two products insured from 2026-08-01 to the end of their validity, premium 2.5%.
		for i, p := range []*firstset.Product{w.product, w.otherProduct} {
			in := firstset.PolicyInput{PolicyNumber: "PAR-" + string(rune('A'+i)), ProductID: p.ID,
				Start: date.MustParse("2026-08-01"), End: date.MustParse("2027-05-31"),
				InsuredAmount: yuan(t, "20000000"), Premium: yuan(t, "500000")}
			if _, _, err := s.SubmitPolicy(w.insurer, in); err != nil {
				t.Fatal(err)
			}
		}
		offerOf := func(p *firstset.Product) *firstset.SubsidyOffer {
			t.Helper()
			list, _, err := s.Offers(w.sys, firstset.OfferFilter{ProductID: p.ID})
			if err != nil || len(list) != 1 {
				t.Fatalf("offers of %s: %v %v", p.Name, list, err)
			}
			return list[0]
		}
		if o := offerOf(w.product); o.Amount != yuan(t, "400000") {
			t.Fatalf("offer at 80%%: %s", o.Amount)
		}
		// The enterprise confirms one offer before the change.
		conf := must(s.ConfirmOffer(w.ent, offerOf(w.product).ID))

		// Refusals: not an administrator; every bad field at once.
		good := firstset.ParameterChangeInput{Param: "premium.ratio_first_year", From: "2026-08-01", Value: "90%", Source: "渝经信规范〔2026〕1号"}
		if _, err := s.AddParameterChange(w.finance, good); firstset.ErrorCode(err) != firstset.EFORBIDDEN {
			t.Fatalf("finance changes a parameter: %v", err)
		}
		_, err := s.AddParameterChange(w.admin, firstset.ParameterChangeInput{Param: "premium.nope", From: "2026-07-15"})
		if got := fieldsOf(err); !slices.Equal(got, []string{"param", "from", "value", "source"}) {
			t.Fatalf("bad change: fields %v (%v)", got, err)
		}
		for _, bad := range []firstset.ParameterChangeInput{
			{Param: good.Param, From: "2026-08-01", Value: "abc", Source: good.Source},
			{Param: good.Param, From: "2026-08-01", Value: "150%", Source: good.Source},
			{Param: "catalog.notice_working_days", From: "2026-08-01", Value: "0", Source: good.Source},
			{Param: good.Param, From: "2026-07-15", Value: "90%", Source: good.Source},
			{Param: good.Param, From: "2026-02-30", Value: "90%", Source: good.Source},
		} {
			if _, err := s.AddParameterChange(w.admin, bad); firstset.ErrorCode(err) != firstset.EINVALID {
				t.Fatalf("%+v: %v", bad, err)
			}
		}
		if tb := must(s.Parameters(w.sys)); len(tb.Changes) != 0 || tb.Version != before {
			t.Fatalf("a refused change is stored: %+v", tb.Changes)
		}

		res := must(s.AddParameterChange(w.admin, good))
		if res.Previous != before || res.Version == before || res.Change.Version != res.Version || s.Engine().Version() != res.Version {
			t.Fatalf("versions: %+v, engine %s", res, s.Engine().Version())
		}
		if res.Change.Display != "90%" || res.Change.Value != "9/10" {
			t.Fatalf("the change reads %q / %q", res.Change.Display, res.Change.Value)
		}
		// A score is written in points.
		pass := must(s.AddParameterChange(w.admin, firstset.ParameterChangeInput{Param: "merit.pass_score", From: "2026-09-01", Value: "65.5", Source: good.Source}))
		if pass.Change.Value != "6550" || pass.Change.Display != "65.5" {
			t.Fatalf("a score change reads %q / %q", pass.Change.Value, pass.Change.Display)
		}
		// The same parameter again from a day not after its latest value.
		if _, err := s.AddParameterChange(w.admin, good); firstset.ErrorCode(err) != firstset.EINVALID || fieldsOf(err)[0] != "from" {
			t.Fatalf("a second value from the same day: %v", err)
		}

		// Offers recompute with the new ratio (the job's work, run here).
		if _, err := s.RecomputeOffers(w.sys); err != nil {
			t.Fatal(err)
		}
		o := offerOf(w.otherProduct)
		if o.Amount != yuan(t, "450000") || o.EngineVersion != pass.Version {
			t.Fatalf("offer after the change: %s (%s)", o.Amount, o.EngineVersion)
		}
		// The application confirmed before replays with its own engine.
		r := must(s.Replay(w.ent, conf.Application.ID))
		if !r.Unchanged || r.Version != before || r.MaxAmount != yuan(t, "400000") {
			t.Fatalf("replay: %+v", r)
		}

		// The table shows the stored value beside the policy's own.
		tb := must(s.Parameters(context.Background()))
		var found bool
		for _, p := range tb.Parameters {
			if p.ID == good.Param {
				found = len(p.Values) == 2 && !p.Values[0].Stored && p.Values[0].InForce &&
					p.Values[1].Stored && !p.Values[1].InForce && p.Values[1].Display == "90%"
			}
		}
		if !found || len(tb.Changes) != 2 || tb.Changes[1].ID != res.Change.ID || tb.Changes[0].CreatedByName == "" {
			t.Fatalf("parameter table: %+v", tb)
		}

		// Another instance over the same database loads it.
		other := service.New(store, service.DefaultConfig, slog.New(slog.DiscardHandler))
		if other.Engine().Version() != before {
			t.Fatal("a new instance starts from the stored changes only once loaded")
		}
		if err := other.LoadParameters(w.sys); err != nil || other.Engine().Version() != pass.Version {
			t.Fatalf("the other instance: %v %s", err, other.Engine().Version())
		}

		// Two administrators building on the same state: the second loses.
		err = store.Update(w.sys, func(tx firstset.Tx) error {
			return tx.CreateParameterChange(w.sys, &firstset.ParameterChange{PreviousID: 0, Param: "catalog.notice_working_days",
				From: date.MustParse("2027-01-01"), Value: "7", Source: "并发", Version: "x"})
		})
		if firstset.ErrorCode(err) != firstset.ECONFLICT {
			t.Fatalf("a change on a stale state: %v", err)
		}
	})
}

// fieldsOf lists the fields an error names, in order.
func fieldsOf(err error) []string {
	e, ok := firstset.AsError(err)
	if !ok {
		return nil
	}
	if len(e.Fields) == 0 {
		return []string{e.Field}
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	return out
}
