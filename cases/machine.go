// Package cases holds the case model's state machines (办件): for each
// kind of case its stages, the actions that move a case between them, the
// party that may take each action and what each requires. It is data and
// pure functions, with no I/O: the services load and store cases, ask
// Decide whether an actor's action is allowed, and enforce what it
// requires; pages, the API, to-do lists and deadlines read the same data
// for every kind.
package cases

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"firstset"
)

// Stage is where a case stands; its name is stable (it is in the JSON).
type Stage string

// Action is what a party does to a case; stable like Stage.
type Action string

// Party is who acts on a case, relative to it: the applicant enterprise,
// the district office of the applicant's district, the city's reviewers,
// or an expert drawn for the case.
type Party string

const (
	Applicant Party = "applicant"
	District  Party = "district"
	Reviewer  Party = "reviewer"
	Expert    Party = "expert"
)

// Role is the account role a party acts with.
func (p Party) Role() firstset.Role {
	switch p {
	case Applicant:
		return firstset.RoleEnterprise
	case District:
		return firstset.RoleDistrict
	case Reviewer:
		return firstset.RoleReviewer
	case Expert:
		return firstset.RoleExpert
	case Manufacturer:
		return firstset.RoleEnterprise
	case Finance:
		return firstset.RoleFinance
	case Supervisor:
		return firstset.RoleTender
	case Insurer, Lender:
		return firstset.RoleInsurer
	}
	return ""
}

// Requirement is something an action needs besides the party's right to
// take it; the service checks each before it moves the case.
type Requirement string

const (
	NeedsOpinion   Requirement = "opinion"    // a written opinion (审核意见)
	NeedsItems     Requirement = "items"      // the items to fix (退回补正)
	NeedsReason    Requirement = "reason"     // the reasons for a refusal
	NeedsMaterials Requirement = "materials"  // every required material is attached
	NeedsRoundOpen Requirement = "round_open" // the declaration round is open
	NeedsScores    Requirement = "scores"     // every drawn expert has scored
	NeedsNoticeEnd Requirement = "notice_end" // the public notice has ended
	NeedsNoOpenObj Requirement = "no_open_objection"
	// NeedsEligible: the engine finds the application eligible, with a
	// maximum above zero.
	NeedsEligible Requirement = "eligible"
	// NeedsRoundUnapproved: finance has not approved the round's allocation.
	NeedsRoundUnapproved Requirement = "round_unapproved"
)

// StageDef describes one stage of a kind.
type StageDef struct {
	Stage Stage
	Label string // what people read: 形式审查
	// Next is the party that must act for the case to move on; empty at a
	// terminal stage.
	Next Party
	// Terminal stages end the case: nothing moves it any more.
	Terminal bool
	// Deadline names the parameter that gives the stage's time limit in
	// working days (承诺时限); empty for none.
	Deadline string
}

// Transition is one action allowed at some stages.
type Transition struct {
	Action Action
	Label  string  // what the button says: 通过
	From   []Stage // the stages it is taken at
	// To is the stage it leads to; with Back, the stage the case was
	// returned from (a resubmission goes back to whoever returned it).
	To       Stage
	Back     bool
	By       Party
	Requires []Requirement
	// Stays marks an action recorded on the timeline that leaves the stage
	// as it is (an expert's score, a draw of experts).
	Stays bool
	// Own marks an action taken through a request of its own (a round's
	// allocation, a payment), never through a case's plain actions.
	Own bool
}

// Kind is one workflow's state machine.
type Kind struct {
	Name   string // "recognition"
	Label  string // 首台（套）认定
	Prefix string // the case number's prefix: RD
	Start  Stage  // a new case's stage
	// ApplicantRole is the role of the applicant party: an enterprise
	// unless set (a buyer applies for a first-purchase reward).
	ApplicantRole firstset.Role
	Stages        []StageDef
	Rules         []Transition
}

