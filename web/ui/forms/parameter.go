package forms

import (
	"net/url"
	"strings"

	"firstset"
)

// ParameterFields are the inputs of the parameter change form.
var ParameterFields = []string{"param", "from", "value", "source", ConfirmField}

// ParameterChangeFrom reads the parameter change form; a change applies to
// every later computation, so it is confirmed.
func ParameterChangeFrom(v url.Values, p *firstset.Problems) firstset.ParameterChangeInput {
	Confirmed(v, p)
	return firstset.ParameterChangeInput{
		Param:  strings.TrimSpace(v.Get("param")),
		From:   strings.TrimSpace(v.Get("from")),
		Value:  strings.TrimSpace(v.Get("value")),
		Source: strings.TrimSpace(v.Get("source")),
	}
}
