package forms

import (
	"net/url"
	"strings"

	"firstset"
	"firstset/web/httpx"
)

// BlankParamRows is how many empty parameter rows a form offers, and how
// many more "增加参数行" adds: the form works without JavaScript.
const BlankParamRows = 5

// ProductFields are the inputs the product form shows.
var ProductFields = []string{"enterprise_id", "name", "model", "category_id", "description",
	"params", "params.", "innovation_level", "talent_led", "talent_program", "patents", "patents."}

// ProductInputFrom reads the product form. Blank parameter rows are
// dropped; patents are one per line. Problems only the web can see (a
// malformed number) are added to p.
func ProductInputFrom(v url.Values, p *firstset.Problems) (firstset.ProductInput, []firstset.Param, string) {
	get := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	in := firstset.ProductInput{
		EnterpriseID:    httpx.FormInt(v, "enterprise_id", p, "所属企业"),
		Name:            get("name"),
		Model:           get("model"),
		CategoryID:      httpx.FormInt(v, "category_id", p, "装备类别"),
		Description:     strings.TrimSpace(v.Get("description")),
		InnovationLevel: firstset.InnovationLevel(get("innovation_level")),
		TalentLed:       v.Get("talent_led") != "",
		TalentProgram:   get("talent_program"),
		Params:          []firstset.Param{},
		Patents:         []string{},
	}
	names, values, units := v["param_name"], v["param_value"], v["param_unit"]
	var rows []firstset.Param
	for i := range names {
		row := firstset.Param{Name: strings.TrimSpace(names[i])}
		if i < len(values) {
			row.Value = strings.TrimSpace(values[i])
		}
		if i < len(units) {
			row.Unit = strings.TrimSpace(units[i])
		}
		rows = append(rows, row)
		if row.Name != "" || row.Value != "" || row.Unit != "" {
			in.Params = append(in.Params, row)
		}
	}
	patents := strings.ReplaceAll(v.Get("patents"), "\r\n", "\n")
	for line := range strings.SplitSeq(patents, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			in.Patents = append(in.Patents, line)
		}
	}
	return in, CompactRows(rows), patents
}

// CompactRows keeps the filled rows first, so the indexes of the service's
// "params[i]" errors match the rows shown, and pads with blank ones.
func CompactRows(rows []firstset.Param) []firstset.Param {
	var filled []firstset.Param
	for _, r := range rows {
		if r.Name != "" || r.Value != "" || r.Unit != "" {
			filled = append(filled, r)
		}
	}
	return WithBlankRows(filled, BlankParamRows)
}

// WithBlankRows pads rows with n blank ones to fill in.
func WithBlankRows(rows []firstset.Param, n int) []firstset.Param {
	out := append([]firstset.Param{}, rows...)
	for range n {
		out = append(out, firstset.Param{})
	}
	return out
}

// ProductInputOf fills the form from a stored product, for editing.
func ProductInputOf(p *firstset.Product) firstset.ProductInput {
	return firstset.ProductInput{
		EnterpriseID: p.EnterpriseID, Name: p.Name, Model: p.Model, CategoryID: p.CategoryID,
		Description: p.Description, Params: p.Params, InnovationLevel: p.InnovationLevel,
		TalentLed: p.TalentLed, TalentProgram: p.TalentProgram, Patents: p.Patents,
	}
}
