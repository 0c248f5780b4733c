package policy

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"firstset/money"
)

func TestDefaultParamsInForce(t *testing.T) {
	ps := DefaultParams()
	if got := ps.SinceAll(allParams()...); got != d("2024-04-08") {
		t.Fatalf("every parameter has a value from %s", got)
	}
	// The validity rule is in force from the 2018 opinions on; the money
	// rules of the measures only from 2024-04-08.
	if ps.Since(ParamValidityYears) != d("2018-11-23") || ps.SinceAll(premiumParams...) != d("2024-04-08") {
		t.Errorf("validity since %s, premium rules since %s", ps.Since(ParamValidityYears), ps.SinceAll(premiumParams...))
	}
	if _, ok := ps.At(d("2018-11-22")); ok {
		t.Error("rules in force before the 2018 opinions")
	}
	if r, ok := ps.At(d("2018-11-23")); !ok || !r.Has(ParamValidityYears) || r.Int(ParamValidityYears) != 3 || r.Has(ParamPremiumRatioFirst) {
		t.Errorf("2018-11-23: %+v %v", r, ok)
	}
	for _, params := range [][]Param{rewardParams, premiumParams, meritParams} {
		if _, ok := ps.InForce(d("2024-04-07"), params...); ok {
			t.Errorf("%s in force the day before the measures", params[0].ID())
		}
		if _, ok := ps.InForce(d("2024-04-08"), params...); !ok {
			t.Errorf("%s not in force on 2024-04-08", params[0].ID())
		}
	}
	r, ok := ps.InForce(d("2024-04-08"), Params()...)
	if !ok {
		t.Fatal("no rules on 2024-04-08")
	}
	checks := map[Param]string{
		ParamFirstPurchaseRatio:     "30%",
		ParamFirstPurchaseCap:       "5,000,000.00 元",
		ParamPremiumRatioFirst:      "80%",
		ParamPremiumRatioSecond:     "70%",
		ParamPremiumRatioThird:      "60%",
		ParamPremiumRatioAfterClaim: "80%",
		ParamPremiumRateCap:         "3%",
		ParamPremiumAnnualCap:       "5,000,000.00 元",
		ParamValidityYears:          "3",
		ParamPremiumWindowYears:     "3",
		ParamMeritPassScore:         "60",
		ParamNoticeWorkingDays:      "5",
	}
	for p, want := range checks {
		if got := r.Ref(p).Value; got != want {
			t.Errorf("%s = %s, want %s", p.ID(), got, want)
		}
	}
	for _, p := range Params() {
		if back, ok := ParamByID(p.ID()); !ok || back != p {
			t.Errorf("ParamByID(%s)", p.ID())
		}
		if p.Name() == "" || len(p.Clauses()) == 0 {
			t.Errorf("%s lacks a name or clauses", p.ID())
		}
	}
}

