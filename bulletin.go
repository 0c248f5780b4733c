package firstset

import (
	"context"
	"time"
)

// BulletinStatus is where a periodic bulletin (定期通报) stands.
type BulletinStatus string

const (
	BulletinDraft  BulletinStatus = "draft"  // composed, waiting for review
	BulletinIssued BulletinStatus = "issued" // reviewed and issued (印发)
)

// Label is the status in Chinese.
func (s BulletinStatus) Label() string {
	switch s {
	case BulletinDraft:
		return "待审核印发"
	case BulletinIssued:
		return "已印发"
	}
	return string(s)
}

// Bulletin is the periodic bulletin of the use of first-set products by
// key projects, government-investment projects and state platforms (2024
// measures （五）): composed from the purchases of its period as a PDF and
// a workbook, reviewed and issued by a reviewer or the SOE regulator.
type Bulletin struct {
	ID      int64          `json:"id"`
	Period  string         `json:"period"` // 2026Q3, or a year
	Title   string         `json:"title"`
	Status  BulletinStatus `json:"status"`
	Public  bool           `json:"public"` // issued to the public as well as to buyers and departments
	Summary string         `json:"summary"`
	// Purchases and Amount are the bulletin's totals, for listings.
	Purchases  int        `json:"purchases"`
	AmountFen  int64      `json:"-"`
	Opinion    string     `json:"opinion,omitempty"`
	PDFSHA256  string     `json:"pdf_sha256"`
	XLSXSHA256 string     `json:"xlsx_sha256"`
	PDFURL     string     `json:"pdf_url"`
	XLSXURL    string     `json:"xlsx_url"`
	CreatedBy  int64      `json:"created_by,omitempty"`
	CreatedAt  time.Time  `json:"created_at"`
	IssuedBy   int64      `json:"issued_by,omitempty"`
	IssuedAt   *time.Time `json:"issued_at,omitempty"`
}

// BulletinInput asks for a bulletin of a period.
type BulletinInput struct {
	Period string `json:"period"`
	Public bool   `json:"public"`
}

// BulletinFilter narrows a listing of bulletins.
type BulletinFilter struct {
	Period string
	// IssuedOnly lists issued bulletins only (all a buyer or the public sees).
	IssuedOnly bool
	PublicOnly bool
	Offset     int
	Limit      int
}

// CheckComposeBulletin is the refusal, if any, for a composing, reviewing
// and issuing bulletins: reviewers, the SOE regulator and administrators.
func CheckComposeBulletin(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	return a.RequireRole(RoleReviewer, RoleSOE, RoleAdmin)
}

// CanComposeBulletin reports whether a may compose and issue bulletins.
func CanComposeBulletin(a *Actor) bool { return CheckComposeBulletin(a) == nil }

// SeesBulletin reports whether a may read bulletin b: drafts only those who
// compose them; an issued one everyone it is addressed to: the city's
// departments, districts and buyers, and the public when it is public.
func SeesBulletin(a *Actor, b *Bulletin) bool {
	if CanComposeBulletin(a) {
		return true
	}
	if b.Status != BulletinIssued {
		return false
	}
	if b.Public {
		return true
	}
	switch a.Role() {
	case RoleBuyer, RoleDistrict, RoleTender, RoleFinance:
		return true
	}
	return false
}

// BulletinFilterFor narrows f to what a may see.
func BulletinFilterFor(a *Actor, f BulletinFilter) BulletinFilter {
	if CanComposeBulletin(a) {
		return f
	}
	f.IssuedOnly = true
	switch a.Role() {
	case RoleBuyer, RoleDistrict, RoleTender, RoleFinance:
	default:
		f.PublicOnly = true
	}
	return f
}

// BulletinService composes, issues and serves bulletins.
type BulletinService interface {
	// ComposeBulletin composes a draft bulletin of a period from the
	// purchases recorded for it.
	ComposeBulletin(ctx context.Context, in BulletinInput) (*Bulletin, error)
	// IssueBulletin issues a draft after review, with the reviewer's opinion.
	IssueBulletin(ctx context.Context, id int64, opinion string) (*Bulletin, error)
	FindBulletinByID(ctx context.Context, id int64) (*Bulletin, error)
	FindBulletins(ctx context.Context, f BulletinFilter) ([]*Bulletin, int, error)
	// BulletinFile is a bulletin's PDF ("pdf") or workbook ("xlsx").
	BulletinFile(ctx context.Context, id int64, format string) (*Bulletin, []byte, error)
	// BulletinChart is the SVG of one of a bulletin's charts, for its page.
	BulletinChart(ctx context.Context, id int64, n int) ([]byte, error)
}

// BulletinStore is the bulletins' part of a Tx.
type BulletinStore interface {
	CreateBulletin(ctx context.Context, b *Bulletin, figures, pdf, xlsx []byte) error
	BulletinByID(ctx context.Context, id int64) (*Bulletin, error)
	ListBulletins(ctx context.Context, f BulletinFilter) ([]*Bulletin, int, error)
	// IssueBulletin marks a draft issued; ECONFLICT when it was issued already.
	IssueBulletin(ctx context.Context, b *Bulletin) error
	// BulletinFile reads a bulletin's stored "pdf", "xlsx" or "figures".
	BulletinFile(ctx context.Context, id int64, format string) ([]byte, error)
}
