package policy

import (
	"fmt"
	"strconv"

	"firstset/date"
	"firstset/money"
)

// MaxPeriodDays is the longest policy period: one insurance year, leap day
// included. It is a check on the input, not a policy parameter.
const MaxPeriodDays = 366

// PolicyYear is one insurance policy period.
type PolicyYear struct {
	Start         date.Date `json:"start"`
	End           date.Date `json:"end"`
	InsuredAmount money.Fen `json:"insured_amount_yuan"`
	Premium       money.Fen `json:"premium_yuan"`
	Claim         bool      `json:"claim"`
}

// PremiumInput is a premium-subsidy case: the product and its policy
// periods in order.
type PremiumInput struct {
	Product     Product      `json:"product"`
	PolicyYears []PolicyYear `json:"policy_years"`
}

// PremiumYear is the result for one policy period.
type PremiumYear struct {
	Start        date.Date `json:"start"`
	End          date.Date `json:"end"`
	Eligible     bool      `json:"eligible"`
	Reason       Reason    `json:"reason"`
	Ratio        Percent   `json:"ratio_percent"`
	PremiumBase  money.Fen `json:"premium_base_yuan"`
	EligibleDays int       `json:"eligible_days"`
	PeriodDays   int       `json:"period_days"`
	Subsidy      money.Fen `json:"subsidy_yuan"`
	Explanation  []Step    `json:"explanation,omitempty"`
}

// PremiumResult is the result for a whole case.
type PremiumResult struct {
	Years        []PremiumYear `json:"years"`
	TotalSubsidy money.Fen     `json:"total_subsidy_yuan"`
	Version      string        `json:"version"`
}

// DecodePremiumInput reads and validates a premium-subsidy case. A bad
// case gives Problems: every problem found, in the order of the case.
func DecodePremiumInput(data []byte) (PremiumInput, error) {
	if err := checkSyntax(data); err != nil {
		return PremiumInput{}, err
	}
	var ps problems
	in := decodePremium(&ps, data)
	if err := ps.err(); err != nil {
		return PremiumInput{}, err
	}
	return in, nil
}

// premiumYearKeys are the keys of one policy period.
var premiumYearKeys = []string{"start", "end", "insured_amount_yuan", "premium_yuan", "claim"}

func decodePremium(ps *problems, data []byte) PremiumInput {
	root := readObject(ps, data, "", "product", "policy_years")
	if root == nil {
		return PremiumInput{}
	}
	var in PremiumInput
	in.Product = decodeProduct(root, "product")
	in.Product.check(ps, "product")
	items := root.requiredArray("policy_years")
	in.PolicyYears = make([]PolicyYear, len(items))
	for i, raw := range items {
		// Each period is checked as soon as it is read, so that problems
		// come in the order of the periods.
		if o := readObject(ps, raw, index("policy_years", i), premiumYearKeys...); o != nil {
			y := &in.PolicyYears[i]
			y.Start = o.requiredDate("start")
			y.End = o.requiredDate("end")
			y.InsuredAmount = o.requiredMoney("insured_amount_yuan")
			y.Premium = o.requiredMoney("premium_yuan")
			// A missing claim flag is refused rather than read as "no claim":
			// it moves the next year's ratio.
			y.Claim = o.requiredBool("claim")
		}
		in.checkYear(ps, i)
	}
	return in
}

// Validate checks a case built in code the way the decoder checks JSON.
func (in PremiumInput) Validate() error { return in.validate() }

func (in PremiumInput) validate() error {
	var ps problems
	in.Product.check(&ps, "product")
	if len(in.PolicyYears) == 0 {
		ps.add(emptyList("policy_years"))
	}
	for i := range in.PolicyYears {
		in.checkYear(&ps, i)
	}
	return ps.err()
}

