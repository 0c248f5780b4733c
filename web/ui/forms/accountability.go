package forms

import (
	"net/url"
	"strings"

	"firstset"
)

// ExemptionFields are the inputs of the exemption request and decision
// forms, for placing errors beside them.
var ExemptionFields = func() []string {
	f := []string{"procurement_id", "account", "decision", "reason", ConfirmField}
	for _, c := range firstset.ExemptionConditions {
		f = append(f, "conditions."+c.Key)
	}
	return f
}()

// ExemptionInputFrom reads the request form: each condition is a yes/no
// choice named conditions.<key>, left out when not chosen.
func ExemptionInputFrom(v url.Values) (firstset.ExemptionInput, *firstset.Problems) {
	var p firstset.Problems
	in := firstset.ExemptionInput{Account: v.Get("account"), Conditions: map[string]bool{}}
	in.ProcurementID = idField(v, "procurement_id", "采购记录", &p)
	for _, c := range firstset.ExemptionConditions {
		switch strings.TrimSpace(v.Get("conditions." + c.Key)) {
		case "yes":
			in.Conditions[c.Key] = true
		case "no":
			in.Conditions[c.Key] = false
		}
	}
	return in, &p
}

// ExemptionDecisionFrom reads the decision form.
func ExemptionDecisionFrom(v url.Values) firstset.ExemptionDecision {
	return firstset.ExemptionDecision{Decision: firstset.ExemptionStatus(strings.TrimSpace(v.Get("decision"))), Reason: v.Get("reason")}
}
