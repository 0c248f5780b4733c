package policy

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"firstset/date"
	"firstset/money"
)

// Incentives an allocation can be for; they decide which clause it cites.
const (
	IncentiveFirstPurchase = "first_purchase_reward"
	IncentivePremium       = "premium_subsidy"
)

// MaxIDLength bounds an application id.
const MaxIDLength = 128

// Application is one application competing for the budget.
type Application struct {
	ID          string    `json:"id"`
	MaxAmount   money.Fen `json:"max_amount_yuan"` // from the rules: the reward or subsidy ceiling
	Score       Score     `json:"score"`
	TalentLed   bool      `json:"talent_led"` // 入选国家相关引才计划人才牵头研制
	SubmittedAt time.Time `json:"submitted_at"`
}

// AllocationInput is a merit allocation within a budget.
type AllocationInput struct {
	Budget money.Fen `json:"budget_yuan"`
	// Method is rank_order or pro_rata; empty takes the default in force.
	Method string `json:"method,omitempty"`
	// PassScore, when nil, is the pass score in force.
	PassScore *Score `json:"pass_score,omitempty"`
	// AsOf is the date whose parameters apply; zero means the date of the
	// latest submission.
	AsOf date.Date `json:"as_of,omitzero"`
	// Incentive says what the budget pays; empty cites both rewards.
	Incentive    string        `json:"incentive,omitempty"`
	Applications []Application `json:"applications"`
}

// Allocation is the outcome for one application.
type Allocation struct {
	ID          string    `json:"id"`
	Rank        int       `json:"rank"`
	Amount      money.Fen `json:"amount_yuan"`
	Reason      Reason    `json:"reason"`
	Explanation []Step    `json:"explanation,omitempty"`
}

// AllocationResult lists the allocations in rank order.
type AllocationResult struct {
	Allocations []Allocation `json:"allocations"`
	Total       money.Fen    `json:"total_yuan"`
	Version     string       `json:"version"`
}

// DecodeAllocationInput reads and validates an allocation case. A bad case
// gives Problems: every problem found, in the order of the case.
func DecodeAllocationInput(data []byte) (AllocationInput, error) {
	if err := checkSyntax(data); err != nil {
		return AllocationInput{}, err
	}
	var ps problems
	in := decodeAllocation(&ps, data)
	if err := ps.err(); err != nil {
		return AllocationInput{}, err
	}
	return in, nil
}

var applicationKeys = []string{"id", "max_amount_yuan", "score", "talent_led", "submitted_at"}

func decodeAllocation(ps *problems, data []byte) AllocationInput {
	root := readObject(ps, data, "", "budget_yuan", "method", "pass_score", "as_of", "incentive", "applications")
	if root == nil {
		return AllocationInput{}
	}
	var in AllocationInput
	// Each field is checked as soon as it is read, so that problems come
	// in the order of the case.
	in.Budget = root.requiredMoney("budget_yuan")
	in.checkBudget(ps)
	if m, ok := root.optionalString("method"); ok {
		in.Method = m
		if m == "" {
			ps.add(unknownMethod(""))
		}
		in.checkMethod(ps)
	}
	if s, ok := root.optionalScore("pass_score"); ok {
		in.PassScore = &s
	}
	in.AsOf = root.optionalDate("as_of")
	if v, ok := root.optionalString("incentive"); ok {
		in.Incentive = v
		if v == "" {
			ps.add(unknownIncentive(""))
		}
		in.checkIncentive(ps)
	}
	items := root.requiredArray("applications")
	in.Applications = make([]Application, len(items))
	seen := make(map[string]int, len(items))
	for i, raw := range items {
		if o := readObject(ps, raw, index("applications", i), applicationKeys...); o != nil {
			a := &in.Applications[i]
			a.ID, _ = o.requiredString("id")
			a.MaxAmount = o.requiredMoney("max_amount_yuan")
			a.Score = o.requiredScore("score")
			// Absent means not talent-led, the ordinary case.
			a.TalentLed, _ = o.optionalBool("talent_led")
			a.SubmittedAt = o.requiredTime("submitted_at")
		}
		in.checkApplication(ps, i, seen)
	}
	return in
}

func unknownMethod(m string) *Error {
	return newError("method", CodeUnknownMethod,
		fmt.Sprintf("%s is not a method; use %s or %s", strconv.Quote(m), MethodRankOrder, MethodProRata),
		fmt.Sprintf("%s 不是分配方法，应为 %s（按名次顺序安排）或 %s（按比例分配）", strconv.Quote(m), MethodRankOrder, MethodProRata))
}

