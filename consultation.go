package firstset

import (
	"context"
	"time"

	"firstset/date"
)

// DualUseMark marks a product as dual-use equipment (军民两用, 2018
// opinions （七）), which the joint consultations on dual-use projects
// take up.
type DualUseMark struct {
	ProductID      int64     `json:"product_id"`
	ProductName    string    `json:"product_name"`
	EnterpriseName string    `json:"enterprise_name"`
	Note           string    `json:"note"`
	MarkedBy       int64     `json:"marked_by"`
	MarkedAt       time.Time `json:"marked_at"`
}

// DualUseInput marks a product dual-use, or (false) removes the mark;
// DualUse must be given.
type DualUseInput struct {
	DualUse *bool  `json:"dual_use"`
	Note    string `json:"note"`
}

// Consultation is a joint consultation meeting (会商) on dual-use
// projects: when it was held, on what, by which departments, about which
// products, and what it decided.
type Consultation struct {
	ID          int64              `json:"id"`
	Number      string             `json:"number"` // HS-2026-000001
	HeldOn      date.Date          `json:"held_on"`
	Subject     string             `json:"subject"`
	Departments []string           `json:"departments"`
	Products    []ProgrammeProduct `json:"products"`
	Decisions   string             `json:"decisions"`
	CreatedBy   int64              `json:"created_by"`
	CreatedAt   time.Time          `json:"created_at"`
}

// ConsultationInput is a meeting as the reviewer records it.
type ConsultationInput struct {
	HeldOn      date.Date `json:"held_on"`
	Subject     string    `json:"subject"`
	Departments []string  `json:"departments"`
	ProductIDs  []int64   `json:"product_ids"`
	Decisions   string    `json:"decisions"`
}

// CheckManageDualUse is the refusal of marking products and recording
// meetings: the city's reviewers and administrators.
func CheckManageDualUse(a *Actor) error {
	if err := a.RequireRole(RoleReviewer, RoleAdmin); err != nil {
		return err
	}
	return checkScope(a, ScopeMarketWrite)
}

// CanManageDualUse reports whether a marks products and records meetings.
func CanManageDualUse(a *Actor) bool { return CheckManageDualUse(a) == nil }

// CheckReadConsultations is the refusal of reading the dual-use list and
// the meetings: the city's departments; an enterprise reads the meetings
// about its own products.
func CheckReadConsultations(a *Actor) error {
	if err := a.RequireRole(RoleReviewer, RoleAdmin, RoleFinance, RoleEnterprise); err != nil {
		return err
	}
	if a.Role() == RoleEnterprise && a.User.EnterpriseID == 0 {
		return Errorf(EFORBIDDEN, "您的账号尚未关联企业，请联系平台管理员。")
	}
	return checkScope(a, ScopeCasesRead)
}

// CanReadConsultations reports whether a may open the dual-use pages.
func CanReadConsultations(a *Actor) bool { return CheckReadConsultations(a) == nil }

// ConsultationService keeps the dual-use marks and the meetings.
type ConsultationService interface {
	MarkDualUse(ctx context.Context, productID int64, in DualUseInput) (*DualUseMark, error)
	DualUseMarks(ctx context.Context) ([]*DualUseMark, error)
	CreateConsultation(ctx context.Context, in ConsultationInput) (*Consultation, error)
	FindConsultationByID(ctx context.Context, id int64) (*Consultation, error)
	FindConsultations(ctx context.Context) ([]*Consultation, error)
}

// ConsultationStore is their part of a Tx.
type ConsultationStore interface {
	SetDualUse(ctx context.Context, m *DualUseMark) error
	ClearDualUse(ctx context.Context, productID int64) error
	// ListDualUse lists the marks; enterpriseID, when not 0, only its own.
	ListDualUse(ctx context.Context, enterpriseID int64) ([]*DualUseMark, error)
	CreateConsultation(ctx context.Context, c *Consultation) error
	ConsultationByID(ctx context.Context, id int64) (*Consultation, error)
	// ListConsultations lists the meetings, newest first; enterpriseID,
	// when not 0, those about its products.
	ListConsultations(ctx context.Context, enterpriseID int64) ([]*Consultation, error)
}
