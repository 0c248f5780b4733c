package ui

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"firstset/money"
	"firstset/policy"
	"firstset/web/ui/forms"
)

// The calculator page builds the same JSON case the API takes from the
// form's inputs and runs it through policy.Calculate, so the page, the API
// and the command line check and compute alike. Inputs are named by their
// JSON path (policy_years[2].premium_yuan), so a policy error's field names
// the input it belongs to.

// Rows of policy periods the premium form offers: the three-year window
// rarely spans more than four, and a fifth covers a split year.
const (
	calcStartRows = 3
	calcMaxRows   = 5
)

// calcTab is one tab of the calculator.
type calcTab struct {
	Kind  string
	Label string
}

var calcTabs = []calcTab{
	{policy.CalcPremiumSubsidy, "保费补贴测算"},
	{policy.CalcFirstPurchaseReward, "首购首用奖励测算"},
	{policy.CalcAllocate, "择优分配测算"},
}

// calcPage is the calculator page's data: the kind's form, as entered, and
// after a successful POST its result.
type calcPage struct {
	Kind     string
	Tabs     []calcTab
	Premium  premiumForm
	Reward   rewardForm
	Allocate allocateForm
	// Errors holds each problem beside its input (by input name) or, when
	// no input shows it, above the form; Count is how many there are.
	Errors forms.Errors
	Count  int
	// CaseErrors lists the problems of the allocation's JSON case, each
	// with the place in the case it names.
	CaseErrors []string

	PremiumResult    *premiumResultView
	RewardResult     *rewardResultView
	AllocationResult *allocationResultView
}

type premiumForm struct {
	RecognizedOn string
	ValidUntil   string
	Rows         []premiumRow
}

// CanAddRow tells whether the 增加一行 button is offered.
func (f premiumForm) CanAddRow() bool { return len(f.Rows) < calcMaxRows }

type premiumRow struct {
	Index         int
	Start         string
	End           string
	InsuredAmount string
	Premium       string
	Claim         bool
}

// Name is the input name of a column of the row.
func (r premiumRow) Name(column string) string { return r.Path() + "." + column }

// Path is the row's own JSON path, which errors about the whole period
// (an overlap, the order) name.
func (r premiumRow) Path() string { return "policy_years[" + strconv.Itoa(r.Index) + "]" }

// premiumCell is one text input of a row.
type premiumCell struct {
	Name, Value, Label string
	Date               bool
}

// Cells are the row's text inputs in column order.
func (r premiumRow) Cells() []premiumCell {
	return []premiumCell{
		{Name: r.Name("start"), Value: r.Start, Label: "起始日", Date: true},
		{Name: r.Name("end"), Value: r.End, Label: "终止日", Date: true},
		{Name: r.Name("insured_amount_yuan"), Value: r.InsuredAmount, Label: "保险金额"},
		{Name: r.Name("premium_yuan"), Value: r.Premium, Label: "实缴保费"},
	}
}

func (r premiumRow) blank() bool {
	return r.Start == "" && r.End == "" && r.InsuredAmount == "" && r.Premium == "" && !r.Claim
}

type rewardForm struct {
	RecognizedOn  string
	ValidUntil    string
	ContractDate  string
	Paid          string
	FirstPurchase bool
}

type allocateForm struct {
	CaseJSON string
}

// allocateExample is the case the allocation tab starts with, so that a
// visitor sees the shape the textarea expects.
const allocateExample = `{
  "budget_yuan": "6000000",
  "method": "rank_order",
  "applications": [
    {"id": "A1", "max_amount_yuan": "5000000", "score": 91, "talent_led": false, "submitted_at": "2025-04-01T09:00:00+08:00"},
    {"id": "A2", "max_amount_yuan": "3000000", "score": 85, "talent_led": true, "submitted_at": "2025-04-02T10:00:00+08:00"}
  ]
}`

// newCalcPage is the empty page of kind, or nil for an unknown kind.
func newCalcPage(kind string) *calcPage {
	if !policy.IsCalculation(kind) {
		return nil
	}
	p := &calcPage{Kind: kind, Tabs: calcTabs, Errors: forms.Errors{Fields: map[string]string{}}}
	for i := range calcStartRows {
		p.Premium.Rows = append(p.Premium.Rows, premiumRow{Index: i})
	}
	p.Allocate.CaseJSON = allocateExample
	return p
}

// readPremiumForm reads the premium inputs, keeping them as typed.
func readPremiumForm(v url.Values) premiumForm {
	f := premiumForm{
		RecognizedOn: strings.TrimSpace(v.Get("product.recognized_on")),
		ValidUntil:   strings.TrimSpace(v.Get("product.valid_until")),
	}
	n, _ := strconv.Atoi(v.Get("rows"))
	n = min(max(n, 1), calcMaxRows)
	for i := range n {
		r := premiumRow{Index: i}
		r.Start = strings.TrimSpace(v.Get(r.Name("start")))
		r.End = strings.TrimSpace(v.Get(r.Name("end")))
		r.InsuredAmount = strings.TrimSpace(v.Get(r.Name("insured_amount_yuan")))
		r.Premium = strings.TrimSpace(v.Get(r.Name("premium_yuan")))
		r.Claim = v.Get(r.Name("claim")) != ""
		f.Rows = append(f.Rows, r)
	}
	return f
}

