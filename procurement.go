package firstset

import (
	"context"
	"io"
	"strconv"
	"time"

	"firstset/date"
	"firstset/money"
)

// ProjectKind is the kind of project a purchase was made for; the periodic
// bulletin reports use by these three (2024 measures （五）).
type ProjectKind string

const (
	ProjectKey           ProjectKind = "key_project"           // 重点建设工程
	ProjectGovInvestment ProjectKind = "government_investment" // 政府投资项目
	ProjectStatePlatform ProjectKind = "state_platform"        // 国有平台（企业）
)

// ProjectKinds lists the kinds in the bulletin's order.
var ProjectKinds = []ProjectKind{ProjectKey, ProjectGovInvestment, ProjectStatePlatform}

var projectKindLabels = map[ProjectKind]string{
	ProjectKey:           "重点建设工程",
	ProjectGovInvestment: "政府投资项目",
	ProjectStatePlatform: "国有平台（企业）",
}

func (k ProjectKind) Label() string { return projectKindLabels[k] }
func (k ProjectKind) Valid() bool   { _, ok := projectKindLabels[k]; return ok }

// ProcurementMethod is how the purchase was made.
type ProcurementMethod string

const (
	MethodPublicTender    ProcurementMethod = "public_tender"
	MethodInvitedTender   ProcurementMethod = "invited_tender"
	MethodNegotiation     ProcurementMethod = "competitive_negotiation"
	MethodConsultation    ProcurementMethod = "competitive_consultation"
	MethodInquiry         ProcurementMethod = "inquiry"
	MethodSingleSource    ProcurementMethod = "single_source"
	MethodOtherProcedures ProcurementMethod = "other"
)

// ProcurementMethods lists the methods in the order forms offer them.
var ProcurementMethods = []ProcurementMethod{MethodPublicTender, MethodInvitedTender, MethodNegotiation,
	MethodConsultation, MethodInquiry, MethodSingleSource, MethodOtherProcedures}

var methodLabels = map[ProcurementMethod]string{
	MethodPublicTender:    "公开招标",
	MethodInvitedTender:   "邀请招标",
	MethodNegotiation:     "竞争性谈判",
	MethodConsultation:    "竞争性磋商",
	MethodInquiry:         "询价",
	MethodSingleSource:    "单一来源采购",
	MethodOtherProcedures: "其他方式",
}

func (m ProcurementMethod) Label() string { return methodLabels[m] }
func (m ProcurementMethod) Valid() bool   { _, ok := methodLabels[m]; return ok }

// NeedsRecommendation reports whether suppliers are invited on the written
// recommendations of the buyer and the experts (采购人和评审专家分别书面推荐,
// 2024 measures （五）, 2018 opinions （十五）): the record then says who
// recommended whom.
func (m ProcurementMethod) NeedsRecommendation() bool {
	return m == MethodNegotiation || m == MethodConsultation || m == MethodInquiry
}

// UseStatus is where a purchased product stands with its buyer.
type UseStatus string

const (
	UseContracted UseStatus = "contracted" // 已签订合同
	UseDelivered  UseStatus = "delivered"  // 已交付
	UseAccepted   UseStatus = "accepted"   // 已验收
	UseInUse      UseStatus = "in_use"     // 投入使用
	UseFailed     UseStatus = "failed"     // 应用未成功
	UseStopped    UseStatus = "stopped"    // 停用
)

// UseStatuses lists the statuses in their usual order.
var UseStatuses = []UseStatus{UseContracted, UseDelivered, UseAccepted, UseInUse, UseFailed, UseStopped}

var useLabels = map[UseStatus]string{
	UseContracted: "已签订合同",
	UseDelivered:  "已交付",
	UseAccepted:   "已验收",
	UseInUse:      "投入使用",
	UseFailed:     "应用未成功",
	UseStopped:    "停用",
}

func (s UseStatus) Label() string { return useLabels[s] }
func (s UseStatus) Valid() bool   { _, ok := useLabels[s]; return ok }

