package forms

import (
	"net/url"
	"strings"

	"firstset"
)

// InstitutionFields are the institution form's inputs, for NewErrors.
var InstitutionFields = []string{"name", "credit_code", "kind"}

// InstitutionInputFrom reads the institution form.
func InstitutionInputFrom(v url.Values) firstset.InstitutionInput {
	return firstset.InstitutionInput{
		Name:       strings.TrimSpace(v.Get("name")),
		CreditCode: strings.TrimSpace(v.Get("credit_code")),
		Kind:       firstset.InstitutionKind(strings.TrimSpace(v.Get("kind"))),
	}
}

// InstitutionInputOf is the form's starting values for n.
func InstitutionInputOf(n *firstset.Institution) url.Values {
	return url.Values{"name": {n.Name}, "credit_code": {n.CreditCode}, "kind": {string(n.Kind)}}
}
