package policy

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"firstset/money"
)

// The fuzz targets run in CI with a budget of executions, not of time:
//
//	go test -run='^$' -fuzz='^FuzzDecodeRewardInput$' -fuzztime=50000x ./policy
//
// With -fuzztime=10s, Go's fuzzing coordinator (internal/fuzz, Go 1.26)
// waits on its timeout context and then compares that context's error
// with the one of the workers' context derived from it; the child is
// cancelled a moment after the parent, so when the coordinator looks in
// between, the deadline is taken for a failure: "--- FAIL: … context
// deadline exceeded", no input saved, none to save. On a loaded machine 8
// runs in 300 of 200ms each failed so; with a count budget none of 300.

// checkDecodeError is what every rejected input must give: typed errors
// with a code, each on one line, the first one being Error().
func checkDecodeError(t *testing.T, data []byte, err error) {
	t.Helper()
	first, ok := AsError(err)
	all := AllErrors(err)
	if !ok || len(all) == 0 || all[0] != first || err.Error() != first.Error() {
		t.Fatalf("%q: error %v is not a list of *Error", data, err)
	}
	for _, e := range all {
		if e.Code == "" || e.Message == "" || e.Chinese == "" {
			t.Fatalf("%q: incomplete error %+v", data, e)
		}
		if strings.ContainsAny(e.Error()+e.ChineseError(), "\r\n") {
			t.Fatalf("%q: error spans lines: %q", data, e.Error())
		}
	}
}

var defaultCap = yuan("5000000")

func FuzzDecodePremiumInput(f *testing.F) {
	f.Add([]byte(goodPremium))
	b, _ := json.Marshal(p01())
	f.Add(b)
	f.Add([]byte(`{"product": {"recognized_on": "2024-06-01"}, "policy_years": [{"start": "2025-07-01", "end": "2025-06-30", "insured_amount_yuan": "1", "premium_yuan": "1", "claim": false}]}`))
	f.Add([]byte(`{"product": {"recognized_on": "2024-06-01", "valid_until": null}, "policy_years": [{"start": "2024-07-01", "end": "2025-06-30", "insured_amount_yuan": "300000000", "premium_yuan": "9000000", "claim": true}, {"start": "2025-07-01", "end": "2026-06-30", "insured_amount_yuan": "0.01", "premium_yuan": "0.01", "claim": false}]}`))
	f.Add([]byte(`{"product": {"recognized_on": "2023-06-01"}, "policy_years": [{"start": "2024-07-01", "end": "2025-06-30", "insured_amount_yuan": "1", "premium_yuan": "1", "claim": false}]}`))
	f.Add([]byte(`{"product": 1}`))
	f.Add([]byte(`{"product": {"recognized_on": "2024-06-01"}, "policy_years": [{}]}`))
	f.Add([]byte(`{`))
	f.Add([]byte(`{"product": {"recognized_on": "2010-05-01"}, "policy_years": [{"start": "2023-07-01", "end": "2024-06-30", "insured_amount_yuan": "1", "premium_yuan": "1", "claim": false}, {"start": "2024-07-01", "end": "2025-06-30", "insured_amount_yuan": "20000000", "premium_yuan": "437500.01", "claim": false}]}`))
	// One engine for every input: it is immutable, and building it per
	// input only slows the fuzzer down.
	eng := DefaultEngine()
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := DecodePremiumInput(data)
		if err != nil {
			checkDecodeError(t, data, err)
			return
		}
		again, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		back, err := DecodePremiumInput(again)
		if err != nil || !reflect.DeepEqual(back, in) {
			t.Fatalf("round trip of %q: %s gives %+v, %v", data, again, back, err)
		}
		res, err := eng.PremiumSubsidy(in, Options{Explain: true})
		if err != nil {
			checkDecodeError(t, data, err)
			return
		}
		checkPremiumResult(t, in, res)
	})
}

// checkPremiumResult holds for every premium result of the default engine.
func checkPremiumResult(t *testing.T, in PremiumInput, res PremiumResult) {
	t.Helper()
	var total money.Fen
	for i, y := range res.Years {
		p := in.PolicyYears[i]
		if y.Subsidy < 0 || y.Subsidy > defaultCap {
			t.Fatalf("period %d: subsidy %s outside 0…cap", i, y.Subsidy)
		}
		// At most 80% of the premium and of insured × 3%.
		if lim, _ := money.MulRatios(p.Premium, money.HalfUp, money.Percent(80)); y.Subsidy > lim {
			t.Fatalf("period %d: subsidy %s above 80%% of the premium", i, y.Subsidy)
		}
		if lim, _ := money.MulRatios(p.InsuredAmount, money.HalfUp, money.Percent(3), money.Percent(80)); y.Subsidy > lim {
			t.Fatalf("period %d: subsidy %s above 80%% of insured × 3%%", i, y.Subsidy)
		}
		if y.Eligible != (y.Reason == "") || y.EligibleDays > y.PeriodDays || (!y.Eligible && y.Subsidy != 0) {
			t.Fatalf("period %d: inconsistent %+v", i, y)
		}
		if len(y.Explanation) == 0 {
			t.Fatalf("period %d: no explanation", i)
		}
		total += y.Subsidy
	}
	if total != res.TotalSubsidy {
		t.Fatalf("total %s, sum %s", res.TotalSubsidy, total)
	}
}

