package forms

import (
	"net/url"
	"strconv"
	"strings"

	"firstset"
	"firstset/cases"
)

// The inputs each form of the case page shows, for NewErrors.
var (
	ActionFields      = []string{"action", "opinion", "items", "confirm"}
	DeclarationFields = []string{"innovation_claim", "technical_comparison", "first_use"}
	UploadFields      = []string{"item", "file"}
	RatingFields      = []string{"score", "comment", "stage_score", "stage_comment"}
	ScoreFields       = []string{"criteria.", "comment"}
	DrawFields        = []string{"seed", "confirm"}
	DeclineFields     = []string{"reason"}
)

// ConfirmField is the checkbox an irreversible action is posted with.
const ConfirmField = "confirm"

// Irreversible reports whether a case action cannot be undone, so that its
// form asks for the confirmation checkbox: sending the declaration,
// refusing it, taking it back.
func Irreversible(action string) bool {
	switch cases.Action(action) {
	case cases.Submit, cases.Resubmit, cases.Withdraw, cases.Reject:
		return true
	}
	return false
}

// Confirmed reads the confirmation checkbox; without it, a problem beside
// the checkbox.
func Confirmed(v url.Values, p *firstset.Problems) bool {
	switch strings.TrimSpace(v.Get(ConfirmField)) {
	case "1", "on", "true":
		return true
	}
	p.Add(ConfirmField, "confirm_required", "此操作提交后不可撤销，请勾选确认后再提交。")
	return false
}

// ActionInputFrom reads an action form: the action, the opinion, the items
// to fix (one a line), and for an irreversible action the confirmation.
func ActionInputFrom(v url.Values, p *firstset.Problems) firstset.ActionInput {
	in := firstset.ActionInput{
		Action:  strings.TrimSpace(v.Get("action")),
		Opinion: strings.TrimSpace(v.Get("opinion")),
		Items:   Lines(v.Get("items")),
	}
	if in.Action == "" {
		p.Add("action", "required", "请选择要办理的操作。")
		return in
	}
	if Irreversible(in.Action) {
		Confirmed(v, p)
	}
	return in
}

// Lines splits a textarea into its non-blank lines, trimmed.
func Lines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// DeclarationInputFrom reads the declaration's three texts.
func DeclarationInputFrom(v url.Values) firstset.DeclarationInput {
	return firstset.DeclarationInput{
		InnovationClaim:     strings.TrimSpace(v.Get("innovation_claim")),
		TechnicalComparison: strings.TrimSpace(v.Get("technical_comparison")),
		FirstUse:            strings.TrimSpace(v.Get("first_use")),
	}
}

// intField reads an optional whole number; a malformed one is a problem
// with its field, and an absent one 0 (which the services refuse where
// they need one).
func intField(v url.Values, field, label string, p *firstset.Problems) int {
	s := strings.TrimSpace(v.Get(field))
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		p.Add(field, firstset.EINVALID, "%s须为整数。", label)
		return 0
	}
	return n
}

// RatingInputFrom reads the rating form (好差评).
func RatingInputFrom(v url.Values, p *firstset.Problems) firstset.RatingInput {
	in := firstset.RatingInput{
		Score:        intField(v, "score", "总体评价", p),
		Comment:      strings.TrimSpace(v.Get("comment")),
		StageScore:   intField(v, "stage_score", "办理环节评价", p),
		StageComment: strings.TrimSpace(v.Get("stage_comment")),
	}
	if in.Score == 0 && !p.Has("score") {
		p.Add("score", "required", "请选择总体评价（1 至 5 分）。")
	}
	if in.StageScore == 0 && !p.Has("stage_score") {
		p.Add("stage_score", "required", "请选择办理环节评价（1 至 5 分）。")
	}
	return in
}

// ScoreInputFrom reads an expert's scoring sheet: one input per criterion,
// named "criteria." and its id, each required.
func ScoreInputFrom(v url.Values, criteria []firstset.Criterion, p *firstset.Problems) firstset.ScoreInput {
	in := firstset.ScoreInput{Criteria: map[string]int{}, Comment: strings.TrimSpace(v.Get("comment"))}
	for _, c := range criteria {
		field := "criteria." + c.ID
		if strings.TrimSpace(v.Get(field)) == "" {
			p.Add(field, "required", "请为“%s”评分。", c.Name)
			continue
		}
		n := intField(v, field, "“"+c.Name+"”的评分", p)
		if !p.Has(field) {
			in.Criteria[c.ID] = n
		}
	}
	return in
}