// checkYear records the problems of period i on its own and against the
// period before it. It runs on every computation, so paths are built only
// for a problem.
func (in PremiumInput) checkYear(ps *problems, i int) {
	y := in.PolicyYears[i]
	at := func(name string) string { return field(index("policy_years", i), name) }
	// A valid case has no problems: then no path is built.
	failed := func(name string) bool { return len(ps.bad) > 0 && ps.failed(at(name)) }
	if len(ps.bad) > 0 && ps.failed(index("policy_years", i)) {
		return
	}
	datesOK := true
	for _, name := range [2]string{"start", "end"} {
		v := y.Start
		if name == "end" {
			v = y.End
		}
		switch {
		case failed(name):
			datesOK = false
		case v.IsZero():
			ps.add(missing(at(name)))
			datesOK = false
		}
	}
	if datesOK {
		switch {
		case y.End.Before(y.Start):
			ps.add(newError(at("end"), CodeEndBeforeStart,
				y.End.String()+" is before start "+y.Start.String(),
				y.End.String()+" 早于起始日 "+y.Start.String()))
			datesOK = false
		case y.Start.DaysInclusive(y.End) > MaxPeriodDays:
			n := strconv.Itoa(y.Start.DaysInclusive(y.End))
			ps.add(newError(at("end"), CodePeriodTooLong,
				"the period "+y.Start.String()+"…"+y.End.String()+" has "+n+" days; one policy period covers at most 366",
				"保险期 "+y.Start.String()+"至"+y.End.String()+" 共 "+n+" 天，单个保险期不得超过 366 天"))
		}
	}
	if y.InsuredAmount <= 0 && !failed("insured_amount_yuan") {
		ps.add(notPositive(at("insured_amount_yuan"), y.InsuredAmount))
	}
	if y.Premium <= 0 && !failed("premium_yuan") {
		ps.add(notPositive(at("premium_yuan"), y.Premium))
	}
	if i == 0 || !datesOK {
		return
	}
	prev := in.PolicyYears[i-1]
	if prev.Start.IsZero() || prev.End.IsZero() || prev.End.Before(prev.Start) {
		return // the period before has its own problem
	}
	prevPath := index("policy_years", i-1)
	switch {
	case y.Start.Before(prev.Start):
		ps.add(newError(at("start"), CodeOutOfOrder,
			y.Start.String()+" is before "+prevPath+".start "+prev.Start.String()+"; list policy periods in order",
			y.Start.String()+" 早于 "+prevPath+".start "+prev.Start.String()+"，保险期应按时间顺序列出"))
	case !y.Start.After(prev.End):
		ps.add(newError(at("start"), CodeOverlap,
			y.Start.String()+" overlaps "+prevPath+", which ends "+prev.End.String(),
			y.Start.String()+" 与 "+prevPath+"（止于 "+prev.End.String()+"）重叠"))
	}
}

func notPositive(path string, v money.Fen) *Error {
	return newError(path, CodeNotPositive, v.String()+" must be greater than 0", v.String()+" 应大于 0")
}

// ladder carries the state of the premium ratio ladder from one subsidised
// period to the next.
type ladder struct {
	started     bool
	brokenAt    int // index of the first period that broke continuity, or -1
	windowStart date.Date
	windowEnd   date.Date
	windowRules *Rules
	rung        int         // 0: 80%, 1: 70%, 2: 60%
	afterClaim  bool        // rung 0 was reached through a claim
	last        PolicyYear  // the period before this one, for continuity
	prev        PolicyYear  // the last subsidised period, for the ladder
	prevRatio   money.Ratio // the ratio applied to prev
}

func rungRatio(r *Rules, rung int, afterClaim bool) (money.Ratio, Param) {
	p := ParamPremiumRatioThird
	switch {
	case rung == 0 && afterClaim:
		p = ParamPremiumRatioAfterClaim
	case rung == 0:
		p = ParamPremiumRatioFirst
	case rung == 1:
		p = ParamPremiumRatioSecond
	}
	return r.Ratio(p), p
}

// PremiumSubsidy computes the M24-2 premium subsidy of every policy period.
func (e *Engine) PremiumSubsidy(in PremiumInput, opt Options) (PremiumResult, error) {
	if err := in.validate(); err != nil {
		return PremiumResult{}, err
	}
	val, verr := e.validityOf(in.Product, "product")
	if verr != nil {
		return PremiumResult{}, verr
	}
	res := PremiumResult{Years: make([]PremiumYear, len(in.PolicyYears)), Version: e.version}
	st := ladder{brokenAt: -1}
	for i, y := range in.PolicyYears {
		out, err := e.premiumYear(&st, i, y, val, opt)
		if err != nil {
			return PremiumResult{}, err
		}
		res.Years[i] = out
		if res.TotalSubsidy > money.MaxFen-out.Subsidy {
			return PremiumResult{}, newError("policy_years", CodeAmountTooLarge, "the total subsidy is too large", "补贴合计超出可处理的范围")
		}
		res.TotalSubsidy += out.Subsidy
	}
	return res, nil
}

