package firstset

import (
	"context"
	"time"
)

// InstitutionKind is what a financial institution does for first-set
// makers: insures them (2018 opinions （十二）), lends, leases, or invests
// (2024 measures （七）).
type InstitutionKind string

const (
	InstitutionInsurer InstitutionKind = "insurer" // 保险机构
	InstitutionBank    InstitutionKind = "bank"    // 银行
	InstitutionLeasing InstitutionKind = "leasing" // 融资租赁公司
	InstitutionFund    InstitutionKind = "fund"    // 政府投资基金
)

// InstitutionKinds lists the kinds in the order forms offer them.
var InstitutionKinds = []InstitutionKind{InstitutionInsurer, InstitutionBank, InstitutionLeasing, InstitutionFund}

var institutionKindLabels = map[InstitutionKind]string{
	InstitutionInsurer: "保险机构",
	InstitutionBank:    "银行",
	InstitutionLeasing: "融资租赁公司",
	InstitutionFund:    "政府投资基金",
}

// Label is the kind's Chinese name.
func (k InstitutionKind) Label() string { return institutionKindLabels[k] }

// Valid reports whether k is a known kind.
func (k InstitutionKind) Valid() bool { _, ok := institutionKindLabels[k]; return ok }

// Institution is an insurer, bank, leasing firm or investment fund: every
// user of the 保险机构/金融机构 role acts for one, and its kind tells what
// the user may do.
type Institution struct {
	ID         int64           `json:"id"`
	Name       string          `json:"name"`
	CreditCode string          `json:"credit_code"` // 统一社会信用代码
	Kind       InstitutionKind `json:"kind"`
	KindLabel  string          `json:"kind_label"`
	CreatedAt  time.Time       `json:"created_at"`
	UpdatedAt  time.Time       `json:"updated_at"`
}

// InstitutionInput is what an administrator sets on an institution.
type InstitutionInput struct {
	Name       string          `json:"name"`
	CreditCode string          `json:"credit_code"`
	Kind       InstitutionKind `json:"kind"`
}

// InstitutionFilter narrows an institution listing.
type InstitutionFilter struct {
	IDs    []int64
	Kind   InstitutionKind
	Query  string // part of the name or the credit code
	Offset int
	Limit  int
}

// CheckManageInstitutions is the refusal of CreateInstitution and
// UpdateInstitution, if any: administrators register institutions.
func CheckManageInstitutions(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	return a.RequireRole(RoleAdmin)
}

// CanManageInstitutions reports whether a may register and edit institutions.
func CanManageInstitutions(a *Actor) bool { return CheckManageInstitutions(a) == nil }

// CheckListInstitutions is FindInstitutions' refusal, if any: the city's
// departments that work with them list every institution, an
// institution's user sees its own.
func CheckListInstitutions(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	switch a.Role() {
	case RoleAdmin, RoleReviewer, RoleFinance, RoleInsurer:
		return nil
	}
	return Errorf(EFORBIDDEN, "您的角色（%s）无权查看金融机构。", a.Role().Label())
}

// SeesInstitution reports whether a sees institution n: the departments
// every one, an institution's user its own.
func SeesInstitution(a *Actor, n *Institution) bool {
	if a.IsPublic() {
		return false
	}
	switch a.Role() {
	case RoleAdmin, RoleReviewer, RoleFinance:
		return true
	case RoleInsurer:
		return a.User.InstitutionID == n.ID
	}
	return false
}

// InstitutionService manages the registry of institutions.
type InstitutionService interface {
	FindInstitutionByID(ctx context.Context, id int64) (*Institution, error)
	FindInstitutions(ctx context.Context, f InstitutionFilter) ([]*Institution, int, error)
	CreateInstitution(ctx context.Context, in InstitutionInput) (*Institution, error)
	UpdateInstitution(ctx context.Context, id int64, in InstitutionInput) (*Institution, error)
}

// InstitutionStore is the institutions' part of a Tx.
type InstitutionStore interface {
	InstitutionByID(ctx context.Context, id int64) (*Institution, error)
	ListInstitutions(ctx context.Context, f InstitutionFilter) ([]*Institution, int, error)
	// CreateInstitution is ECONFLICT on "credit_code" for a code already held.
	CreateInstitution(ctx context.Context, n *Institution) error
	UpdateInstitution(ctx context.Context, n *Institution) error
}
