package forms

import (
	"net/url"
	"strings"

	"firstset"
)

// AdjustmentFields are the inputs of the product page's adjustment form.
var AdjustmentFields = []string{"action", "reason", "document", "valid_until", ConfirmField}

// AdjustmentFrom reads the adjustment form; every adjustment is confirmed
// first, since it changes what the public catalog and verifiers say.
func AdjustmentFrom(v url.Values, p *firstset.Problems) firstset.AdjustmentInput {
	in := firstset.AdjustmentInput{
		Action:   firstset.AdjustmentAction(strings.TrimSpace(v.Get("action"))),
		Reason:   strings.TrimSpace(v.Get("reason")),
		Document: strings.TrimSpace(v.Get("document")),
	}
	if in.Action == firstset.AdjustSetValidUntil {
		in.ValidUntil = Date(v, "valid_until", "有效期截止日期", p)
	}
	Confirmed(v, p)
	return in
}