// Stage returns the definition of st, and false for a stage the kind
// does not have.
func (k *Kind) Stage(st Stage) (StageDef, bool) {
	i := slices.IndexFunc(k.Stages, func(d StageDef) bool { return d.Stage == st })
	if i < 0 {
		return StageDef{}, false
	}
	return k.Stages[i], true
}

// RoleOf is the account role party p acts with in cases of kind k.
func (k *Kind) RoleOf(p Party) firstset.Role {
	if p == Applicant && k.ApplicantRole != "" {
		return k.ApplicantRole
	}
	return p.Role()
}

// Actions lists the actions open at stage st, in the kind's order.
func (k *Kind) Actions(st Stage) []Transition {
	var out []Transition
	for _, t := range k.Rules {
		if slices.Contains(t.From, st) {
			out = append(out, t)
		}
	}
	return out
}

// ActionsFor lists the actions party p may take at stage st.
func (k *Kind) ActionsFor(st Stage, p Party) []Transition {
	var out []Transition
	for _, t := range k.Actions(st) {
		if t.By == p {
			out = append(out, t)
		}
	}
	return out
}

// Stable codes of a refused action, for the API.
const (
	CodeForbidden  = firstset.EFORBIDDEN  // the party may never take this action
	CodeWrongStage = firstset.EWRONGSTAGE // it may, but not at this stage
)

// Refusal is why Decide refused an action; Code is CodeForbidden (HTTP
// 403) or CodeWrongStage (409), Message Chinese.
type Refusal struct {
	Code    string
	Message string
}

func (r *Refusal) Error() string { return r.Code + ": " + r.Message }

// Decide says whether party p may take action a on a case of kind k at
// stage st. Allowed, it returns the transition (its To, Back, Requires and
// Stays say what follows). Refused: CodeForbidden when p may not take a at
// st nor anywhere else, or when a is open at st but to another party;
// CodeWrongStage when p may take a, only not at st.
func (k *Kind) Decide(st Stage, a Action, p Party) (Transition, *Refusal) {
	def, known := k.Stage(st)
	var label string
	for _, t := range k.Rules {
		if t.Action != a {
			continue
		}
		here := slices.Contains(t.From, st)
		if here && t.By == p {
			return t, nil
		}
		if label == "" || here {
			label = t.Label // the name the action has at st, if it has one there
		}
	}
	if label == "" {
		return Transition{}, &Refusal{CodeForbidden, fmt.Sprintf("办件不支持操作 %q。", a)}
	}
	openHere := slices.ContainsFunc(k.Actions(st), func(t Transition) bool { return t.Action == a })
	mayElsewhere := slices.ContainsFunc(k.Rules, func(t Transition) bool { return t.Action == a && t.By == p })
	stageLabel := string(st)
	if known {
		stageLabel = def.Label
	}
	if openHere || !mayElsewhere {
		return Transition{}, &Refusal{CodeForbidden, fmt.Sprintf("您无权对处于“%s”阶段的办件执行“%s”。", stageLabel, label)}
	}
	return Transition{}, &Refusal{CodeWrongStage, fmt.Sprintf("办件处于“%s”阶段，不能执行“%s”。", stageLabel, label)}
}

// Number is a case's number as people quote it: prefix, year and a
// sequence per kind and year, RD-2026-000123.
func Number(prefix string, year int, seq int64) string {
	return fmt.Sprintf("%s-%04d-%06d", prefix, year, seq)
}

// ParseNumber reverses Number.
func ParseNumber(s string) (prefix string, year int, seq int64, err error) {
	bad := fmt.Errorf("办件编号 %q 格式应为 RD-2026-000123。", s)
	parts := strings.Split(s, "-")
	if len(parts) != 3 || len(parts[0]) != 2 || strings.ToUpper(parts[0]) != parts[0] || len(parts[1]) != 4 || len(parts[2]) < 6 {
		return "", 0, 0, bad
	}
	y, err1 := strconv.Atoi(parts[1])
	n, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil || n <= 0 || Number(parts[0], y, n) != s {
		return "", 0, 0, bad
	}
	return parts[0], y, n, nil
}
