package cases

import "firstset"

// Lender is a bank or leasing firm a financing request was shared with.
const Lender Party = "lender"

// Actions of the financing workflows besides the complaint's Accept, the
// claims' Decline (the lender declines, with reasons: 婉拒) and
// recognition's Withdraw.
const (
	Interest Action = "interest" // the lender is interested (有意向)
	Offer    Action = "offer"    // the lender offers terms, or changes them
	Lose     Action = "lose"     // the request ended without this offer
	Close    Action = "close"    // every lender declined
)

// FinancingRequest is an enterprise's financing request (融资需求, 2024
// measures （七）, 2018 opinions （十一）): open while the banks and leasing
// firms it was shared with answer; granted when the enterprise accepts one
// offer, withdrawn when it takes the request back, closed when every lender
// declined. Accepting and closing go through an offer (Own): see
// FinancingOffer.
var FinancingRequest = &Kind{
	Name:   "financing",
	Label:  "融资需求",
	Prefix: "RZ",
	Start:  Stage(firstset.FinancingOpen),
	Stages: []StageDef{
		{Stage: Stage(firstset.FinancingOpen), Label: "征询中", Next: Lender},
		{Stage: Stage(firstset.FinancingGranted), Label: "已获融资", Terminal: true},
		{Stage: Stage(firstset.FinancingWithdrawn), Label: "已撤回", Terminal: true},
		{Stage: Stage(firstset.FinancingClosed), Label: "未获融资", Terminal: true},
	},
	Rules: []Transition{
		{Action: Accept, Label: "采纳报价", From: []Stage{Stage(firstset.FinancingOpen)},
			To: Stage(firstset.FinancingGranted), By: Applicant, Own: true},
		{Action: Withdraw, Label: "撤回需求", From: []Stage{Stage(firstset.FinancingOpen)},
			To: Stage(firstset.FinancingWithdrawn), By: Applicant, Requires: []Requirement{NeedsReason}},
		{Action: Close, Label: "各机构均已婉拒", From: []Stage{Stage(firstset.FinancingOpen)},
			To: Stage(firstset.FinancingClosed), By: Lender, Own: true},
	},
}

// FinancingOffer is one lender's answer to a request: waiting for it,
// interested, then an offer of terms it may change until the enterprise
// accepts it; or declined. When the enterprise accepts another offer or
// withdraws the request, the answers still open are lost.
var FinancingOffer = &Kind{
	Name:   "financing_offer",
	Label:  "融资答复",
	Prefix: "RZ",
	Start:  Stage(firstset.AnswerPending),
	Stages: []StageDef{
		{Stage: Stage(firstset.AnswerPending), Label: "待答复", Next: Lender},
		{Stage: Stage(firstset.AnswerInterested), Label: "有意向", Next: Lender},
		{Stage: Stage(firstset.AnswerOffered), Label: "已报价", Next: Applicant},
		{Stage: Stage(firstset.AnswerAccepted), Label: "已采纳", Terminal: true},
		{Stage: Stage(firstset.AnswerDeclined), Label: "已婉拒", Terminal: true},
		{Stage: Stage(firstset.AnswerLost), Label: "未采纳", Terminal: true},
	},
	Rules: []Transition{
		{Action: Interest, Label: "表达意向", From: []Stage{Stage(firstset.AnswerPending)},
			To: Stage(firstset.AnswerInterested), By: Lender, Requires: []Requirement{NeedsOpinion}},
		{Action: Offer, Label: "报价", From: []Stage{Stage(firstset.AnswerPending), Stage(firstset.AnswerInterested), Stage(firstset.AnswerOffered)},
			To: Stage(firstset.AnswerOffered), By: Lender},
		{Action: Decline, Label: "婉拒", From: []Stage{Stage(firstset.AnswerPending), Stage(firstset.AnswerInterested), Stage(firstset.AnswerOffered)},
			To: Stage(firstset.AnswerDeclined), By: Lender, Requires: []Requirement{NeedsReason}},
		{Action: Accept, Label: "采纳报价", From: []Stage{Stage(firstset.AnswerOffered)},
			To: Stage(firstset.AnswerAccepted), By: Applicant},
		{Action: Lose, Label: "未采纳", From: []Stage{Stage(firstset.AnswerPending), Stage(firstset.AnswerInterested), Stage(firstset.AnswerOffered)},
			To: Stage(firstset.AnswerLost), By: Applicant, Own: true},
	},
}

// DecideFinancing says whether party may take action on a request at
// stage st whose answer at stage answer is the one acted on (a lender's
// own; for the enterprise's accept, the offer it accepts, else ""): a
// lender answers only while the request is open, then as FinancingOffer
// allows; the enterprise acts as FinancingRequest allows.
func DecideFinancing(st, answer Stage, action Action, party Party) (Transition, *Refusal) {
	if party == Lender {
		if st != Stage(firstset.FinancingOpen) {
			def, _ := FinancingRequest.Stage(st)
			return Transition{}, &Refusal{CodeWrongStage, "融资需求" + def.Label + "，不能再答复。"}
		}
		return FinancingOffer.Decide(answer, action, Lender)
	}
	return FinancingRequest.Decide(st, action, party)
}
