package firstset

import (
	"context"
	"time"

	"firstset/date"
)

// ExemptionStatus is where a fault-tolerance exemption request (容错免责申请)
// stands; the stages are those of cases.Exemption.
type ExemptionStatus string

const (
	ExemptionSubmitted ExemptionStatus = "submitted" // 待认定
	ExemptionGranted   ExemptionStatus = "granted"   // 予以免责
	ExemptionRefused   ExemptionStatus = "refused"   // 不予免责
)

var exemptionStatusLabels = map[ExemptionStatus]string{
	ExemptionSubmitted: "待认定",
	ExemptionGranted:   "予以免责",
	ExemptionRefused:   "不予免责",
}

func (s ExemptionStatus) Label() string { return exemptionStatusLabels[s] }
func (s ExemptionStatus) Valid() bool   { _, ok := exemptionStatusLabels[s]; return ok }

// ExemptionCondition is one condition of the checklist a buyer answers
// when it asks for an exemption (see docs/policy-notes.md for where each
// comes from). Precondition marks the one the 2024 measures （六） put
// before any exemption: without it a request is not taken.
type ExemptionCondition struct {
	Key          string
	Label        string
	Precondition bool
}

// ExemptionConditions is the checklist, in the order forms show it.
var ExemptionConditions = []ExemptionCondition{
	{"rules_followed", "采购、应用符合相关规定的条件、程序、标准", true},
	{"no_personal_gain", "相关负责人未谋取私利", false},
	{"collective_decision", "采购和应用经集体决策", false},
	{"no_collusion", "未与供应商恶意串通，未违反廉洁纪律", false},
	{"reported_promptly", "问题发生后及时报告并采取措施控制、挽回损失", false},
}

// ExemptionConditionLabel is the Chinese text of condition key.
func ExemptionConditionLabel(key string) string {
	for _, c := range ExemptionConditions {
		if c.Key == key {
			return c.Label
		}
	}
	return key
}

// Exemption is a state-owned buyer's request to exempt those responsible
// for a first-set purchase that failed from their decision and execution
// responsibility (2024 measures （六）, 2018 opinions （十三）), and the
// regulator's decision.
type Exemption struct {
	ID            int64  `json:"id"`
	Number        string `json:"number"` // MZ-2026-000001
	ProcurementID int64  `json:"procurement_id"`
	BuyerID       int64  `json:"buyer_id"`
	// Account is what happened (情况说明).
	Account     string          `json:"account"`
	Conditions  map[string]bool `json:"conditions"`
	Status      ExemptionStatus `json:"status"`
	StatusLabel string          `json:"status_label"`
	// Reason is the decision's reasons, once decided.
	Reason      string     `json:"reason,omitempty"`
	DecidedBy   int64      `json:"decided_by,omitempty"`
	DecidedAt   *time.Time `json:"decided_at,omitempty"`
	DecidedOn   date.Date  `json:"-"`
	RequestedOn date.Date  `json:"requested_on"`
	CreatedBy   int64      `json:"created_by"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`

	// Joined in by storage.
	BuyerName     string    `json:"buyer_name"`
	BuyerKind     BuyerKind `json:"buyer_kind"`
	BuyerDistrict string    `json:"buyer_district_code"`
	ProjectName   string    `json:"project_name"`
	ProductName   string    `json:"product_name"`
}

// ExemptionInput is a buyer's request.
type ExemptionInput struct {
	ProcurementID int64           `json:"procurement_id"`
	Account       string          `json:"account"`
	Conditions    map[string]bool `json:"conditions"`
}

// ExemptionDecision is the regulator's decision: "granted" or "refused",
// with its reasons.
type ExemptionDecision struct {
	Decision ExemptionStatus `json:"decision"`
	Reason   string          `json:"reason"`
}

// ExemptionFilter narrows a listing of exemption requests.
type ExemptionFilter struct {
	BuyerID       int64
	ProcurementID int64
	Status        ExemptionStatus
	// BuyerKinds and DistrictCode narrow to the buyers a regulator follows.
	BuyerKinds   []BuyerKind
	DistrictCode string
	Offset       int
	Limit        int
}

// ExemptionCount is how many requests a period received, and how many
// it decided each way.
type ExemptionCount struct {
	Requested, Granted, Refused int
}