// premiumCase is the JSON case of the form, for each entry of policy_years
// the form row it came from (blank rows are left out, so the two can
// differ), and the amounts the page could not read, by input name.
func (f premiumForm) premiumCase() ([]byte, []int, pageProblems) {
	type year struct {
		Start         string `json:"start,omitempty"`
		End           string `json:"end,omitempty"`
		InsuredAmount string `json:"insured_amount_yuan,omitempty"`
		Premium       string `json:"premium_yuan,omitempty"`
		Claim         bool   `json:"claim"`
	}
	var c struct {
		Product struct {
			RecognizedOn string `json:"recognized_on,omitempty"`
			ValidUntil   string `json:"valid_until,omitempty"`
		} `json:"product"`
		PolicyYears []year `json:"policy_years"`
	}
	c.Product.RecognizedOn, c.Product.ValidUntil = f.RecognizedOn, f.ValidUntil
	c.PolicyYears = []year{}
	var rowOf []int
	unread := pageProblems{}
	for _, r := range f.Rows {
		if r.blank() {
			continue
		}
		c.PolicyYears = append(c.PolicyYears, year{Start: r.Start, End: r.End,
			InsuredAmount: unread.amount(r.Name("insured_amount_yuan"), r.InsuredAmount),
			Premium:       unread.amount(r.Name("premium_yuan"), r.Premium), Claim: r.Claim})
		rowOf = append(rowOf, r.Index)
	}
	data, _ := json.Marshal(c) // strings and booleans only: cannot fail
	return data, rowOf, unread
}

// pageProblems are the problems the page finds before the rules see the
// case, by input name.
type pageProblems map[string]string

// amount is the typed amount as the JSON case carries it. One the page
// cannot read is recorded, and passed on as typed so that the case still
// has the field (the rules refuse it too; the page's reason is shown).
func (pp pageProblems) amount(name, typed string) string {
	yuan, problem := forms.PageYuan(typed)
	if problem != "" {
		pp[name] = problem
		return typed
	}
	return yuan
}

func readRewardForm(v url.Values) rewardForm {
	return rewardForm{
		RecognizedOn:  strings.TrimSpace(v.Get("product.recognized_on")),
		ValidUntil:    strings.TrimSpace(v.Get("product.valid_until")),
		ContractDate:  strings.TrimSpace(v.Get("purchase.contract_date")),
		Paid:          strings.TrimSpace(v.Get("purchase.paid_yuan")),
		FirstPurchase: v.Get("purchase.first_purchase") != "",
	}
}

func (f rewardForm) rewardCase() ([]byte, pageProblems) {
	var c struct {
		Product struct {
			RecognizedOn string `json:"recognized_on,omitempty"`
			ValidUntil   string `json:"valid_until,omitempty"`
		} `json:"product"`
		Purchase struct {
			ContractDate  string `json:"contract_date,omitempty"`
			Paid          string `json:"paid_yuan,omitempty"`
			FirstPurchase bool   `json:"first_purchase"`
		} `json:"purchase"`
	}
	unread := pageProblems{}
	c.Product.RecognizedOn, c.Product.ValidUntil = f.RecognizedOn, f.ValidUntil
	c.Purchase.ContractDate, c.Purchase.FirstPurchase = f.ContractDate, f.FirstPurchase
	c.Purchase.Paid = unread.amount("purchase.paid_yuan", f.Paid)
	data, _ := json.Marshal(c) // strings and booleans only: cannot fail
	return data, unread
}

var (
	yearPath = regexp.MustCompile(`^policy_years\[(\d+)\](.*)$`)
	// yearMention is a period named inside a message ("与 policy_years[0]（止于 …）重叠").
	yearMention = regexp.MustCompile(`policy_years\[(\d+)\](\.start)?`)
)

// rowWords names, in a message for the page, the periods it mentions by
// their rows as the form numbers them, not by their place in the case.
func rowWords(msg string, rowOf []int) string {
	return yearMention.ReplaceAllStringFunc(msg, func(m string) string {
		sub := yearMention.FindStringSubmatch(m)
		k, err := strconv.Atoi(sub[1])
		if err != nil || k >= len(rowOf) {
			return m
		}
		row := "第 " + strconv.Itoa(rowOf[k]+1) + " 行保险期"
		if sub[2] != "" {
			return row + "的起始日"
		}
		return row
	})
}

