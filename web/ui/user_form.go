package ui

import (
	"net/http"

	"firstset"
	"firstset/web/ui/forms"
)

// userForm is the administrator's user form, for create and edit.
type userForm struct {
	ID           int64 // 0 when creating
	Input        firstset.UserInput
	Enterprises  enterpriseChoice
	Buyers       []*firstset.Buyer
	Institutions []*firstset.Institution
	Errors       forms.Errors
	// OIDC shows the identity provider's subject, OIDCSubject, to link:
	// when a provider is configured or the user is linked already.
	OIDC        bool
	OIDCSubject string
}

// renderUserForm fills in the enterprise select and shows the form. The
// password is never sent back.
func (s *Handler) renderUserForm(w http.ResponseWriter, r *http.Request, status int, form userForm) {
	choice, err := s.enterpriseChoices(r.Context(), form.Input.EnterpriseID)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	form.Enterprises = choice
	if form.Buyers, _, err = s.Buyers.FindBuyers(r.Context(), firstset.BuyerFilter{Limit: 500}); err != nil {
		s.ServeError(w, r, err)
		return
	}
	if form.Institutions, _, err = s.Institutions.FindInstitutions(r.Context(), firstset.InstitutionFilter{Limit: 500}); err != nil {
		s.ServeError(w, r, err)
		return
	}
	form.Input.Password = ""
	if form.Input.OIDCSubject != nil {
		form.OIDCSubject = *form.Input.OIDCSubject
	}
	form.OIDC = s.OIDC != nil || form.OIDCSubject != ""
	title := "新增用户"
	if form.ID != 0 {
		title = "编辑用户"
	}
	s.render(w, r, status, "user_form", title, form)
}
