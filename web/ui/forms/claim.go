package forms

import (
	"net/url"
	"strings"

	"firstset"
)

// ClaimCaseFields are the inputs of the claim forms, for placing errors
// beside them.
var ClaimCaseFields = []string{"policy_number", "occurred_on", "description", "institution_id", "action", "opinion",
	"amount_yuan", "paid_on", ConfirmField}

// ClaimCaseInputFrom reads the report form.
func ClaimCaseInputFrom(v url.Values) (firstset.ClaimCaseInput, *firstset.Problems) {
	var p firstset.Problems
	in := firstset.ClaimCaseInput{PolicyNumber: v.Get("policy_number"), Description: v.Get("description")}
	in.OccurredOn = Date(v, "occurred_on", "出险日期", &p)
	in.InstitutionID = idField(v, "institution_id", "承保机构", &p)
	return in, &p
}

// ClaimCaseActionFrom reads an action form: the action is the button pressed.
func ClaimCaseActionFrom(v url.Values) (firstset.ClaimActionInput, *firstset.Problems) {
	var p firstset.Problems
	in := firstset.ClaimActionInput{Action: strings.TrimSpace(v.Get("action")), Opinion: v.Get("opinion")}
	in.Amount = Yuan(v, "amount_yuan", "金额", &p)
	in.PaidOn = Date(v, "paid_on", "支付日期", &p)
	return in, &p
}
