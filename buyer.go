package firstset

import (
	"context"
	"time"
)

// BuyerKind is what kind of purchasing unit a buyer is; the SOE regulator
// follows the state-owned ones (2024 measures （五）, 2018 opinions （十三）).
type BuyerKind string

const (
	BuyerSOECity      BuyerKind = "soe_city"      // 市属国有企业
	BuyerSOEDistrict  BuyerKind = "soe_district"  // 区县属国有企业
	BuyerGovernment   BuyerKind = "government"    // 政府采购单位
	BuyerProjectOwner BuyerKind = "project_owner" // 重点建设工程、政府投资项目业主
)

// BuyerKinds lists the kinds in the order forms offer them.
var BuyerKinds = []BuyerKind{BuyerSOECity, BuyerSOEDistrict, BuyerGovernment, BuyerProjectOwner}

var buyerKindLabels = map[BuyerKind]string{
	BuyerSOECity:      "市属国有企业",
	BuyerSOEDistrict:  "区县属国有企业",
	BuyerGovernment:   "政府采购单位",
	BuyerProjectOwner: "重点工程/政府投资项目业主",
}

// Label is the kind's Chinese name.
func (k BuyerKind) Label() string { return buyerKindLabels[k] }

// Valid reports whether k is a known kind.
func (k BuyerKind) Valid() bool { _, ok := buyerKindLabels[k]; return ok }

// StateOwned reports whether the SOE regulator (or a district's) follows
// buyers of kind k.
func (k BuyerKind) StateOwned() bool { return k == BuyerSOECity || k == BuyerSOEDistrict }

// Buyer is a purchasing unit (采购单位): every buyer user acts for one.
type Buyer struct {
	ID           int64     `json:"id"`
	Name         string    `json:"name"`
	CreditCode   string    `json:"credit_code"` // 统一社会信用代码
	Kind         BuyerKind `json:"kind"`
	KindLabel    string    `json:"kind_label"`
	DistrictCode string    `json:"district_code"`
	DistrictName string    `json:"district_name,omitempty"`
	// Supervisor is the body it answers to (主管部门/出资人), e.g. 市国资委.
	Supervisor string    `json:"supervisor"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// BuyerInput is what an administrator sets on a buyer.
type BuyerInput struct {
	Name         string    `json:"name"`
	CreditCode   string    `json:"credit_code"`
	Kind         BuyerKind `json:"kind"`
	DistrictCode string    `json:"district_code"`
	Supervisor   string    `json:"supervisor"`
}

// BuyerFilter narrows a buyer listing.
type BuyerFilter struct {
	IDs          []int64
	Kind         BuyerKind
	StateOwned   bool
	DistrictCode string
	Query        string // part of the name or the credit code
	Offset       int
	Limit        int
}

// CheckManageBuyers is the refusal of CreateBuyer and UpdateBuyer, if any.
func CheckManageBuyers(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	return a.RequireRole(RoleAdmin)
}

// CanManageBuyers reports whether a may register and edit buyers.
func CanManageBuyers(a *Actor) bool { return CheckManageBuyers(a) == nil }

// CheckListBuyers is FindBuyers' refusal, if any: the city's departments
// and the district offices (their district's) list buyers; a buyer user
// sees its own.
func CheckListBuyers(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	switch a.Role() {
	case RoleAdmin, RoleReviewer, RoleSOE, RoleTender, RoleFinance, RoleDistrict, RoleBuyer:
		return nil
	}
	return Errorf(EFORBIDDEN, "您的角色（%s）无权查看采购单位。", a.Role().Label())
}

// SeesBuyer reports whether a logged-in a sees buyer b and its records:
// the city's departments every buyer, a district office its district's, a
// buyer user its own.
func SeesBuyer(a *Actor, b *Buyer) bool {
	if a.IsPublic() {
		return false
	}
	switch a.Role() {
	case RoleAdmin, RoleReviewer, RoleSOE, RoleTender, RoleFinance:
		return true
	case RoleDistrict:
		return a.User.DistrictCode == b.DistrictCode
	case RoleBuyer:
		return a.User.BuyerID == b.ID
	}
	return false
}

// BuyerService manages purchasing units.
type BuyerService interface {
	FindBuyerByID(ctx context.Context, id int64) (*Buyer, error)
	FindBuyers(ctx context.Context, f BuyerFilter) ([]*Buyer, int, error)
	CreateBuyer(ctx context.Context, in BuyerInput) (*Buyer, error)
	UpdateBuyer(ctx context.Context, id int64, in BuyerInput) (*Buyer, error)
}

// BuyerStore is the buyers' part of a Tx.
type BuyerStore interface {
	BuyerByID(ctx context.Context, id int64) (*Buyer, error)
	ListBuyers(ctx context.Context, f BuyerFilter) ([]*Buyer, int, error)
	// CreateBuyer is ECONFLICT on "credit_code" for a code already held.
	CreateBuyer(ctx context.Context, b *Buyer) error
	UpdateBuyer(ctx context.Context, b *Buyer) error
}
