package policy

import (
	"strconv"

	"firstset/date"
	"firstset/money"
)

// Reason is a stable code for an eligibility or allocation decision.
type Reason string

// Ineligibility reasons.
const (
	ReasonOutsideValidity  Reason = "OUTSIDE_VALIDITY"   // not within the product's validity
	ReasonContinuityBroken Reason = "CONTINUITY_BROKEN"  // insurance not continuous
	ReasonThreeYearLimit   Reason = "THREE_YEAR_LIMIT"   // past the three-year subsidy window
	ReasonNotFirstPurchase Reason = "NOT_FIRST_PURCHASE" // not the first purchase and first use
	ReasonRuleNotInForce   Reason = "RULE_NOT_IN_FORCE"  // the date the clause names is before the measures took effect
)

// Allocation outcomes.
const (
	ReasonFunded          Reason = "FUNDED"
	ReasonPartial         Reason = "PARTIAL"
	ReasonBudgetExhausted Reason = "BUDGET_EXHAUSTED"
	ReasonScaled          Reason = "SCALED"
	ReasonBelowPassScore  Reason = "BELOW_PASS_SCORE"
)

var reasonLabels = map[Reason]string{
	"":                     "符合条件",
	ReasonOutsideValidity:  "不在有效期内",
	ReasonContinuityBroken: "保险期未连续不间断",
	ReasonThreeYearLimit:   "超过3年补贴时限",
	ReasonNotFirstPurchase: "非首购首用",
	ReasonRuleNotInForce:   "早于本措施施行",
	ReasonFunded:           "全额安排",
	ReasonPartial:          "部分安排",
	ReasonBudgetExhausted:  "预算已用尽",
	ReasonScaled:           "按比例安排",
	ReasonBelowPassScore:   "低于合格分",
}

// Chinese is the label shown beside the code in the web pages.
func (r Reason) Chinese() string {
	if l, ok := reasonLabels[r]; ok {
		return l
	}
	return string(r)
}

// Percent is an exact ratio that JSON writes as a number of percent:
// 80/100 is 80, 175/1000 is 17.5.
type Percent money.Ratio

// MarshalJSON writes the percentage as a JSON number.
func (p Percent) MarshalJSON() ([]byte, error) {
	if p.Den == 0 {
		return []byte("0"), nil
	}
	return []byte(money.Ratio(p).PercentNumber()), nil
}

// Score is a review score in hundredths of a point (91.5 points is 9150),
// so that scores compare exactly.
type Score int64

// MaxScore is 100 points: scores are on the hundred-point scale.
const MaxScore = 10000

// String writes the score in points without trailing zeros: "91", "91.5".
func (s Score) String() string {
	v := strconv.FormatInt(int64(s)/100, 10)
	if f := int64(s) % 100; f != 0 {
		if f < 0 {
			f = -f
		}
		frac := strconv.FormatInt(f+100, 10)[1:]
		if frac[1] == '0' {
			frac = frac[:1]
		}
		v += "." + frac
	}
	return v
}

// MarshalJSON writes the score as a JSON number of points.
func (s Score) MarshalJSON() ([]byte, error) { return []byte(s.String()), nil }

// Product is what the engine needs to know of a catalog product.
type Product struct {
	RecognizedOn date.Date `json:"recognized_on"`
	// ValidUntil, when set, is the validity stored in the catalog and
	// overrides the derived one (dynamic adjustment may shorten or extend it).
	ValidUntil date.Date `json:"valid_until,omitzero"`
}

// FirstRecognitionDay is the earliest recognition date the platform
// accepts: the day 渝府办发〔2018〕170号 was issued. The default validity
// rule (catalog.validity_years) is in force from the same day.
var FirstRecognitionDay = date.MustParse("2018-11-23")

// check records the product's problems: a missing or too early
// recognition date, a stored validity that ends before it starts.
func (p Product) check(ps *problems, path string) {
	// Paths are built only for a problem: this runs on every computation.
	rec := func() string { return field(path, "recognized_on") }
	until := func() string { return field(path, "valid_until") }
	if len(ps.bad) > 0 && (ps.failed(path) || ps.failed(rec())) {
		return
	}
	switch {
	case p.RecognizedOn.IsZero():
		ps.add(missing(rec()))
	case p.RecognizedOn.Before(FirstRecognitionDay):
		ps.add(newError(rec(), CodeTooEarly,
			p.RecognizedOn.String()+" is before "+FirstRecognitionDay.String()+", the day "+DocO18+
				" was issued: the platform accepts no earlier recognition",
			"认定日期 "+p.RecognizedOn.String()+" 早于本市首台（套）政策（"+DocO18+"）印发日 "+
				FirstRecognitionDay.String()+"，平台不受理此前的认定"))
	case !p.ValidUntil.IsZero() && p.ValidUntil.Before(p.RecognizedOn) && !(len(ps.bad) > 0 && ps.failed(until())):
		ps.add(newError(until(), CodeEndBeforeStart,
			p.ValidUntil.String()+" is before recognized_on "+p.RecognizedOn.String(),
			p.ValidUntil.String()+" 早于认定日期 "+p.RecognizedOn.String()))
	}
}

func decodeProduct(o *object, key string) Product {
	po := o.requiredObject(key, "recognized_on", "valid_until")
	if po == nil {
		return Product{}
	}
	return Product{RecognizedOn: po.requiredDate("recognized_on"), ValidUntil: po.optionalDate("valid_until")}
}

// validity is the product's validity and how it was found.
type validity struct {
	from, until date.Date
	derived     bool   // from the validity years in force, not stored
	ref         *Rules // rules that gave the years when derived
}

// validityOf returns the stored validity or derives it from the validity
// years in force on the recognition date.
func (e *Engine) validityOf(p Product, path string) (validity, *Error) {
	if !p.ValidUntil.IsZero() {
		return validity{from: p.RecognizedOn, until: p.ValidUntil}, nil
	}
	until, ok := e.params.ValidUntil(p.RecognizedOn)
	if !ok {
		// Only a parameter set whose validity rule starts later than
		// FirstRecognitionDay gets here.
		since := e.params.Since(ParamValidityYears)
		return validity{}, newError(field(path, "recognized_on"), CodeNoRuleInForce,
			p.RecognizedOn.String()+" is before "+since.String()+
				", when the validity rule took effect, so the validity cannot be derived; give valid_until",
			"认定日期 "+p.RecognizedOn.String()+" 早于有效期规定施行日 "+since.String()+"，无法推算有效期，请填写有效期至")
	}
	r, _ := e.params.At(p.RecognizedOn)
	return validity{from: p.RecognizedOn, until: until, derived: true, ref: r}, nil
}

// describe renders the validity for an explanation.
func (v validity) describe() (string, []ParamRef) {
	if v.derived {
		return "产品认定日 " + v.from.String() + "，有效期 " + strconv.Itoa(v.ref.Int(ParamValidityYears)) +
				" 年，至 " + v.until.String(),
			[]ParamRef{v.ref.Ref(ParamValidityYears)}
	}
	return "产品认定日 " + v.from.String() + "，目录记载有效期至 " + v.until.String(), nil
}
