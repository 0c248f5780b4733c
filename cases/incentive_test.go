package cases

import (
	"slices"
	"testing"

	"firstset"
)

// The incentive workflows written out by hand, as issue 12 and the 2024
// measures describe them: stage → action → party → where it leads.
var allowedReward = map[Stage]map[Action]map[Party]string{
	Draft:          {Submit: {Applicant: "confirmation"}, Withdraw: {Applicant: "withdrawn"}},
	Confirmation:   {Confirm: {Manufacturer: "district_review"}, Return: {Manufacturer: "returned"}, Withdraw: {Applicant: "withdrawn"}},
	DistrictReview: {Approve: {District: "review"}, Return: {District: "returned"}, Reject: {District: "rejected"}, Withdraw: {Applicant: "withdrawn"}},
	Review: {Draw: {Reviewer: "stay"}, Score: {Expert: "stay", Reviewer: "stay"}, Approve: {Reviewer: "allocation"},
		Return: {Reviewer: "returned"}, Reject: {Reviewer: "rejected"}, Withdraw: {Applicant: "withdrawn"}},
	Allocation:    {Allocate: {Reviewer: "stay"}, Approve: {Finance: "approved"}, NoFunds: {Finance: "unfunded"}, Reject: {Reviewer: "rejected"}},
	Approved:      {Pay: {Finance: "partially_paid"}, PayOff: {Finance: "paid"}},
	PartiallyPaid: {Pay: {Finance: "partially_paid"}, PayOff: {Finance: "paid"}},
	Returned:      {Submit: {Applicant: "back"}, Withdraw: {Applicant: "withdrawn"}},
	Paid:          {},
	Unfunded:      {},
	Rejected:      {},
	Withdrawn:     {},
}

// allowedSubsidy is the reward's workflow without the manufacturer's
// confirmation: the manufacturer is the applicant.
var allowedSubsidy = func() map[Stage]map[Action]map[Party]string {
	m := map[Stage]map[Action]map[Party]string{}
	for st, acts := range allowedReward {
		if st == Confirmation {
			continue
		}
		m[st] = acts
	}
	m[Draft] = map[Action]map[Party]string{Submit: {Applicant: "district_review"}, Withdraw: {Applicant: "withdrawn"}}
	return m
}()

var (
	incentiveActions = []Action{Submit, Resubmit, Withdraw, Confirm, Approve, Return, Reject, Draw, Score,
		Allocate, NoFunds, Pay, PayOff, Announce, Publish}
	incentiveParties = []Party{Applicant, Manufacturer, District, Reviewer, Expert, Finance}
)

func TestIncentiveEveryActionOfEveryPartyAtEveryStage(t *testing.T) {
	for _, tc := range []struct {
		k     *Kind
		table map[Stage]map[Action]map[Party]string
	}{{Reward, allowedReward}, {Subsidy, allowedSubsidy}} {
		t.Run(tc.k.Name, func(t *testing.T) {
			if len(tc.k.Stages) != len(tc.table) {
				t.Errorf("%d stages defined, the table has %d", len(tc.k.Stages), len(tc.table))
			}
			var stages []Stage
			for _, d := range tc.k.Stages {
				stages = append(stages, d.Stage)
			}
			checkMatrix(t, tc.k, tc.table, stages, incentiveActions, incentiveParties)
		})
	}
}

func TestIncentiveKindsAreWellFormed(t *testing.T) {
	for _, k := range []*Kind{Reward, Subsidy} {
		if !firstset.IsIncentive(k.Name) || !Incentive(k) {
			t.Errorf("%s is not an incentive", k.Name)
		}
		reached := map[Stage]bool{k.Start: true}
		for changed := true; changed; {
			changed = false
			for _, tr := range k.Rules {
				for _, from := range tr.From {
					if reached[from] && tr.To != "" && !reached[tr.To] {
						reached[tr.To], changed = true, true
					}
				}
			}
		}
		reached[Returned] = true // by every return; left by going back
		for _, d := range k.Stages {
			if !reached[d.Stage] {
				t.Errorf("%s: stage %s cannot be reached", k.Name, d.Stage)
			}
			acts := k.Actions(d.Stage)
			if d.Terminal != (len(acts) == 0) {
				t.Errorf("%s: stage %s terminal %v with %d actions", k.Name, d.Stage, d.Terminal, len(acts))
			}
			if !d.Terminal && len(k.ActionsFor(d.Stage, d.Next)) == 0 {
				t.Errorf("%s: stage %s waits for %s, who can do nothing there", k.Name, d.Stage, d.Next)
			}
			if !d.Terminal && !k.RoleOf(d.Next).Valid() {
				t.Errorf("%s: stage %s waits for a party without a role", k.Name, d.Stage)
			}
		}
		for _, tr := range k.Rules {
			switch {
			case tr.Action == Reject && !slices.Contains(tr.Requires, NeedsReason):
				t.Errorf("%s: reject at %v needs no reason", k.Name, tr.From)
			case tr.Action == Return && !slices.Contains(tr.Requires, NeedsItems):
				t.Errorf("%s: return at %v names no items", k.Name, tr.From)
			case tr.Action == Submit && !slices.Contains(tr.Requires, NeedsEligible):
				t.Errorf("%s: submit needs no eligibility", k.Name)
			}
		}
	}
	if Reward.RoleOf(Applicant) != firstset.RoleBuyer || Subsidy.RoleOf(Applicant) != firstset.RoleEnterprise {
		t.Error("a reward is applied for by a buyer, a subsidy by the enterprise")
	}
	if Reward.RoleOf(Manufacturer) != firstset.RoleEnterprise || Reward.RoleOf(Finance) != firstset.RoleFinance {
		t.Error("the manufacturer acts as an enterprise, finance as finance")
	}
}
