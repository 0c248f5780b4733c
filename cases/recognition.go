package cases

// Stages of a recognition case (认定). Their names are in the JSON.
const (
	Draft          Stage = "draft"
	DistrictReview Stage = "district_review" // 初审: the applicant's district office
	FormalReview   Stage = "formal_review"   // 形式审查: the city's reviewers
	ExpertReview   Stage = "expert_review"   // 专家评审: experts drawn for the case score it
	OnsiteCheck    Stage = "onsite_check"    // 现场核查: the reviewer records findings
	Proposed       Stage = "proposed"        // 拟认定
	Notice         Stage = "notice"          // 公示
	Published      Stage = "published"       // 已发布: in a published catalog batch
	Returned       Stage = "returned"        // 退回补正: the applicant fixes the items named
	Rejected       Stage = "rejected"        // 不予认定
	Withdrawn      Stage = "withdrawn"       // 已撤回
)

// Actions of a recognition case.
const (
	Submit   Action = "submit"   // the applicant sends the declaration
	Resubmit Action = "resubmit" // the applicant sends it again after fixing the items
	Withdraw Action = "withdraw" // the applicant takes it back, before expert review
	Approve  Action = "approve"  // the stage's reviewer passes it on
	Return   Action = "return"   // back to the applicant, naming the items to fix
	Reject   Action = "reject"   // refused, with reasons
	Draw     Action = "draw"     // the reviewer draws the experts
	Score    Action = "score"    // a drawn expert scores it
	Announce Action = "announce" // the reviewer puts it on a public notice
	Publish  Action = "publish"  // the reviewer publishes it in a catalog batch
	Uphold   Action = "uphold"   // an objection upheld: off the list
)

// Recognition is the state machine of the city's yearly recognition (the
// 2018 opinions （五）（六）): declaration, district and formal review,
// drawn experts, an on-site check, 公示 with objections, publication.
var Recognition = &Kind{
	Name:   "recognition",
	Label:  "首台（套）认定",
	Prefix: "RD",
	Start:  Draft,
	Stages: []StageDef{
		{Stage: Draft, Label: "草稿", Next: Applicant},
		{Stage: DistrictReview, Label: "区县初审", Next: District, Deadline: "case.recognition.district_review_days"},
		{Stage: FormalReview, Label: "形式审查", Next: Reviewer, Deadline: "case.recognition.formal_review_days"},
		{Stage: ExpertReview, Label: "专家评审", Next: Reviewer, Deadline: "case.recognition.expert_review_days"},
		{Stage: OnsiteCheck, Label: "现场核查", Next: Reviewer, Deadline: "case.recognition.onsite_check_days"},
		{Stage: Proposed, Label: "拟认定", Next: Reviewer},
		{Stage: Notice, Label: "公示中", Next: Reviewer},
		{Stage: Published, Label: "已发布", Terminal: true},
		{Stage: Returned, Label: "退回补正", Next: Applicant, Deadline: "case.recognition.correction_days"},
		{Stage: Rejected, Label: "不予认定", Terminal: true},
		{Stage: Withdrawn, Label: "已撤回", Terminal: true},
	},
	Rules: []Transition{
		{Action: Submit, Label: "提交申报", From: []Stage{Draft}, To: DistrictReview, By: Applicant,
			Requires: []Requirement{NeedsRoundOpen, NeedsMaterials}},
		{Action: Resubmit, Label: "补正后重新提交", From: []Stage{Returned}, Back: true, By: Applicant,
			Requires: []Requirement{NeedsMaterials}},
		{Action: Withdraw, Label: "撤回申报", From: []Stage{Draft, DistrictReview, FormalReview, Returned}, To: Withdrawn, By: Applicant},

		{Action: Approve, Label: "初审通过", From: []Stage{DistrictReview}, To: FormalReview, By: District,
			Requires: []Requirement{NeedsOpinion}},
		{Action: Return, Label: "退回补正", From: []Stage{DistrictReview}, To: Returned, By: District,
			Requires: []Requirement{NeedsItems}},
		{Action: Reject, Label: "不予通过", From: []Stage{DistrictReview}, To: Rejected, By: District,
			Requires: []Requirement{NeedsReason}},

		{Action: Approve, Label: "审查通过", From: []Stage{FormalReview}, To: ExpertReview, By: Reviewer,
			Requires: []Requirement{NeedsOpinion}},
		{Action: Return, Label: "退回补正", From: []Stage{FormalReview}, To: Returned, By: Reviewer,
			Requires: []Requirement{NeedsItems}},
		{Action: Draw, Label: "抽取专家", From: []Stage{ExpertReview}, By: Reviewer, Stays: true},
		{Action: Score, Label: "评分", From: []Stage{ExpertReview}, By: Expert, Stays: true},
		{Action: Approve, Label: "评审通过", From: []Stage{ExpertReview}, To: OnsiteCheck, By: Reviewer,
			Requires: []Requirement{NeedsScores, NeedsOpinion}},
		{Action: Approve, Label: "核查通过", From: []Stage{OnsiteCheck}, To: Proposed, By: Reviewer,
			Requires: []Requirement{NeedsOpinion}},
		{Action: Reject, Label: "不予认定", From: []Stage{FormalReview, ExpertReview, OnsiteCheck, Proposed}, To: Rejected,
			By: Reviewer, Requires: []Requirement{NeedsReason}},

		{Action: Announce, Label: "列入公示", From: []Stage{Proposed}, To: Notice, By: Reviewer},
		{Action: Uphold, Label: "异议成立", From: []Stage{Notice}, To: Rejected, By: Reviewer,
			Requires: []Requirement{NeedsReason}},
		{Action: Publish, Label: "发布目录", From: []Stage{Notice}, To: Published, By: Reviewer,
			Requires: []Requirement{NeedsNoticeEnd, NeedsNoOpenObj}},
	},
}
