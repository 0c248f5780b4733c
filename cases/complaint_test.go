package cases

import "testing"

// allowedComplaint is the complaint workflow written out by hand.
var allowedComplaint = map[Stage]map[Action]map[Party]string{
	"submitted": {Accept: {Supervisor: "accepted"}, Reject: {Supervisor: "rejected"}, Withdraw: {Applicant: "withdrawn"}},
	"accepted":  {Uphold: {Supervisor: "upheld"}, Dismiss: {Supervisor: "dismissed"}, Withdraw: {Applicant: "withdrawn"}},
	"upheld":    {},
	"dismissed": {},
	"rejected":  {},
	"withdrawn": {},
}

func TestComplaintEveryActionOfEveryPartyAtEveryStage(t *testing.T) {
	checkMatrix(t, Complaint, allowedComplaint,
		[]Stage{"submitted", "accepted", "upheld", "dismissed", "rejected", "withdrawn"},
		[]Action{Accept, Reject, Uphold, Dismiss, Withdraw, Approve},
		[]Party{Applicant, Supervisor, Reviewer, District})
	for _, st := range []Stage{"submitted", "accepted"} {
		if d, _ := Complaint.Stage(st); d.Deadline == "" || d.Next != Supervisor {
			t.Errorf("stage %s: %+v, want a time limit and the supervisor next", st, d)
		}
	}
}
