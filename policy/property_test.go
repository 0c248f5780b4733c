package policy

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"firstset/date"
	"firstset/money"
)

// The property tests draw many random cases from fixed seeds, so that a
// failure is reproducible, and check what must hold for every case.

func randomPremiumInput(rng *rand.Rand) PremiumInput {
	// From the 2018 opinions on: recognitions before the measures have a
	// derived validity too.
	recognized := d("2018-11-23").AddDays(rng.IntN(3700))
	in := PremiumInput{Product: Product{RecognizedOn: recognized}}
	if rng.IntN(4) == 0 {
		in.Product.ValidUntil = recognized.AddDays(rng.IntN(2500))
	}
	start := recognized.AddDays(rng.IntN(800) - 400) // may start before the measures
	n := 1 + rng.IntN(6)
	for range n {
		length := 1 + rng.IntN(MaxPeriodDays)
		if rng.IntN(2) == 0 {
			length = 365
		}
		insured := money.Fen(1 + rng.Int64N(1_000_000_000_00)) // up to 1e9 yuan
		var premium money.Fen
		switch rng.IntN(3) {
		case 0: // at or below the 3% cap
			premium = money.Fen(1 + rng.Int64N(int64(insured)*3/100+1))
		case 1: // any rate up to 10%
			premium = money.Fen(1 + rng.Int64N(int64(insured)/10+1))
		default: // close to the previous year's rate, to reach the exception
			premium = money.Fen(1 + rng.Int64N(int64(insured)/40+1))
		}
		in.PolicyYears = append(in.PolicyYears, PolicyYear{
			Start: start, End: start.AddDays(length - 1), InsuredAmount: insured, Premium: premium, Claim: rng.IntN(3) == 0,
		})
		start = start.AddDays(length)
		if rng.IntN(12) == 0 {
			start = start.AddDays(1 + rng.IntN(30)) // a gap
		}
	}
	return in
}

func TestPremiumProperties(t *testing.T) {
	eng := DefaultEngine()
	rng := rand.New(rand.NewPCG(2024, 4))
	cases := 0
	for range 5000 {
		in := randomPremiumInput(rng)
		res, err := eng.PremiumSubsidy(in, Options{Explain: true})
		if err != nil {
			if e, ok := AsError(err); ok && e.Code == CodeNoRuleInForce {
				continue
			}
			t.Fatalf("%+v: %v", in, err)
		}
		cases++
		checkPremiumResult(t, in, res)
		first := true
		for i, y := range res.Years {
			if in.PolicyYears[i].Start.Before(d("2024-04-08")) != (y.Reason == ReasonRuleNotInForce) {
				t.Fatalf("period %d of %+v starts %s: reason %q", i, in, in.PolicyYears[i].Start, y.Reason)
			}
			if !y.Eligible {
				continue
			}
			// Nothing before the first subsidised period moves the ladder.
			if first && y.Ratio != Percent(money.Percent(80)) {
				t.Fatalf("first subsidised period %d of %+v at %v", i, in, y.Ratio)
			}
			first = false
			// The amount, recomputed with math/big from what the result
			// reports: min(cap, round(min(P, I×3%) × ratio × days/period)).
			p := in.PolicyYears[i]
			base := new(big.Rat).SetFrac64(int64(p.InsuredAmount)*3, 100)
			if prem := new(big.Rat).SetInt64(int64(p.Premium)); prem.Cmp(base) < 0 {
				base = prem
			}
			r := money.Ratio(y.Ratio)
			v := new(big.Rat).Mul(base, big.NewRat(r.Num, r.Den))
			v.Mul(v, big.NewRat(int64(y.EligibleDays), int64(y.PeriodDays)))
			v.Add(v, big.NewRat(1, 2))
			want := new(big.Int).Quo(v.Num(), v.Denom()) // floor(x + ½) for x ≥ 0
			if want.Cmp(big.NewInt(int64(defaultCap))) > 0 {
				want.SetInt64(int64(defaultCap))
			}
			if want.Int64() != int64(y.Subsidy) {
				t.Fatalf("period %d of %+v: subsidy %s, math/big says %s", i, in, y.Subsidy, money.Fen(want.Int64()))
			}
			if !(r == money.Ratio{Num: 4, Den: 5} || r == money.Ratio{Num: 7, Den: 10} || r == money.Ratio{Num: 3, Den: 5}) {
				t.Fatalf("ratio %v is not on the ladder", r)
			}
		}
		quiet, err := eng.PremiumSubsidy(in, Options{})
		if err != nil || quiet.TotalSubsidy != res.TotalSubsidy {
			t.Fatalf("explanations changed the total: %v", err)
		}
	}
	if cases < 4000 {
		t.Fatalf("only %d cases ran", cases)
	}
}