func (e *Engine) premiumYear(st *ladder, i int, y PolicyYear, val validity, opt Options) (PremiumYear, *Error) {
	out := PremiumYear{Start: y.Start, End: y.End, PeriodDays: y.Start.DaysInclusive(y.End)}
	defer func() { st.last = y }()
	// no records an ineligible period; the sentence is built only when
	// explanations are on.
	no := func(reason Reason, explain func() (string, []ParamRef)) (PremiumYear, *Error) {
		out.Reason = reason
		if opt.Explain {
			text, refs := explain()
			out.Explanation = []Step{e.step(text, refs, M24Premium)}
		}
		return out, nil
	}

	// 1. Continuity: once subsidised, each period starts the day after the
	// previous one ends; a gap ends the subsidy for good.
	if st.brokenAt >= 0 {
		return no(ReasonContinuityBroken, func() (string, []ParamRef) {
			return fmt.Sprintf("保险期已在第 %d 个保险期处中断，此后各期不予补贴", st.brokenAt+1), nil
		})
	}
	if st.started && !y.Start.Equal(st.last.End.AddDays(1)) {
		st.brokenAt = i
		return no(ReasonContinuityBroken, func() (string, []ParamRef) {
			return fmt.Sprintf("本期起始日 %s 不是上一保险期止日 %s 的次日，保险期未连续不间断，本期及以后各期不予补贴", y.Start, st.last.End), nil
		})
	}

	// 2. Rule in force: the values in force on the first day of the policy
	// period. A period that starts earlier is not subsidised and neither
	// starts the ladder nor the three-year window.
	rules, ok := e.params.InForce(y.Start, premiumParams...)
	if !ok {
		return no(ReasonRuleNotInForce, func() (string, []ParamRef) {
			return fmt.Sprintf("本期起始日 %s 早于%s保费补贴规定的施行日 %s，本期不予补贴，也不计入补贴比例的递减和 3 年补贴时限",
				y.Start, DocM24, e.params.SinceAll(premiumParams...)), nil
		})
	}

	// 3. Validity: only days inside the product's validity count.
	lo, hi := date.Max(y.Start, val.from), date.Min(y.End, val.until)
	if lo.After(hi) {
		return no(ReasonOutsideValidity, func() (string, []ParamRef) {
			v, refs := val.describe()
			return fmt.Sprintf("保险期 %s至%s 没有一天在产品有效期内（%s），不予补贴", y.Start, y.End, v), refs
		})
	}

	// 4. Three-year window from the first subsidised day.
	first := !st.started
	if first {
		st.windowStart = lo
		st.windowEnd = date.ValidUntil(lo, rules.Int(ParamPremiumWindowYears))
		st.windowRules = rules
	}
	hi = date.Min(hi, st.windowEnd)
	if lo.After(hi) {
		return no(ReasonThreeYearLimit, func() (string, []ParamRef) {
			return fmt.Sprintf("补贴时限 %s至%s（自首个补贴日起 %d 年）已届满，本期 %s至%s 不予补贴",
					st.windowStart, st.windowEnd, st.windowRules.Int(ParamPremiumWindowYears), y.Start, y.End),
				[]ParamRef{st.windowRules.Ref(ParamPremiumWindowYears)}
		})
	}
	days := lo.DaysInclusive(hi)

	// Premium base: the premium, at most insured amount × rate cap.
	rateCap := rules.Ratio(ParamPremiumRateCap)
	premiumIsBase := money.CmpProducts([]int64{int64(y.Premium), rateCap.Den}, []int64{int64(y.InsuredAmount), rateCap.Num}) <= 0

	// Ratio ladder.
	var ratioText string
	var ratioRefs []ParamRef
	var ratio money.Ratio
	if first {
		var p Param
		ratio, p = rungRatio(rules, 0, false)
		st.rung, st.afterClaim = 0, false
		if opt.Explain {
			ratioText = "本期为首个补贴保险年度，补贴比例 " + ratio.PercentString()
			ratioRefs = []ParamRef{rules.Ref(p)}
		}
	} else {
		ratio, ratioText, ratioRefs = e.nextRatio(st, y, rules, opt)
	}

	// Amount, rounded once, then capped.
	dayShare := money.Ratio{Num: int64(days), Den: int64(out.PeriodDays)}
	prorate := rules.Bool(ParamPremiumProrateByDays)
	if !prorate {
		dayShare = money.Ratio{Num: 1, Den: 1}
	}
	var base, amount money.Fen
	var exact bool
	var err error
	if premiumIsBase {
		base = y.Premium
		amount, exact, err = money.MulRatiosExact(y.Premium, money.HalfUp, ratio, dayShare)
	} else {
		if base, err = money.MulRatios(y.InsuredAmount, money.HalfUp, rateCap); err == nil {
			amount, exact, err = money.MulRatiosExact(y.InsuredAmount, money.HalfUp, rateCap, ratio, dayShare)
		}
	}
	if err != nil {
		return PremiumYear{}, newError(index("policy_years", i), CodeAmountTooLarge, "the subsidy cannot be computed: "+err.Error(), "无法计算补贴："+err.Error())
	}
	annualCap := rules.Money(ParamPremiumAnnualCap)
	uncapped := amount
	if amount > annualCap {
		amount = annualCap
	}

	out.Eligible = true
	out.Ratio = Percent(ratio)
	out.PremiumBase = base
	out.EligibleDays = days
	out.Subsidy = amount
	if opt.Explain {
		out.Explanation = e.explainPremiumYear(premiumExplain{
			lastEnd: st.last.End, windowStart: st.windowStart, windowEnd: st.windowEnd, windowRules: st.windowRules,
			y: y, val: val, rules: rules, first: first, lo: lo, hi: hi, days: days,
			rateCap: rateCap, premiumIsBase: premiumIsBase, base: base, ratio: ratio,
			ratioText: ratioText, ratioRefs: ratioRefs, prorate: prorate,
			uncapped: uncapped, exact: exact, annualCap: annualCap, amount: amount,
		})
	}

	st.started = true
	st.prev = y
	st.prevRatio = ratio
	return out, nil
}

