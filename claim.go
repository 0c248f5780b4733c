package firstset

import (
	"context"
	"time"

	"firstset/date"
	"firstset/money"
)

// ClaimStatus is where a claim on a first-set policy stands in the fast
// track (理赔快速通道); the stages are those of cases.ClaimCase.
type ClaimStatus string

const (
	ClaimReported     ClaimStatus = "reported"     // 已报案，待受理
	ClaimAcknowledged ClaimStatus = "acknowledged" // 已受理，查勘定损中
	ClaimAssessed     ClaimStatus = "assessed"     // 已定损，待核赔
	ClaimApproved     ClaimStatus = "approved"     // 同意赔付，待支付
	ClaimPaid         ClaimStatus = "paid"         // 赔款已支付，结案
	ClaimDeclined     ClaimStatus = "declined"     // 拒赔
	ClaimWithdrawn    ClaimStatus = "withdrawn"    // 报案人撤销
)

// ClaimStatuses lists the statuses in workflow order.
var ClaimStatuses = []ClaimStatus{ClaimReported, ClaimAcknowledged, ClaimAssessed, ClaimApproved, ClaimPaid,
	ClaimDeclined, ClaimWithdrawn}

var claimStatusLabels = map[ClaimStatus]string{
	ClaimReported:     "待受理",
	ClaimAcknowledged: "查勘定损",
	ClaimAssessed:     "待核赔",
	ClaimApproved:     "待支付赔款",
	ClaimPaid:         "已结案",
	ClaimDeclined:     "拒赔",
	ClaimWithdrawn:    "已撤销",
}

func (s ClaimStatus) Label() string { return claimStatusLabels[s] }
func (s ClaimStatus) Valid() bool   { _, ok := claimStatusLabels[s]; return ok }

// Open reports whether the claim still waits for the insurer.
func (s ClaimStatus) Open() bool {
	return s == ClaimReported || s == ClaimAcknowledged || s == ClaimAssessed || s == ClaimApproved
}

// ClaimCase is a claim on a first-set insurance policy handled on the fast
// track (2018 opinions （十二）): reported by the insured enterprise or a
// unit using the product, then acknowledged, assessed, decided and paid by
// the insurer, each step within its time limit in working days. A paid
// claim is a claim on the policy (Claim) and so keeps the next year's
// premium subsidy at the first rung.
type ClaimCase struct {
	ID           int64  `json:"id"`
	Number       string `json:"number"` // LP-2026-000001
	PolicyNumber string `json:"policy_number"`
	// InsurerID is the insurer's user that sent the policy (policies are
	// kept by it); InstitutionID the insurer whose users handle the claim.
	InsurerID       int64  `json:"-"`
	InstitutionID   int64  `json:"institution_id"`
	InstitutionName string `json:"institution_name"`
	ProductID       int64  `json:"product_id"`
	EnterpriseID    int64  `json:"enterprise_id"`
	// BuyerID is the using unit that reported the claim, when it was not
	// the insured enterprise.
	BuyerID     int64       `json:"buyer_id,omitempty"`
	OccurredOn  date.Date   `json:"occurred_on"`
	Description string      `json:"description"`
	Status      ClaimStatus `json:"status"`
	StatusLabel string      `json:"status_label"`
	ReportedOn  date.Date   `json:"reported_on"`
	// DueOn is the last day of the open step's time limit.
	DueOn   date.Date `json:"due_on,omitzero"`
	Overdue bool      `json:"overdue"`
	// The amounts of the assessment (定损金额), the decision (核定赔款) and
	// the payment; zero until the step.
	AssessedAmount money.Fen `json:"assessed_yuan"`
	ApprovedAmount money.Fen `json:"approved_yuan"`
	PaidAmount     money.Fen `json:"paid_yuan"`
	PaidOn         date.Date `json:"paid_on,omitzero"`
	// Steps are the claim's timeline, oldest first: the report and every
	// action on it, each with its time and whether it kept its limit.
	Steps     []*ClaimStep `json:"steps"`
	CreatedBy int64        `json:"created_by"`
	CreatedAt time.Time    `json:"created_at"`
	UpdatedAt time.Time    `json:"updated_at"`

	// Joined in by storage.
	ProductName    string `json:"product_name"`
	EnterpriseName string `json:"enterprise_name"`
	BuyerName      string `json:"buyer_name,omitempty"`
}

// ClaimStep is one step of a claim's timeline.
type ClaimStep struct {
	Action string    `json:"action"` // report, acknowledge, assess, decide, decline, pay, withdraw
	Label  string    `json:"label"`
	By     int64     `json:"by"`
	ByName string    `json:"by_name"`
	At     time.Time `json:"at"`
	// DueOn is the limit the step was taken against (zero for the report
	// and a withdrawal); Late marks one taken after it.
	DueOn   date.Date `json:"due_on,omitzero"`
	Late    bool      `json:"late"`
	Opinion string    `json:"opinion,omitempty"`
	Amount  money.Fen `json:"amount_yuan,omitzero"`
}

// ClaimCaseInput is a claim as reported. InstitutionID names the insurer
// when two insurers use the same policy number for the reporter's
// products.
type ClaimCaseInput struct {
	PolicyNumber  string    `json:"policy_number"`
	OccurredOn    date.Date `json:"occurred_on"`
	Description   string    `json:"description"`
	InstitutionID int64     `json:"institution_id,omitempty"`
}

