package cases

import "testing"

// allowedClaim is the claims fast track written out by hand.
var allowedClaim = map[Stage]map[Action]map[Party]string{
	"reported":     {Acknowledge: {Insurer: "acknowledged"}, Withdraw: {Applicant: "withdrawn"}},
	"acknowledged": {Assess: {Insurer: "assessed"}, Withdraw: {Applicant: "withdrawn"}},
	"assessed":     {Decide: {Insurer: "approved"}, Decline: {Insurer: "declined"}, Withdraw: {Applicant: "withdrawn"}},
	"approved":     {Pay: {Insurer: "paid"}},
	"paid":         {},
	"declined":     {},
	"withdrawn":    {},
}

func TestClaimEveryActionOfEveryPartyAtEveryStage(t *testing.T) {
	checkMatrix(t, ClaimCase, allowedClaim,
		[]Stage{"reported", "acknowledged", "assessed", "approved", "paid", "declined", "withdrawn"},
		[]Action{Acknowledge, Assess, Decide, Decline, Pay, Withdraw, Approve},
		[]Party{Applicant, Insurer, Reviewer})
	for _, st := range []Stage{"reported", "acknowledged", "assessed", "approved"} {
		if d, _ := ClaimCase.Stage(st); d.Deadline == "" || d.Next != Insurer {
			t.Errorf("stage %s: %+v, want a time limit and the insurer next", st, d)
		}
	}
}