// A higher premium never lowers the subsidy of a first period (the ratio
// is fixed at 80%), and in any period it never lowers the subsidy while the
// ratio stays the same. (Raising a premium can change the ratio through the
// exception; see docs/policy-notes.md.)
func TestHigherPremiumNeverLowersSubsidy(t *testing.T) {
	eng := DefaultEngine()
	rng := rand.New(rand.NewPCG(7, 7))
	for range 5000 {
		in := randomPremiumInput(rng)
		before, err := eng.PremiumSubsidy(in, Options{})
		if err != nil {
			continue
		}
		k := rng.IntN(len(in.PolicyYears))
		raised := in
		raised.PolicyYears = append([]PolicyYear(nil), in.PolicyYears...)
		raised.PolicyYears[k].Premium += money.Fen(1 + rng.Int64N(int64(in.PolicyYears[k].Premium)+1))
		after, err := eng.PremiumSubsidy(raised, Options{})
		if err != nil {
			t.Fatal(err)
		}
		b, a := before.Years[k], after.Years[k]
		if b.Eligible != a.Eligible {
			t.Fatalf("raising the premium changed eligibility of period %d", k)
		}
		if a.Ratio == b.Ratio && a.Subsidy < b.Subsidy {
			t.Fatalf("period %d: premium %s → %s lowered the subsidy %s → %s at the same ratio",
				k, in.PolicyYears[k].Premium, raised.PolicyYears[k].Premium, b.Subsidy, a.Subsidy)
		}
		if first := firstEligible(before); first == k && a.Subsidy < b.Subsidy {
			t.Fatalf("first period: the subsidy fell from %s to %s", b.Subsidy, a.Subsidy)
		}
	}
}

func firstEligible(r PremiumResult) int {
	for i, y := range r.Years {
		if y.Eligible {
			return i
		}
	}
	return -1
}

func TestRewardProperties(t *testing.T) {
	eng := DefaultEngine()
	rng := rand.New(rand.NewPCG(30, 5))
	for range 5000 {
		recognized := d("2018-11-23").AddDays(rng.IntN(3000))
		in := RewardInput{
			Product: Product{RecognizedOn: recognized},
			Purchase: Purchase{
				ContractDate:  recognized.AddDays(rng.IntN(1400) - 200),
				Paid:          money.Fen(1 + rng.Int64N(1<<rng.IntN(62))),
				FirstPurchase: rng.IntN(5) > 0,
			},
		}
		res, err := eng.FirstPurchaseReward(in, Options{Explain: true})
		if err != nil {
			t.Fatal(err)
		}
		checkRewardResult(t, in, res)
		// The rule in force is checked first, whatever else fails.
		if before := in.Purchase.ContractDate.Before(d("2024-04-08")); before || res.Reason == ReasonRuleNotInForce {
			if !before || res.Reason != ReasonRuleNotInForce {
				t.Fatalf("%+v: reason %q", in, res.Reason)
			}
			continue
		}
		inValidity := !in.Purchase.ContractDate.Before(recognized) && !in.Purchase.ContractDate.After(date.ValidUntil(recognized, 3))
		if res.Eligible != (inValidity && in.Purchase.FirstPurchase) {
			t.Fatalf("%+v: eligible %v", in, res.Eligible)
		}
	}
}

func randomAllocationInput(rng *rand.Rand, n int) AllocationInput {
	in := AllocationInput{Budget: money.Fen(rng.Int64N(1_000_000_000_00))}
	if rng.IntN(2) == 0 {
		in.Method = MethodProRata
	}
	if rng.IntN(3) == 0 {
		ps := Score(rng.Int64N(MaxScore + 1))
		in.PassScore = &ps
	}
	base := time.Date(2025, 4, 1, 9, 0, 0, 0, date.Shanghai)
	for i := range n {
		max := money.Fen(1 + rng.Int64N(5_000_000_00))
		if rng.IntN(50) == 0 {
			max = money.MaxFen - money.Fen(rng.Int64N(1000)) // sums beyond 64 bits
		}
		in.Applications = append(in.Applications, Application{
			ID:          fmt.Sprintf("A%d-%d", rng.IntN(1000), i), // unique by the suffix, unordered by the prefix
			MaxAmount:   max,
			Score:       Score(rng.Int64N(41)*100 + 6000 - 1000), // clustered scores make ties
			TalentLed:   rng.IntN(4) == 0,
			SubmittedAt: base.Add(time.Duration(rng.IntN(5)) * time.Hour),
		})
	}
	return in
}

