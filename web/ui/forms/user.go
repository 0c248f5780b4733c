package forms

import (
	"net/url"
	"strings"

	"firstset"
	"firstset/web/httpx"
)

// UserFields are the inputs the user form shows.
var UserFields = []string{"username", "name", "role", "enterprise_id", "buyer_id", "institution_id", "district_code",
	"phone", "email", "disabled", "password", "oidc_subject"}

// UserInputFrom reads the user form.
func UserInputFrom(v url.Values, p *firstset.Problems) firstset.UserInput {
	get := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	var subject *string
	if _, ok := v["oidc_subject"]; ok { // a form without the field keeps the link
		s := get("oidc_subject")
		subject = &s
	}
	return firstset.UserInput{
		OIDCSubject:   subject,
		Username:      get("username"),
		Name:          get("name"),
		Role:          firstset.Role(get("role")),
		EnterpriseID:  httpx.FormInt(v, "enterprise_id", p, "所属企业"),
		BuyerID:       httpx.FormInt(v, "buyer_id", p, "所属采购单位"),
		InstitutionID: httpx.FormInt(v, "institution_id", p, "所属机构"),
		DistrictCode:  get("district_code"),
		Phone:         get("phone"),
		Email:         get("email"),
		Disabled:      v.Get("disabled") != "",
		Password:      v.Get("password"), // passwords are taken as typed
	}
}

// UserInputOf fills the form from a stored user, for editing.
func UserInputOf(u *firstset.User) firstset.UserInput {
	return firstset.UserInput{Username: u.Username, Name: u.Name, Role: u.Role, EnterpriseID: u.EnterpriseID,
		BuyerID: u.BuyerID, InstitutionID: u.InstitutionID,
		DistrictCode: u.DistrictCode, Phone: u.Phone, Email: u.Email, Disabled: u.Disabled, OIDCSubject: &u.OIDCSubject}
}