// Procurement is a buyer's purchase of a catalog product, with its
// delivery, acceptance and use (采购与使用情况).
type Procurement struct {
	ID           int64             `json:"id"`
	BuyerID      int64             `json:"buyer_id"`
	ProductID    int64             `json:"product_id"`
	ProjectName  string            `json:"project_name"`
	ProjectKind  ProjectKind       `json:"project_kind"`
	ContractDate date.Date         `json:"contract_date"`
	Amount       money.Fen         `json:"amount_yuan"`
	Method       ProcurementMethod `json:"method"`
	// Recommendation records the written recommendations of the buyer and
	// the experts, for the methods that invite suppliers on them.
	Recommendation string    `json:"recommendation,omitempty"`
	DeliveredOn    date.Date `json:"delivered_on,omitzero"`
	AcceptedOn     date.Date `json:"accepted_on,omitzero"`
	UseStatus      UseStatus `json:"use_status"`
	Note           string    `json:"note,omitempty"`
	CreatedBy      int64     `json:"created_by"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`

	// Joined in by storage.
	BuyerName      string    `json:"buyer_name"`
	BuyerKind      BuyerKind `json:"buyer_kind"`
	BuyerDistrict  string    `json:"buyer_district_code"`
	ProductName    string    `json:"product_name"`
	EnterpriseID   int64     `json:"enterprise_id"`
	EnterpriseName string    `json:"enterprise_name"`
}

// ProcurementInput is a purchase as the buyer records it. Amount is in
// yuan (a string, as every amount of the API).
type ProcurementInput struct {
	ProductID      int64             `json:"product_id"`
	ProjectName    string            `json:"project_name"`
	ProjectKind    ProjectKind       `json:"project_kind"`
	ContractDate   date.Date         `json:"contract_date"`
	Amount         money.Fen         `json:"amount_yuan"`
	Method         ProcurementMethod `json:"method"`
	Recommendation string            `json:"recommendation"`
	DeliveredOn    date.Date         `json:"delivered_on,omitzero"`
	AcceptedOn     date.Date         `json:"accepted_on,omitzero"`
	UseStatus      UseStatus         `json:"use_status"`
	Note           string            `json:"note"`
	// BuyerID is for an administrator recording on a buyer's behalf; a
	// buyer user's records are always its own buyer's.
	BuyerID int64 `json:"buyer_id,omitempty"`
}

// ProcurementFilter narrows a listing of purchases.
type ProcurementFilter struct {
	BuyerID      int64
	ProductID    int64
	EnterpriseID int64
	ProjectKind  ProjectKind
	// DistrictCode is the buyer's district.
	DistrictCode string
	From, To     date.Date // contract dates, inclusive; zero for open
	Query        string    // part of the project's, product's or buyer's name
	Offset       int
	Limit        int
}

