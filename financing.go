package firstset

import (
	"context"
	"slices"
	"time"

	"firstset/money"
)

// FinancingKind is what an enterprise asks a lender for (2024 measures
// （七）, 2018 opinions （十一））.
type FinancingKind string

const (
	FinancingLoan   FinancingKind = "loan"   // 低息贷款
	FinancingLease  FinancingKind = "lease"  // 融资租赁、以租代购
	FinancingPledge FinancingKind = "pledge" // 专利权或应收账款质押
)

// FinancingKinds lists the kinds in the order forms offer them.
var FinancingKinds = []FinancingKind{FinancingLoan, FinancingLease, FinancingPledge}

var financingKindLabels = map[FinancingKind]string{
	FinancingLoan:   "贷款",
	FinancingLease:  "融资租赁（以租代购）",
	FinancingPledge: "专利或应收账款质押融资",
}

func (k FinancingKind) Label() string { return financingKindLabels[k] }
func (k FinancingKind) Valid() bool   { _, ok := financingKindLabels[k]; return ok }

// FinancingStatus is where a request stands; the stages are those of
// cases.FinancingRequest.
type FinancingStatus string

const (
	FinancingOpen      FinancingStatus = "open"      // 征询中
	FinancingGranted   FinancingStatus = "granted"   // an offer accepted
	FinancingWithdrawn FinancingStatus = "withdrawn" // the enterprise took it back
	FinancingClosed    FinancingStatus = "closed"    // every lender declined
)

var financingStatusLabels = map[FinancingStatus]string{
	FinancingOpen: "征询中", FinancingGranted: "已获融资", FinancingWithdrawn: "已撤回", FinancingClosed: "未获融资",
}

func (s FinancingStatus) Label() string { return financingStatusLabels[s] }
func (s FinancingStatus) Valid() bool   { _, ok := financingStatusLabels[s]; return ok }

// FinancingOfferStatus is where one lender's answer stands; the stages
// are those of cases.FinancingOffer.
type FinancingOfferStatus string

const (
	AnswerPending    FinancingOfferStatus = "pending"    // 待答复
	AnswerInterested FinancingOfferStatus = "interested" // 有意向
	AnswerOffered    FinancingOfferStatus = "offered"    // 已报价
	AnswerAccepted   FinancingOfferStatus = "accepted"   // 已采纳
	AnswerDeclined   FinancingOfferStatus = "declined"   // 已婉拒
	AnswerLost       FinancingOfferStatus = "lost"       // 未采纳
)

var financingOfferStatusLabels = map[FinancingOfferStatus]string{
	AnswerPending: "待答复", AnswerInterested: "有意向", AnswerOffered: "已报价",
	AnswerAccepted: "已采纳", AnswerDeclined: "已婉拒", AnswerLost: "未采纳",
}

func (s FinancingOfferStatus) Label() string { return financingOfferStatusLabels[s] }

// Open reports whether the lender may still act on the answer.
func (s FinancingOfferStatus) Open() bool {
	return s == AnswerPending || s == AnswerInterested || s == AnswerOffered
}

// Awaiting reports whether the answer waits for the lender (its to-do).
func (s FinancingOfferStatus) Awaiting() bool { return s == AnswerPending || s == AnswerInterested }

// FinancingProduct is a product a request concerns.
type FinancingProduct struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Model string `json:"model"`
}

// FinancingRequest is an enterprise's request for a loan, a lease or a
// pledge financing, shared with the banks and leasing firms it chose, and
// their answers (Offers: every one to the enterprise, its own to a
// lender).
type FinancingRequest struct {
	ID             int64              `json:"id"`
	Number         string             `json:"number"` // RZ-2026-000001
	EnterpriseID   int64              `json:"enterprise_id"`
	EnterpriseName string             `json:"enterprise_name"`
	Kind           FinancingKind      `json:"kind"`
	KindLabel      string             `json:"kind_label"`
	Amount         money.Fen          `json:"amount_yuan"`
	Purpose        string             `json:"purpose"`
	ProductIDs     []int64            `json:"product_ids"`
	Products       []FinancingProduct `json:"products"`
	InstitutionIDs []int64            `json:"institution_ids"`
	Status         FinancingStatus    `json:"status"`
	StatusLabel    string             `json:"status_label"`
	// AcceptedOfferID is the offer accepted, once granted; Reason why the
	// enterprise withdrew it.
	AcceptedOfferID int64             `json:"accepted_offer_id,omitempty"`
	Reason          string            `json:"reason,omitempty"`
	Offers          []*FinancingOffer `json:"offers"`
	CreatedBy       int64             `json:"created_by"`
	CreatedAt       time.Time         `json:"created_at"`
	UpdatedAt       time.Time         `json:"updated_at"`
}

