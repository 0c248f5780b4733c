package ui

import (
	"firstset"
	"firstset/web/ui/forms"
)

// productForm is the product form's data, for create and edit.
type productForm struct {
	ID         int64 // 0 when creating
	Input      firstset.ProductInput
	Rows       []firstset.Param // the parameter rows shown, blank ones included
	Patents    string
	Categories []firstset.Category
	Errors     forms.Errors
	// ChooseEnterprise lets staff pick the enterprise; an enterprise user
	// always writes for their own, FixedEnterprise.
	ChooseEnterprise bool
	Enterprises      enterpriseChoice
	FixedEnterprise  *firstset.Enterprise
}
