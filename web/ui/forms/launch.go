package forms

import (
	"net/url"
	"strconv"
	"strings"

	"firstset"
	"firstset/web/httpx"
)

// The launch event's forms' inputs, for NewErrors.
var (
	LaunchEventFields = []string{"year", "held_on", "place", "product_ids", ConfirmField}
	HonoreeFields     = []string{"product_id", "name", "id_number", "role", ConfirmField}
)

// LaunchEventInputFrom reads the planning form: the products are its
// ticked checkboxes.
func LaunchEventInputFrom(v url.Values, p *firstset.Problems) firstset.LaunchEventInput {
	in := firstset.LaunchEventInput{HeldOn: strings.TrimSpace(v.Get("held_on")), Place: strings.TrimSpace(v.Get("place"))}
	if s := strings.TrimSpace(v.Get("year")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			p.Add("year", "invalid_year", "年度应为四位数字。")
		}
		in.Year = n
	}
	for _, s := range v["product_ids"] {
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil || n <= 0 {
			p.Add("product_ids", firstset.EINVALID, "发布产品无效。")
			continue
		}
		in.ProductIDs = append(in.ProductIDs, n)
	}
	return in
}

// HonoreeInputFrom reads the form naming one of a product's R&D people.
func HonoreeInputFrom(v url.Values, p *firstset.Problems) firstset.HonoreeInput {
	return firstset.HonoreeInput{
		ProductID: httpx.FormInt(v, "product_id", p, "发布产品"),
		Name:      strings.TrimSpace(v.Get("name")),
		IDNumber:  strings.TrimSpace(v.Get("id_number")),
		Role:      strings.TrimSpace(v.Get("role")),
	}
}