func unknownIncentive(s string) *Error {
	return newError("incentive", CodeUnknownValue,
		fmt.Sprintf("%s is not an incentive; use %s or %s", strconv.Quote(s), IncentiveFirstPurchase, IncentivePremium),
		fmt.Sprintf("%s 不是奖励类型，应为 %s（首购首用奖励）或 %s（保费补贴）", strconv.Quote(s), IncentiveFirstPurchase, IncentivePremium))
}

// Validate checks an allocation built in code the way the decoder checks
// JSON.
func (in AllocationInput) Validate() error { return in.validate() }

func (in AllocationInput) validate() error {
	var ps problems
	in.checkHead(&ps)
	if len(in.Applications) == 0 {
		ps.add(emptyList("applications"))
	}
	seen := make(map[string]int, len(in.Applications))
	for i := range in.Applications {
		in.checkApplication(&ps, i, seen)
	}
	return ps.err()
}

// checkHead records the problems of the fields before the applications.
func (in AllocationInput) checkHead(ps *problems) {
	in.checkBudget(ps)
	in.checkMethod(ps)
	if in.PassScore != nil && (*in.PassScore < 0 || *in.PassScore > MaxScore) {
		ps.add(scoreRange("pass_score", in.PassScore.String()))
	}
	in.checkIncentive(ps)
}

func (in AllocationInput) checkBudget(ps *problems) {
	if in.Budget < 0 && !ps.failed("budget_yuan") {
		ps.add(newError("budget_yuan", CodeNegativeAmount, in.Budget.String()+" is negative", in.Budget.String()+" 为负数"))
	}
}

func (in AllocationInput) checkMethod(ps *problems) {
	switch in.Method {
	case "", MethodRankOrder, MethodProRata:
	default:
		ps.add(unknownMethod(in.Method))
	}
}

func (in AllocationInput) checkIncentive(ps *problems) {
	switch in.Incentive {
	case "", IncentiveFirstPurchase, IncentivePremium:
	default:
		ps.add(unknownIncentive(in.Incentive))
	}
}

// checkApplication records the problems of application i; seen maps the
// ids of the applications before it to their index.
func (in AllocationInput) checkApplication(ps *problems, i int, seen map[string]int) {
	a := in.Applications[i]
	at := func(name string) string { return field(index("applications", i), name) }
	failed := func(name string) bool { return len(ps.bad) > 0 && ps.failed(at(name)) }
	if len(ps.bad) > 0 && ps.failed(index("applications", i)) {
		return
	}
	if !failed("id") {
		if err := checkID(at, a.ID); err != nil {
			ps.add(err)
		} else if first, dup := seen[a.ID]; dup {
			ps.add(newError(at("id"), CodeDuplicateID,
				fmt.Sprintf("%s is already the id of %s", strconv.Quote(a.ID), index("applications", first)),
				fmt.Sprintf("%s 与 %s 的编号重复", strconv.Quote(a.ID), index("applications", first))))
		} else {
			seen[a.ID] = i
		}
	}
	if a.MaxAmount <= 0 && !failed("max_amount_yuan") {
		ps.add(notPositive(at("max_amount_yuan"), a.MaxAmount))
	}
	if (a.Score < 0 || a.Score > MaxScore) && !failed("score") {
		ps.add(scoreRange(at("score"), a.Score.String()))
	}
	if a.SubmittedAt.IsZero() && !failed("submitted_at") {
		ps.add(missing(at("submitted_at")))
	}
}

func checkID(at func(string) string, id string) *Error {
	path := func() string { return at("id") }
	if id == "" {
		return newError(path(), CodeInvalidID, "must not be empty", "不能为空")
	}
	if len(id) > MaxIDLength {
		return newError(path(), CodeInvalidID, fmt.Sprintf("is longer than %d bytes", MaxIDLength), fmt.Sprintf("超过 %d 字节", MaxIDLength))
	}
	if strings.ContainsFunc(id, func(r rune) bool { return unicode.IsControl(r) || r == unicode.ReplacementChar }) {
		return newError(path(), CodeInvalidID, fmt.Sprintf("%s contains control characters", strconv.Quote(id)), fmt.Sprintf("%s 含有控制字符", strconv.Quote(id)))
	}
	return nil
}

// rankKey is what the ranking compares, copied out of the applications so
// that the sort and the loops after it read one small array in order.
type rankKey struct {
	// order packs the first two criteria so that one comparison settles
	// most pairs: (MaxScore − score) × 2, plus 1 unless talent-led comes first.
	order uint64
	sec   int64
	nsec  int32
	index int32
	max   money.Fen
}

