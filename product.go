package firstset

import (
	"context"
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
	// ValidUntil, when set, overrides the three-year validity (dynamic
	// adjustment can shorten or extend it).
	ValidUntil date.Date `json:"valid_until"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`

	// Read-only context joined in by storage.
	EnterpriseName string `json:"enterprise_name,omitempty"`
	DistrictCode   string `json:"district_code,omitempty"`
	CategoryName   string `json:"category_name,omitempty"`
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
	ValidUntil      date.Date       `json:"valid_until"`
}

// CatalogPage is a page of catalog results and the count of all matches.
type CatalogPage struct {
	Items []CatalogItem `json:"items"`
	Total int           `json:"total"`
}

// ValidityYears is the 2024 measures' validity of a recognition (M24-1, M24-2).
const ValidityYears = 3

// EffectiveValidUntil is the last day of validity: the stored override, or
// three years from recognition less one day; zero if never recognised.
func (p *Product) EffectiveValidUntil() date.Date {
	if !p.ValidUntil.IsZero() {
		return p.ValidUntil
	}
	if p.RecognizedOn.IsZero() {
		return date.Date{}
	}
	return date.ValidUntil(p.RecognizedOn, ValidityYears)
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
}
