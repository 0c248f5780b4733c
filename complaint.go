package firstset

import (
	"context"
	"encoding/json"
	"time"

	"firstset/date"
)

// ComplaintStatus is where a complaint about a tender document (招标投诉)
// stands; the stages are those of cases.Complaint.
type ComplaintStatus string

const (
	ComplaintSubmitted ComplaintStatus = "submitted" // 待受理
	ComplaintAccepted  ComplaintStatus = "accepted"  // 已受理，处理中
	ComplaintUpheld    ComplaintStatus = "upheld"    // 投诉成立
	ComplaintDismissed ComplaintStatus = "dismissed" // 投诉不成立
	ComplaintRejected  ComplaintStatus = "rejected"  // 不予受理
	ComplaintWithdrawn ComplaintStatus = "withdrawn" // 已撤回
)

// ComplaintStatuses lists the statuses in workflow order.
var ComplaintStatuses = []ComplaintStatus{ComplaintSubmitted, ComplaintAccepted, ComplaintUpheld,
	ComplaintDismissed, ComplaintRejected, ComplaintWithdrawn}

var complaintStatusLabels = map[ComplaintStatus]string{
	ComplaintSubmitted: "待受理",
	ComplaintAccepted:  "处理中",
	ComplaintUpheld:    "投诉成立",
	ComplaintDismissed: "投诉不成立",
	ComplaintRejected:  "不予受理",
	ComplaintWithdrawn: "已撤回",
}

func (s ComplaintStatus) Label() string { return complaintStatusLabels[s] }
func (s ComplaintStatus) Valid() bool   { _, ok := complaintStatusLabels[s]; return ok }

// Open reports whether the complaint still waits for the supervisor.
func (s ComplaintStatus) Open() bool { return s == ComplaintSubmitted || s == ComplaintAccepted }