// Allocate ranks the applications and shares the budget among those that
// pass, by rank order or pro rata. The total never exceeds the budget.
func (e *Engine) Allocate(in AllocationInput, opt Options) (AllocationResult, error) {
	if err := in.validate(); err != nil {
		return AllocationResult{}, err
	}
	asOf, asOfPath := in.AsOf, "as_of"
	if asOf.IsZero() {
		latest := 0
		for i, a := range in.Applications[1:] {
			if a.SubmittedAt.After(in.Applications[latest].SubmittedAt) {
				latest = i + 1
			}
		}
		asOf = date.FromTime(in.Applications[latest].SubmittedAt)
		asOfPath = field(index("applications", latest), "submitted_at")
	}
	rules, ok := e.params.InForce(asOf, meritParams...)
	if !ok {
		since := e.params.SinceAll(meritParams...)
		if in.AsOf.IsZero() {
			return AllocationResult{}, newError(asOfPath, CodeNoRuleInForce,
				fmt.Sprintf("the latest submission is on %s, before the merit rules apply from %s; give as_of", asOf, since),
				fmt.Sprintf("最晚的申请提交于 %s，早于择优规则施行日 %s，无法确定适用的规则", asOf, since))
		}
		return AllocationResult{}, newError(asOfPath, CodeNoRuleInForce,
			fmt.Sprintf("no merit rules are in force on %s; they apply from %s", asOf, since),
			fmt.Sprintf("%s 尚无择优规则，规则自 %s 起施行", asOf, since))
	}
	pass := rules.Score(ParamMeritPassScore)
	passFromRules := in.PassScore == nil
	if !passFromRules {
		pass = *in.PassScore
	}
	method := in.Method
	if method == "" {
		method = rules.Choice(ParamMeritDefaultMethod)
	}
	talentFirst := rules.Bool(ParamMeritTalentPriority)

	apps := in.Applications
	keys := make([]rankKey, len(apps))
	for i, a := range apps {
		order := uint64(MaxScore-a.Score) << 1
		if talentFirst && !a.TalentLed {
			order |= 1
		}
		keys[i] = rankKey{order: order, sec: a.SubmittedAt.Unix(), nsec: int32(a.SubmittedAt.Nanosecond()), index: int32(i), max: a.MaxAmount}
	}
	// Score first; among equal scores (同等条件) the talent-led first, then the
	// earlier submission, then the id, so that the order never depends on
	// the input order.
	slices.SortFunc(keys, func(x, y rankKey) int {
		switch {
		case x.order != y.order:
			if x.order < y.order {
				return -1
			}
			return 1
		case x.sec != y.sec:
			if x.sec < y.sec {
				return -1
			}
			return 1
		case x.nsec != y.nsec:
			if x.nsec < y.nsec {
				return -1
			}
			return 1
		}
		return strings.Compare(apps[x.index].ID, apps[y.index].ID)
	})
	passes := func(k rankKey) bool { return k.order>>1 <= uint64(MaxScore-pass) }

	var passing money.Sum128
	for _, k := range keys {
		if passes(k) {
			passing.Add(k.max)
		}
	}
	fitsBudget := passing.LessEq(in.Budget)
	sumHi, sumLo := passing.Words()

	res := AllocationResult{Allocations: make([]Allocation, len(apps)), Version: e.version}
	remaining := in.Budget
	exhausted := false
	for r, k := range keys {
		a := &res.Allocations[r]
		a.ID, a.Rank = apps[k.index].ID, r+1
		switch {
		case !passes(k):
			a.Reason = ReasonBelowPassScore
		case method == MethodProRata && fitsBudget:
			a.Reason, a.Amount = ReasonFunded, k.max
		case method == MethodProRata:
			share, err := money.MulDiv(k.max, in.Budget, sumHi, sumLo, money.Floor)
			if err != nil {
				return AllocationResult{}, newError(field(index("applications", int(k.index)), "max_amount_yuan"), CodeAmountTooLarge,
					"the share cannot be computed: "+err.Error(), "无法计算分配额："+err.Error())
			}
			a.Reason, a.Amount = ReasonScaled, share
		case exhausted:
			a.Reason = ReasonBudgetExhausted
		case k.max <= remaining:
			a.Reason, a.Amount = ReasonFunded, k.max
		case remaining > 0:
			a.Reason, a.Amount = ReasonPartial, remaining
			exhausted = true
		default:
			a.Reason = ReasonBudgetExhausted
			exhausted = true
		}
		before := remaining
		remaining -= a.Amount
		res.Total += a.Amount
		if opt.Explain {
			a.Explanation = e.explainAllocation(allocExplain{
				in: &in, app: apps[k.index], rank: r + 1, count: len(apps), rules: rules, pass: pass,
				passFromRules: passFromRules, method: method, talentFirst: talentFirst,
				reason: a.Reason, amount: a.Amount, before: before, passing: passing,
			})
		}
	}
	return res, nil
}

