package forms

import (
	"net/url"
	"strings"

	"firstset"
)

// ComplaintFields are the inputs of the complaint forms, for placing
// errors beside them.
var ComplaintFields = []string{"enterprise_id", "product_id", "buyer_id", "buyer_name", "tender_title",
	"tender_number", "clauses", "account", "tender_check_id", "action", "opinion", ConfirmField}

// ComplaintInputFrom reads the filing form.
func ComplaintInputFrom(v url.Values) (firstset.ComplaintInput, *firstset.Problems) {
	var p firstset.Problems
	in := firstset.ComplaintInput{BuyerName: v.Get("buyer_name"), TenderTitle: v.Get("tender_title"),
		TenderNumber: v.Get("tender_number"), Clauses: v.Get("clauses"), Account: v.Get("account")}
	in.ProductID = idField(v, "product_id", "装备", &p)
	in.BuyerID = idField(v, "buyer_id", "采购单位", &p)
	in.TenderCheckID = idField(v, "tender_check_id", "招标文件检查记录", &p)
	return in, &p
}

// ComplaintActionFrom reads an action form: the action is the button
// pressed.
func ComplaintActionFrom(v url.Values) (firstset.ComplaintActionInput, *firstset.Problems) {
	var p firstset.Problems
	in := firstset.ComplaintActionInput{Action: strings.TrimSpace(v.Get("action")), Opinion: v.Get("opinion")}
	in.BuyerID = idField(v, "buyer_id", "采购单位", &p)
	in.TenderCheckID = idField(v, "tender_check_id", "招标文件检查记录", &p)
	return in, &p
}
