// Package forms reads the pages' posted forms into the services' inputs
// and answers their refusals beside the inputs (Errors), and pages the
// listings (Pagination). It is named forms, not form, so the handlers'
// many form variables do not shadow it.
package forms