// nextRatio steps the ladder for a subsidised period that follows another.
func (e *Engine) nextRatio(st *ladder, y PolicyYear, rules *Rules, opt Options) (money.Ratio, string, []ParamRef) {
	prevYear := func() string { return st.prev.Start.String() + "至" + st.prev.End.String() }
	if st.prev.Claim {
		st.rung, st.afterClaim = 0, true
		ratio, p := rungRatio(rules, 0, true)
		if !opt.Explain {
			return ratio, "", nil
		}
		return ratio, "上一保险年度（" + prevYear() + "）发生理赔，本年度补贴比例按 " + ratio.PercentString(), []ParamRef{rules.Ref(p)}
	}
	if st.rung >= 2 {
		ratio, p := rungRatio(rules, 2, false)
		if !opt.Explain {
			return ratio, "", nil
		}
		return ratio, "上一保险年度（" + prevYear() + "）未发生理赔，补贴比例已为最低一档 " + ratio.PercentString() + "，本年度仍按 " + ratio.PercentString(), []ParamRef{rules.Ref(p)}
	}
	stepped, steppedParam := rungRatio(rules, st.rung+1, false)
	prevRatio := st.prevRatio
	reading := rules.Choice(ParamPremiumRateDropException)

	// The exception: this year's rate (premium ÷ insured) compared exactly,
	// by cross-multiplication, with last year's rate scaled by the step.
	cur, prev := y, st.prev
	keep := false
	switch reading {
	case ExceptionSameProportion:
		// cur.P/cur.I ≤ prev.P/prev.I × (stepped/prevRatio)
		keep = prevRatio.Num > 0 && money.CmpProducts(
			[]int64{int64(cur.Premium), int64(prev.InsuredAmount), stepped.Den, prevRatio.Num},
			[]int64{int64(prev.Premium), int64(cur.InsuredAmount), stepped.Num, prevRatio.Den}) <= 0
	case ExceptionAnyDecrease:
		keep = money.CmpProducts(
			[]int64{int64(cur.Premium), int64(prev.InsuredAmount)},
			[]int64{int64(prev.Premium), int64(cur.InsuredAmount)}) < 0
	}
	ratio := stepped
	if keep {
		ratio, _ = rungRatio(rules, st.rung, st.afterClaim)
	} else {
		st.rung, st.afterClaim = st.rung+1, false
	}
	if !opt.Explain {
		return ratio, "", nil
	}

	refs := []ParamRef{rules.Ref(steppedParam), rules.Ref(ParamPremiumRateDropException)}
	curRate := "本期实际费率 " + rateText(cur)
	prevRate, _ := percentOf([]int64{int64(prev.Premium)}, []int64{int64(prev.InsuredAmount)})
	prevRateText := "上一年度实际费率 " + rateText(prev)
	head := "上一保险年度（" + prevYear() + "）未发生理赔，补贴比例应由 " + prevRatio.PercentString() + " 降一档为 " + stepped.PercentString()
	const exceptionName = "“实际投保费率较上一年度同比例下降”的除外情形"
	switch reading {
	case ExceptionSameProportion:
		threshold, exact := percentOf(
			[]int64{int64(prev.Premium), stepped.Num, prevRatio.Den},
			[]int64{int64(prev.InsuredAmount), stepped.Den, prevRatio.Num})
		cmp := fmt.Sprintf("%s；%s，同比例下降后为 %s × %s ÷ %s %s %s",
			curRate, prevRateText, prevRate, stepped.PercentString(), prevRatio.PercentString(), approx(exact), threshold)
		// The threshold as a premium: the rates compare exactly, so one fen
		// above it loses the exception (the cliff docs/policy-notes.md
		// describes); saying the amount shows an applicant why.
		if most, err := money.MulRatios(cur.InsuredAmount, money.Floor,
			money.Ratio{Num: int64(prev.Premium), Den: int64(prev.InsuredAmount)}, stepped,
			money.Ratio{Num: prevRatio.Den, Den: prevRatio.Num}); err == nil {
			cmp += fmt.Sprintf("（按本期保险金额 %s 元，即实缴保费不超过 %s 元；费率按精确值比较，不四舍五入）",
				cur.InsuredAmount.Grouped(), most.Grouped())
		}
		if keep {
			return ratio, head + "；" + cmp + "，本期费率不高于该值，属于" + exceptionName + "，保持 " + ratio.PercentString(), refs
		}
		return ratio, head + "；" + cmp + "，本期费率高于该值，不属于" + exceptionName + "，按 " + ratio.PercentString(), refs
	case ExceptionAnyDecrease:
		cmp := curRate + "；" + prevRateText
		if keep {
			return ratio, head + "；" + cmp + "，费率下降，按平台口径（费率任何下降均适用除外）保持 " + ratio.PercentString(), refs
		}
		return ratio, head + "；" + cmp + "，费率未下降，按 " + ratio.PercentString(), refs
	}
	return ratio, head + "；按平台口径不适用" + exceptionName + "，按 " + ratio.PercentString(), refs
}

