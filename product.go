package firstset

import (
	"context"
	"iter"
	"time"

	"firstset/date"
)

// ProductStatus is where a product stands in recognition.
type ProductStatus string

const (
	StatusDraft      ProductStatus = "draft"      // being written by the enterprise
	StatusDeclared   ProductStatus = "declared"   // submitted for recognition
	StatusRecognised ProductStatus = "recognised" // in the catalog, within validity
	StatusExpired    ProductStatus = "expired"    // validity ended
	StatusRevoked    ProductStatus = "revoked"    // taken out of the catalog
)

// ProductStatuses lists the statuses in workflow order.
var ProductStatuses = []ProductStatus{StatusDraft, StatusDeclared, StatusRecognised, StatusExpired, StatusRevoked}

var statusLabels = map[ProductStatus]string{
	StatusDraft:      "草稿",
	StatusDeclared:   "已申报",
	StatusRecognised: "已认定",
	StatusExpired:    "已过期",
	StatusRevoked:    "已撤销",
}

func (s ProductStatus) Label() string { return statusLabels[s] }
func (s ProductStatus) Valid() bool   { _, ok := statusLabels[s]; return ok }

// InnovationLevel is the scope in which the product is a first set.
type InnovationLevel string

const (
	LevelInternational InnovationLevel = "international"
	LevelNational      InnovationLevel = "national"
	LevelProvincial    InnovationLevel = "provincial"
)

// InnovationLevels lists the levels, broadest first.
var InnovationLevels = []InnovationLevel{LevelInternational, LevelNational, LevelProvincial}

var levelLabels = map[InnovationLevel]string{
	LevelInternational: "国际首台（套）",
	LevelNational:      "国内首台（套）",
	LevelProvincial:    "省内首台（套）",
}

func (l InnovationLevel) Label() string { return levelLabels[l] }
func (l InnovationLevel) Valid() bool   { _, ok := levelLabels[l]; return ok }

// Category is an entry of the managed list of equipment categories.
type Category struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Sort int    `json:"sort"`
}

// MaxCategorySort is the largest sort order of a category (the smallest is
// 0): well inside every database's integer column.
const MaxCategorySort = 9999

// Param is one key technical parameter: 主轴转速 12000 r/min.
type Param struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	Unit  string `json:"unit"`
}

// Product is a piece of equipment an enterprise declares (装备).
type Product struct {
	ID              int64           `json:"id"`
	EnterpriseID    int64           `json:"enterprise_id"`
	Name            string          `json:"name"`
	Model           string          `json:"model"`
	CategoryID      int64           `json:"category_id"`
	Description     string          `json:"description"`
	Params          []Param         `json:"params"`
	InnovationLevel InnovationLevel `json:"innovation_level"`
	TalentLed       bool            `json:"talent_led"`
	TalentProgram   string          `json:"talent_program,omitempty"`
	Patents         []string        `json:"patents"`
	Status          ProductStatus   `json:"status"`
	RecognizedOn    date.Date       `json:"recognized_on"`
	// ValidUntil, when set, is a validity stored in the catalog and
	// overrides the derived one (dynamic adjustment can shorten or extend
	// it).
	ValidUntil date.Date `json:"valid_until"`
	// Validity is the last day of validity in force: ValidUntil when set,
	// else derived by the services from the policy's validity years on
	// RecognizedOn (catalog.validity_years); zero if never recognised. It
	// is not stored.
	Validity  date.Date `json:"-"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`

	// Read-only context joined in by storage.
	EnterpriseName string `json:"enterprise_name,omitempty"`
	DistrictCode   string `json:"district_code,omitempty"`
	CategoryName   string `json:"category_name,omitempty"`
	// HasCases is whether any case (办件) was opened for it: its record
	// is then kept, never deleted.
	HasCases bool `json:"-"`
}