// checkAllocationResult holds for every allocation of the default engine.
func checkAllocationResult(t *testing.T, in AllocationInput, res AllocationResult, eng *Engine) {
	t.Helper()
	pass := Score(6000)
	if in.PassScore != nil {
		pass = *in.PassScore
	}
	method := in.Method
	if method == "" {
		method = MethodRankOrder
	}
	byID := map[string]Application{}
	var passingSum big.Int
	for _, a := range in.Applications {
		byID[a.ID] = a
		if a.Score >= pass {
			passingSum.Add(&passingSum, big.NewInt(int64(a.MaxAmount)))
		}
	}
	if len(res.Allocations) != len(in.Applications) {
		t.Fatalf("%d allocations for %d applications", len(res.Allocations), len(in.Applications))
	}
	var total money.Fen
	scaled := 0
	stopped := false // rank_order: a passing application was not fully funded
	remaining := in.Budget
	seen := map[string]bool{}
	for i, al := range res.Allocations {
		a, ok := byID[al.ID]
		if !ok || seen[al.ID] || al.Rank != i+1 {
			t.Fatalf("allocation %d: id %q rank %d", i, al.ID, al.Rank)
		}
		seen[al.ID] = true
		if i > 0 && byID[res.Allocations[i-1].ID].Score < a.Score {
			t.Fatalf("rank %d has a higher score than rank %d", i+1, i)
		}
		if al.Amount < 0 || al.Amount > a.MaxAmount {
			t.Fatalf("%s: amount %s outside 0…%s", al.ID, al.Amount, a.MaxAmount)
		}
		if (a.Score < pass) != (al.Reason == ReasonBelowPassScore) {
			t.Fatalf("%s: score %s, pass %s, reason %s", al.ID, a.Score, pass, al.Reason)
		}
		switch al.Reason {
		case ReasonBelowPassScore, ReasonBudgetExhausted:
			if al.Amount != 0 {
				t.Fatalf("%s: %s with amount %s", al.ID, al.Reason, al.Amount)
			}
		case ReasonFunded:
			if al.Amount != a.MaxAmount || stopped {
				t.Fatalf("%s: FUNDED %s of %s (after a stop: %v)", al.ID, al.Amount, a.MaxAmount, stopped)
			}
		case ReasonPartial:
			if method != MethodRankOrder || stopped || al.Amount != remaining || al.Amount == 0 || al.Amount >= a.MaxAmount {
				t.Fatalf("%s: PARTIAL %s with %s left", al.ID, al.Amount, remaining)
			}
		case ReasonScaled:
			want := new(big.Int).Mul(big.NewInt(int64(a.MaxAmount)), big.NewInt(int64(in.Budget)))
			want.Quo(want, &passingSum)
			if method != MethodProRata || want.Int64() != int64(al.Amount) {
				t.Fatalf("%s: SCALED %s, floor says %s", al.ID, al.Amount, want)
			}
			scaled++
		default:
			t.Fatalf("%s: reason %q", al.ID, al.Reason)
		}
		if method == MethodRankOrder && al.Reason != ReasonBelowPassScore {
			if al.Reason == ReasonBudgetExhausted && !stopped && a.MaxAmount <= remaining {
				t.Fatalf("%s: exhausted though %s of %s fits", al.ID, a.MaxAmount, remaining)
			}
			if al.Reason != ReasonFunded {
				stopped = true
			}
		}
		remaining -= al.Amount
		total += al.Amount
	}
	if total != res.Total || total > in.Budget {
		t.Fatalf("total %s (reported %s), budget %s", total, res.Total, in.Budget)
	}
	if method == MethodProRata {
		fits := passingSum.Cmp(big.NewInt(int64(in.Budget))) <= 0
		if fits && scaled > 0 {
			t.Fatal("scaled although the maxima fit the budget")
		}
		// Flooring loses less than one fen per scaled application.
		if scaled > 0 && int64(in.Budget-total) >= int64(scaled) {
			t.Fatalf("pro rata left %s unallocated over %d applications", in.Budget-total, scaled)
		}
	}
}

func TestAllocationProperties(t *testing.T) {
	eng := DefaultEngine()
	rng := rand.New(rand.NewPCG(100, 1))
	for range 2000 {
		in := randomAllocationInput(rng, 1+rng.IntN(60))
		res, err := eng.Allocate(in, Options{Explain: rng.IntN(2) == 0})
		if err != nil {
			t.Fatal(err)
		}
		checkAllocationResult(t, in, res, eng)

		// The ranking does not depend on the order of the input.
		shuffled := in
		shuffled.Applications = append([]Application(nil), in.Applications...)
		rng.Shuffle(len(shuffled.Applications), func(i, j int) {
			shuffled.Applications[i], shuffled.Applications[j] = shuffled.Applications[j], shuffled.Applications[i]
		})
		again, err := eng.Allocate(shuffled, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for i := range res.Allocations {
			if res.Allocations[i].ID != again.Allocations[i].ID || res.Allocations[i].Amount != again.Allocations[i].Amount {
				t.Fatalf("input order changed rank %d", i+1)
			}
		}
	}
}
