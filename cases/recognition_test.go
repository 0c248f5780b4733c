package cases

import (
	"slices"
	"testing"
)

// allowedRecognition is the recognition workflow as issue text and the
// 2018 opinions describe it, written out by hand: stage → action → party →
// the stage it leads to ("back" for a resubmission, "stay" for an action
// that leaves the stage). It is checked against the Kind's data, so a
// change to either shows.
var allowedRecognition = map[Stage]map[Action]map[Party]string{
	Draft:          {Submit: {Applicant: "district_review"}, Withdraw: {Applicant: "withdrawn"}},
	DistrictReview: {Approve: {District: "formal_review"}, Return: {District: "returned"}, Reject: {District: "rejected"}, Withdraw: {Applicant: "withdrawn"}},
	FormalReview:   {Approve: {Reviewer: "expert_review"}, Return: {Reviewer: "returned"}, Reject: {Reviewer: "rejected"}, Withdraw: {Applicant: "withdrawn"}},
	ExpertReview:   {Draw: {Reviewer: "stay"}, Score: {Expert: "stay"}, Approve: {Reviewer: "onsite_check"}, Reject: {Reviewer: "rejected"}},
	OnsiteCheck:    {Approve: {Reviewer: "proposed"}, Reject: {Reviewer: "rejected"}},
	Proposed:       {Announce: {Reviewer: "notice"}, Reject: {Reviewer: "rejected"}},
	Notice:         {Publish: {Reviewer: "published"}, Uphold: {Reviewer: "rejected"}},
	Returned:       {Resubmit: {Applicant: "back"}, Withdraw: {Applicant: "withdrawn"}},
	Published:      {},
	Rejected:       {},
	Withdrawn:      {},
}

var (
	allStages  = []Stage{Draft, DistrictReview, FormalReview, ExpertReview, OnsiteCheck, Proposed, Notice, Published, Returned, Rejected, Withdrawn}
	allActions = []Action{Submit, Resubmit, Withdraw, Approve, Return, Reject, Draw, Score, Announce, Publish, Uphold}
	allParties = []Party{Applicant, District, Reviewer, Expert}
)

// TestRecognitionEveryActionOfEveryPartyAtEveryStage runs the whole
// matrix: an allowed action leads where the table says; a refused one is
// wrong_stage when the party takes that action at some other stage, and
// forbidden when it never does (or when the action is another party's
// here).
func TestRecognitionEveryActionOfEveryPartyAtEveryStage(t *testing.T) {
	checkMatrix(t, Recognition, allowedRecognition, allStages, allActions, allParties)
	if _, r := Recognition.Decide(Draft, "teleport", Applicant); r == nil || r.Code != CodeForbidden {
		t.Errorf("an unknown action: %v", r)
	}
}

// TestRecognitionIsWellFormed: every stage named is defined, every stage
// is reachable from the start, each open stage's next party has something
// to do there, terminal stages have nothing, and the parties act with
// their roles.
func TestRecognitionIsWellFormed(t *testing.T) {
	k := Recognition
	for _, st := range allStages {
		if _, ok := k.Stage(st); !ok {
			t.Errorf("stage %s undefined", st)
		}
	}
	if len(k.Stages) != len(allStages) {
		t.Errorf("%d stages defined, %d expected", len(k.Stages), len(allStages))
	}
	reached := map[Stage]bool{k.Start: true}
	for changed := true; changed; {
		changed = false
		for _, tr := range k.Rules {
			for _, from := range tr.From {
				if _, ok := k.Stage(from); !ok {
					t.Errorf("%s from undefined stage %s", tr.Action, from)
				}
				if reached[from] && tr.To != "" && !reached[tr.To] {
					reached[tr.To], changed = true, true
				}
			}
		}
	}
	for _, d := range k.Stages {
		if !reached[d.Stage] {
			t.Errorf("stage %s cannot be reached", d.Stage)
		}
		if d.Label == "" {
			t.Errorf("stage %s has no label", d.Stage)
		}
		acts := k.Actions(d.Stage)
		if d.Terminal != (len(acts) == 0) {
			t.Errorf("stage %s: terminal %v with %d actions", d.Stage, d.Terminal, len(acts))
		}
		if !d.Terminal && len(k.ActionsFor(d.Stage, d.Next)) == 0 {
			t.Errorf("stage %s waits for %s, who can do nothing there", d.Stage, d.Next)
		}
	}
	for _, p := range allParties {
		if !p.Role().Valid() {
			t.Errorf("party %s has no role", p)
		}
	}
	// Refusals and returns say why; the one way in needs the materials.
	for _, tr := range k.Rules {
		switch tr.Action {
		case Reject, Uphold:
			if !slices.Contains(tr.Requires, NeedsReason) {
				t.Errorf("%s at %v needs no reason", tr.Action, tr.From)
			}
		case Return:
			if !slices.Contains(tr.Requires, NeedsItems) {
				t.Errorf("return at %v names no items", tr.From)
			}
		case Submit, Resubmit:
			if !slices.Contains(tr.Requires, NeedsMaterials) {
				t.Errorf("%s needs no materials", tr.Action)
			}
		}
	}
}

func TestCaseNumbers(t *testing.T) {
	if got := Number("RD", 2026, 123); got != "RD-2026-000123" {
		t.Fatalf("Number = %s", got)
	}
	if got := Number("RD", 2026, 1234567); got != "RD-2026-1234567" {
		t.Fatalf("a seventh digit: %s", got)
	}
	for _, s := range []string{"RD-2026-000123", "RD-2026-1234567"} {
		p, y, n, err := ParseNumber(s)
		if err != nil || Number(p, y, n) != s {
			t.Errorf("%s: %s %d %d %v", s, p, y, n, err)
		}
	}
	for _, bad := range []string{"", "RD-2026-123", "rd-2026-000123", "RD-26-000123", "RD-2026-000000", "RD-2026-00012a", "RD-2026-000123-1", "R-2026-000123"} {
		if _, _, _, err := ParseNumber(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}
