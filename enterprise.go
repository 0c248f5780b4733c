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