// rateText renders premium ÷ insured: "480,000.00 ÷ 20,000,000.00 = 2.4%".
func rateText(y PolicyYear) string {
	rate, exact := percentOf([]int64{int64(y.Premium)}, []int64{int64(y.InsuredAmount)})
	return y.Premium.Grouped() + " ÷ " + y.InsuredAmount.Grouped() + " " + approx(exact) + " " + rate
}

// percentOf renders the product of nums over the product of dens as a
// percentage with up to six decimals, and whether that is exact.
func percentOf(nums, dens []int64) (string, bool) {
	s, exact := money.Decimal(append(nums, 100), dens, 6)
	return s + "%", exact
}

// approx is the sign between an expression and its rendered value.
func approx(exact bool) string {
	if exact {
		return "="
	}
	return "≈"
}

type premiumExplain struct {
	lastEnd          date.Date // end of the period before
	windowStart      date.Date
	windowEnd        date.Date
	windowRules      *Rules
	y                PolicyYear
	val              validity
	rules            *Rules
	first            bool
	lo, hi           date.Date
	days             int
	rateCap          money.Ratio
	premiumIsBase    bool
	base             money.Fen
	ratio            money.Ratio
	ratioText        string
	ratioRefs        []ParamRef
	prorate          bool
	uncapped, amount money.Fen
	annualCap        money.Fen
	exact            bool
}

