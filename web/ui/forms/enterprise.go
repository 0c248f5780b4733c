package forms

import (
	"net/url"
	"strings"

	"firstset"
)

// EnterpriseFields are the inputs the enterprise form shows.
var EnterpriseFields = []string{"name", "credit_code", "district_code", "address",
	"contact_name", "contact_phone", "contact_email", "legal_representative"}

// EnterpriseInputFrom reads the enterprise form.
func EnterpriseInputFrom(v url.Values) firstset.EnterpriseInput {
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

// EnterpriseInputOf fills the form from a stored enterprise, for editing.
func EnterpriseInputOf(e *firstset.Enterprise) firstset.EnterpriseInput {
	return firstset.EnterpriseInput{
		Name: e.Name, CreditCode: e.CreditCode, DistrictCode: e.DistrictCode, Address: e.Address,
		ContactName: e.ContactName, ContactPhone: e.ContactPhone, ContactEmail: e.ContactEmail,
		LegalRepresentative: e.LegalRepresentative,
	}
}
