package ui

import (
	"net/url"
	"strings"

	"firstset"
)

// enterpriseForm is the enterprise form's data, for create and edit.
type enterpriseForm struct {
	ID    int64 // 0 when creating
	Input firstset.EnterpriseInput
	// IdentityFixed shows name, credit code and district as text the
	// caller may not change (firstset.EnterpriseIdentityFixed).
	IdentityFixed bool
	Errors        formErrors
}

var enterpriseFields = []string{"name", "credit_code", "district_code", "address",
	"contact_name", "contact_phone", "contact_email", "legal_representative"}

func enterpriseInputFrom(v url.Values) firstset.EnterpriseInput {
	get := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	return firstset.EnterpriseInput{
		Name:                get("name"),
		CreditCode:          strings.ToUpper(get("credit_code")),
		DistrictCode:        get("district_code"),
		Address:             get("address"),
		ContactName:         get("contact_name"),
		ContactPhone:        get("contact_phone"),
		ContactEmail:        get("contact_email"),
		LegalRepresentative: get("legal_representative"),
	}
}

func EnterpriseInputOf(e *firstset.Enterprise) firstset.EnterpriseInput {
	return firstset.EnterpriseInput{
		Name: e.Name, CreditCode: e.CreditCode, DistrictCode: e.DistrictCode, Address: e.Address,
		ContactName: e.ContactName, ContactPhone: e.ContactPhone, ContactEmail: e.ContactEmail,
		LegalRepresentative: e.LegalRepresentative,
	}
}
