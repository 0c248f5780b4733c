package policy

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"firstset/date"
	"firstset/money"
)

// Param is one policy parameter: a ratio, cap, length or platform reading
// whose value depends on the date a clause names.
type Param int

// The parameters. Their string ids (Param.ID) are what storage and the API
// use; the order here is only an index.
const (
	ParamFirstPurchaseRatio       Param = iota // 首购首用奖励比例 30%
	ParamFirstPurchaseCap                      // 首购首用奖励上限 500万元
	ParamValidityYears                         // 有效期 3 年
	ParamPremiumRatioFirst                     // 首个补贴年度比例 80%
	ParamPremiumRatioSecond                    // 未理赔后下一档 70%
	ParamPremiumRatioThird                     // 再下一档 60%
	ParamPremiumRatioAfterClaim                // 理赔后下一年度 80%
	ParamPremiumRateCap                        // 费率上限 3%
	ParamPremiumAnnualCap                      // 单个产品年保费补贴上限 500万元
	ParamPremiumWindowYears                    // 补贴时限 3 年
	ParamPremiumProrateByDays                  // 按日折算（平台口径）
	ParamPremiumRateDropException              // “同比例下降”除外的读法（平台口径）
	ParamMeritPassScore                        // 择优合格分 60（平台口径）
	ParamMeritDefaultMethod                    // 默认分配方法（平台口径）
	ParamMeritTalentPriority                   // 同等条件人才牵头优先
	ParamNoticeWorkingDays                     // 公示期 5 个工作日（平台口径）
	numParams
)

// Kind is the type of a parameter's value.
type Kind int

const (
	KindRatio  Kind = iota + 1 // exact ratio, shown as a percentage
	KindMoney                  // fen
	KindInt                    // a count (years, days)
	KindBool                   // a switch
	KindChoice                 // one of a fixed set of readings
	KindScore                  // a review score in hundredths
)

// String is the kind's id in the API: ratio, money, int, bool, choice, score.
func (k Kind) String() string {
	switch k {
	case KindRatio:
		return "ratio"
	case KindMoney:
		return "money"
	case KindInt:
		return "int"
	case KindBool:
		return "bool"
	case KindChoice:
		return "choice"
	case KindScore:
		return "score"
	}
	return "unknown"
}

// Readings of the exception 实际投保费率较上一年度同比例下降的除外.
const (
	ExceptionSameProportion = "same_proportion" // rate fell at least in proportion to the ratio step (docs/policy-notes.md)
	ExceptionAnyDecrease    = "any_decrease"    // any fall in the rate keeps the ratio
	ExceptionNone           = "none"            // the exception is never applied
)

// Allocation methods.
const (
	MethodRankOrder = "rank_order"
	MethodProRata   = "pro_rata"
)

type paramSpec struct {
	id       string
	name     string // Chinese name shown beside results
	kind     Kind
	clauses  []ClauseID
	choices  []string
	min, max int64 // bounds for KindInt and KindScore
}

