package ui

import (
	"firstset"
	"firstset/web/ui/forms"
)

// enterpriseForm is the enterprise form's data, for create and edit.
type enterpriseForm struct {
	ID    int64 // 0 when creating
	Input firstset.EnterpriseInput
	// IdentityFixed shows name, credit code and district as text the
	// caller may not change (firstset.EnterpriseIdentityFixed).
	IdentityFixed bool
	Errors        forms.Errors
}