// EquipmentTotal is a buyer's whole equipment procurement in a period, the
// denominator of its first-set share.
type EquipmentTotal struct {
	ID        int64     `json:"id"`
	BuyerID   int64     `json:"buyer_id"`
	Period    string    `json:"period"` // 2026Q3, or a year: 2026
	Amount    money.Fen `json:"equipment_total_yuan"`
	CreatedBy int64     `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// Replaced is set when the figure replaced one recorded before.
	Replaced bool `json:"replaced,omitempty"`

	BuyerName string `json:"buyer_name,omitempty"`
}

// EquipmentTotalInput is a buyer's equipment total for a period.
type EquipmentTotalInput struct {
	Period  string    `json:"period"`
	Amount  money.Fen `json:"equipment_total_yuan"`
	BuyerID int64     `json:"buyer_id,omitempty"` // an administrator's, as in ProcurementInput
}

// Percent is a share in hundredths of a percent (1250 is 12.50%); in JSON
// a number with two decimals.
type Percent int64

func (p Percent) String() string {
	sign := ""
	if p < 0 {
		sign, p = "-", -p
	}
	return sign + strconv.FormatInt(int64(p)/100, 10) + "." + pad2(int64(p)%100)
}

func (p Percent) MarshalJSON() ([]byte, error) { return []byte(p.String()), nil }

// SharePercent is part/whole as a percentage to two decimals, rounded half
// up, exactly; false when whole is not positive.
func SharePercent(part, whole money.Fen) (Percent, bool) {
	if whole <= 0 || part < 0 {
		return 0, false
	}
	// part*10000/whole in hundredths of a percent, half up; the product
	// stays inside int64 for any amount below 9.2e14 fen (9.2 万亿元).
	num := int64(part) * 10000
	q, r := num/int64(whole), num%int64(whole)
	if 2*r >= int64(whole) {
		q++
	}
	return Percent(q), true
}

// SOEShare is one state-owned buyer's first-set share of its equipment
// procurement in a period, with its assessment-list entries.
type SOEShare struct {
	BuyerID      int64     `json:"buyer_id"`
	BuyerName    string    `json:"buyer_name"`
	Kind         BuyerKind `json:"kind"`
	DistrictCode string    `json:"district_code"`
	Purchases    int       `json:"purchases"`
	FirstSet     money.Fen `json:"first_set_yuan"`
	// EquipmentTotal is nil when the buyer has not reported its total.
	EquipmentTotal *money.Fen `json:"equipment_total_yuan"`
	// SharePercent is nil without a total.
	SharePercent *Percent `json:"share_percent"`
	// Assessment is the 业绩考核事项清单 entries of the period: the
	// first-set products it developed, bought and put to use.
	Assessment []AssessmentEntry `json:"assessment"`
}

// AssessmentEntry is one line of an SOE's 业绩考核事项清单 (2024 measures
// （五）): a first-set product it developed (研制), bought (采购) or uses
// (使用).
type AssessmentEntry struct {
	Kind        string    `json:"kind"` // research, purchase, use
	KindLabel   string    `json:"kind_label"`
	ProductID   int64     `json:"product_id"`
	ProductName string    `json:"product_name"`
	On          date.Date `json:"on"`
	Amount      money.Fen `json:"amount_yuan,omitempty"`
	Detail      string    `json:"detail"`
}

// ImportProblem is what is wrong with one row of an uploaded workbook.
type ImportProblem struct {
	Row     int    `json:"row"` // the sheet's row number, as Excel shows it
	Field   string `json:"field"`
	Column  string `json:"column"` // the column's heading
	Code    string `json:"code"`
	Message string `json:"message"`
}

// ImportResult is the outcome of an import: every row stored, or none and
// the problems.
type ImportResult struct {
	Rows     int             `json:"rows"`
	Stored   int             `json:"stored"`
	Problems []ImportProblem `json:"problems"`
}

// CheckRecordProcurement is the refusal, if any, for a recording purchases
// and totals: a buyer user for its own buyer, an administrator for any.
func CheckRecordProcurement(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	switch a.Role() {
	case RoleBuyer:
		if a.User.BuyerID == 0 {
			return Errorf(EFORBIDDEN, "您的账号尚未关联采购单位，请联系平台管理员。")
		}
		return nil
	case RoleAdmin:
		return nil
	}
	return Errorf(EFORBIDDEN, "只有采购单位用户可以登记采购记录。")
}

// CanRecordProcurement reports whether a may record purchases.
func CanRecordProcurement(a *Actor) bool { return CheckRecordProcurement(a) == nil }

// CanChangeProcurement reports whether a may change purchase p: its
// buyer's users, and administrators.
func CanChangeProcurement(a *Actor, p *Procurement) bool {
	return CanRecordProcurement(a) && (a.Role() == RoleAdmin || a.User.BuyerID == p.BuyerID)
}

// CheckListProcurements is the refusal, if any, for a listing purchases:
// a buyer its own, a district office its district's buyers', the city's
// departments all.
func CheckListProcurements(a *Actor) error { return CheckListBuyers(a) }

// CheckReadShares is the refusal, if any, for a reading the SOE shares: the
// regulator, reviewers and administrators; a district office its
// district's SOEs.
func CheckReadShares(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	switch a.Role() {
	case RoleSOE, RoleReviewer, RoleAdmin, RoleDistrict:
		return nil
	}
	return Errorf(EFORBIDDEN, "只有市国资委、市经济信息委和区县部门可以查看国有企业首台（套）采购占比。")
}

// CanReadShares reports whether a may read the SOE shares.
func CanReadShares(a *Actor) bool { return CheckReadShares(a) == nil }

// ProcurementService records and reports buyers' purchases.
type ProcurementService interface {
	CreateProcurement(ctx context.Context, in ProcurementInput) (*Procurement, error)
	UpdateProcurement(ctx context.Context, id int64, in ProcurementInput) (*Procurement, error)
	FindProcurementByID(ctx context.Context, id int64) (*Procurement, error)
	FindProcurements(ctx context.Context, f ProcurementFilter) ([]*Procurement, int, error)
	// ImportProcurements reads a workbook made from the template: every
	// row is stored, or none when any row has a problem.
	ImportProcurements(ctx context.Context, buyerID int64, r io.Reader) (*ImportResult, error)
	SetEquipmentTotal(ctx context.Context, in EquipmentTotalInput) (*EquipmentTotal, error)
	EquipmentTotals(ctx context.Context, buyerID int64) ([]*EquipmentTotal, error)
	SOEShares(ctx context.Context, period string) ([]*SOEShare, error)
}

// ProcurementStore is the purchases' part of a Tx.
type ProcurementStore interface {
	CreateProcurement(ctx context.Context, p *Procurement) error
	// CreateProcurements stores many purchases in as few statements as it can.
	CreateProcurements(ctx context.Context, ps []*Procurement) error
	UpdateProcurement(ctx context.Context, p *Procurement) error
	ProcurementByID(ctx context.Context, id int64) (*Procurement, error)
	ListProcurements(ctx context.Context, f ProcurementFilter) ([]*Procurement, int, error)
	// EachProcurement calls fn for every purchase of f in id order, reading
	// in batches, without counting.
	EachProcurement(ctx context.Context, f ProcurementFilter, fn func(*Procurement) error) error
	// PutEquipmentTotal stores a buyer's total for a period, replacing an
	// earlier one (t.Replaced then says so).
	PutEquipmentTotal(ctx context.Context, t *EquipmentTotal) error
	EquipmentTotals(ctx context.Context, buyerID int64, period string) ([]*EquipmentTotal, error)
}

// ImportColumn is one column of the purchases' import template.
type ImportColumn struct {
	Field    string // the API's field name
	Heading  string // the template's heading
	Required bool
	Hint     string // what the template's second line says of it
}

// ProcurementImportColumns are the columns of the purchases' import
// template, in order; the import reads columns by these headings.
var ProcurementImportColumns = []ImportColumn{
	{"product_id", "装备编号", true, "目录中装备的编号（数字，见装备页面地址）"},
	{"project_name", "项目名称", true, "采购所属项目"},
	{"project_kind", "项目类型", true, "重点建设工程 / 政府投资项目 / 国有平台（企业）"},
	{"contract_date", "合同签订日期", true, "如 2026-07-15"},
	{"amount_yuan", "合同金额（元）", true, "如 1250000.00"},
	{"method", "采购方式", true, "公开招标 / 邀请招标 / 竞争性谈判 / 竞争性磋商 / 询价 / 单一来源采购 / 其他方式"},
	{"recommendation", "书面推荐情况", false, "竞争性谈判、竞争性磋商、询价须填写采购人和评审专家的书面推荐"},
	{"delivered_on", "交付日期", false, "如 2026-08-01"},
	{"accepted_on", "验收日期", false, "如 2026-09-01"},
	{"use_status", "使用状态", false, "已签订合同 / 已交付 / 已验收 / 投入使用 / 应用未成功 / 停用"},
	{"note", "备注", false, ""},
}

// ParseProjectKind reads a project kind by its code or its Chinese name.
func ParseProjectKind(s string) (ProjectKind, bool) {
	for _, k := range ProjectKinds {
		if s == string(k) || s == k.Label() {
			return k, true
		}
	}
	return "", false
}

// ParseProcurementMethod reads a method by its code or its Chinese name.
func ParseProcurementMethod(s string) (ProcurementMethod, bool) {
	for _, m := range ProcurementMethods {
		if s == string(m) || s == m.Label() {
			return m, true
		}
	}
	return "", false
}

// ParseUseStatus reads a use status by its code or its Chinese name.
func ParseUseStatus(s string) (UseStatus, bool) {
	for _, u := range UseStatuses {
		if s == string(u) || s == u.Label() {
			return u, true
		}
	}
	return "", false
}
