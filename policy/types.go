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

func (p Product) validate(path string) *Error {
	if p.RecognizedOn.IsZero() {
		return missing(field(path, "recognized_on"))
	}
	if !p.ValidUntil.IsZero() && p.ValidUntil.Before(p.RecognizedOn) {
		return newError(field(path, "valid_until"), CodeEndBeforeStart,
			p.ValidUntil.String()+" is before recognized_on "+p.RecognizedOn.String(),
			p.ValidUntil.String()+" 早于认定日期 "+p.RecognizedOn.String())
	}
	return nil
}

func decodeProduct(o *object, key string) (Product, *Error) {
	po, err := o.requiredObject(key, "recognized_on", "valid_until")
	if err != nil {
		return Product{}, err
	}
	var p Product
	if p.RecognizedOn, err = po.requiredDate("recognized_on"); err != nil {
		return Product{}, err
	}
	if p.ValidUntil, err = po.optionalDate("valid_until"); err != nil {
		return Product{}, err
	}
	return p, nil
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
	r, ok := e.params.At(p.RecognizedOn)
	if !ok {
		return validity{}, newError(field(path, "valid_until"), CodeNoRuleInForce,
			"is required: recognized_on "+p.RecognizedOn.String()+" is before "+e.params.Start().String()+
				", when the validity rule took effect, so the validity cannot be derived",
			"为必填项：认定日期 "+p.RecognizedOn.String()+" 早于有效期规定施行日 "+e.params.Start().String()+"，无法推算有效期")
	}
	return validity{
		from:    p.RecognizedOn,
		until:   date.ValidUntil(p.RecognizedOn, r.Int(ParamValidityYears)),
		derived: true,
		ref:     r,
	}, nil
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
