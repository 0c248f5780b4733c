package cases

import "firstset"

// Insurer is the insurer that underwrote the policy a claim is on: any
// user of its institution handles the claim.
const Insurer Party = "insurer"

// Actions of the claims fast track besides recognition's Withdraw and the
// incentives' Pay.
const (
	Acknowledge Action = "acknowledge" // 受理报案
	Assess      Action = "assess"      // 查勘定损
	Decide      Action = "decide"      // 核赔：同意赔付
	Decline     Action = "decline"     // 核赔：拒赔; a lender's 婉拒 too
)

// Time limits of the fast track's steps, by parameter name, in working
// days from the day after the step before it (CaseConfig.StageDays).
const (
	ClaimAcknowledgeDays = "case.claim.acknowledge_days"
	ClaimAssessDays      = "case.claim.assess_days"
	ClaimDecideDays      = "case.claim.decide_days"
	ClaimPayDays         = "case.claim.pay_days"
)

// ClaimCase is the claims fast track of the first-set insurance (理赔快速
// 通道, 2018 opinions （十二）): the insured enterprise (or a user of the
// product) reports an incident on a policy; the insurer acknowledges the
// report, assesses the loss, decides (an amount to pay, or a refusal with
// reasons) and pays, each step within its time limit. The reporter may
// withdraw the report until the insurer has decided. Its records are
// firstset.ClaimCase: the insurer sees it, which a product's case would
// not allow.
var ClaimCase = &Kind{
	Name:   "claim",
	Label:  "保险理赔",
	Prefix: "LP",
	Start:  Stage(firstset.ClaimReported),
	Stages: []StageDef{
		{Stage: Stage(firstset.ClaimReported), Label: "待受理", Next: Insurer, Deadline: ClaimAcknowledgeDays},
		{Stage: Stage(firstset.ClaimAcknowledged), Label: "查勘定损", Next: Insurer, Deadline: ClaimAssessDays},
		{Stage: Stage(firstset.ClaimAssessed), Label: "待核赔", Next: Insurer, Deadline: ClaimDecideDays},
		{Stage: Stage(firstset.ClaimApproved), Label: "待支付赔款", Next: Insurer, Deadline: ClaimPayDays},
		{Stage: Stage(firstset.ClaimPaid), Label: "已结案", Terminal: true},
		{Stage: Stage(firstset.ClaimDeclined), Label: "拒赔", Terminal: true},
		{Stage: Stage(firstset.ClaimWithdrawn), Label: "已撤销", Terminal: true},
	},
	Rules: []Transition{
		{Action: Acknowledge, Label: "受理报案", From: []Stage{Stage(firstset.ClaimReported)},
			To: Stage(firstset.ClaimAcknowledged), By: Insurer},
		{Action: Assess, Label: "查勘定损", From: []Stage{Stage(firstset.ClaimAcknowledged)},
			To: Stage(firstset.ClaimAssessed), By: Insurer, Requires: []Requirement{NeedsOpinion}},
		{Action: Decide, Label: "同意赔付", From: []Stage{Stage(firstset.ClaimAssessed)},
			To: Stage(firstset.ClaimApproved), By: Insurer},
		{Action: Decline, Label: "拒赔", From: []Stage{Stage(firstset.ClaimAssessed)},
			To: Stage(firstset.ClaimDeclined), By: Insurer, Requires: []Requirement{NeedsReason}},
		{Action: Pay, Label: "支付赔款", From: []Stage{Stage(firstset.ClaimApproved)},
			To: Stage(firstset.ClaimPaid), By: Insurer},
		{Action: Withdraw, Label: "撤销报案", From: []Stage{Stage(firstset.ClaimReported), Stage(firstset.ClaimAcknowledged),
			Stage(firstset.ClaimAssessed)}, To: Stage(firstset.ClaimWithdrawn), By: Applicant},
	},
}
