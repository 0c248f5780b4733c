package ui

import "firstset/web/ui/forms"

// passwordPage is the change-password form's data.
type passwordPage struct {
	Errors forms.Errors
}
