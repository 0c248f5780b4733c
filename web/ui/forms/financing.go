package forms

import (
	"net/url"
	"strings"

	"firstset"
)

// FinancingFields are the inputs of the financing forms, for placing
// errors beside them.
var FinancingFields = []string{"kind", "amount_yuan", "purpose", "product_ids", "institution_ids", "rate_percent",
	"term_months", "policy_number", "note", "offer_id", ConfirmField}

// FinancingRequestFrom reads the request form: products and institutions
// are checkboxes, one value each.
func FinancingRequestFrom(v url.Values, p *firstset.Problems) firstset.FinancingRequestInput {
	in := firstset.FinancingRequestInput{Kind: firstset.FinancingKind(strings.TrimSpace(v.Get("kind"))),
		Amount: Yuan(v, "amount_yuan", "融资金额", p), Purpose: v.Get("purpose")}
	in.ProductIDs = idList(v, "product_ids", "装备", p)
	in.InstitutionIDs = idList(v, "institution_ids", "金融机构", p)
	return in
}

// FinancingOfferFrom reads a lender's offer form; the amount as people
// type it (500万), the rate as written.
func FinancingOfferFrom(v url.Values, p *firstset.Problems) firstset.FinancingOfferInput {
	return firstset.FinancingOfferInput{Amount: Yuan(v, "amount_yuan", "金额", p), RatePercent: strings.TrimSpace(v.Get("rate_percent")),
		TermMonths: intField(v, "term_months", "期限", p), PolicyNumber: v.Get("policy_number"), Note: v.Get("note")}
}

// FinancingNoteFrom reads a note form (interest, refusal, withdrawal).
func FinancingNoteFrom(v url.Values) firstset.FinancingNote {
	return firstset.FinancingNote{Note: v.Get("note")}
}

// FinancingAcceptFrom reads the acceptance of an offer.
func FinancingAcceptFrom(v url.Values, p *firstset.Problems) firstset.FinancingAccept {
	return firstset.FinancingAccept{OfferID: idField(v, "offer_id", "报价", p)}
}
