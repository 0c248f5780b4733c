package firstset

import (
	"context"
	"encoding/json"
	"time"
)

// FindingStatus is what a buyer says of one finding of its saved check.
type FindingStatus string

const (
	FindingFixed     FindingStatus = "fixed"     // 已修改
	FindingExplained FindingStatus = "explained" // 已说明
)

func (s FindingStatus) Valid() bool { return s == FindingFixed || s == FindingExplained }

func (s FindingStatus) Label() string {
	switch s {
	case FindingFixed:
		return "已修改"
	case FindingExplained:
		return "已说明"
	}
	return "待处理"
}

// TenderCheck is a tender document a buyer checked before publishing it
// (2024 measures （四）, 2018 opinions （十四）), kept with the checker's report
// and what the buyer did about each finding.
type TenderCheck struct {
	ID            int64  `json:"id"`
	BuyerID       int64  `json:"buyer_id"`
	ProcurementID int64  `json:"procurement_id,omitempty"`
	Title         string `json:"title"`
	Text          string `json:"text"`
	// FileName is the uploaded file the text was read from; empty for
	// pasted text.
	FileName string `json:"file_name,omitempty"`
	// Report is the checker's report as it answered (package tender's
	// Report), kept verbatim so a later checker does not change it.
	Report    json.RawMessage `json:"report,omitempty"`
	Findings  int             `json:"findings"`
	Marks     []FindingMark   `json:"marks"`
	CreatedBy int64           `json:"created_by"`
	CreatedAt time.Time       `json:"created_at"`

	BuyerName string `json:"buyer_name"`
}

// Open counts the findings not yet marked.
func (c *TenderCheck) Open() int { return c.Findings - len(c.Marks) }

// FindingMark is a finding marked fixed or explained; N is its number in
// the report's list, from 1.
type FindingMark struct {
	N        int           `json:"n"`
	Status   FindingStatus `json:"status"`
	Note     string        `json:"note"`
	MarkedBy int64         `json:"marked_by"`
	MarkedAt time.Time     `json:"marked_at"`
}

// TenderCheckSave is a document a buyer checks and keeps: pasted Text,
// or the Lines read from an uploaded file (FileName; Paragraphs when they
// are a Word document's paragraphs), kept as the lines joined.
type TenderCheckSave struct {
	Title         string   `json:"title"`
	Text          string   `json:"text"`
	ProcurementID int64    `json:"procurement_id,omitempty"`
	ProductID     int64    `json:"product_id,omitempty"`
	Insured       bool     `json:"insured,omitempty"`
	Lines         []string `json:"-"`
	Paragraphs    bool     `json:"-"`
	FileName      string   `json:"-"`
}

// FindingMarkInput is a buyer's mark on a finding.
type FindingMarkInput struct {
	Status FindingStatus `json:"status"`
	Note   string        `json:"note"`
}

// TenderCheckFilter narrows a listing of saved checks.
type TenderCheckFilter struct {
	BuyerID       int64
	ProcurementID int64
	Offset, Limit int
}

// CheckSaveTenderCheck is the refusal, if any, for a saving a check: a
// buyer user, for its own buyer.
func CheckSaveTenderCheck(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	if a.Role() != RoleBuyer {
		return Errorf(EFORBIDDEN, "只有采购单位可以保存招标文件检查记录。")
	}
	if a.User.BuyerID == 0 {
		return Errorf(EFORBIDDEN, "您的账号尚未关联采购单位，请联系平台管理员。")
	}
	return nil
}

// CanSaveTenderCheck reports whether a may save checks.
func CanSaveTenderCheck(a *Actor) bool { return CheckSaveTenderCheck(a) == nil }

// CheckListTenderChecks is the refusal, if any, for a listing saved
// checks: a buyer its own, the tender supervisor (市发展改革委) and
// administrators every one.
func CheckListTenderChecks(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	switch a.Role() {
	case RoleBuyer, RoleTender, RoleAdmin:
		return nil
	}
	return Errorf(EFORBIDDEN, "招标文件检查记录仅采购单位本单位和市发展改革委可以查看。")
}

// CanListTenderChecks reports whether a may list saved checks.
func CanListTenderChecks(a *Actor) bool { return CheckListTenderChecks(a) == nil }

// SeesTenderCheck reports whether a may see saved check c.
func SeesTenderCheck(a *Actor, c *TenderCheck) bool {
	if a.IsPublic() {
		return false
	}
	switch a.Role() {
	case RoleBuyer:
		return a.User.BuyerID != 0 && a.User.BuyerID == c.BuyerID
	case RoleTender, RoleAdmin:
		return true
	}
	return false
}

// CanMarkFindings reports whether a may mark c's findings: its buyer's users.
func CanMarkFindings(a *Actor, c *TenderCheck) bool {
	return a.Role() == RoleBuyer && SeesTenderCheck(a, c)
}

// TenderCheckService keeps the checks buyers save.
type TenderCheckService interface {
	SaveTenderCheck(ctx context.Context, in TenderCheckSave) (*TenderCheck, error)
	FindTenderCheckByID(ctx context.Context, id int64) (*TenderCheck, error)
	FindTenderChecks(ctx context.Context, f TenderCheckFilter) ([]*TenderCheck, int, error)
	// MarkFinding marks finding n (from 1) fixed or explained.
	MarkFinding(ctx context.Context, id int64, n int, in FindingMarkInput) (*TenderCheck, error)
}

// TenderCheckStore is the saved checks' part of a Tx.
type TenderCheckStore interface {
	CreateTenderCheck(ctx context.Context, c *TenderCheck) error
	// TenderCheckByID reads a check with its marks.
	TenderCheckByID(ctx context.Context, id int64) (*TenderCheck, error)
	// ListTenderChecks lists checks without their text and report.
	ListTenderChecks(ctx context.Context, f TenderCheckFilter) ([]*TenderCheck, int, error)
	// PutFindingMark stores a mark, replacing one on the same finding.
	PutFindingMark(ctx context.Context, checkID int64, m *FindingMark) error
}