var paramSpecs = [numParams]paramSpec{
	ParamFirstPurchaseRatio:       {id: "first_purchase.reward_ratio", name: "首购首用奖励比例", kind: KindRatio, clauses: []ClauseID{M24FirstPurchase}},
	ParamFirstPurchaseCap:         {id: "first_purchase.reward_cap", name: "首购首用奖励上限", kind: KindMoney, clauses: []ClauseID{M24FirstPurchase}},
	ParamValidityYears:            {id: "catalog.validity_years", name: "首台（套）产品有效期（年）", kind: KindInt, clauses: []ClauseID{M24FirstPurchase, M24Premium, O18Catalog}, min: 1, max: 50},
	ParamPremiumRatioFirst:        {id: "premium.ratio_first_year", name: "首个补贴年度保费补贴比例", kind: KindRatio, clauses: []ClauseID{M24Premium}},
	ParamPremiumRatioSecond:       {id: "premium.ratio_second_rung", name: "上一年度未理赔时的下一档比例", kind: KindRatio, clauses: []ClauseID{M24Premium}},
	ParamPremiumRatioThird:        {id: "premium.ratio_third_rung", name: "再下一档比例", kind: KindRatio, clauses: []ClauseID{M24Premium}},
	ParamPremiumRatioAfterClaim:   {id: "premium.ratio_after_claim", name: "上一年度发生理赔时的比例", kind: KindRatio, clauses: []ClauseID{M24Premium}},
	ParamPremiumRateCap:           {id: "premium.rate_cap", name: "实际保险费率上限", kind: KindRatio, clauses: []ClauseID{M24Premium}},
	ParamPremiumAnnualCap:         {id: "premium.annual_cap", name: "单个产品年保费补贴上限", kind: KindMoney, clauses: []ClauseID{M24Premium}},
	ParamPremiumWindowYears:       {id: "premium.window_years", name: "补贴时限（年）", kind: KindInt, clauses: []ClauseID{M24Premium}, min: 1, max: 50},
	ParamPremiumProrateByDays:     {id: "premium.prorate_by_days", name: "按有效天数折算", kind: KindBool, clauses: []ClauseID{M24Premium}},
	ParamPremiumRateDropException: {id: "premium.rate_drop_exception", name: "“实际投保费率同比例下降”除外的读法", kind: KindChoice, clauses: []ClauseID{M24Premium}, choices: []string{ExceptionSameProportion, ExceptionAnyDecrease, ExceptionNone}},
	ParamMeritPassScore:           {id: "merit.pass_score", name: "择优合格分", kind: KindScore, clauses: []ClauseID{M24FirstPurchase, M24Premium}, min: 0, max: MaxScore},
	ParamMeritDefaultMethod:       {id: "merit.default_method", name: "预算内默认分配方法", kind: KindChoice, clauses: []ClauseID{M24FirstPurchase, M24Premium}, choices: []string{MethodRankOrder, MethodProRata}},
	ParamMeritTalentPriority:      {id: "merit.talent_priority", name: "同等条件下人才牵头研制优先", kind: KindBool, clauses: []ClauseID{M24Talent}},
	ParamNoticeWorkingDays:        {id: "catalog.notice_working_days", name: "公示期（工作日）", kind: KindInt, clauses: []ClauseID{O18Catalog}, min: 1, max: 60},
}

// Params lists every parameter.
func Params() []Param {
	out := make([]Param, numParams)
	for i := range out {
		out[i] = Param(i)
	}
	return out
}

// ParamByID finds a parameter by its string id.
func ParamByID(id string) (Param, bool) {
	for p := Param(0); p < numParams; p++ {
		if paramSpecs[p].id == id {
			return p, true
		}
	}
	return 0, false
}

func (p Param) valid() bool { return p >= 0 && p < numParams }

// ID is the stable string id, e.g. "premium.rate_cap".
func (p Param) ID() string {
	if !p.valid() {
		return "param(" + strconv.Itoa(int(p)) + ")"
	}
	return paramSpecs[p].id
}

// Name is the Chinese name.
func (p Param) Name() string { return paramSpecs[p].name }

// Kind is the type of the parameter's values.
func (p Param) Kind() Kind { return paramSpecs[p].kind }

// Choices are the readings a choice parameter may take.
func (p Param) Choices() []string { return append([]string(nil), paramSpecs[p].choices...) }

// Display renders v for a person as Format does, a reading in words.
func (p Param) Display(v Value) string {
	if p.Kind() == KindChoice {
		return ParamRef{ID: p.ID(), Value: v.Choice}.Label()
	}
	return p.Format(v)
}

// Clauses are the clauses the parameter rests on.
func (p Param) Clauses() []ClauseID { return append([]ClauseID(nil), paramSpecs[p].clauses...) }

// Value is a parameter value; only the field of the parameter's kind counts.
type Value struct {
	Ratio  money.Ratio
	Money  money.Fen
	Int    int64 // also a score in hundredths for KindScore
	Bool   bool
	Choice string
}

// Format renders v for a person: "30%", "5,000,000.00 元", "3", "是", "60".
func (p Param) Format(v Value) string {
	switch p.Kind() {
	case KindRatio:
		return v.Ratio.PercentString()
	case KindMoney:
		return v.Money.Grouped() + " 元"
	case KindInt:
		return strconv.FormatInt(v.Int, 10)
	case KindBool:
		if v.Bool {
			return "是"
		}
		return "否"
	case KindScore:
		return Score(v.Int).String()
	}
	return v.Choice
}

// Encode renders v in the form ParseValue reads, for storage: "3/100",
// "5000000.00", "3", "true", "rank_order", "6000" (a score in hundredths).
func (p Param) Encode(v Value) string { return p.canonical(v) }

// ParseValue reads a value of p's kind as Encode writes it; a ratio may
// also be written as a percentage ("30%").
func (p Param) ParseValue(s string) (Value, error) {
	if !p.valid() {
		return Value{}, fmt.Errorf("unknown parameter %d", p)
	}
	var v Value
	var err error
	switch p.Kind() {
	case KindRatio:
		v.Ratio, err = parseRatio(s)
	case KindMoney:
		v.Money, err = money.ParseYuan(s)
	case KindInt, KindScore:
		v.Int, err = strconv.ParseInt(s, 10, 64)
	case KindBool:
		v.Bool, err = strconv.ParseBool(s)
	default:
		v.Choice = s
	}
	if err != nil {
		return Value{}, fmt.Errorf("%s: %q: %w", p.ID(), s, err)
	}
	if err := p.check(v); err != nil {
		return Value{}, err
	}
	return v, nil
}

