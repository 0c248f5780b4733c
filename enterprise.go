package firstset

import (
	"context"
	"time"
)

// Enterprise is a manufacturer registered in Chongqing.
type Enterprise struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	CreditCode   string `json:"credit_code"` // 统一社会信用代码
	DistrictCode string `json:"district_code"`
	DistrictName string `json:"district_name,omitempty"`
	Address      string `json:"address"`
	ContactName  string `json:"contact_name"`
	ContactPhone string `json:"contact_phone"`
	ContactEmail string `json:"contact_email,omitempty"`
	// LegalRepresentative is 法定代表人.
	LegalRepresentative string    `json:"legal_representative,omitempty"`
	CreatedAt           time.Time `json:"created_at"`
	UpdatedAt           time.Time `json:"updated_at"`
}

// EnterpriseInput is the editable part of an enterprise.
type EnterpriseInput struct {
	Name                string `json:"name"`
	CreditCode          string `json:"credit_code"`
	DistrictCode        string `json:"district_code"`
	Address             string `json:"address"`
	ContactName         string `json:"contact_name"`
	ContactPhone        string `json:"contact_phone"`
	ContactEmail        string `json:"contact_email"`
	LegalRepresentative string `json:"legal_representative"`
}

// EnterpriseFilter narrows an enterprise listing.
type EnterpriseFilter struct {
	// IDs, when set, limits the list to these enterprises (a page naming
	// the enterprises of its rows reads them in one query).
	IDs          []int64
	DistrictCode string
	Query        string // part of the name or the credit code
	Offset       int
	Limit        int
}

// Who may see and do what with enterprises (see product.go).

// CheckCreateEnterprise is CreateEnterprise's refusal for a, if any.
func CheckCreateEnterprise(a *Actor) error {
	return a.RequireRole(RoleAdmin, RoleReviewer)
}

// CanCreateEnterprise reports whether a may register enterprises.
func CanCreateEnterprise(a *Actor) bool { return CheckCreateEnterprise(a) == nil }

// CanEditEnterprise reports whether a may edit e's profile.
func CanEditEnterprise(a *Actor, e *Enterprise) bool {
	return CheckEditEnterprise(a, e) == nil
}

// EnterpriseIdentityFixed reports whether a edits an enterprise's profile
// without its identity: its name, credit code and district, which the
// catalog shows and which decide the district office that reviews it. An
// enterprise changes them through the city (a registration change is
// verified there), not by itself.
func EnterpriseIdentityFixed(a *Actor) bool { return a.Role() == RoleEnterprise }

// CanSeeEnterprise reports whether FindEnterpriseByID shows e to a. Only
// e's id and district are read, so a product's can stand for it.
func CanSeeEnterprise(a *Actor, e *Enterprise) bool {
	return !a.IsPublic() && seesEnterprise(a, e)
}

// CheckListEnterprises is FindEnterprises' refusal for a, if any.
func CheckListEnterprises(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	switch {
	case a.Role().SeesAllEnterprises(), a.Role() == RoleDistrict, a.Role() == RoleEnterprise:
		return nil
	}
	return Errorf(EFORBIDDEN, "您的角色（%s）无权查看企业名录。", a.Role().Label())
}

// EnterpriseDistrictOf is the one district whose enterprises a lists, or ""
// when a's list is not bound to a district (the district filter is then a
// choice).
func EnterpriseDistrictOf(a *Actor) string {
	if a.Role() == RoleDistrict {
		return a.User.DistrictCode
	}
	return ""
}

// CanListEnterprises reports whether a may open the enterprise list. An
// enterprise user's list holds its own enterprise only.
func CanListEnterprises(a *Actor) bool { return CheckListEnterprises(a) == nil }

// seesEnterprise reports whether a logged-in a sees e: the city's
// departments all, an enterprise itself, a district office its district's.
func seesEnterprise(a *Actor, e *Enterprise) bool {
	switch {
	case a.Role().SeesAllEnterprises():
		return true
	case a.Role() == RoleEnterprise:
		return a.User.EnterpriseID == e.ID
	case a.Role() == RoleDistrict:
		return a.User.DistrictCode == e.DistrictCode
	}
	return false
}

// CheckEditEnterprise is UpdateEnterprise's refusal, if any: the
// city's reviewers and administrators edit any profile, an enterprise user
// its own; an enterprise the actor may not see looks absent.
func CheckEditEnterprise(a *Actor, e *Enterprise) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	switch a.Role() {
	case RoleAdmin, RoleReviewer:
		return nil
	case RoleEnterprise:
		if a.User.EnterpriseID != e.ID {
			return NotFound("企业")
		}
		return nil
	}
	if seesEnterprise(a, e) {
		return Errorf(EFORBIDDEN, "您的角色（%s）无权修改企业信息。", a.Role().Label())
	}
	return NotFound("企业")
}

// EnterpriseListSingle reports whether a's enterprise list is its own
// enterprise alone, which the list page then shows as a profile.
func EnterpriseListSingle(a *Actor) bool { return a.Role() == RoleEnterprise }

// EnterpriseService manages enterprises; what a caller sees depends on its role.
type EnterpriseService interface {
	FindEnterpriseByID(ctx context.Context, id int64) (*Enterprise, error)
	FindEnterprises(ctx context.Context, f EnterpriseFilter) ([]*Enterprise, int, error)
	CreateEnterprise(ctx context.Context, in EnterpriseInput) (*Enterprise, error)
	UpdateEnterprise(ctx context.Context, id int64, in EnterpriseInput) (*Enterprise, error)
}

// EnterpriseStore is the enterprises' part of a Tx.
type EnterpriseStore interface {
	EnterpriseByID(ctx context.Context, id int64) (*Enterprise, error)
	EnterpriseByCreditCode(ctx context.Context, code string) (*Enterprise, error)
	ListEnterprises(ctx context.Context, f EnterpriseFilter) ([]*Enterprise, int, error)
	CreateEnterprise(ctx context.Context, e *Enterprise) error
	UpdateEnterprise(ctx context.Context, e *Enterprise) error
}