type allocExplain struct {
	in            *AllocationInput
	app           Application
	rank, count   int
	rules         *Rules
	pass          Score
	passFromRules bool
	method        string
	talentFirst   bool
	reason        Reason
	amount        money.Fen
	before        money.Fen // budget left before this application
	passing       money.Sum128
}

func (e *Engine) explainAllocation(x allocExplain) []Step {
	var clauses []ClauseID
	switch x.in.Incentive {
	case IncentiveFirstPurchase:
		clauses = []ClauseID{M24FirstPurchase}
	case IncentivePremium:
		clauses = []ClauseID{M24Premium}
	default:
		clauses = []ClauseID{M24FirstPurchase, M24Premium}
	}
	yes := map[bool]string{true: "是", false: "否"}
	tie := "同分时按提交时间先后、再按编号排序"
	rankRefs := []ParamRef{x.rules.Ref(ParamMeritTalentPriority)}
	if x.talentFirst {
		tie = "同分（同等条件）时入选国家相关引才计划人才牵头研制的优先，再按提交时间先后、编号排序"
	}
	steps := []Step{e.step(fmt.Sprintf("排名第 %d（共 %d 个申请）：评分 %s 分，人才牵头研制：%s，提交时间 %s；按评分从高到低择优排序，%s",
		x.rank, x.count, x.app.Score, yes[x.app.TalentLed], x.app.SubmittedAt.In(date.Shanghai).Format("2006-01-02 15:04:05")+"（北京时间）", tie),
		rankRefs, append(slices.Clone(clauses), M24Talent)...)}

	passText := "合格分 " + x.pass.String() + " 分"
	var passRefs []ParamRef
	if x.passFromRules {
		passRefs = []ParamRef{x.rules.Ref(ParamMeritPassScore)}
	} else {
		passText += "（本次评审设定）"
	}
	if x.reason == ReasonBelowPassScore {
		return append(steps, e.step(fmt.Sprintf("评分 %s 分低于%s，不予安排", x.app.Score, passText), passRefs, clauses...))
	}
	steps = append(steps, e.step(fmt.Sprintf("评分 %s 分不低于%s", x.app.Score, passText), passRefs, clauses...))

	methodRefs := []ParamRef(nil)
	if x.in.Method == "" {
		methodRefs = []ParamRef{x.rules.Ref(ParamMeritDefaultMethod)}
	}
	var text string
	switch x.reason {
	case ReasonFunded:
		if x.method == MethodProRata {
			text = fmt.Sprintf("按比例分配：合格申请的上限合计 %s 元不超过预算 %s 元，全额安排 %s 元", groupedSum(x.passing), x.in.Budget.Grouped(), x.amount.Grouped())
		} else {
			text = fmt.Sprintf("按名次顺序分配：预算余额 %s 元不少于申请上限 %s 元，全额安排 %s 元，余额 %s 元",
				x.before.Grouped(), x.app.MaxAmount.Grouped(), x.amount.Grouped(), (x.before - x.amount).Grouped())
		}
	case ReasonPartial:
		text = fmt.Sprintf("按名次顺序分配：预算余额 %s 元少于申请上限 %s 元，安排剩余预算 %s 元，预算用尽",
			x.before.Grouped(), x.app.MaxAmount.Grouped(), x.amount.Grouped())
	case ReasonBudgetExhausted:
		text = "按名次顺序分配：预算已用尽，不予安排"
	case ReasonScaled:
		text = fmt.Sprintf("按比例分配：合格申请的上限合计 %s 元超过预算 %s 元，安排额 = 申请上限 %s × 预算 %s ÷ 上限合计 %s，向下取整到分 = %s 元（合计不超过预算）",
			groupedSum(x.passing), x.in.Budget.Grouped(), x.app.MaxAmount.Grouped(), x.in.Budget.Grouped(), groupedSum(x.passing), x.amount.Grouped())
	}
	return append(steps, e.step(text, methodRefs, clauses...))
}

// groupedSum writes a 128-bit sum in the thousands style.
func groupedSum(s money.Sum128) string {
	if f, ok := s.Fen(); ok {
		return f.Grouped()
	}
	return s.String()
}