func parseRatio(s string) (money.Ratio, error) {
	if pct, ok := strings.CutSuffix(s, "%"); ok {
		// Up to two decimals of a percent: "2.25%" is 225/10000.
		n, err := money.ParseHundredths(pct)
		if err != nil {
			return money.Ratio{}, err
		}
		return money.NewRatio(n, 10000)
	}
	num, den, ok := strings.Cut(s, "/")
	if !ok {
		return money.Ratio{}, fmt.Errorf("a ratio is written 3/100 or 3%%")
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil {
		return money.Ratio{}, err
	}
	dd, err := strconv.ParseInt(den, 10, 64)
	if err != nil {
		return money.Ratio{}, err
	}
	return money.NewRatio(n, dd)
}

// canonical renders v unambiguously for the version hash.
func (p Param) canonical(v Value) string {
	switch p.Kind() {
	case KindRatio:
		return v.Ratio.String()
	case KindMoney:
		return v.Money.String()
	case KindInt, KindScore:
		return strconv.FormatInt(v.Int, 10)
	case KindBool:
		return strconv.FormatBool(v.Bool)
	}
	return v.Choice
}

func (p Param) check(v Value) error {
	s := paramSpecs[p]
	switch s.kind {
	case KindRatio:
		if !v.Ratio.Valid() {
			return fmt.Errorf("%s: ratio %s is not a non-negative fraction", s.id, v.Ratio)
		}
		if v.Ratio.Cmp(money.Ratio{Num: 1, Den: 1}) > 0 {
			return fmt.Errorf("%s: ratio %s is above 100%%", s.id, v.Ratio.PercentString())
		}
	case KindMoney:
		if v.Money < 0 {
			return fmt.Errorf("%s: amount %s is negative", s.id, v.Money)
		}
	case KindInt, KindScore:
		if v.Int < s.min || v.Int > s.max {
			return fmt.Errorf("%s: %d is outside %d…%d", s.id, v.Int, s.min, s.max)
		}
	case KindChoice:
		for _, c := range s.choices {
			if v.Choice == c {
				return nil
			}
		}
		return fmt.Errorf("%s: %q is not one of %v", s.id, v.Choice, s.choices)
	}
	return nil
}

// Change sets a parameter to a value from a date on.
type Change struct {
	Param  Param
	From   date.Date
	Value  Value
	Source string // the document or reading the value comes from
}

// ParamSet holds every parameter's values by effective date. Parameters
// may start on different days (the validity rule before the 2024 money
// rules). It is immutable: Extend returns a new set.
type ParamSet struct {
	changes [numParams][]Change // per parameter, by From ascending
	epochs  []Rules             // one snapshot per date on which anything changes
}

// Rules are the values in force on one day; a parameter whose first value
// comes later is not in force (Has).
type Rules struct {
	on     date.Date // first day of this snapshot
	has    [numParams]bool
	values [numParams]Value
	from   [numParams]date.Date
	source [numParams]string
}

// NewParamSet checks the changes and builds the dated snapshots. Every
// parameter needs a value; each is in force from its first date.
func NewParamSet(changes []Change) (*ParamSet, error) {
	ps := &ParamSet{}
	for _, c := range changes {
		if !c.Param.valid() {
			return nil, fmt.Errorf("unknown parameter %d", c.Param)
		}
		if c.From.IsZero() {
			return nil, fmt.Errorf("%s: a value needs the date it takes effect", c.Param.ID())
		}
		if err := c.Param.check(c.Value); err != nil {
			return nil, err
		}
		if c.Param.Kind() == KindRatio {
			r, err := money.NewRatio(c.Value.Ratio.Num, c.Value.Ratio.Den)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", c.Param.ID(), err)
			}
			c.Value.Ratio = r
		}
		ps.changes[c.Param] = append(ps.changes[c.Param], c)
	}
	var days []date.Date
	for p := Param(0); p < numParams; p++ {
		cs := ps.changes[p]
		if len(cs) == 0 {
			return nil, fmt.Errorf("%s: no value given", p.ID())
		}
		sort.SliceStable(cs, func(i, j int) bool { return cs[i].From.Before(cs[j].From) })
		for i := 1; i < len(cs); i++ {
			if cs[i].From.Equal(cs[i-1].From) {
				return nil, fmt.Errorf("%s: two values from %s", p.ID(), cs[i].From)
			}
		}
		for _, c := range cs {
			days = append(days, c.From)
		}
	}
	sort.Slice(days, func(i, j int) bool { return days[i].Before(days[j]) })
	for i, d := range days {
		if i > 0 && d.Equal(days[i-1]) {
			continue
		}
		r := Rules{on: d}
		for p := Param(0); p < numParams; p++ {
			for _, c := range ps.changes[p] {
				if c.From.After(d) {
					break
				}
				r.has[p], r.values[p], r.from[p], r.source[p] = true, c.Value, c.From, c.Source
			}
		}
		ps.epochs = append(ps.epochs, r)
	}
	return ps, nil
}

