package forms

import (
	"net/url"
	"strings"

	"firstset"
)

// ProgrammeFields are the inputs of the programme form.
var ProgrammeFields = []string{"kind", "name", "year", "lead", "description", "members", "product_ids", "active"}

// ProgrammeInputFrom reads the programme form: members one per line,
// products by their numbers.
func ProgrammeInputFrom(v url.Values) (firstset.ProgrammeInput, *firstset.Problems) {
	var p firstset.Problems
	active := v.Get("active") == "1"
	in := firstset.ProgrammeInput{Kind: firstset.ProgrammeKind(strings.TrimSpace(v.Get("kind"))), Name: v.Get("name"),
		Lead: v.Get("lead"), Description: v.Get("description"), Active: &active}
	in.Year = intField(v, "year", "年度", &p)
	for _, line := range strings.Split(v.Get("members"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			in.Members = append(in.Members, line)
		}
	}
	in.ProductIDs = idList(v, "product_ids", "装备编号", &p)
	return in, &p
}
