package ui

import (
	"firstset"
	"firstset/web/ui/forms"
)

// recognitionForm is the administrator's recognition form.
type recognitionForm struct {
	Product      *firstset.Product
	Status       firstset.ProductStatus
	RecognizedOn string
	ValidUntil   string
	Reason       string
	Errors       forms.Errors
}