// ProductInput is what an enterprise writes on its product form.
type ProductInput struct {
	// EnterpriseID is only read from administrators and reviewers; an
	// enterprise user always writes for their own enterprise.
	EnterpriseID    int64           `json:"enterprise_id,omitempty"`
	Name            string          `json:"name"`
	Model           string          `json:"model"`
	CategoryID      int64           `json:"category_id"`
	Description     string          `json:"description"`
	Params          []Param         `json:"params"`
	InnovationLevel InnovationLevel `json:"innovation_level"`
	TalentLed       bool            `json:"talent_led"`
	TalentProgram   string          `json:"talent_program"`
	Patents         []string        `json:"patents"`
}

// RecognitionInput sets a product's place in the catalog. The recognition
// workflow drives it later; until then administrators set it directly.
type RecognitionInput struct {
	Status       ProductStatus `json:"status"`
	RecognizedOn date.Date     `json:"recognized_on"`
	ValidUntil   date.Date     `json:"valid_until"`
	Reason       string        `json:"reason"`
}

// ProductFilter narrows a listing of products the caller may see.
type ProductFilter struct {
	EnterpriseID int64
	Status       ProductStatus
	Query        string
	Offset       int
	Limit        int
}

// CatalogQuery is a search of the published catalog.
type CatalogQuery struct {
	Query           string
	CategoryID      int64
	DistrictCode    string
	InnovationLevel InnovationLevel
	// Status is honoured only for staff; the public always sees recognised products.
	Status ProductStatus
	Offset int
	Limit  int
}

// CatalogItem is one row of catalog search results.
type CatalogItem struct {
	ID              int64           `json:"id"`
	Name            string          `json:"name"`
	Model           string          `json:"model"`
	Enterprise      string          `json:"enterprise"`
	EnterpriseID    int64           `json:"enterprise_id"`
	Category        string          `json:"category"`
	CategoryID      int64           `json:"category_id"`
	District        string          `json:"district"`
	DistrictCode    string          `json:"district_code"`
	InnovationLevel InnovationLevel `json:"innovation_level"`
	TalentLed       bool            `json:"talent_led"`
	Status          ProductStatus   `json:"status"`
	RecognizedOn    date.Date       `json:"recognized_on"`
	// ValidUntil is the last day of validity in force: the stored one, or
	// the one the services derive (as Product.Validity).
	ValidUntil date.Date `json:"valid_until"`
}

// CatalogPage is a page of catalog results and the count of all matches.
type CatalogPage struct {
	Items []CatalogItem `json:"items"`
	Total int           `json:"total"`
}

// Who may see and do what with products. The services make these very
// checks, and pages ask them before offering a link or a button.

// ProductReach is which products FindProducts lists for an actor.
type ProductReach int

const (
	ReachNone       ProductReach = iota // the public: the catalog pages only
	ReachCatalog                        // recognised products only: buyers, experts, insurers
	ReachEnterprise                     // its own enterprise's products
	ReachDistrict                       // the products of its district's enterprises
	ReachAll                            // every product: the city's departments
)

// ProductReachOf is what FindProducts lists for a.
func ProductReachOf(a *Actor) ProductReach {
	switch {
	case a.IsPublic():
		return ReachNone
	case a.Role().SeesAllEnterprises():
		return ReachAll
	case a.Role() == RoleEnterprise:
		return ReachEnterprise
	case a.Role() == RoleDistrict:
		return ReachDistrict
	}
	return ReachCatalog
}

// SeesStatus reports whether products of status st can be among those
// FindProducts lists for a: roles that work from the catalog see recognised
// products only.
func SeesStatus(a *Actor, st ProductStatus) bool {
	switch ProductReachOf(a) {
	case ReachNone:
		return false
	case ReachCatalog:
		return st == StatusRecognised
	}
	return true
}

// CanFilterCatalogByStatus reports whether SearchCatalog honours a's
// status filter: the city's departments see expired, revoked and
// unpublished products too; everyone else the published catalog only.
func CanFilterCatalogByStatus(a *Actor) bool {
	return !a.IsPublic() && a.Role().SeesAllEnterprises()
}

