package ui

import (
	"net/http"
	"net/url"
	"strings"

	"firstset"
	"firstset/web/httpx"
)

// userForm is the administrator's user form, for create and edit.
type userForm struct {
	ID          int64 // 0 when creating
	Input       firstset.UserInput
	Enterprises enterpriseChoice
	Errors      formErrors
}

var userFields = []string{"username", "name", "role", "enterprise_id", "district_code",
	"phone", "email", "disabled", "password"}

func userInputFrom(v url.Values, p *firstset.Problems) firstset.UserInput {
	get := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	return firstset.UserInput{
		Username:     get("username"),
		Name:         get("name"),
		Role:         firstset.Role(get("role")),
		EnterpriseID: httpx.FormInt(v, "enterprise_id", p, "所属企业"),
		DistrictCode: get("district_code"),
		Phone:        get("phone"),
		Email:        get("email"),
		Disabled:     v.Get("disabled") != "",
		Password:     v.Get("password"), // passwords are taken as typed
	}
}

func userInputOf(u *firstset.User) firstset.UserInput {
	return firstset.UserInput{Username: u.Username, Name: u.Name, Role: u.Role, EnterpriseID: u.EnterpriseID,
		DistrictCode: u.DistrictCode, Phone: u.Phone, Email: u.Email, Disabled: u.Disabled}
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
	form.Input.Password = ""
	title := "新增用户"
	if form.ID != 0 {
		title = "编辑用户"
	}
	s.render(w, r, status, "user_form", title, form)
}