// Extend returns a set in which c's value applies from c.From on. The date
// must be after every value the parameter already has, so that no result
// computed for an earlier date changes.
func (ps *ParamSet) Extend(c Change) (*ParamSet, error) {
	if !c.Param.valid() {
		return nil, fmt.Errorf("unknown parameter %d", c.Param)
	}
	if cs := ps.changes[c.Param]; len(cs) > 0 && !c.From.After(cs[len(cs)-1].From) {
		return nil, fmt.Errorf("%s: a new value must start after %s, the latest change", c.Param.ID(), cs[len(cs)-1].From)
	}
	return NewParamSet(append(ps.Changes(), c))
}

// Changes lists every dated value, by parameter and date.
func (ps *ParamSet) Changes() []Change {
	var out []Change
	for p := Param(0); p < numParams; p++ {
		out = append(out, ps.changes[p]...)
	}
	return out
}

// Since is the first day on which p has a value.
func (ps *ParamSet) Since(p Param) date.Date { return ps.changes[p][0].From }

// SinceAll is the first day on which all of params have a value: the day a
// rule that needs them took effect.
func (ps *ParamSet) SinceAll(params ...Param) date.Date {
	var d date.Date
	for _, p := range params {
		d = date.Max(d, ps.Since(p))
	}
	return d
}

// At returns the values in force on d; false before any parameter has a
// value. Check Has (or use InForce) before reading a parameter.
func (ps *ParamSet) At(d date.Date) (*Rules, bool) {
	i := sort.Search(len(ps.epochs), func(i int) bool { return ps.epochs[i].on.After(d) })
	if i == 0 {
		return nil, false
	}
	return &ps.epochs[i-1], true
}

// InForce returns the values in force on d when every one of params has a
// value on d: the rule that needs them is then in force.
func (ps *ParamSet) InForce(d date.Date, params ...Param) (*Rules, bool) {
	r, ok := ps.At(d)
	if !ok {
		return nil, false
	}
	for _, p := range params {
		if !r.has[p] {
			return nil, false
		}
	}
	return r, true
}

// Has reports whether p has a value on the rules' day.
func (r *Rules) Has(p Param) bool { return r.has[p] }

// Ratio, Money, Int, Bool, Choice and Score read a value of that kind.
func (r *Rules) Ratio(p Param) money.Ratio { return r.values[p].Ratio }
func (r *Rules) Money(p Param) money.Fen   { return r.values[p].Money }
func (r *Rules) Int(p Param) int           { return int(r.values[p].Int) }
func (r *Rules) Bool(p Param) bool         { return r.values[p].Bool }
func (r *Rules) Choice(p Param) string     { return r.values[p].Choice }
func (r *Rules) Score(p Param) Score       { return Score(r.values[p].Int) }

// Ref describes the value of p in force, for an explanation step.
func (r *Rules) Ref(p Param) ParamRef {
	return ParamRef{ID: p.ID(), Name: p.Name(), Value: p.Format(r.values[p]), From: r.from[p], Source: r.source[p]}
}

// ParamRef is a parameter value cited by an explanation step. Value is the
// display form of numbers and switches, and the code of a reading
// ("same_proportion"), which programs branch on; Label is for people.
type ParamRef struct {
	ID     string    `json:"id"`
	Name   string    `json:"name"`
	Value  string    `json:"value"`
	From   date.Date `json:"from"`
	Source string    `json:"source"`
}

// choiceLabels name the readings and methods in Chinese.
var choiceLabels = map[string]string{
	ExceptionSameProportion: "同比例下降（本期费率不高于上一年度费率按补贴比例同比例下降后的值）",
	ExceptionAnyDecrease:    "费率有任何下降即适用",
	ExceptionNone:           "不适用除外情形",
	MethodRankOrder:         "按名次顺序安排",
	MethodProRata:           "按比例分配",
}