func FuzzDecodeRewardInput(f *testing.F) {
	f.Add([]byte(goodReward))
	f.Add([]byte(`{"product": {"recognized_on": "2024-06-01", "valid_until": "2024-06-01"}, "purchase": {"contract_date": "2024-06-01", "paid_yuan": "92233720368547758.07", "first_purchase": true}}`))
	f.Add([]byte(`{"product": {"recognized_on": "2024-06-01"}, "purchase": {"contract_date": "2025-03-10", "paid_yuan": "1.005", "first_purchase": true}}`))
	f.Add([]byte(`{"purchase": null}`))
	f.Add([]byte(`{"product": {"recognized_on": "2023-06-01"}, "purchase": {"contract_date": "2024-04-07", "paid_yuan": "100", "first_purchase": false}}`))
	eng := DefaultEngine()
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := DecodeRewardInput(data)
		if err != nil {
			checkDecodeError(t, data, err)
			return
		}
		again, _ := json.Marshal(in)
		back, err := DecodeRewardInput(again)
		if err != nil || !reflect.DeepEqual(back, in) {
			t.Fatalf("round trip of %q: %s gives %+v, %v", data, again, back, err)
		}
		res, err := eng.FirstPurchaseReward(in, Options{Explain: true})
		if err != nil {
			checkDecodeError(t, data, err)
			return
		}
		checkRewardResult(t, in, res)
	})
}

func checkRewardResult(t *testing.T, in RewardInput, res RewardResult) {
	t.Helper()
	if !res.Eligible {
		if res.MaxReward != 0 || res.Reason == "" {
			t.Fatalf("ineligible with %+v", res)
		}
		return
	}
	want, err := money.MulRatios(in.Purchase.Paid, money.HalfUp, money.Percent(30))
	if err != nil {
		t.Fatal(err)
	}
	if res.MaxReward != min(want, defaultCap) {
		t.Fatalf("paid %s: max reward %s, want min(%s, cap)", in.Purchase.Paid, res.MaxReward, want)
	}
}

func FuzzDecodeAllocationInput(f *testing.F) {
	f.Add([]byte(goodAllocation))
	f.Add([]byte(`{"budget_yuan": "10", "method": "pro_rata", "pass_score": 59.5, "as_of": "2025-05-01", "incentive": "premium_subsidy", "applications": [{"id": "A", "max_amount_yuan": "7", "score": 60, "submitted_at": "2025-04-01T09:00:00Z"}, {"id": "B", "max_amount_yuan": "7", "score": 59.5, "talent_led": true, "submitted_at": "2025-04-01T09:00:00.5+08:00"}]}`))
	f.Add([]byte(`{"budget_yuan": "0", "applications": [{"id": "A", "max_amount_yuan": "1", "score": 100, "submitted_at": "2025-04-01T09:00:00+08:00"}, {"id": "A", "max_amount_yuan": "1", "score": 100, "submitted_at": "2025-04-01T09:00:00+08:00"}]}`))
	f.Add([]byte(`{"budget_yuan": "1", "applications": [{"id": "A", "max_amount_yuan": "1", "score": 1e2, "submitted_at": "2025-04-01T09:00:00+08:00"}]}`))
	eng := DefaultEngine()
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := DecodeAllocationInput(data)
		if err != nil {
			checkDecodeError(t, data, err)
			return
		}
		again, _ := json.Marshal(in)
		back, err := DecodeAllocationInput(again)
		if err != nil || !sameAllocationInput(back, in) {
			t.Fatalf("round trip of %q: %s gives %+v, %v", data, again, back, err)
		}
		res, err := eng.Allocate(in, Options{Explain: true})
		if err != nil {
			checkDecodeError(t, data, err)
			return
		}
		checkAllocationResult(t, in, res, eng)
	})
}

// sameAllocationInput compares inputs, times by instant.
func sameAllocationInput(a, b AllocationInput) bool {
	if a.Budget != b.Budget || a.Method != b.Method || a.AsOf != b.AsOf || a.Incentive != b.Incentive ||
		(a.PassScore == nil) != (b.PassScore == nil) || (a.PassScore != nil && *a.PassScore != *b.PassScore) ||
		len(a.Applications) != len(b.Applications) {
		return false
	}
	for i, x := range a.Applications {
		y := b.Applications[i]
		if x.ID != y.ID || x.MaxAmount != y.MaxAmount || x.Score != y.Score || x.TalentLed != y.TalentLed || !x.SubmittedAt.Equal(y.SubmittedAt) {
			return false
		}
	}
	return true
}