// CheckRequestExemption is the refusal, if any, for a asking for an
// exemption: only a buyer user (the buyer's kind is checked on its
// record: only state-owned buyers may ask).
func CheckRequestExemption(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	if a.Role() != RoleBuyer {
		return Errorf(EFORBIDDEN, "只有国有采购单位可以申请容错免责。")
	}
	if a.User.BuyerID == 0 {
		return Errorf(EFORBIDDEN, "您的账号尚未关联采购单位，请联系平台管理员。")
	}
	return nil
}

// CanRequestExemption reports whether a may ask for an exemption.
func CanRequestExemption(a *Actor) bool { return CheckRequestExemption(a) == nil }

// CheckListExemptions is the refusal, if any, for a listing exemption
// requests: the buyer its own, the SOE regulator the SOEs', a district
// office its district's SOEs', administrators all (for audit).
func CheckListExemptions(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	switch a.Role() {
	case RoleBuyer, RoleSOE, RoleDistrict, RoleAdmin:
		return nil
	}
	return Errorf(EFORBIDDEN, "容错免责申请仅申请单位、市国资委和区县主管部门可以查看。")
}

// CanListExemptions reports whether a may list exemption requests.
func CanListExemptions(a *Actor) bool { return CheckListExemptions(a) == nil }

// SeesExemption reports whether a may see request e. Requests are never
// shown to other buyers, nor to the manufacturer: a failed first use is
// the buyer's matter with its regulator.
func SeesExemption(a *Actor, e *Exemption) bool {
	if a.IsPublic() {
		return false
	}
	switch a.Role() {
	case RoleBuyer:
		return a.User.BuyerID != 0 && a.User.BuyerID == e.BuyerID
	case RoleSOE:
		return e.BuyerKind.StateOwned()
	case RoleDistrict:
		return e.BuyerKind == BuyerSOEDistrict && a.User.DistrictCode != "" && a.User.DistrictCode == e.BuyerDistrict
	case RoleAdmin:
		return true
	}
	return false
}

// CheckDecideExemption is the refusal, if any, for a deciding request e:
// 市国资委 for the city's SOEs, the district's office for a district's
// (2024 measures （六）: 市国资委、各区县政府有关部门配合).
func CheckDecideExemption(a *Actor, e *Exemption) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	switch {
	case a.Role() == RoleSOE && e.BuyerKind == BuyerSOECity:
		return nil
	case a.Role() == RoleDistrict && e.BuyerKind == BuyerSOEDistrict && a.User.DistrictCode == e.BuyerDistrict:
		return nil
	case a.Role() == RoleDistrict || a.Role() == RoleSOE:
		return Errorf(EFORBIDDEN, "市属国有企业的申请由市国资委认定，区县属国有企业的申请由所在区县主管部门认定。")
	}
	return Errorf(EFORBIDDEN, "只有市国资委或区县主管部门可以认定容错免责。")
}

// CanDecideExemption reports whether a may decide e.
func CanDecideExemption(a *Actor, e *Exemption) bool { return CheckDecideExemption(a, e) == nil }

// ExemptionService takes and decides fault-tolerance exemption requests.
type ExemptionService interface {
	RequestExemption(ctx context.Context, in ExemptionInput) (*Exemption, error)
	DecideExemption(ctx context.Context, id int64, in ExemptionDecision) (*Exemption, error)
	FindExemptionByID(ctx context.Context, id int64) (*Exemption, error)
	FindExemptions(ctx context.Context, f ExemptionFilter) ([]*Exemption, int, error)
}

// ExemptionStore is the exemptions' part of a Tx.
type ExemptionStore interface {
	// CreateExemption is ECONFLICT on "procurement_id" when the purchase
	// has a request not yet decided.
	CreateExemption(ctx context.Context, e *Exemption) error
	ExemptionByID(ctx context.Context, id int64) (*Exemption, error)
	// DecideExemption writes a submitted request's decision; ECONFLICT
	// if it was decided meanwhile.
	DecideExemption(ctx context.Context, e *Exemption) error
	ListExemptions(ctx context.Context, f ExemptionFilter) ([]*Exemption, int, error)
	// CountExemptions counts the requests made, granted and refused in the
	// days from through to, inclusive.
	CountExemptions(ctx context.Context, from, to date.Date) (ExemptionCount, error)
}
