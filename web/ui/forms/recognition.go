package forms

import (
	"net/url"
	"strings"

	"firstset"
	"firstset/date"
)

// RecognitionFields are the inputs the recognition form shows.
var RecognitionFields = []string{"status", "recognized_on", "valid_until", "reason"}

// RecognitionInputFrom reads the form; a date in the wrong form is a
// problem with its field.
func RecognitionInputFrom(v url.Values, p *firstset.Problems) firstset.RecognitionInput {
	in := firstset.RecognitionInput{
		Status: firstset.ProductStatus(strings.TrimSpace(v.Get("status"))),
		Reason: strings.TrimSpace(v.Get("reason")),
	}
	in.RecognizedOn = Date(v, "recognized_on", "认定日期", p)
	in.ValidUntil = Date(v, "valid_until", "有效期至", p)
	return in
}

// Date reads an optional YYYY-MM-DD input; a malformed one is a problem
// with that field.
func Date(v url.Values, field, label string, p *firstset.Problems) date.Date {
	s := strings.TrimSpace(v.Get(field))
	if s == "" {
		return date.Date{}
	}
	d, err := date.Parse(s)
	if err != nil {
		p.Add(field, firstset.EINVALID, "%s格式应为 年-月-日，如 2025-06-01。", label)
	}
	return d
}