// A later value applies from its date on; every result for an earlier date
// stays exactly as it was.
func TestDatedParameterChange(t *testing.T) {
	old := DefaultEngine()
	ps := DefaultParams()
	var err error
	for _, c := range []Change{
		{Param: ParamPremiumRateCap, From: d("2026-01-01"), Value: Value{Ratio: money.Percent(2)}, Source: "渝经信规范〔2026〕X号"},
		{Param: ParamFirstPurchaseRatio, From: d("2026-01-01"), Value: Value{Ratio: money.Percent(20)}, Source: "渝经信规范〔2026〕X号"},
	} {
		if ps, err = ps.Extend(c); err != nil {
			t.Fatal(err)
		}
	}
	eng, err := NewEngine(ps, DefaultRegistry())
	if err != nil {
		t.Fatal(err)
	}
	if eng.Version() == old.Version() {
		t.Fatal("a new value did not change the version")
	}

	before, _ := old.PremiumSubsidy(p01(), Options{Explain: true})
	after, _ := eng.PremiumSubsidy(p01(), Options{Explain: true})
	for i := 0; i < 2; i++ { // periods starting 2024-07-01 and 2025-07-01
		b, _ := json.Marshal(before.Years[i])
		a, _ := json.Marshal(after.Years[i])
		if !bytes.Equal(a, b) {
			t.Errorf("period %d changed:\n%s\n%s", i, b, a)
		}
	}
	// From 2026-07-01 the base is min(460,000, 20,000,000 × 2%) = 400,000:
	// 400,000 × 60% × 335/365 = 220,273.97.
	third := after.Years[2]
	if third.PremiumBase.String() != "400000.00" || third.Subsidy.String() != "220273.97" {
		t.Errorf("third period under the new cap: %s %s", third.PremiumBase, third.Subsidy)
	}
	if s := steps(third.Explanation); !strings.Contains(s, "保额 20,000,000.00 × 2%") {
		t.Errorf("explanation does not use the new cap:\n%s", s)
	}
	var capRef *ParamRef
	for _, st := range third.Explanation {
		for i, r := range st.Params {
			if r.ID == "premium.rate_cap" {
				capRef = &st.Params[i]
			}
		}
	}
	if capRef == nil || capRef.From != d("2026-01-01") || capRef.Value != "2%" || capRef.Source != "渝经信规范〔2026〕X号" {
		t.Errorf("rate cap reference %+v", capRef)
	}

	reward := func(e *Engine, contract string) string {
		res, err := e.FirstPurchaseReward(RewardInput{
			Product:  Product{RecognizedOn: d("2024-06-01")},
			Purchase: Purchase{ContractDate: d(contract), Paid: yuan("1000000"), FirstPurchase: true},
		}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return res.MaxReward.String()
	}
	if got := reward(eng, "2025-12-31"); got != "300000.00" {
		t.Errorf("the day before the change: %s", got)
	}
	if got := reward(eng, "2026-01-01"); got != "200000.00" {
		t.Errorf("the day of the change: %s", got)
	}
	if got := reward(old, "2026-01-01"); got != "300000.00" {
		t.Errorf("the old set changed: %s", got)
	}
}

func TestParamSetRejects(t *testing.T) {
	ps := DefaultParams()
	if _, err := ps.Extend(Change{Param: ParamPremiumRateCap, From: d("2024-04-08"), Value: Value{Ratio: money.Percent(2)}}); err == nil {
		t.Error("a change on the same date as the existing value was accepted")
	}
	if _, err := ps.Extend(Change{Param: ParamPremiumRateCap, From: d("2020-01-01"), Value: Value{Ratio: money.Percent(2)}}); err == nil {
		t.Error("a change back-dated before the existing value was accepted")
	}
	bad := []Change{
		{Param: ParamPremiumRateCap, From: d("2026-01-01"), Value: Value{Ratio: money.Ratio{Num: 3, Den: 2}}},
		{Param: ParamPremiumRateCap, From: d("2026-01-01"), Value: Value{Ratio: money.Ratio{Num: 1, Den: 0}}},
		{Param: ParamPremiumAnnualCap, From: d("2026-01-01"), Value: Value{Money: -1}},
		{Param: ParamValidityYears, From: d("2026-01-01"), Value: Value{Int: 0}},
		{Param: ParamMeritPassScore, From: d("2026-01-01"), Value: Value{Int: MaxScore + 1}},
		{Param: ParamMeritDefaultMethod, From: d("2026-01-01"), Value: Value{Choice: "lottery"}},
		{Param: ParamPremiumRateCap, Value: Value{Ratio: money.Percent(2)}},
		{Param: numParams, From: d("2026-01-01")},
	}
	for _, c := range bad {
		if _, err := ps.Extend(c); err == nil {
			t.Errorf("accepted %+v", c)
		}
	}
	if _, err := NewParamSet(DefaultChanges()[1:]); err == nil {
		t.Error("a set missing a parameter was accepted")
	}
}

func TestVersion(t *testing.T) {
	a, b := DefaultEngine(), DefaultEngine()
	if a.Version() != b.Version() || !bytes.Equal(a.Canonical(), b.Canonical()) {
		t.Fatal("equal content, different versions")
	}
	if !bytes.HasPrefix(a.Canonical(), []byte("firstset-policy formula-revision=")) {
		t.Fatal("canonical encoding lacks the formula revision")
	}
	// Order of the changes given does not matter.
	changes := DefaultChanges()
	for i, j := 0, len(changes)-1; i < j; i, j = i+1, j-1 {
		changes[i], changes[j] = changes[j], changes[i]
	}
	ps, err := NewParamSet(changes)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := NewEngine(ps, DefaultRegistry())
	if c.Version() != a.Version() {
		t.Error("reordered changes changed the version")
	}
	// A changed clause text changes it.
	clauses := DefaultRegistry().All()
	clauses[0].Excerpt += "。"
	reg, err := NewRegistry(clauses)
	if err != nil {
		t.Fatal(err)
	}
	e, _ := NewEngine(DefaultParams(), reg)
	if e.Version() == a.Version() {
		t.Error("a changed excerpt kept the version")
	}
}

// A stored decision (input, output, version) is replayed by rebuilding the
// engine from the stored parameter changes and comparing.
func TestReplayStoredDecision(t *testing.T) {
	eng := DefaultEngine()
	stored, _ := eng.PremiumSubsidy(p01(), Options{Explain: true})
	storedJSON, _ := json.Marshal(stored)

	ps, err := NewParamSet(eng.Params().Changes())
	if err != nil {
		t.Fatal(err)
	}
	replay, err := NewEngine(ps, mustRegistry(t, eng.Registry().All()))
	if err != nil {
		t.Fatal(err)
	}
	if replay.Version() != stored.Version {
		t.Fatal("rebuilt engine has another version")
	}
	again, _ := replay.PremiumSubsidy(p01(), Options{Explain: true})
	againJSON, _ := json.Marshal(again)
	if !bytes.Equal(storedJSON, againJSON) {
		t.Fatalf("replay differs:\n%s\n%s", storedJSON, againJSON)
	}
}

func mustRegistry(t *testing.T, cs []Clause) *Registry {
	t.Helper()
	r, err := NewRegistry(cs)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Every stored value reads back as itself, so a parameter set kept in a
// database rebuilds to the same version.
func TestParamValueRoundTrip(t *testing.T) {
	for _, c := range DefaultChanges() {
		text := c.Param.Encode(c.Value)
		back, err := c.Param.ParseValue(text)
		if err != nil || c.Param.Encode(back) != text {
			t.Errorf("%s: %q reads back as %q, %v", c.Param.ID(), text, c.Param.Encode(back), err)
		}
	}
	if v, err := ParamPremiumRateCap.ParseValue("2.25%"); err != nil || v.Ratio != (money.Ratio{Num: 9, Den: 400}) {
		t.Errorf("2.25%%: %v %v", v.Ratio, err)
	}
	for p, s := range map[Param]string{
		ParamPremiumRateCap:      "3",
		ParamFirstPurchaseRatio:  "150%",
		ParamFirstPurchaseCap:    "-1",
		ParamValidityYears:       "three",
		ParamMeritDefaultMethod:  "lottery",
		ParamMeritTalentPriority: "maybe",
	} {
		if _, err := p.ParseValue(s); err == nil {
			t.Errorf("%s accepted %q", p.ID(), s)
		}
	}
}

// Every reading and method has a Chinese label for the pages; the JSON
// keeps the code.
func TestChoiceLabels(t *testing.T) {
	for _, p := range Params() {
		if p.Kind() != KindChoice {
			continue
		}
		for _, c := range paramSpecs[p].choices {
			ref := ParamRef{ID: p.ID(), Value: c}
			if l := ref.Label(); l == c || l == "" {
				t.Errorf("%s = %s has no label", p.ID(), c)
			}
		}
	}
	r, _ := DefaultParams().At(d("2025-01-01"))
	ref := r.Ref(ParamPremiumRateDropException)
	b, _ := json.Marshal(ref)
	if !strings.Contains(string(b), `"value":"same_proportion"`) || ref.Label() == "same_proportion" {
		t.Errorf("%s / %s", b, ref.Label())
	}
	if l := r.Ref(ParamPremiumRateCap).Label(); l != "3%" {
		t.Errorf("a ratio's label: %s", l)
	}
}

func allParams() []Param {
	var out []Param
	for p := Param(0); p < numParams; p++ {
		out = append(out, p)
	}
	return out
}

// TestParamSetValidUntil: the derived validity is three years less a day
// for every recognition from 2018-11-23 on, and none before.
func TestParamSetValidUntil(t *testing.T) {
	ps := DefaultParams()
	for on, want := range map[string]string{"2018-11-23": "2021-11-22", "2023-06-01": "2026-05-31", "2024-02-29": "2027-02-28"} {
		if got, ok := ps.ValidUntil(d(on)); !ok || got.String() != want {
			t.Errorf("%s: %s %v, want %s", on, got, ok, want)
		}
	}
	if got, ok := ps.ValidUntil(d("2018-11-22")); ok {
		t.Errorf("before the rule: %s", got)
	}
}
