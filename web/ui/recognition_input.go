package ui

import (
	"net/url"
	"strings"

	"firstset"
	"firstset/date"
)

// recognitionForm is the administrator's recognition form.
type recognitionForm struct {
	Product      *firstset.Product
	Status       firstset.ProductStatus
	RecognizedOn string
	ValidUntil   string
	Reason       string
	Errors       formErrors
}

var recognitionFields = []string{"status", "recognized_on", "valid_until", "reason"}

// recognitionInputFrom reads the form; a date in the wrong form is a
// problem with its field.
func recognitionInputFrom(v url.Values, p *firstset.Problems) firstset.RecognitionInput {
	in := firstset.RecognitionInput{
		Status: firstset.ProductStatus(strings.TrimSpace(v.Get("status"))),
		Reason: strings.TrimSpace(v.Get("reason")),
	}
	in.RecognizedOn = formDate(v, "recognized_on", "认定日期", p)
	in.ValidUntil = formDate(v, "valid_until", "有效期至", p)
	return in
}

func formDate(v url.Values, field, label string, p *firstset.Problems) date.Date {
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
