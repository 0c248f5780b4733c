package policy

import (
	"reflect"
	"strings"
	"testing"

	"firstset/date"
	"firstset/money"
)

func d(s string) date.Date { return date.MustParse(s) }

func yuan(s string) money.Fen {
	f, err := money.ParseYuan(s)
	if err != nil {
		panic(err)
	}
	return f
}

func period(start, end, insured, premium string, claim bool) PolicyYear {
	return PolicyYear{Start: d(start), End: d(end), InsuredAmount: yuan(insured), Premium: yuan(premium), Claim: claim}
}

// p01 is the worked premium example.
func p01() PremiumInput {
	return PremiumInput{
		Product: Product{RecognizedOn: d("2024-06-01")},
		PolicyYears: []PolicyYear{
			period("2024-07-01", "2025-06-30", "20000000", "500000", false),
			period("2025-07-01", "2026-06-30", "20000000", "480000", false),
			period("2026-07-01", "2027-06-30", "20000000", "460000", false),
		},
	}
}

func mustPremium(t *testing.T, in PremiumInput) PremiumResult {
	t.Helper()
	res, err := DefaultEngine().PremiumSubsidy(in, Options{Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestWorkedExampleP01(t *testing.T) {
	res := mustPremium(t, p01())
	want := []struct {
		ratio        string
		base         string
		days, period int
		subsidy      string
	}{
		{"80", "500000.00", 365, 365, "400000.00"},
		{"70", "480000.00", 365, 365, "336000.00"},
		{"60", "460000.00", 335, 365, "253315.07"},
	}
	for i, w := range want {
		y := res.Years[i]
		if !y.Eligible || y.Reason != "" || money.Ratio(y.Ratio).PercentNumber() != w.ratio || y.PremiumBase.String() != w.base ||
			y.EligibleDays != w.days || y.PeriodDays != w.period || y.Subsidy.String() != w.subsidy {
			t.Errorf("row %d = %+v, want %+v", i+1, y, w)
		}
		if len(y.Explanation) == 0 {
			t.Errorf("row %d has no explanation", i+1)
		}
	}
	if res.TotalSubsidy.String() != "989315.07" {
		t.Errorf("total %s, want 989315.07", res.TotalSubsidy)
	}
	const sentence = "保费补贴 = min(实缴保费 500,000.00, 保额 20,000,000.00 × 3%) × 80% × 365/365 = 400,000.00 元（渝经信规范〔2024〕9号 第（二）条）"
	if !hasStep(res.Years[0].Explanation, sentence) {
		t.Errorf("row 1 explanation lacks %q:\n%s", sentence, steps(res.Years[0].Explanation))
	}
	// The third row says why it counts 335 days and that it rounded.
	third := steps(res.Years[2].Explanation)
	for _, s := range []string{"2027-05-31", "335/365 = 253,315.07 元，按分四舍五入", "2.4% × 60% ÷ 70% ≈ 2.057143%"} {
		if !strings.Contains(third, s) {
			t.Errorf("row 3 explanation lacks %q:\n%s", s, third)
		}
	}
	if res.Version != DefaultEngine().Version() || len(res.Version) != 64 {
		t.Errorf("version %q", res.Version)
	}
}

func hasStep(ss []Step, text string) bool {
	for _, s := range ss {
		if s.Text == text {
			return true
		}
	}
	return false
}

func steps(ss []Step) string {
	var b strings.Builder
	for _, s := range ss {
		b.WriteString(string(s.Clause) + " " + s.Text + "\n")
	}
	return b.String()
}

func TestRateAndAnnualCaps(t *testing.T) {
	cases := []struct {
		name, insured, premium, base, subsidy, mention string
	}{
		{"rate cap", "10000000", "400000", "300000.00", "240000.00", "实际保险费率超过 3% 的上限"},
		{"annual cap", "300000000", "9000000", "9000000.00", "5000000.00", "7,200,000.00 元超过单个产品年保费补贴上限 5,000,000.00 元"},
		{"exactly at the rate cap", "10000000", "300000", "300000.00", "240000.00", "未超过 3% 的上限"},
		{"cap of a fractional fen", "0.01", "0.01", "0.00", "0.00", "按保额 × 3% 计"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := mustPremium(t, PremiumInput{
				Product:     Product{RecognizedOn: d("2024-06-01")},
				PolicyYears: []PolicyYear{period("2024-07-01", "2025-06-30", c.insured, c.premium, false)},
			})
			y := res.Years[0]
			if y.PremiumBase.String() != c.base || y.Subsidy.String() != c.subsidy {
				t.Errorf("base %s subsidy %s, want %s %s", y.PremiumBase, y.Subsidy, c.base, c.subsidy)
			}
			if !strings.Contains(steps(y.Explanation), c.mention) {
				t.Errorf("explanation lacks %q:\n%s", c.mention, steps(y.Explanation))
			}
		})
	}
}

func TestPremiumReasons(t *testing.T) {
	cases := []struct {
		name    string
		product Product
		years   []PolicyYear
		reasons []Reason
		amounts []string
	}{
		{
			name:    "before recognition is outside validity and ignored by the ladder",
			product: Product{RecognizedOn: d("2024-06-01")},
			years: []PolicyYear{
				period("2024-04-10", "2024-05-31", "20000000", "100000", false),
				// no continuity needed before the first subsidised period
				period("2024-07-01", "2025-06-30", "20000000", "500000", false),
			},
			reasons: []Reason{ReasonOutsideValidity, ""},
			amounts: []string{"0.00", "400000.00"},
		},
		{
			name:    "after validity",
			product: Product{RecognizedOn: d("2024-06-01"), ValidUntil: d("2025-06-30")},
			years: []PolicyYear{
				period("2024-07-01", "2025-06-30", "20000000", "500000", false),
				period("2025-07-01", "2026-06-30", "20000000", "500000", false),
			},
			reasons: []Reason{"", ReasonOutsideValidity},
			amounts: []string{"400000.00", "0.00"},
		},
		{
			name:    "a gap breaks continuity for good",
			product: Product{RecognizedOn: d("2024-06-01")},
			years: []PolicyYear{
				period("2024-07-01", "2025-06-30", "20000000", "500000", false),
				period("2025-07-02", "2026-06-30", "20000000", "500000", false),
				period("2026-07-01", "2027-05-31", "20000000", "500000", false),
			},
			reasons: []Reason{"", ReasonContinuityBroken, ReasonContinuityBroken},
			amounts: []string{"400000.00", "0.00", "0.00"},
		},
		{
			name:    "three-year window ends though validity was extended",
			product: Product{RecognizedOn: d("2024-06-01"), ValidUntil: d("2029-12-31")},
			years: []PolicyYear{
				period("2024-07-01", "2025-06-30", "20000000", "500000", true),
				period("2025-07-01", "2026-06-30", "20000000", "500000", true),
				period("2026-07-01", "2027-06-30", "20000000", "500000", true),
				period("2027-07-01", "2028-06-30", "20000000", "500000", true),
			},
			reasons: []Reason{"", "", "", ReasonThreeYearLimit},
			amounts: []string{"400000.00", "400000.00", "400000.00", "0.00"},
		},
		{
			name:    "window from the first subsidised day cuts a period short",
			product: Product{RecognizedOn: d("2024-10-01"), ValidUntil: d("2029-12-31")},
			years: []PolicyYear{
				// first subsidised day 2024-10-01, window to 2027-09-30
				period("2024-07-01", "2025-06-30", "20000000", "500000", true), // 273/365
				period("2025-07-01", "2026-06-30", "20000000", "500000", true),
				period("2026-07-01", "2027-06-30", "20000000", "500000", true),
				period("2027-07-01", "2028-06-30", "20000000", "500000", true), // 92/366
				period("2028-07-01", "2029-06-30", "20000000", "500000", true),
			},
			reasons: []Reason{"", "", "", "", ReasonThreeYearLimit},
			amounts: []string{"299178.08", "400000.00", "400000.00", "100546.45", "0.00"},
		},
		{
			name:    "recognised inside the first period: days pro-rated",
			product: Product{RecognizedOn: d("2024-09-01")},
			years:   []PolicyYear{period("2024-07-01", "2025-06-30", "20000000", "500000", false)},
			reasons: []Reason{""},
			amounts: []string{"332054.79"}, // 400,000 × 303/365
		},
		{
			name:    "policy period before the measures took effect",
			product: Product{RecognizedOn: d("2023-06-01"), ValidUntil: d("2026-05-31")},
			years: []PolicyYear{
				period("2023-07-01", "2024-06-30", "20000000", "500000", false),
				period("2024-07-01", "2025-06-30", "20000000", "500000", false),
			},
			reasons: []Reason{ReasonRuleNotInForce, ""},
			amounts: []string{"0.00", "400000.00"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := mustPremium(t, PremiumInput{Product: c.product, PolicyYears: c.years})
			var total money.Fen
			for i, y := range res.Years {
				if y.Reason != c.reasons[i] || y.Subsidy.String() != c.amounts[i] || y.Eligible != (c.reasons[i] == "") {
					t.Errorf("period %d: eligible %v reason %q amount %s; want %q %s\n%s", i, y.Eligible, y.Reason, y.Subsidy, c.reasons[i], c.amounts[i], steps(y.Explanation))
				}
				if !y.Eligible && (y.EligibleDays != 0 || y.PremiumBase != 0 || y.Ratio != (Percent{})) {
					t.Errorf("period %d: ineligible but reports %+v", i, y)
				}
				if len(y.Explanation) == 0 {
					t.Errorf("period %d: no explanation", i)
				}
				total += y.Subsidy
			}
			if res.TotalSubsidy != total {
				t.Errorf("total %s, sum of periods %s", res.TotalSubsidy, total)
			}
		})
	}
}

// ladderCase runs consecutive half-year periods (so that more than three
// fit in the window) with the given premiums (insured 20,000,000) and claims
// and checks the ratios.
func ladderRatios(t *testing.T, eng *Engine, premiums []string, insured []string, claims []bool) []string {
	t.Helper()
	starts := []string{"2024-07-01", "2025-01-01", "2025-07-01", "2026-01-01", "2026-07-01", "2027-01-01"}
	ends := []string{"2024-12-31", "2025-06-30", "2025-12-31", "2026-06-30", "2026-12-31", "2027-05-31"}
	in := PremiumInput{Product: Product{RecognizedOn: d("2024-06-01")}}
	for i, p := range premiums {
		ins := "20000000"
		if insured != nil {
			ins = insured[i]
		}
		in.PolicyYears = append(in.PolicyYears, period(starts[i], ends[i], ins, p, claims != nil && claims[i]))
	}
	res, err := eng.PremiumSubsidy(in, Options{Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, y := range res.Years {
		if !y.Eligible {
			t.Fatalf("period not eligible: %+v", y)
		}
		out = append(out, money.Ratio(y.Ratio).PercentNumber())
	}
	return out
}

func TestRatioLadder(t *testing.T) {
	eng := DefaultEngine()
	cases := []struct {
		name     string
		premiums []string
		insured  []string
		claims   []bool
		want     string
	}{
		{"steps down and stays at 60", []string{"250000", "250000", "250000", "250000"}, nil, nil, "80 70 60 60"},
		{"a claim resets to 80", []string{"250000", "250000", "250000", "250000", "250000", "250000"}, nil,
			[]bool{true, false, false, true, false, false}, "80 80 70 60 80 70"},
		{"claim every year stays at 80", []string{"250000", "250000", "250000"}, nil, []bool{true, true, true}, "80 80 80"},
		// 2.5% → rate at most 2.5% × 70/80 = 2.1875% keeps 80.
		{"exception: equal rate keeps the ratio", []string{"500000", "437500"}, nil, nil, "80 80"},
		{"exception: one fen more steps down", []string{"500000", "437500.01"}, nil, nil, "80 70"},
		{"exception: compares rates, not premiums", []string{"500000", "875000"}, []string{"20000000", "40000000"}, nil, "80 80"},
		{"exception: rate above threshold on a larger insured amount", []string{"500000", "875000.01"}, []string{"20000000", "40000000"}, nil, "80 70"},
		// 2.4% at 70 → threshold 2.4% × 60/70 = 2.0571428…%, i.e. 411,428.571… yuan.
		{"exception at 70→60 below a non-terminating threshold", []string{"500000", "480000", "411428.57"}, nil, nil, "80 70 70"},
		{"exception at 70→60 just above it", []string{"500000", "480000", "411428.58"}, nil, nil, "80 70 60"},
		{"exception kept twice", []string{"500000", "437500", "382812.50"}, nil, nil, "80 80 80"},
		{"after the exception the ladder steps from the kept ratio", []string{"500000", "437500", "437500"}, nil, nil, "80 80 70"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := strings.Join(ladderRatios(t, eng, c.premiums, c.insured, c.claims), " ")
			if got != c.want {
				t.Errorf("ratios %s, want %s", got, c.want)
			}
		})
	}
}

func TestExceptionReadingsAndProrating(t *testing.T) {
	with := func(p Param, v Value) *Engine {
		ps, err := DefaultParams().Extend(Change{Param: p, From: d("2024-05-01"), Value: v, Source: "test"})
		if err != nil {
			t.Fatal(err)
		}
		e, err := NewEngine(ps, DefaultRegistry())
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	anyDrop := with(ParamPremiumRateDropException, Value{Choice: ExceptionAnyDecrease})
	if got := strings.Join(ladderRatios(t, anyDrop, []string{"500000", "499999.99", "499999.99"}, nil, nil), " "); got != "80 80 70" {
		t.Errorf("any_decrease: %s", got)
	}
	none := with(ParamPremiumRateDropException, Value{Choice: ExceptionNone})
	if got := strings.Join(ladderRatios(t, none, []string{"500000", "100000"}, nil, nil), " "); got != "80 70" {
		t.Errorf("none: %s", got)
	}
	noProrate := with(ParamPremiumProrateByDays, Value{Bool: false})
	res, err := noProrate.PremiumSubsidy(p01(), Options{Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	if y := res.Years[2]; y.Subsidy.String() != "276000.00" || y.EligibleDays != 335 {
		t.Errorf("without pro-rating the third row is %s over %d days, want 276000.00 over 335", y.Subsidy, y.EligibleDays)
	}
}

func TestExplanationsOffBuildNothing(t *testing.T) {
	res, err := DefaultEngine().PremiumSubsidy(p01(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	withText := mustPremium(t, p01())
	for i, y := range res.Years {
		if y.Explanation != nil {
			t.Errorf("row %d has explanation with Explain off", i)
		}
		w := withText.Years[i]
		w.Explanation = nil
		if !reflect.DeepEqual(y, w) {
			t.Errorf("row %d differs with explanations off: %+v vs %+v", i, y, w)
		}
	}
}

// docs/policy-notes.md, "Dates and parameters": the validity is derived for recognitions
// before 2024-04-08 too. A product recognised 2023-06-01 is valid through
// 2026-05-31 and its 2025 policy year is subsidised.
func TestValidityDerivedBeforeTheMeasures(t *testing.T) {
	res := mustPremium(t, PremiumInput{Product: Product{RecognizedOn: d("2023-06-01")},
		PolicyYears: []PolicyYear{period("2025-01-01", "2025-12-31", "20000000", "500000", false)}})
	y := res.Years[0]
	if !y.Eligible || y.Subsidy.String() != "400000.00" || y.EligibleDays != 365 {
		t.Fatalf("2025 policy year: %+v", y)
	}
	text := steps(y.Explanation)
	if !strings.Contains(text, "产品认定日 2023-06-01，有效期 3 年，至 2026-05-31") {
		t.Errorf("explanation lacks the derived validity:\n%s", text)
	}
	var ref *ParamRef
	for _, st := range y.Explanation {
		for i, r := range st.Params {
			if r.ID == "catalog.validity_years" {
				ref = &st.Params[i]
			}
		}
	}
	if ref == nil || ref.From != d("2018-11-23") || ref.Value != "3" {
		t.Errorf("validity parameter cited as %+v", ref)
	}
}

// A period that starts before 2024-04-08 is RULE_NOT_IN_FORCE: it starts
// neither the ladder nor the three-year window, and needs no continuity.
func TestPeriodBeforeTheMeasuresStartsNothing(t *testing.T) {
	res := mustPremium(t, PremiumInput{Product: Product{RecognizedOn: d("2023-06-01")}, PolicyYears: []PolicyYear{
		period("2023-07-01", "2024-06-30", "20000000", "500000", true), // its claim counts for nothing
		period("2024-07-02", "2025-07-01", "20000000", "500000", false),
		period("2025-07-02", "2026-07-01", "20000000", "480000", false),
	}})
	want := []struct {
		reason  Reason
		ratio   string
		days    int
		subsidy string
	}{
		{ReasonRuleNotInForce, "0", 0, "0.00"},
		{"", "80", 365, "400000.00"},
		{"", "70", 334, "307463.01"}, // 480,000 × 70% × 334/365, validity ends 2026-05-31
	}
	for i, w := range want {
		y := res.Years[i]
		ratio, _ := Percent(y.Ratio).MarshalJSON()
		if y.Reason != w.reason || string(ratio) != w.ratio || y.EligibleDays != w.days || y.Subsidy.String() != w.subsidy {
			t.Errorf("period %d: %s %s%% %d days %s, want %+v\n%s", i, y.Reason, ratio, y.EligibleDays, y.Subsidy, w, steps(y.Explanation))
		}
	}
	if s := steps(res.Years[0].Explanation); !strings.Contains(s, "早于渝经信规范〔2024〕9号保费补贴规定的施行日 2024-04-08") || !strings.Contains(s, "不计入补贴比例的递减和 3 年补贴时限") {
		t.Errorf("period 0 explanation:\n%s", s)
	}
	second := steps(res.Years[1].Explanation)
	if !strings.Contains(second, "本期为首个补贴保险年度，补贴比例 80%") || !strings.Contains(second, "补贴时限自首个补贴日 2024-07-02 起 3 年，至 2027-07-01") {
		t.Errorf("the ladder or the window did not start with period 1:\n%s", second)
	}
}

// Order of the checks for a policy period: continuity, rule in force,
// validity, three-year window; the first that fails is the reason.
func TestPremiumCheckOrder(t *testing.T) {
	cases := []struct {
		name    string
		product Product
		years   []PolicyYear
		want    Reason // of the last period
	}{
		{"before the measures and before recognition: rule in force", Product{RecognizedOn: d("2024-06-01")},
			[]PolicyYear{period("2023-07-01", "2024-03-31", "20000000", "500000", false)}, ReasonRuleNotInForce},
		{"before the measures and outside a stored validity: rule in force", Product{RecognizedOn: d("2019-01-01"), ValidUntil: d("2021-12-31")},
			[]PolicyYear{period("2023-07-01", "2024-06-30", "20000000", "500000", false)}, ReasonRuleNotInForce},
		{"a gap after validity ended: continuity", Product{RecognizedOn: d("2024-06-01")},
			[]PolicyYear{period("2024-07-01", "2025-06-30", "20000000", "500000", false),
				period("2027-07-01", "2028-06-30", "20000000", "500000", false)}, ReasonContinuityBroken},
		{"outside validity and past the window: validity", Product{RecognizedOn: d("2024-06-01"), ValidUntil: d("2026-06-30")},
			[]PolicyYear{period("2024-07-01", "2025-06-30", "20000000", "500000", false),
				period("2025-07-01", "2026-06-30", "20000000", "500000", false),
				period("2026-07-01", "2027-06-30", "20000000", "500000", false),
				period("2027-07-01", "2028-06-30", "20000000", "500000", false)}, ReasonOutsideValidity},
		{"inside validity, past the window: window", Product{RecognizedOn: d("2024-06-01"), ValidUntil: d("2030-12-31")},
			[]PolicyYear{period("2024-07-01", "2025-06-30", "20000000", "500000", false),
				period("2025-07-01", "2026-06-30", "20000000", "500000", false),
				period("2026-07-01", "2027-06-30", "20000000", "500000", false),
				period("2027-07-01", "2028-06-30", "20000000", "500000", false)}, ReasonThreeYearLimit},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := mustPremium(t, PremiumInput{Product: c.product, PolicyYears: c.years})
			last := res.Years[len(res.Years)-1]
			if last.Reason != c.want || last.Eligible {
				t.Errorf("reason %q, want %q\n%s", last.Reason, c.want, steps(last.Explanation))
			}
		})
	}
}

// A recognition date before the 2018 opinions is a clear error on the
// date itself, not a call for valid_until.
func TestRecognitionBeforeTheOpinions(t *testing.T) {
	for _, p := range []Product{{RecognizedOn: d("2010-05-01")}, {RecognizedOn: d("2018-11-22"), ValidUntil: d("2021-11-21")}} {
		in := PremiumInput{Product: p, PolicyYears: []PolicyYear{period("2024-07-01", "2025-06-30", "20000000", "500000", false)}}
		_, err := DefaultEngine().PremiumSubsidy(in, Options{})
		e, ok := AsError(err)
		if !ok || e.Field != "product.recognized_on" || e.Code != CodeTooEarly ||
			!strings.Contains(e.Chinese, "早于本市首台（套）政策（渝府办发〔2018〕170号）印发日 2018-11-23") || strings.Contains(e.Chinese, "必填") {
			t.Errorf("%+v: %v", p, err)
		}
	}
	if err := (PremiumInput{Product: Product{RecognizedOn: d("2018-11-23")},
		PolicyYears: []PolicyYear{period("2024-07-01", "2025-06-30", "1", "1", false)}}).Validate(); err != nil {
		t.Errorf("the day of the opinions: %v", err)
	}
}

// An engine whose validity rule starts later cannot derive the validity of
// an earlier recognition; it says so on the recognition date.
func TestValidityRuleNotYetInForce(t *testing.T) {
	var changes []Change
	for _, c := range DefaultChanges() {
		if c.Param == ParamValidityYears {
			c.From = d("2024-04-08")
		}
		changes = append(changes, c)
	}
	ps, err := NewParamSet(changes)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := NewEngine(ps, DefaultRegistry())
	if err != nil {
		t.Fatal(err)
	}
	in := PremiumInput{Product: Product{RecognizedOn: d("2023-06-01")},
		PolicyYears: []PolicyYear{period("2024-07-01", "2025-06-30", "20000000", "500000", false)}}
	_, err = eng.PremiumSubsidy(in, Options{})
	if e, ok := AsError(err); !ok || e.Field != "product.recognized_on" || e.Code != CodeNoRuleInForce || strings.Contains(e.Chinese, "必填") {
		t.Fatalf("got %v", err)
	}
	in.Product.ValidUntil = d("2026-05-31")
	if _, err := eng.PremiumSubsidy(in, Options{}); err != nil {
		t.Errorf("with a stored validity: %v", err)
	}
}

// The exception makes a cliff (docs/policy-notes.md): one fen more premium
// loses the kept ratio.
func TestExceptionCliff(t *testing.T) {
	subsidy := func(premium string) string {
		in := PremiumInput{Product: Product{RecognizedOn: d("2024-06-01")}, PolicyYears: []PolicyYear{
			period("2024-07-01", "2025-06-30", "20000000", "500000", false),
			period("2025-07-01", "2026-06-30", "20000000", premium, false),
		}}
		return mustPremium(t, in).Years[1].Subsidy.String()
	}
	if a, b := subsidy("437500"), subsidy("437500.01"); a != "350000.00" || b != "306250.01" {
		t.Errorf("cliff: %s and %s", a, b)
	}
}

// docs/policy-notes.md, "The exception's cliff": the explanation of an
// exception decision shows both rates and the threshold, here also as the
// premium, so that an applicant sees why one fen more loses the ratio.
func TestExceptionExplanationShowsRatesAndThreshold(t *testing.T) {
	for premium, verdict := range map[string]string{
		"437500":    "本期费率不高于该值，属于“实际投保费率较上一年度同比例下降”的除外情形，保持 80%",
		"437500.01": "本期费率高于该值，不属于“实际投保费率较上一年度同比例下降”的除外情形，按 70%",
	} {
		res := mustPremium(t, PremiumInput{Product: Product{RecognizedOn: d("2024-06-01")}, PolicyYears: []PolicyYear{
			period("2024-07-01", "2025-06-30", "20000000", "500000", false),
			period("2025-07-01", "2026-06-30", "20000000", premium, false),
		}})
		text := steps(res.Years[1].Explanation)
		for _, want := range []string{
			"本期实际费率 " + yuan(premium).Grouped() + " ÷ 20,000,000.00",
			"上一年度实际费率 500,000.00 ÷ 20,000,000.00 = 2.5%",
			"同比例下降后为 2.5% × 70% ÷ 80% = 2.1875%",
			"按本期保险金额 20,000,000.00 元，即实缴保费不超过 437,500.00 元",
			verdict,
		} {
			if !strings.Contains(text, want) {
				t.Errorf("premium %s: explanation lacks %q:\n%s", premium, want, text)
			}
		}
	}
}

// Each period is one insurance year for the cap, however short.
func TestCapPerShortPeriod(t *testing.T) {
	res := mustPremium(t, PremiumInput{Product: Product{RecognizedOn: d("2024-06-01")}, PolicyYears: []PolicyYear{
		period("2024-07-01", "2024-12-31", "300000000", "9000000", false),
		period("2025-01-01", "2025-06-30", "300000000", "9000000", true),
	}})
	for i, y := range res.Years {
		if y.Subsidy.String() != "5000000.00" {
			t.Errorf("period %d: %s, want the cap of one insurance year", i, y.Subsidy)
		}
		if s := steps(y.Explanation); !strings.Contains(s, "仍为一个保险年度，单独适用该上限") {
			t.Errorf("period %d explanation:\n%s", i, s)
		}
	}
	if res.Years[1].Ratio != Percent(money.Percent(70)) {
		t.Errorf("the ladder counts a half-year period as one insurance year: %v", res.Years[1].Ratio)
	}
}
