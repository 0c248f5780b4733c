package cases

import (
	"slices"
	"strings"
	"testing"
)

// checkMatrix runs every action of every party at every stage of kind k
// against table, a kind's workflow written out by hand: stage → action →
// party → the stage it leads to ("back" for a resubmission, "stay" for an
// action that leaves the stage). An allowed action leads where the table
// says; a refused one is wrong_stage when the party takes that action at
// some other stage and nobody may take it here, forbidden otherwise, and
// its message names the stage.
func checkMatrix(t *testing.T, k *Kind, table map[Stage]map[Action]map[Party]string, stages []Stage, actions []Action, parties []Party) {
	t.Helper()
	mayTake := map[Party]map[Action]bool{}
	for _, byAction := range table {
		for a, byParty := range byAction {
			for p := range byParty {
				if mayTake[p] == nil {
					mayTake[p] = map[Action]bool{}
				}
				mayTake[p][a] = true
			}
		}
	}
	n := 0
	for _, st := range stages {
		if _, ok := k.Stage(st); !ok {
			t.Errorf("stage %s undefined", st)
		}
		if _, ok := table[st]; !ok {
			t.Errorf("stage %s missing from the table", st)
		}
		for _, a := range actions {
			for _, p := range parties {
				n++
				tr, refusal := k.Decide(st, a, p)
				want, allowed := table[st][a][p]
				switch {
				case allowed && refusal != nil:
					t.Errorf("%s %s by %s: refused %v, want allowed", st, a, p, refusal)
				case allowed:
					got := string(tr.To)
					if tr.Back {
						got = "back"
					} else if tr.Stays {
						got = "stay"
					}
					if got != want {
						t.Errorf("%s %s by %s leads to %q, want %q", st, a, p, got, want)
					}
				case refusal == nil:
					t.Errorf("%s %s by %s: allowed (to %s), want refused", st, a, p, tr.To)
				default:
					code := CodeForbidden
					if mayTake[p][a] && len(table[st][a]) == 0 {
						code = CodeWrongStage
					}
					if refusal.Code != code {
						t.Errorf("%s %s by %s: %s, want %s", st, a, p, refusal.Code, code)
					}
					known := slices.ContainsFunc(k.Rules, func(r Transition) bool { return r.Action == a })
					if known && !strings.Contains(refusal.Message, "阶段") {
						t.Errorf("%s %s by %s: message %q", st, a, p, refusal.Message)
					}
				}
			}
		}
	}
	if n != len(stages)*len(actions)*len(parties) {
		t.Fatal("the matrix was not run whole")
	}
}