// Offer is the request's answer from institution id, nil if it has none.
func (r *FinancingRequest) Offer(institutionID int64) *FinancingOffer {
	i := slices.IndexFunc(r.Offers, func(o *FinancingOffer) bool { return o.InstitutionID == institutionID })
	if i < 0 {
		return nil
	}
	return r.Offers[i]
}

// FinancingOffer is one lender's answer to a request: its interest, then
// the terms offered (amount, rate, term), and where it stands. A bank's
// loan may name the insurance policy on one of the request's products
// that guarantees it (2024 measures （七）：保险机构为提供低息贷款的银行
// 增强保险保障).
type FinancingOffer struct {
	ID              int64                `json:"id"`
	RequestID       int64                `json:"request_id"`
	InstitutionID   int64                `json:"institution_id"`
	InstitutionName string               `json:"institution_name"`
	InstitutionKind InstitutionKind      `json:"institution_kind"`
	Status          FinancingOfferStatus `json:"status"`
	StatusLabel     string               `json:"status_label"`
	Amount          money.Fen            `json:"amount_yuan,omitzero"`
	Rate            money.Rate           `json:"rate_percent,omitzero"`
	TermMonths      int                  `json:"term_months,omitzero"`
	PolicyNumber    string               `json:"policy_number,omitempty"`
	// Note is the lender's words: its interest (whom to contact), the
	// offer's conditions, or why it declined.
	Note        string     `json:"note,omitempty"`
	RespondedBy int64      `json:"responded_by,omitempty"`
	RespondedAt *time.Time `json:"responded_at,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// FinancingRequestInput is a request as an enterprise files it.
type FinancingRequestInput struct {
	Kind           FinancingKind `json:"kind"`
	Amount         money.Fen     `json:"amount_yuan"`
	Purpose        string        `json:"purpose"`
	ProductIDs     []int64       `json:"product_ids"`
	InstitutionIDs []int64       `json:"institution_ids"`
}

// FinancingOfferInput is a lender's offer. The rate is read from its
// string by the service, so that a rate without two decimals is refused
// naming the field (422), like every other rule.
type FinancingOfferInput struct {
	Amount       money.Fen `json:"amount_yuan"`
	RatePercent  string    `json:"rate_percent"`
	TermMonths   int       `json:"term_months"`
	PolicyNumber string    `json:"policy_number,omitempty"`
	Note         string    `json:"note,omitempty"`
}

// FinancingNote is a lender's interest (the note says whom to contact) or
// its refusal (the reasons), and an enterprise's withdrawal (the reasons).
type FinancingNote struct {
	Note string `json:"note"`
}

// FinancingAccept names the offer an enterprise accepts.
type FinancingAccept struct {
	OfferID int64 `json:"offer_id"`
}

// FinancingFilter narrows a listing of requests; the service sets the
// enterprise or the institution from the caller.
type FinancingFilter struct {
	EnterpriseID  int64
	InstitutionID int64
	Status        FinancingStatus
	// Awaiting lists, for an institution, the open requests still waiting
	// for its answer (pending or interested).
	Awaiting      bool
	Offset, Limit int
}

// CheckRequestFinancing is the refusal, if any, of filing a request: an
// enterprise's users, for their enterprise.
func CheckRequestFinancing(a *Actor) error {
	if err := a.RequireRole(RoleEnterprise); err != nil {
		return err
	}
	if a.User.EnterpriseID == 0 {
		return Errorf(EFORBIDDEN, "您的账号尚未关联企业，请联系平台管理员。")
	}
	return checkScope(a, ScopeFinancingWrite)
}

// CanRequestFinancing reports whether a may file requests.
func CanRequestFinancing(a *Actor) bool { return CheckRequestFinancing(a) == nil }

// CheckListFinancing is the refusal, if any, of listing requests: an
// enterprise lists its own, a bank's or leasing firm's user those shared
// with its institution.
func CheckListFinancing(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	switch {
	case a.Role() == RoleEnterprise && a.User.EnterpriseID != 0, a.Role() == RoleInsurer && a.User.InstitutionID != 0:
		return checkScope(a, ScopeFinancingRead)
	}
	return Errorf(EFORBIDDEN, "融资需求仅提出需求的企业和受邀的银行、融资租赁公司可以查看。")
}

// CanListFinancing reports whether a may list requests.
func CanListFinancing(a *Actor) bool { return CheckListFinancing(a) == nil }

// SeesFinancing reports whether a sees request r: its enterprise, and the
// institutions it was shared with. Never another enterprise, another
// institution or a department: the request is the enterprise's business
// with its lenders.
func SeesFinancing(a *Actor, r *FinancingRequest) bool {
	if a.IsPublic() {
		return false
	}
	switch a.Role() {
	case RoleEnterprise:
		return a.User.EnterpriseID != 0 && a.User.EnterpriseID == r.EnterpriseID
	case RoleInsurer:
		return a.User.InstitutionID != 0 && slices.Contains(r.InstitutionIDs, a.User.InstitutionID)
	}
	return false
}

// CheckFinancingParty is the refusal, if any, of a acting on a request it
// sees as the lender (lender) or as the enterprise (!lender).
func CheckFinancingParty(a *Actor, lender bool) error {
	switch {
	case lender && a.Role() != RoleInsurer:
		return Errorf(EFORBIDDEN, "融资需求由受邀的银行或融资租赁公司答复。")
	case !lender && a.Role() != RoleEnterprise:
		return Errorf(EFORBIDDEN, "融资需求由提出需求的企业决定。")
	}
	return checkScope(a, ScopeFinancingWrite)
}

// FinancingService takes enterprises' financing requests and lenders'
// answers.
type FinancingService interface {
	RequestFinancing(ctx context.Context, in FinancingRequestInput) (*FinancingRequest, error)
	FindFinancingRequestByID(ctx context.Context, id int64) (*FinancingRequest, error)
	FindFinancingRequests(ctx context.Context, f FinancingFilter) ([]*FinancingRequest, int, error)
	// The lender's answers.
	ExpressFinancingInterest(ctx context.Context, id int64, in FinancingNote) (*FinancingRequest, error)
	OfferFinancing(ctx context.Context, id int64, in FinancingOfferInput) (*FinancingRequest, error)
	DeclineFinancing(ctx context.Context, id int64, in FinancingNote) (*FinancingRequest, error)
	// The enterprise's decisions.
	AcceptFinancingOffer(ctx context.Context, id int64, in FinancingAccept) (*FinancingRequest, error)
	WithdrawFinancing(ctx context.Context, id int64, in FinancingNote) (*FinancingRequest, error)
	// FinancingLenders lists the banks and leasing firms a request may be
	// shared with, for the enterprises that ask.
	FinancingLenders(ctx context.Context) ([]*Institution, error)
}

// FinancingStore is the financing requests' part of a Tx.
type FinancingStore interface {
	// CreateFinancingRequest numbers and stores r with its products and a
	// pending answer for each institution.
	CreateFinancingRequest(ctx context.Context, r *FinancingRequest) error
	// FinancingRequestByID reads r with its products and every answer.
	FinancingRequestByID(ctx context.Context, id int64) (*FinancingRequest, error)
	// ListFinancingRequests lists requests newest first, each with its
	// products and every answer.
	ListFinancingRequests(ctx context.Context, f FinancingFilter) ([]*FinancingRequest, int, error)
	// UpdateFinancingRequest writes r's status over the stored row only if
	// it is still at from; ECONFLICT otherwise. UpdateFinancingOffer
	// likewise for an answer.
	UpdateFinancingRequest(ctx context.Context, r *FinancingRequest, from FinancingStatus) error
	UpdateFinancingOffer(ctx context.Context, o *FinancingOffer, from FinancingOfferStatus) error
}