// ClaimActionInput is an action on a claim: acknowledge, assess (the
// loss assessed, with the assessment), decide (the amount to pay), decline
// (with reasons) and pay (the amount decided, on PaidOn, today unless
// given) by the insurer; withdraw by the reporter.
type ClaimActionInput struct {
	Action  string    `json:"action"`
	Opinion string    `json:"opinion"`
	Amount  money.Fen `json:"amount_yuan"`
	PaidOn  date.Date `json:"paid_on"`
}

// ClaimCaseFilter narrows a listing of claims.
type ClaimCaseFilter struct {
	EnterpriseID  int64
	BuyerID       int64
	InstitutionID int64
	Status        ClaimStatus
	// Open lists the claims still waiting for the insurer; Overdue those
	// of them past their limit on Today (which the service sets).
	Open    bool
	Overdue bool
	Today   date.Date
	Offset  int
	Limit   int
}

// CheckReportClaim is the refusal, if any, for a reporting a claim: the
// users of an enterprise (for its own products' policies) and of a buyer
// (for products it bought).
func CheckReportClaim(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	switch a.Role() {
	case RoleEnterprise:
		if a.User.EnterpriseID != 0 {
			return nil
		}
		return Errorf(EFORBIDDEN, "您的账号尚未关联企业，请联系平台管理员。")
	case RoleBuyer:
		if a.User.BuyerID != 0 {
			return nil
		}
		return Errorf(EFORBIDDEN, "您的账号尚未关联采购单位，请联系平台管理员。")
	}
	return Errorf(EFORBIDDEN, "理赔由投保的首台（套）生产企业或使用单位报案。")
}

// CanReportClaim reports whether a may report claims.
func CanReportClaim(a *Actor) bool { return CheckReportClaim(a) == nil }

// CheckListClaims is the refusal, if any, for a listing claims.
func CheckListClaims(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	switch a.Role() {
	case RoleEnterprise, RoleBuyer, RoleInsurer:
		if a.User.EnterpriseID != 0 || a.User.BuyerID != 0 || a.User.InstitutionID != 0 {
			return nil
		}
	case RoleReviewer, RoleFinance, RoleAdmin:
		return nil
	}
	return Errorf(EFORBIDDEN, "保险理赔仅报案单位、承保机构和市级主管部门可以查看。")
}

// CanListClaims reports whether a may list claims.
func CanListClaims(a *Actor) bool { return CheckListClaims(a) == nil }

// SeesClaim reports whether a may see claim c: the insured enterprise,
// the unit that reported it, the insurer's users, and the city's
// reviewers, finance and administrators. Never another enterprise,
// buyer or insurer.
func SeesClaim(a *Actor, c *ClaimCase) bool {
	if a.IsPublic() {
		return false
	}
	switch a.Role() {
	case RoleEnterprise:
		return a.User.EnterpriseID != 0 && a.User.EnterpriseID == c.EnterpriseID
	case RoleBuyer:
		return a.User.BuyerID != 0 && a.User.BuyerID == c.BuyerID
	case RoleInsurer:
		return a.User.InstitutionID != 0 && a.User.InstitutionID == c.InstitutionID
	case RoleReviewer, RoleFinance, RoleAdmin:
		return true
	}
	return false
}

// CanHandleClaim reports whether a handles claim c: its insurer's users.
func CanHandleClaim(a *Actor, c *ClaimCase) bool {
	return a.Role() == RoleInsurer && SeesClaim(a, c)
}

// CanWithdrawClaim reports whether a may withdraw c: the reporter's side
// (the unit that reported it, or the insured enterprise when it did).
func CanWithdrawClaim(a *Actor, c *ClaimCase) bool {
	switch a.Role() {
	case RoleEnterprise:
		return c.BuyerID == 0 && SeesClaim(a, c)
	case RoleBuyer:
		return SeesClaim(a, c)
	}
	return false
}

// ClaimCaseService runs the claims fast track.
type ClaimCaseService interface {
	ReportClaimCase(ctx context.Context, in ClaimCaseInput) (*ClaimCase, error)
	ActOnClaim(ctx context.Context, id int64, in ClaimActionInput) (*ClaimCase, error)
	FindClaimByID(ctx context.Context, id int64) (*ClaimCase, error)
	FindClaims(ctx context.Context, f ClaimCaseFilter) ([]*ClaimCase, int, error)
}

// ClaimCaseStore is the claims' part of a Tx.
type ClaimCaseStore interface {
	CreateClaimCase(ctx context.Context, c *ClaimCase) error
	ClaimCaseByID(ctx context.Context, id int64) (*ClaimCase, error)
	// UpdateClaimCase writes c's stage, limit and amounts over the stored
	// row only if it is still at stage from, and appends step; ECONFLICT
	// otherwise.
	UpdateClaimCase(ctx context.Context, c *ClaimCase, from ClaimStatus, step *ClaimStep) error
	ListClaimCases(ctx context.Context, f ClaimCaseFilter) ([]*ClaimCase, int, error)
	// PoliciesByNumber lists the current versions of every insurer's
	// policy with that number.
	PoliciesByNumber(ctx context.Context, number string) ([]*InsurancePolicy, error)
}
