package forms

import (
	"strings"

	"firstset"
)

// Errors holds one message per input name, for display beside it.
// Messages for inputs the form does not show go to Other, above the form.
type Errors struct {
	Fields map[string]string
	Other  []string
}

// Any reports whether there is anything to show.
func (e Errors) Any() bool { return len(e.Fields) > 0 || len(e.Other) > 0 }

// NewErrors spreads err over the form's inputs; known lists the input
// names the form shows (a name ending in "." matches any field under it,
// such as "params." for "params[2].value").
func NewErrors(err error, known ...string) Errors {
	fe := Errors{Fields: map[string]string{}}
	e, ok := firstset.AsError(err)
	if !ok {
		fe.Other = append(fe.Other, firstset.ErrorMessage(err))
		return fe
	}
	fields := e.Fields
	if len(fields) == 0 && e.Field != "" {
		fields = []firstset.FieldError{{Field: e.Field, Code: e.Code, Message: e.Message}}
	}
	if len(fields) == 0 {
		fe.Other = append(fe.Other, e.Message)
		return fe
	}
	for _, f := range fields {
		if !IsKnownField(f.Field, known) {
			fe.Other = append(fe.Other, f.Message)
			continue
		}
		if prev, ok := fe.Fields[f.Field]; ok {
			fe.Fields[f.Field] = prev + "；" + f.Message
		} else {
			fe.Fields[f.Field] = f.Message
		}
	}
	return fe
}

// IsKnownField reports whether the form shows field; a known name ending
// in a dot (params.) stands for its rows (params[0].name).
func IsKnownField(field string, known []string) bool {
	for _, k := range known {
		base, prefix := strings.CutSuffix(k, ".")
		if field == k || (prefix && (strings.HasPrefix(field, base+"[") || strings.HasPrefix(field, k))) {
			return true
		}
	}
	return false
}

// IsFormError reports whether err is about the input, to be shown on the
// form, rather than a reason to leave the page.
func IsFormError(err error) bool {
	switch firstset.ErrorCode(err) {
	case firstset.EINVALID, firstset.ECONFLICT:
		return true
	}
	return false
}