// calcFormErrors puts every problem of the case beside the input it names,
// the page's own first: a path into policy_years is renumbered from the
// case's entries to the form's rows. An input shows its first problem;
// problems no input shows go above the form.
func calcFormErrors(all []*policy.Error, page pageProblems, rowOf []int, inputs map[string]bool) forms.Errors {
	fe := forms.Errors{Fields: map[string]string{}}
	for name, problem := range page {
		fe.Fields[name] = problem
	}
	for _, pe := range all {
		name := pe.Field
		if m := yearPath.FindStringSubmatch(name); m != nil && rowOf != nil {
			if k, err := strconv.Atoi(m[1]); err == nil && k < len(rowOf) {
				name = "policy_years[" + strconv.Itoa(rowOf[k]) + "]" + m[2]
			}
		}
		msg := rowWords(pe.Chinese, rowOf)
		switch {
		case !inputs[name]:
			fe.Other = append(fe.Other, msg)
		case fe.Fields[name] == "":
			fe.Fields[name] = msg
		}
	}
	return fe
}

// inputs are the names calcFormErrors may show beside an input:
// every input, each row as a whole, and the list above the rows.
func (f premiumForm) inputs() map[string]bool {
	in := map[string]bool{"product.recognized_on": true, "product.valid_until": true, "policy_years": true}
	for _, r := range f.Rows {
		in[r.Path()] = true
		for _, c := range []string{"start", "end", "insured_amount_yuan", "premium_yuan", "claim"} {
			in[r.Name(c)] = true
		}
	}
	return in
}

var rewardInputs = map[string]bool{
	"product.recognized_on": true, "product.valid_until": true,
	"purchase.contract_date": true, "purchase.paid_yuan": true, "purchase.first_purchase": true,
}

// The result views hold what the page shows, already formatted: amounts
// with thousands separators, ratios as percentages, reasons, clauses and
// parameter values in Chinese. The codes stay in the JSON API.

type premiumResultView struct {
	Years []premiumYearView
	Total string
}

type premiumYearView struct {
	Number      int
	Start, End  string
	Eligible    bool
	Reason      string
	Ratio       string
	PremiumBase string
	Days        string
	Subsidy     string
	Steps       []calcStepView
}

type rewardResultView struct {
	Eligible  bool
	Reason    string
	MaxReward string
	Steps     []calcStepView
}

type allocationResultView struct {
	Allocations []allocationView
	Total       string
}

type allocationView struct {
	Rank   int
	ID     string
	Amount string
	Reason string
	Steps  []calcStepView
}

// calcStepView is an explanation step as the page shows it: the clause by
// its title, not its id.
type calcStepView struct {
	Clause string
	// ClauseID is the clause the title names, whose words the policy
	// library shows.
	ClauseID string
	Text     string
	Params   []calcParamView
}

type calcParamView struct {
	Name, Value, From, Source string
}

func stepViews(reg *policy.Registry, steps []policy.Step) []calcStepView {
	out := make([]calcStepView, 0, len(steps))
	for _, st := range steps {
		v := calcStepView{Clause: string(st.Clause), ClauseID: string(st.Clause), Text: st.Text}
		if c, ok := reg.Lookup(st.Clause); ok {
			v.Clause = c.Title
		}
		for _, p := range st.Params {
			v.Params = append(v.Params, calcParamView{Name: p.Name, Value: p.Label(), From: p.From.String(), Source: p.Source})
		}
		out = append(out, v)
	}
	return out
}

// untagged drops the clause tags of steps whose text cites its clauses
// itself: an allocation's steps name the clause of the budget they were
// run for, which a single tag would state wrongly for one of the two.
func untagged(steps []calcStepView) []calcStepView {
	for i := range steps {
		steps[i].Clause = ""
	}
	return steps
}

func percent(p policy.Percent) string {
	if p.Den == 0 {
		return "—"
	}
	return money.Ratio(p).PercentString()
}

func newPremiumResultView(reg *policy.Registry, res policy.PremiumResult) *premiumResultView {
	v := &premiumResultView{Total: res.TotalSubsidy.Grouped()}
	for i, y := range res.Years {
		yv := premiumYearView{Number: i + 1, Start: y.Start.String(), End: y.End.String(), Eligible: y.Eligible,
			Reason: y.Reason.Chinese(), Ratio: percent(y.Ratio), PremiumBase: y.PremiumBase.Grouped(),
			Days:    strconv.Itoa(y.EligibleDays) + " / " + strconv.Itoa(y.PeriodDays),
			Subsidy: y.Subsidy.Grouped(), Steps: stepViews(reg, y.Explanation)}
		v.Years = append(v.Years, yv)
	}
	return v
}

func newRewardResultView(reg *policy.Registry, res policy.RewardResult) *rewardResultView {
	return &rewardResultView{Eligible: res.Eligible, Reason: res.Reason.Chinese(),
		MaxReward: res.MaxReward.Grouped(), Steps: stepViews(reg, res.Explanation)}
}

func newAllocationResultView(reg *policy.Registry, res policy.AllocationResult) *allocationResultView {
	v := &allocationResultView{Total: res.Total.Grouped()}
	for _, a := range res.Allocations {
		v.Allocations = append(v.Allocations, allocationView{Rank: a.Rank, ID: a.ID,
			Amount: a.Amount.Grouped(), Reason: a.Reason.Chinese(), Steps: untagged(stepViews(reg, a.Explanation))})
	}
	return v
}
