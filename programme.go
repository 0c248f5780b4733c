package firstset

import (
	"context"
	"time"
)

// ProgrammeKind is the kind of a managed list of the 2018 opinions: the
// demonstration application bases (（六）), the innovation and the
// demonstration application alliances (（四）（六）) and the major technical
// equipment innovation catalog (（四）).
type ProgrammeKind string

const (
	ProgrammeBase                ProgrammeKind = "base"                 // 示范应用基地
	ProgrammeInnovationAlliance  ProgrammeKind = "innovation_alliance"  // 创新联盟
	ProgrammeApplicationAlliance ProgrammeKind = "application_alliance" // 示范应用联盟
	ProgrammeInnovationCatalog   ProgrammeKind = "innovation_catalog"   // 重大技术装备创新目录
)

// ProgrammeKinds lists the kinds in the order pages show them.
var ProgrammeKinds = []ProgrammeKind{ProgrammeBase, ProgrammeInnovationAlliance, ProgrammeApplicationAlliance,
	ProgrammeInnovationCatalog}

var programmeKindLabels = map[ProgrammeKind]string{
	ProgrammeBase:                "示范应用基地",
	ProgrammeInnovationAlliance:  "创新联盟",
	ProgrammeApplicationAlliance: "示范应用联盟",
	ProgrammeInnovationCatalog:   "重大技术装备创新目录",
}

func (k ProgrammeKind) Label() string { return programmeKindLabels[k] }
func (k ProgrammeKind) Valid() bool   { _, ok := programmeKindLabels[k]; return ok }

// Programme is one entry of those lists: a base, an alliance or a batch of
// the innovation catalog, with the units that take part and the catalog
// products it covers. Everything here is public.
type Programme struct {
	ID          int64         `json:"id"`
	Kind        ProgrammeKind `json:"kind"`
	KindLabel   string        `json:"kind_label"`
	Name        string        `json:"name"`
	Year        int           `json:"year"` // the year it was set up or the batch published
	Lead        string        `json:"lead"` // 依托单位、牵头单位
	Description string        `json:"description"`
	// Members are the other units taking part, by name.
	Members  []string           `json:"members"`
	Products []ProgrammeProduct `json:"products"`
	// Active is false once it is dissolved or replaced; it stays listed
	// as history.
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// ProgrammeProduct is a catalog product a programme covers.
type ProgrammeProduct struct {
	ID             int64  `json:"id"`
	EnterpriseID   int64  `json:"enterprise_id"`
	Name           string `json:"name"`
	Model          string `json:"model"`
	EnterpriseName string `json:"enterprise_name"`
}

// ProgrammeInput is a programme as a reviewer writes it.
type ProgrammeInput struct {
	Kind        ProgrammeKind `json:"kind"`
	Name        string        `json:"name"`
	Year        int           `json:"year"`
	Lead        string        `json:"lead"`
	Description string        `json:"description"`
	Members     []string      `json:"members"`
	ProductIDs  []int64       `json:"product_ids"`
	Active      *bool         `json:"active,omitempty"` // true unless given
}

// ProgrammeFilter narrows a listing of programmes.
type ProgrammeFilter struct {
	Kind          ProgrammeKind
	ProductID     int64
	Offset, Limit int
}

// CheckManageProgrammes is the refusal of keeping the lists: the city's
// reviewers (市经济信息委) and administrators.
func CheckManageProgrammes(a *Actor) error {
	if err := a.RequireRole(RoleReviewer, RoleAdmin); err != nil {
		return err
	}
	return checkScope(a, ScopeMarketWrite)
}

// CanManageProgrammes reports whether a keeps the lists.
func CanManageProgrammes(a *Actor) bool { return CheckManageProgrammes(a) == nil }

// ProgrammeService keeps the bases, alliances and innovation catalog.
type ProgrammeService interface {
	CreateProgramme(ctx context.Context, in ProgrammeInput) (*Programme, error)
	UpdateProgramme(ctx context.Context, id int64, in ProgrammeInput) (*Programme, error)
	FindProgrammeByID(ctx context.Context, id int64) (*Programme, error)
	FindProgrammes(ctx context.Context, f ProgrammeFilter) ([]*Programme, int, error)
}

// ProgrammeStore is the programmes' part of a Tx.
type ProgrammeStore interface {
	CreateProgramme(ctx context.Context, p *Programme) error
	// UpdateProgramme writes p and replaces its products.
	UpdateProgramme(ctx context.Context, p *Programme) error
	ProgrammeByID(ctx context.Context, id int64) (*Programme, error)
	ListProgrammes(ctx context.Context, f ProgrammeFilter) ([]*Programme, int, error)
}