// CheckCreateProduct is CreateProduct's refusal for a, if any.
func CheckCreateProduct(a *Actor) error {
	return a.RequireRole(RoleEnterprise, RoleAdmin, RoleReviewer)
}

// CanCreateProduct reports whether CreateProduct would accept a's declaration.
func CanCreateProduct(a *Actor) bool { return CheckCreateProduct(a) == nil }

// ProductEnterpriseFixed reports whether a always writes products for one
// enterprise (its own), and which: the product form then offers no choice.
func ProductEnterpriseFixed(a *Actor) (int64, bool) {
	if a.Role() == RoleEnterprise {
		return a.User.EnterpriseID, true
	}
	return 0, false
}

// CheckSetRecognition is SetRecognition's refusal for a, if any.
func CheckSetRecognition(a *Actor) error {
	return a.RequireRole(RoleAdmin, RoleReviewer)
}

// CanSetRecognition reports whether a may place products in or out of the
// catalog: whose work the products awaiting recognition are.
func CanSetRecognition(a *Actor) bool { return CheckSetRecognition(a) == nil }

// CanSeeProduct reports whether a may read p. Products ever recognised are
// public (in the published catalog, or once there, so anyone can check an
// expired or revoked certificate); anything else only its enterprise, its
// district office and the city's departments see.
func CanSeeProduct(a *Actor, p *Product) bool {
	if p.Status == StatusRecognised || p.EverRecognised() {
		return true
	}
	switch {
	case a.IsPublic():
		return false
	case a.Role().SeesAllEnterprises():
		return true
	case a.Role() == RoleEnterprise:
		return a.User.EnterpriseID == p.EnterpriseID
	case a.Role() == RoleDistrict:
		return a.User.DistrictCode == p.DistrictCode
	}
	return false
}

// canEditProduct reports whether a may change p's declaration: its own
// enterprise while it is a draft, or the city's reviewers and administrators.
func canEditProduct(a *Actor, p *Product) bool {
	switch a.Role() {
	case RoleAdmin, RoleReviewer:
		return true
	case RoleEnterprise:
		return a.User.EnterpriseID == p.EnterpriseID
	}
	return false
}

// checkCanEdit hides products the actor may not see and forbids changing
// those it may only read.
func checkCanEdit(a *Actor, p *Product) error {
	if canEditProduct(a, p) {
		return nil
	}
	if CanSeeProduct(a, p) && a.Role() != RoleEnterprise {
		return Errorf(EFORBIDDEN, "您的角色（%s）无权修改装备信息。", a.Role().Label())
	}
	// Another enterprise's product looks absent, recognised or not, so a
	// write never confirms what exists.
	return NotFound("装备")
}

// CheckEditProduct is UpdateProduct's refusal, if any: enterprises may only
// change drafts, since once declared the reviewers work from what was
// submitted.
func CheckEditProduct(a *Actor, p *Product) error {
	if err := checkCanEdit(a, p); err != nil {
		return err
	}
	if a.Role() == RoleEnterprise && p.Status != StatusDraft {
		return Errorf(ECONFLICT, "装备%s，企业不能再修改申报内容。", p.Status.Label())
	}
	return nil
}

// CheckDeleteProduct is DeleteProduct's refusal, if any: an enterprise may
// delete only its drafts, and nobody a product that entered the catalog.
func CheckDeleteProduct(a *Actor, p *Product) error {
	if err := checkCanEdit(a, p); err != nil {
		return err
	}
	switch {
	case p.Status != StatusDraft && a.Role() == RoleEnterprise:
		return Errorf(ECONFLICT, "装备%s，不能删除。", p.Status.Label())
	case p.Status == StatusRecognised || p.Status == StatusExpired || p.Status == StatusRevoked:
		return Errorf(ECONFLICT, "装备已进入目录（%s），只能撤销，不能删除。", p.Status.Label())
	case p.HasCases:
		return Errorf(ECONFLICT, "装备已有认定办件，办件记录须保留，不能删除。")
	}
	return nil
}