// Label is the value as a person reads it: a reading or method in words.
func (r ParamRef) Label() string {
	if p, ok := ParamByID(r.ID); ok && p.Kind() == KindChoice {
		if l, ok := choiceLabels[r.Value]; ok {
			return l
		}
	}
	return r.Value
}

// Effective date of the 2024 measures.
var measures2024 = date.MustParse("2024-04-08")

// Sources recorded beside default values.
const (
	sourceM24      = DocM24
	sourcePlatform = "平台口径"
	// The 2024 measures state the three years (在有效期内（三年）) for the
	// products already in the catalog; the platform derives it for every
	// recognition it accepts, from the 2018 opinions on.
	sourceValidity = DocM24 + "“在有效期内（三年）”，适用于" + DocO18 + "以来的认定"
)

// The parameters each rule needs: a rule is in force on a day when all of
// its parameters are.
var (
	rewardParams  = []Param{ParamFirstPurchaseRatio, ParamFirstPurchaseCap}
	premiumParams = []Param{ParamPremiumRatioFirst, ParamPremiumRatioSecond, ParamPremiumRatioThird, ParamPremiumRatioAfterClaim,
		ParamPremiumRateCap, ParamPremiumAnnualCap, ParamPremiumWindowYears, ParamPremiumProrateByDays, ParamPremiumRateDropException}
	meritParams = []Param{ParamMeritPassScore, ParamMeritDefaultMethod, ParamMeritTalentPriority}
)

// DefaultChanges are the values of 渝经信规范〔2024〕9号 from 2024-04-08 and
// the platform's readings where the text is silent; the three-year validity
// applies from FirstRecognitionDay (docs/policy-notes.md, "Dates and parameters").
func DefaultChanges() []Change {
	d := measures2024
	pct := func(p Param, n int64) Change {
		return Change{Param: p, From: d, Value: Value{Ratio: money.Percent(n)}, Source: sourceM24}
	}
	yuan := func(p Param, y int64) Change {
		f, _ := money.FromYuan(y)
		return Change{Param: p, From: d, Value: Value{Money: f}, Source: sourceM24}
	}
	return []Change{
		pct(ParamFirstPurchaseRatio, 30),
		yuan(ParamFirstPurchaseCap, 5_000_000),
		{Param: ParamValidityYears, From: FirstRecognitionDay, Value: Value{Int: 3}, Source: sourceValidity},
		pct(ParamPremiumRatioFirst, 80),
		pct(ParamPremiumRatioSecond, 70),
		pct(ParamPremiumRatioThird, 60),
		pct(ParamPremiumRatioAfterClaim, 80),
		pct(ParamPremiumRateCap, 3),
		yuan(ParamPremiumAnnualCap, 5_000_000),
		{Param: ParamPremiumWindowYears, From: d, Value: Value{Int: 3}, Source: sourceM24},
		{Param: ParamPremiumProrateByDays, From: d, Value: Value{Bool: true}, Source: sourcePlatform},
		{Param: ParamPremiumRateDropException, From: d, Value: Value{Choice: ExceptionSameProportion}, Source: sourcePlatform},
		{Param: ParamMeritPassScore, From: d, Value: Value{Int: 6000}, Source: sourcePlatform},
		{Param: ParamMeritDefaultMethod, From: d, Value: Value{Choice: MethodRankOrder}, Source: sourcePlatform},
		{Param: ParamMeritTalentPriority, From: d, Value: Value{Bool: true}, Source: sourceM24},
		{Param: ParamNoticeWorkingDays, From: d, Value: Value{Int: 5}, Source: sourcePlatform},
	}
}

// ValidUntil is the last day of validity of a recognition on
// recognizedOn under the validity years in force that day
// (catalog.validity_years), and false when no such rule is in force (a day
// before FirstRecognitionDay). It is the one rule for a validity not
// stored in the catalog: the services, the calculator and the tender
// checker all derive it here.
func (ps *ParamSet) ValidUntil(recognizedOn date.Date) (date.Date, bool) {
	r, ok := ps.At(recognizedOn)
	if !ok || !r.Has(ParamValidityYears) {
		return date.Date{}, false
	}
	return date.ValidUntil(recognizedOn, r.Int(ParamValidityYears)), true
}

// DefaultParams is the parameter set of DefaultChanges.
func DefaultParams() *ParamSet {
	ps, err := NewParamSet(DefaultChanges())
	if err != nil {
		panic(err) // fixed table; tests build it
	}
	return ps
}
