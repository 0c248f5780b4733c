package cases

import "firstset"

// Parties of the incentive workflows besides those of recognition.
const (
	// Manufacturer is the enterprise whose product a buyer's reward
	// application is about: it confirms the first purchase and use.
	Manufacturer Party = "manufacturer"
	// Finance is 市财政局: it approves a round's allocation and pays.
	Finance Party = "finance"
)

// Stages of an incentive application (a first-purchase reward or a
// premium subsidy); Draft, DistrictReview, Returned, Rejected and
// Withdrawn are recognition's.
const (
	Confirmation  Stage = "confirmation"   // the manufacturer confirms the first purchase and use
	Review        Stage = "review"         // the city's reviewer (or drawn experts) scores it
	Allocation    Stage = "allocation"     // waiting for the round's allocation and finance's approval
	Approved      Stage = "approved"       // allocated an amount, approved by finance, to be paid
	PartiallyPaid Stage = "partially_paid" // paid in part
	Paid          Stage = "paid"           // paid in full
	Unfunded      Stage = "unfunded"       // approved allocation gave it nothing
)

// Actions of the incentive workflows besides recognition's.
const (
	Confirm  Action = "confirm"    // the manufacturer confirms the first purchase and use
	Allocate Action = "allocate"   // the round's allocation reached the case (its own request)
	NoFunds  Action = "not_funded" // the approved allocation gave it nothing
	Pay      Action = "pay"        // a payment that leaves part of the allocation unpaid
	PayOff   Action = "pay_off"    // the payment that completes the allocation
)

// Kinds of incentive application; their names are the incentive kinds
// of a round (firstset.IncentiveReward, firstset.IncentiveSubsidy).
var (
	// Reward is the first-purchase reward (M24-1): the first buying and
	// using unit applies, the manufacturer confirms.
	Reward = incentiveKind(firstset.IncentiveReward, "首购首用奖励", "JL", true)
	// Subsidy is the insurance premium subsidy (M24-2): the manufacturer
	// applies (or confirms an offer computed from its insurer's data).
	Subsidy = incentiveKind(firstset.IncentiveSubsidy, "保费补贴", "BT", false)
)

