package cases

import "firstset"

// Supervisor is the tender supervisor (市发展改革委) that handles complaints
// about tender documents.
const Supervisor Party = "supervisor"

// Actions of the complaint workflow besides recognition's Reject, Uphold
// and Withdraw.
const (
	Accept  Action = "accept"  // 受理
	Dismiss Action = "dismiss" // 投诉不成立，驳回
)

// Time limits of the complaint stages, by parameter name: 3 working days
// to decide whether to accept, 30 to decide an accepted complaint
// (《招标投标法实施条例》第六十二条).
const (
	ComplaintAcceptanceDays = "case.complaint.acceptance_days"
	ComplaintHandlingDays   = "case.complaint.handling_days"
)

// Complaint is the complaint about a tender document (招标投诉, 2024
// measures （四）, 2018 opinions （十四）): a first-set maker files it, the
// supervisor accepts it or refuses to with reasons, then upholds or
// dismisses it with a written answer; the maker may withdraw it until
// then. Its records are firstset.Complaint: the buyer complained about
// sees it too, which a product's case would not allow.
var Complaint = &Kind{
	Name:   "complaint",
	Label:  "招标投诉",
	Prefix: "TS",
	Start:  Stage(firstset.ComplaintSubmitted),
	Stages: []StageDef{
		{Stage: Stage(firstset.ComplaintSubmitted), Label: "待受理", Next: Supervisor, Deadline: ComplaintAcceptanceDays},
		{Stage: Stage(firstset.ComplaintAccepted), Label: "处理中", Next: Supervisor, Deadline: ComplaintHandlingDays},
		{Stage: Stage(firstset.ComplaintUpheld), Label: "投诉成立", Terminal: true},
		{Stage: Stage(firstset.ComplaintDismissed), Label: "投诉不成立", Terminal: true},
		{Stage: Stage(firstset.ComplaintRejected), Label: "不予受理", Terminal: true},
		{Stage: Stage(firstset.ComplaintWithdrawn), Label: "已撤回", Terminal: true},
	},
	Rules: []Transition{
		{Action: Accept, Label: "受理", From: []Stage{Stage(firstset.ComplaintSubmitted)},
			To: Stage(firstset.ComplaintAccepted), By: Supervisor},
		{Action: Reject, Label: "不予受理", From: []Stage{Stage(firstset.ComplaintSubmitted)},
			To: Stage(firstset.ComplaintRejected), By: Supervisor, Requires: []Requirement{NeedsReason}},
		{Action: Uphold, Label: "投诉成立", From: []Stage{Stage(firstset.ComplaintAccepted)},
			To: Stage(firstset.ComplaintUpheld), By: Supervisor, Requires: []Requirement{NeedsReason}},
		{Action: Dismiss, Label: "投诉不成立", From: []Stage{Stage(firstset.ComplaintAccepted)},
			To: Stage(firstset.ComplaintDismissed), By: Supervisor, Requires: []Requirement{NeedsReason}},
		{Action: Withdraw, Label: "撤回投诉", From: []Stage{Stage(firstset.ComplaintSubmitted), Stage(firstset.ComplaintAccepted)},
			To: Stage(firstset.ComplaintWithdrawn), By: Applicant},
	},
}