// CanEditProduct reports whether UpdateProduct would let a change p, for
// pages deciding whether to offer the edit button. It is the service's
// own rule; the token's scope is checked separately, when the call is made.
func CanEditProduct(a *Actor, p *Product) bool { return CheckEditProduct(a, p) == nil }

// CanDeleteProduct reports whether DeleteProduct would let a remove p, as
// CanEditProduct does for changes.
func CanDeleteProduct(a *Actor, p *Product) bool {
	return CheckDeleteProduct(a, p) == nil
}

// CheckManageCategories is CreateCategory's refusal for a, if any.
func CheckManageCategories(a *Actor) error {
	return a.RequireRole(RoleAdmin)
}

// CanManageCategories reports whether a may add equipment categories.
func CanManageCategories(a *Actor) bool { return CheckManageCategories(a) == nil }

// InCatalog reports whether a status means the product was published.
func InCatalog(st ProductStatus) bool {
	return st == StatusRecognised || st == StatusExpired || st == StatusRevoked
}

// ProductService manages products; callers see only what their role allows.
type ProductService interface {
	FindProductByID(ctx context.Context, id int64) (*Product, error)
	FindProducts(ctx context.Context, f ProductFilter) ([]*Product, int, error)
	CreateProduct(ctx context.Context, in ProductInput) (*Product, error)
	UpdateProduct(ctx context.Context, id int64, in ProductInput) (*Product, error)
	DeleteProduct(ctx context.Context, id int64) error
	SetRecognition(ctx context.Context, id int64, in RecognitionInput) (*Product, error)
	SearchCatalog(ctx context.Context, q CatalogQuery) (*CatalogPage, error)
	Categories(ctx context.Context) ([]Category, error)
	CreateCategory(ctx context.Context, name string, sort int) (*Category, error)
	// ExportCatalog is every product SearchCatalog would find for q (its
	// offset and limit aside), in the same order: how many match, and the
	// items, read a few hundred at a time in short transactions of their
	// own so that an export holds neither every row nor one snapshot for
	// its whole length. A product changed meanwhile comes as it is then,
	// and is left out if it no longer passes q's filters.
	ExportCatalog(ctx context.Context, q CatalogQuery) (total int, items iter.Seq2[CatalogItem, error], err error)
}

// CategoryStore is the categories' part of a Tx.
type CategoryStore interface {
	Categories(ctx context.Context) ([]Category, error)
	CreateCategory(ctx context.Context, c *Category) error
}

// ProductStore is the products' part of a Tx.
type ProductStore interface {
	ProductByID(ctx context.Context, id int64) (*Product, error)
	// ListProducts lists products; DistrictCode limits them to enterprises
	// of one district when set.
	ListProducts(ctx context.Context, f ProductFilter, districtCode string) ([]*Product, int, error)
	CreateProduct(ctx context.Context, p *Product) error
	UpdateProduct(ctx context.Context, p *Product) error
	DeleteProduct(ctx context.Context, id int64) error
	// PatentOwner returns the id of the product holding patent number, or 0.
	PatentOwner(ctx context.Context, number string) (int64, error)
}

// CatalogStore is the public catalog's part of a Tx.
type CatalogStore interface {
	SearchCatalog(ctx context.Context, q CatalogQuery) (*CatalogPage, error)
	// CatalogIDs returns the ids of every product SearchCatalog would find
	// for q, in its order; q's offset and limit are ignored.
	CatalogIDs(ctx context.Context, q CatalogQuery) ([]int64, error)
	// CatalogItems returns the catalog items of the products ids, in the
	// order of ids, leaving out those that no longer exist.
	CatalogItems(ctx context.Context, ids []int64) ([]CatalogItem, error)
	// CatalogVersion is a counter that grows with every committed change to
	// what catalog searches can return (products, their enterprises'
	// names and districts); equal versions mean equal search results.
	CatalogVersion(ctx context.Context) (int64, error)
}
