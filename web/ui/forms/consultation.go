package forms

import (
	"net/url"
	"strings"

	"firstset"
)

// The inputs of the dual-use forms, for NewErrors.
var (
	ConsultationFields = []string{"held_on", "subject", "departments", "product_ids", "decisions"}
	DualUseFields      = []string{"product_id", "note", "dual_use"}
)

// ConsultationInputFrom reads the meeting form: departments one per line.
func ConsultationInputFrom(v url.Values) (firstset.ConsultationInput, *firstset.Problems) {
	var p firstset.Problems
	in := firstset.ConsultationInput{Subject: v.Get("subject"), Decisions: v.Get("decisions")}
	in.HeldOn = Date(v, "held_on", "会商日期", &p)
	for _, line := range strings.Split(v.Get("departments"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			in.Departments = append(in.Departments, line)
		}
	}
	in.ProductIDs = idList(v, "product_ids", "装备", &p)
	return in, &p
}

// DualUseInputFrom reads the marking form: the product and which button.
func DualUseInputFrom(v url.Values) (int64, firstset.DualUseInput, *firstset.Problems) {
	var p firstset.Problems
	id := idField(v, "product_id", "装备编号", &p)
	if id == 0 && strings.TrimSpace(v.Get("product_id")) == "" {
		p.Add("product_id", "required", "请填写装备编号。")
	}
	mark := v.Get("dual_use") != "0"
	return id, firstset.DualUseInput{DualUse: &mark, Note: v.Get("note")}, &p
}