// incentiveKind builds an incentive workflow; confirmed kinds wait for the
// manufacturer between the applicant's submission and the district.
func incentiveKind(name, label, prefix string, confirmed bool) *Kind {
	days := func(stage string) string { return "case.incentive." + stage + "_days" }
	afterSubmit := DistrictReview
	if confirmed {
		afterSubmit = Confirmation
	}
	k := &Kind{
		Name:   name,
		Label:  label,
		Prefix: prefix,
		Start:  Draft,
		Stages: []StageDef{
			{Stage: Draft, Label: "草稿", Next: Applicant},
		},
	}
	if confirmed {
		k.ApplicantRole = firstset.RoleBuyer
		k.Stages = append(k.Stages, StageDef{Stage: Confirmation, Label: "生产企业确认", Next: Manufacturer, Deadline: days("confirmation")})
	}
	k.Stages = append(k.Stages,
		StageDef{Stage: DistrictReview, Label: "区县初审", Next: District, Deadline: days("district_review")},
		StageDef{Stage: Review, Label: "市级评审", Next: Reviewer, Deadline: days("review")},
		StageDef{Stage: Allocation, Label: "资金分配", Next: Reviewer},
		StageDef{Stage: Approved, Label: "待拨付", Next: Finance},
		StageDef{Stage: PartiallyPaid, Label: "部分拨付", Next: Finance},
		StageDef{Stage: Paid, Label: "已拨付", Terminal: true},
		StageDef{Stage: Unfunded, Label: "未获安排", Terminal: true},
		StageDef{Stage: Returned, Label: "退回补正", Next: Applicant, Deadline: days("correction")},
		StageDef{Stage: Rejected, Label: "不予支持", Terminal: true},
		StageDef{Stage: Withdrawn, Label: "已撤回", Terminal: true},
	)
	withdrawable := []Stage{Draft, DistrictReview, Review, Returned}
	if confirmed {
		withdrawable = []Stage{Draft, Confirmation, DistrictReview, Review, Returned}
	}
	k.Rules = []Transition{
		{Action: Submit, Label: "提交申请", From: []Stage{Draft}, To: afterSubmit, By: Applicant,
			Requires: []Requirement{NeedsRoundOpen, NeedsMaterials, NeedsEligible}},
		{Action: Submit, Label: "补正后重新提交", From: []Stage{Returned}, Back: true, By: Applicant,
			Requires: []Requirement{NeedsMaterials, NeedsEligible}},
		{Action: Withdraw, Label: "撤回申请", From: withdrawable, To: Withdrawn, By: Applicant},
	}
	if confirmed {
		k.Rules = append(k.Rules,
			Transition{Action: Confirm, Label: "确认首购首用", From: []Stage{Confirmation}, To: DistrictReview, By: Manufacturer},
			Transition{Action: Return, Label: "退回采购单位", From: []Stage{Confirmation}, To: Returned, By: Manufacturer,
				Requires: []Requirement{NeedsItems}},
		)
	}
	k.Rules = append(k.Rules,
		Transition{Action: Approve, Label: "初审通过", From: []Stage{DistrictReview}, To: Review, By: District,
			Requires: []Requirement{NeedsOpinion}},
		Transition{Action: Return, Label: "退回补正", From: []Stage{DistrictReview}, To: Returned, By: District,
			Requires: []Requirement{NeedsItems}},
		Transition{Action: Reject, Label: "不予通过", From: []Stage{DistrictReview}, To: Rejected, By: District,
			Requires: []Requirement{NeedsReason}},

		Transition{Action: Draw, Label: "抽取专家", From: []Stage{Review}, By: Reviewer, Stays: true, Own: true},
		Transition{Action: Score, Label: "评分", From: []Stage{Review}, By: Expert, Stays: true, Own: true},
		Transition{Action: Score, Label: "评分", From: []Stage{Review}, By: Reviewer, Stays: true, Own: true},
		Transition{Action: Approve, Label: "评审通过", From: []Stage{Review}, To: Allocation, By: Reviewer,
			Requires: []Requirement{NeedsScores, NeedsOpinion}},
		Transition{Action: Return, Label: "退回补正", From: []Stage{Review}, To: Returned, By: Reviewer,
			Requires: []Requirement{NeedsItems}},
		Transition{Action: Reject, Label: "不予支持", From: []Stage{Review, Allocation}, To: Rejected, By: Reviewer,
			Requires: []Requirement{NeedsReason, NeedsRoundUnapproved}},

		// The allocation is the round's: these are taken by its own requests.
		Transition{Action: Allocate, Label: "分配资金", From: []Stage{Allocation}, By: Reviewer, Stays: true, Own: true},
		Transition{Action: Approve, Label: "批准安排", From: []Stage{Allocation}, To: Approved, By: Finance, Own: true},
		Transition{Action: NoFunds, Label: "未获安排", From: []Stage{Allocation}, To: Unfunded, By: Finance, Own: true},
		Transition{Action: Pay, Label: "部分拨付", From: []Stage{Approved, PartiallyPaid}, To: PartiallyPaid, By: Finance, Own: true},
		Transition{Action: PayOff, Label: "拨付完毕", From: []Stage{Approved, PartiallyPaid}, To: Paid, By: Finance, Own: true},
	)
	return k
}

// Incentive reports whether k is one of the incentive workflows.
func Incentive(k *Kind) bool { return k == Reward || k == Subsidy }

// Named is the kind called name; a name no kind has (a case stored before
// kinds were named) is recognition's, the first kind.
func Named(name string) *Kind {
	switch name {
	case Reward.Name:
		return Reward
	case Subsidy.Name:
		return Subsidy
	}
	return Recognition
}