// Complaint is a first-set maker's complaint (投诉) that a tender document
// shuts its product out (2024 measures （四）, 2018 opinions （十四）), and
// how the tender supervisor (市发展改革委) handled it: accepted or not within
// the acceptance limit, then upheld or dismissed with a written answer
// within the handling limit.
type Complaint struct {
	ID           int64  `json:"id"`
	Number       string `json:"number"` // TS-2026-000001
	EnterpriseID int64  `json:"enterprise_id"`
	ProductID    int64  `json:"product_id"`
	// BuyerID names the buyer when it is on the platform; BuyerName is
	// the name as the complainant gave it otherwise.
	BuyerID      int64  `json:"buyer_id,omitempty"`
	BuyerName    string `json:"buyer_name"`
	TenderTitle  string `json:"tender_title"`
	TenderNumber string `json:"tender_number,omitempty"` // 招标（采购）项目编号
	// Clauses are the contested clauses as the complainant quotes them;
	// ClauseReport is the checker's report on them when filed, kept
	// verbatim (package tender's Report).
	Clauses      string          `json:"clauses,omitempty"`
	ClauseReport json.RawMessage `json:"clause_report,omitempty"`
	ClauseFinds  int             `json:"clause_findings"`
	// Account is the complaint's matter and reasons (投诉事项及理由).
	Account string `json:"account"`
	// TenderCheckID links the buyer's saved check of the document, when
	// the supervisor finds one.
	TenderCheckID int64           `json:"tender_check_id,omitempty"`
	Status        ComplaintStatus `json:"status"`
	StatusLabel   string          `json:"status_label"`
	FiledOn       date.Date       `json:"filed_on"`
	// DueOn is the last day of the open stage's time limit (受理 or 处理).
	DueOn      date.Date  `json:"due_on,omitempty"`
	Overdue    bool       `json:"overdue"`
	AcceptedBy int64      `json:"accepted_by,omitempty"`
	AcceptedAt *time.Time `json:"accepted_at,omitempty"`
	// Answer is the supervisor's written decision: why it was not
	// accepted, or why it is upheld or dismissed and what follows.
	Answer     string     `json:"answer,omitempty"`
	AnsweredBy int64      `json:"answered_by,omitempty"`
	AnsweredAt *time.Time `json:"answered_at,omitempty"`
	AnsweredOn date.Date  `json:"-"`
	CreatedBy  int64      `json:"created_by"`
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`

	// Joined in by storage.
	EnterpriseName string `json:"enterprise_name"`
	ProductName    string `json:"product_name"`
}

// ComplaintInput is a complaint as filed. EnterpriseID is read only from
// the tender supervisor, who records a complaint received in writing on
// the maker's behalf; an enterprise user files for its own enterprise.
type ComplaintInput struct {
	EnterpriseID  int64  `json:"enterprise_id,omitempty"`
	ProductID     int64  `json:"product_id"`
	BuyerID       int64  `json:"buyer_id,omitempty"`
	BuyerName     string `json:"buyer_name,omitempty"`
	TenderTitle   string `json:"tender_title"`
	TenderNumber  string `json:"tender_number,omitempty"`
	Clauses       string `json:"clauses,omitempty"`
	Account       string `json:"account"`
	TenderCheckID int64  `json:"tender_check_id,omitempty"`
}

// ComplaintActionInput is an action on a complaint: accept, reject,
// uphold or dismiss by the supervisor, withdraw by the complainant.
// Opinion is the answer (required but for accept and withdraw). The
// supervisor may also link the buyer on the platform that the complaint
// names (BuyerID), so that it sees the complaint, and the buyer's saved
// check of the document (TenderCheckID).
type ComplaintActionInput struct {
	Action        string `json:"action"`
	Opinion       string `json:"opinion"`
	BuyerID       int64  `json:"buyer_id,omitempty"`
	TenderCheckID int64  `json:"tender_check_id,omitempty"`
}

// ComplaintFilter narrows a listing of complaints.
type ComplaintFilter struct {
	EnterpriseID int64
	BuyerID      int64
	Status       ComplaintStatus
	// Open lists the complaints still waiting for the supervisor.
	Open          bool
	Offset, Limit int
}

// ComplaintCount is how many complaints a period received, and how it
// handled them.
type ComplaintCount struct {
	Filed, Upheld, Dismissed, Rejected int
}

// CheckFileComplaint is the refusal, if any, for a filing a complaint:
// an enterprise user for its own enterprise, or the tender supervisor
// recording one received in writing.
func CheckFileComplaint(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	switch a.Role() {
	case RoleEnterprise:
		if a.User.EnterpriseID == 0 {
			return Errorf(EFORBIDDEN, "您的账号尚未关联企业，请联系平台管理员。")
		}
		return nil
	case RoleTender:
		return nil
	}
	return Errorf(EFORBIDDEN, "招标投诉由首台（套）产品生产企业提出，或由市发展改革委登记收到的书面投诉。")
}

// CanFileComplaint reports whether a may file complaints.
func CanFileComplaint(a *Actor) bool { return CheckFileComplaint(a) == nil }

// CheckListComplaints is the refusal, if any, for a listing complaints:
// an enterprise its own, a buyer those about its tenders, the supervisor
// and administrators all.
func CheckListComplaints(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	switch a.Role() {
	case RoleEnterprise:
		if a.User.EnterpriseID != 0 {
			return nil
		}
	case RoleBuyer:
		if a.User.BuyerID != 0 {
			return nil
		}
	case RoleTender, RoleAdmin:
		return nil
	}
	return Errorf(EFORBIDDEN, "招标投诉仅投诉企业、被投诉的采购单位和市发展改革委可以查看。")
}

// CanListComplaints reports whether a may list complaints.
func CanListComplaints(a *Actor) bool { return CheckListComplaints(a) == nil }

// SeesComplaint reports whether a may see complaint c: the complaining
// enterprise, the buyer complained about (被投诉人, who must answer for its
// document), the supervisor and administrators. Never another enterprise
// or buyer.
func SeesComplaint(a *Actor, c *Complaint) bool {
	if a.IsPublic() {
		return false
	}
	switch a.Role() {
	case RoleEnterprise:
		return a.User.EnterpriseID != 0 && a.User.EnterpriseID == c.EnterpriseID
	case RoleBuyer:
		return a.User.BuyerID != 0 && a.User.BuyerID == c.BuyerID
	case RoleTender, RoleAdmin:
		return true
	}
	return false
}

// CanHandleComplaint reports whether a handles complaints (受理、处理):
// the tender supervisor.
func CanHandleComplaint(a *Actor) bool { return !a.IsPublic() && a.Role() == RoleTender }

// CanWithdrawComplaint reports whether a may withdraw c: the complaining
// enterprise's users.
func CanWithdrawComplaint(a *Actor, c *Complaint) bool {
	return a.Role() == RoleEnterprise && SeesComplaint(a, c)
}

// ComplaintService takes complaints about tender documents and their
// handling.
type ComplaintService interface {
	FileComplaint(ctx context.Context, in ComplaintInput) (*Complaint, error)
	ActOnComplaint(ctx context.Context, id int64, in ComplaintActionInput) (*Complaint, error)
	FindComplaintByID(ctx context.Context, id int64) (*Complaint, error)
	FindComplaints(ctx context.Context, f ComplaintFilter) ([]*Complaint, int, error)
}

// ComplaintStore is the complaints' part of a Tx.
type ComplaintStore interface {
	CreateComplaint(ctx context.Context, c *Complaint) error
	ComplaintByID(ctx context.Context, id int64) (*Complaint, error)
	// UpdateComplaint writes c's stage and handling over the stored row
	// only if it is still at stage from; ECONFLICT otherwise.
	UpdateComplaint(ctx context.Context, c *Complaint, from ComplaintStatus) error
	ListComplaints(ctx context.Context, f ComplaintFilter) ([]*Complaint, int, error)
	// CountComplaints counts the complaints filed, and those answered
	// each way, in the days from through to, inclusive.
	CountComplaints(ctx context.Context, from, to date.Date) (ComplaintCount, error)
}