func (e *Engine) explainPremiumYear(x premiumExplain) []Step {
	var steps []Step
	y, r := x.y, x.rules
	if !x.first {
		steps = append(steps, e.step(fmt.Sprintf("本期起始日 %s 为上一保险期止日 %s 的次日，保险期连续不间断", y.Start, x.lastEnd), nil, M24Premium))
	}

	valText, valRefs := x.val.describe()
	windowYears := x.windowRules.Int(ParamPremiumWindowYears)
	steps = append(steps, e.step(fmt.Sprintf("保险期 %s至%s 共 %d 天；%s；补贴时限自首个补贴日 %s 起 %d 年，至 %s；本期在有效期和补贴时限内 %d 天（%s至%s）",
		y.Start, y.End, y.Start.DaysInclusive(y.End), valText, x.windowStart, windowYears, x.windowEnd, x.days, x.lo, x.hi),
		append(valRefs, x.windowRules.Ref(ParamPremiumWindowYears)), M24Premium))

	capAmount, capExact, _ := money.MulRatiosExact(y.InsuredAmount, money.HalfUp, x.rateCap)
	capText := capAmount.Grouped()
	if !capExact {
		capText = "≈" + capText
	}
	minExpr := fmt.Sprintf("min(实缴保费 %s, 保额 %s × %s)", y.Premium.Grouped(), y.InsuredAmount.Grouped(), x.rateCap.PercentString())
	baseText := fmt.Sprintf("保费基数 = %s = min(%s, %s) = %s 元", minExpr, y.Premium.Grouped(), capText, x.base.Grouped())
	if x.premiumIsBase {
		baseText += "，实际保险费率未超过 " + x.rateCap.PercentString() + " 的上限，按实缴保费计"
	} else {
		baseText += "，实际保险费率超过 " + x.rateCap.PercentString() + " 的上限，按保额 × " + x.rateCap.PercentString() + " 计"
		if x.base != capAmount {
			baseText += "（按分四舍五入）"
		}
	}
	steps = append(steps, e.step(baseText, []ParamRef{r.Ref(ParamPremiumRateCap)}, M24Premium))

	steps = append(steps, e.step(x.ratioText, x.ratioRefs, M24Premium))

	var amountText string
	if x.prorate {
		amountText = fmt.Sprintf("保费补贴 = %s × %s × %d/%d = %s 元", minExpr, x.ratio.PercentString(), x.days, y.Start.DaysInclusive(y.End), x.uncapped.Grouped())
	} else {
		amountText = fmt.Sprintf("保费补贴 = %s × %s = %s 元（平台口径：不按天数折算）", minExpr, x.ratio.PercentString(), x.uncapped.Grouped())
	}
	if !x.exact {
		amountText += "，按分四舍五入"
	}
	steps = append(steps, e.step(amountText, []ParamRef{r.Ref(ParamPremiumProrateByDays)}, M24Premium))

	// Each policy period is one insurance year for the cap, however long
	// (docs/policy-notes.md, "Cap per policy period").
	perPeriod := ""
	if n := y.Start.DaysInclusive(y.End); n < 365 {
		perPeriod = fmt.Sprintf("（本期共 %d 天，仍为一个保险年度，单独适用该上限）", n)
	}
	if x.uncapped > x.annualCap {
		steps = append(steps, e.step(fmt.Sprintf("%s 元超过单个产品年保费补贴上限 %s 元%s，本期补贴 %s 元", x.uncapped.Grouped(), x.annualCap.Grouped(), perPeriod, x.amount.Grouped()),
			[]ParamRef{r.Ref(ParamPremiumAnnualCap)}, M24Premium))
	} else {
		steps = append(steps, e.step(fmt.Sprintf("本期补贴 %s 元，未超过单个产品年保费补贴上限 %s 元%s", x.amount.Grouped(), x.annualCap.Grouped(), perPeriod),
			[]ParamRef{r.Ref(ParamPremiumAnnualCap)}, M24Premium))
	}
	return steps
}
