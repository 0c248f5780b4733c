package firstset

import (
	"context"
	"encoding/json"
	"time"

	"firstset/date"
	"firstset/money"
)

// The incentives: a round's kind and the kind of its applications (cases).
const (
	IncentiveReward  = "first_purchase_reward" // M24-1 首购首用奖励
	IncentiveSubsidy = "premium_subsidy"       // M24-2 保费补贴
)

// IncentiveKinds lists the incentives in the order pages offer them.
var IncentiveKinds = []string{IncentiveReward, IncentiveSubsidy}

// IncentiveLabel is an incentive's Chinese name.
func IncentiveLabel(kind string) string {
	switch kind {
	case IncentiveReward:
		return "首购首用奖励"
	case IncentiveSubsidy:
		return "保费补贴"
	}
	return kind
}

// IsIncentive reports whether kind is an incentive's.
func IsIncentive(kind string) bool { return kind == IncentiveReward || kind == IncentiveSubsidy }

// The methods of a merit allocation within a budget.
const (
	MethodRankOrder = "rank_order" // in rank order, each its maximum while the budget lasts
	MethodProRata   = "pro_rata"   // every passing application scaled down alike
)

// MethodLabel is an allocation method's Chinese name.
func MethodLabel(m string) string {
	switch m {
	case MethodRankOrder:
		return "按排名依次安排"
	case MethodProRata:
		return "按比例安排"
	}
	return m
}

// The states of an incentive round.
const (
	RoundOpen     = "open"     // accepting and reviewing applications
	RoundProposed = "proposed" // the reviewer's allocation waits for finance
	RoundApproved = "approved" // finance approved it: on notice, then paid
)

// RoundStatusLabel is a round state's Chinese name.
func RoundStatusLabel(s string) string {
	switch s {
	case RoundOpen:
		return "受理评审中"
	case RoundProposed:
		return "分配方案待审批"
	case RoundApproved:
		return "已批准"
	}
	return s
}

// IncentiveRound is a round of one incentive in one year (奖补批次),
// opened by finance with its budget: a regular round or a supplementary
// one (补充批次). Its parameters are frozen once its allocation has run.
type IncentiveRound struct {
	ID     int64     `json:"id"`
	Kind   string    `json:"kind"`
	Year   int       `json:"year"`
	Title  string    `json:"title"`
	Budget money.Fen `json:"budget_yuan"`
	Method string    `json:"method"`
	// PassScore is in hundredths of a point (6000 is 60 points).
	PassScore Score `json:"pass_score"`
	// UsesExperts: drawn experts score the applications, not the reviewer.
	UsesExperts bool      `json:"uses_experts"`
	OpensOn     date.Date `json:"opens_on"`
	ClosesOn    date.Date `json:"closes_on"`
	Status      string    `json:"status"`
	// FrozenAt is when its allocation first ran.
	FrozenAt *time.Time `json:"frozen_at,omitempty"`
	// Allocated is the total of the current proposal or approved allocation.
	Allocated money.Fen `json:"allocated_yuan"`
	// Opinion is finance's last word on the proposal: why it was sent
	// back, or the approval's note.
	Opinion    string     `json:"opinion,omitempty"`
	ApprovedBy int64      `json:"approved_by,omitempty"`
	ApprovedAt *time.Time `json:"approved_at,omitempty"`
	// The results' public notice (公示), set on approval.
	NoticeStartsOn date.Date `json:"notice_starts_on"`
	NoticeEndsOn   date.Date `json:"notice_ends_on"`
	CreatedBy      int64     `json:"created_by"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// OpenOn reports whether applications may be submitted into r on day d.
func (r *IncentiveRound) OpenOn(d date.Date) bool {
	return r.Status == RoundOpen && r.FrozenAt == nil && !d.Before(r.OpensOn) && !d.After(r.ClosesOn)
}

// IncentiveRoundInput opens or edits a round. PassScore is a number of
// points with at most two decimals (60, 75.5); empty takes the pass
// score in force.
type IncentiveRoundInput struct {
	Kind        string      `json:"kind"`
	Year        int         `json:"year"`
	Title       string      `json:"title"`
	Budget      money.Fen   `json:"budget_yuan"`
	Method      string      `json:"method"`
	PassScore   json.Number `json:"pass_score"`
	UsesExperts bool        `json:"uses_experts"`
	OpensOn     date.Date   `json:"opens_on"`
	ClosesOn    date.Date   `json:"closes_on"`
}

// IncentiveRoundFilter narrows a listing of rounds.
type IncentiveRoundFilter struct {
	Kind string
	Year int
	// OpenOn lists only rounds accepting applications that day; OpenNow
	// those accepting them today, by the services' clock.
	OpenOn  date.Date
	OpenNow bool
}

// PolicyYear is one insurance policy period of a product, as the
// calculator takes it; PolicyNumber and Insurer are set when it came
// from an insurer's data.
type PolicyYear struct {
	Start         date.Date `json:"start"`
	End           date.Date `json:"end"`
	InsuredAmount money.Fen `json:"insured_amount_yuan"`
	Premium       money.Fen `json:"premium_yuan"`
	Claim         bool      `json:"claim"`
	PolicyNumber  string    `json:"policy_number,omitempty"`
}

// Application is what an incentive case (a reward or subsidy
// application) holds besides the case: the round, the applicant's data,
// the engine's maximum with its inputs and explanation, the allocation
// and what has been paid.
type Application struct {
	CaseID  int64  `json:"-"`
	Kind    string `json:"-"`
	RoundID int64  `json:"round_id"`
	// ApplicantUserID is the buyer who applied for a reward.
	ApplicantUserID int64 `json:"applicant_user_id,omitempty"`
	// The first buying and using unit (首购首用单位) of a reward.
	BuyerName       string `json:"buyer_name,omitempty"`
	BuyerCreditCode string `json:"buyer_credit_code,omitempty"`
	// A reward's purchase contract.
	ContractDate date.Date `json:"contract_date,omitzero"`
	ContractPaid money.Fen `json:"paid_yuan,omitzero"`
	// PolicyYears are a subsidy's periods this application covers.
	PolicyYears []PolicyYear `json:"policy_years,omitempty"`
	// OfferID is the offer (免申即享) a subsidy application was confirmed from.
	OfferID   int64 `json:"offer_id,omitempty"`
	TalentLed bool  `json:"talent_led"`

	// What the engine found, with what it took and its parameters' version.
	Eligible      bool            `json:"eligible"`
	Reason        string          `json:"reason"`
	MaxAmount     money.Fen       `json:"max_amount_yuan"`
	Explanation   json.RawMessage `json:"explanation"`
	Result        json.RawMessage `json:"result"`
	Input         json.RawMessage `json:"input"`
	EngineVersion string          `json:"engine_version"`
	ComputedAt    time.Time       `json:"computed_at"`

	// The allocation, once run: rank, amount, reason and its explanation.
	Rank                  int             `json:"rank,omitempty"`
	Allocated             *money.Fen      `json:"allocated_yuan"`
	AllocationReason      string          `json:"allocation_reason,omitempty"`
	AllocationExplanation json.RawMessage `json:"allocation_explanation,omitempty"`
	// Disbursed is the total paid so far.
	Disbursed money.Fen `json:"disbursed_yuan"`
	// Active: not withdrawn, rejected or unfunded; it holds its product
	// (a reward) or its periods (a subsidy).
	Active bool `json:"-"`

	// Joined in by storage.
	RoundTitle string `json:"round_title,omitempty"`
	RoundYear  int    `json:"round_year,omitempty"`
}

// ApplicationInput is an application as its applicant writes it: the
// round and product, and for a reward the contract, for a subsidy the
// policy years as the calculator takes them.
type ApplicationInput struct {
	RoundID         int64        `json:"round_id"`
	ProductID       int64        `json:"product_id"`
	ContractDate    date.Date    `json:"contract_date,omitzero"`
	Paid            money.Fen    `json:"paid_yuan,omitzero"`
	BuyerName       string       `json:"buyer_name,omitempty"`
	BuyerCreditCode string       `json:"buyer_credit_code,omitempty"`
	PolicyYears     []PolicyYear `json:"policy_years,omitempty"`
}

// ApplicationView is an application as the caller may see it: its case
// (stage, timeline, materials, actions) and its incentive data.
type ApplicationView struct {
	*CaseView
	*Application
	KindLabel string `json:"kind_label"`
	// Round is the round's own record.
	Round *IncentiveRound `json:"round,omitempty"`
	// Disbursements are its payments.
	Disbursements []*Disbursement `json:"disbursements,omitempty"`
	// Checklist is the materials it attaches.
	Checklist []ChecklistItem `json:"checklist,omitempty"`
}

// ApplicationFilter narrows a listing of applications.
type ApplicationFilter struct {
	CaseFilter
	// IncentiveRoundID lists one round's applications.
	IncentiveRoundID int64
}

// Replay is an application's result recomputed with the engine in force.
type Replay struct {
	ApplicationID int64           `json:"application_id"`
	Unchanged     bool            `json:"unchanged"`
	StoredVersion string          `json:"stored_version"`
	Version       string          `json:"version"`
	StoredMax     money.Fen       `json:"stored_max_amount_yuan"`
	MaxAmount     money.Fen       `json:"max_amount_yuan"`
	Stored        json.RawMessage `json:"stored_result"`
	Result        json.RawMessage `json:"result"`
}

// AllocationLine is one application's place in a round's allocation.
type AllocationLine struct {
	ApplicationID  int64           `json:"application_id"`
	Number         string          `json:"number"`
	Rank           int             `json:"rank"`
	Amount         money.Fen       `json:"amount_yuan"`
	Reason         string          `json:"reason"`
	ReasonLabel    string          `json:"reason_label"`
	Explanation    json.RawMessage `json:"explanation"`
	MaxAmount      money.Fen       `json:"max_amount_yuan"`
	Score          *Score          `json:"score"`
	TalentLed      bool            `json:"talent_led"`
	EnterpriseName string          `json:"enterprise_name"`
	ProductName    string          `json:"product_name"`
	BuyerName      string          `json:"buyer_name,omitempty"`
}

// AllocationResult is a round's allocation: every application at the
// allocation stage (or allocated), in rank order.
type AllocationResult struct {
	RoundID     int64            `json:"round_id"`
	Status      string           `json:"status"`
	Budget      money.Fen        `json:"budget_yuan"`
	Method      string           `json:"method"`
	PassScore   Score            `json:"pass_score"`
	Allocations []AllocationLine `json:"allocations"`
	Total       money.Fen        `json:"total_yuan"`
}

// RoundDecision is finance's word on a round's allocation.
type RoundDecision struct {
	Opinion string `json:"opinion"`
}

// Results is the public notice of a round's approved allocation (公示):
// enterprise, product and amount of every funded application.
type Results struct {
	Round *IncentiveRound `json:"round"`
	Items []ResultLine    `json:"items"`
	Total money.Fen       `json:"total_yuan"`
}

// ResultLine is one funded application on a round's notice.
type ResultLine struct {
	Number         string    `json:"number"`
	EnterpriseName string    `json:"enterprise_name"`
	ProductName    string    `json:"product_name"`
	ProductModel   string    `json:"product_model"`
	BuyerName      string    `json:"buyer_name,omitempty"`
	Amount         money.Fen `json:"amount_yuan"`
}

// Disbursement is one payment against an approved allocation (拨付).
type Disbursement struct {
	ID            int64     `json:"id"`
	ApplicationID int64     `json:"application_id"`
	Amount        money.Fen `json:"amount_yuan"`
	PaidOn        date.Date `json:"paid_on"`
	Voucher       string    `json:"voucher"`
	BankReference string    `json:"bank_reference"`
	// Payee is who received it: the buyer for a reward, the manufacturer
	// for a subsidy.
	Payee      string    `json:"payee"`
	RecordedBy int64     `json:"recorded_by"`
	CreatedAt  time.Time `json:"created_at"`

	// Copied from the application, for the ledger's views.
	Kind         string `json:"kind"`
	RoundID      int64  `json:"round_id"`
	Year         int    `json:"year"`
	ProductID    int64  `json:"product_id"`
	EnterpriseID int64  `json:"enterprise_id"`

	// Joined in by storage.
	Number         string `json:"number"`
	ProductName    string `json:"product_name"`
	EnterpriseName string `json:"enterprise_name"`
	RoundTitle     string `json:"round_title"`
}

// DisbursementInput is a payment as finance records it.
type DisbursementInput struct {
	ApplicationID int64     `json:"application_id"`
	Amount        money.Fen `json:"amount_yuan"`
	PaidOn        date.Date `json:"paid_on"`
	Voucher       string    `json:"voucher"`
	BankReference string    `json:"bank_reference"`
}

// LedgerFilter narrows the disbursement ledger: by product, enterprise,
// round, year, incentive or application.
type LedgerFilter struct {
	ProductID     int64
	EnterpriseID  int64
	RoundID       int64
	ApplicationID int64
	Year          int
	Kind          string
	// Payee limits the ledger to a buyer's own rewards.
	ApplicantUserID int64
	Offset          int
	Limit           int
}

// Ledger is a page of the disbursement ledger and its totals.
type Ledger struct {
	Items     []*Disbursement `json:"items"`
	Total     int             `json:"total"`
	TotalPaid money.Fen       `json:"total_paid_yuan"`
}

// LedgerSummary is one row of the ledger summed by a key.
type LedgerSummary struct {
	Key   string    `json:"key"`
	Label string    `json:"label"`
	Count int       `json:"count"`
	Paid  money.Fen `json:"paid_yuan"`
}

// IncentiveService is what pages and programs ask of the incentives:
// rounds, applications, allocation, approval, payment and the ledger.
type IncentiveService interface {
	CreateIncentiveRound(ctx context.Context, in IncentiveRoundInput) (*IncentiveRound, error)
	// UpdateIncentiveRound edits a round not yet frozen.
	UpdateIncentiveRound(ctx context.Context, id int64, in IncentiveRoundInput) (*IncentiveRound, error)
	IncentiveRound(ctx context.Context, id int64) (*IncentiveRound, error)
	IncentiveRounds(ctx context.Context, f IncentiveRoundFilter) ([]*IncentiveRound, error)

	// Apply opens an application in draft: a buyer's reward for a
	// recognised product, an enterprise's subsidy for one of its own.
	Apply(ctx context.Context, in ApplicationInput) (*ApplicationView, error)
	// UpdateApplication rewrites a draft's or a returned application's data.
	UpdateApplication(ctx context.Context, id int64, in ApplicationInput) (*ApplicationView, error)
	Application(ctx context.Context, id int64) (*ApplicationView, error)
	Applications(ctx context.Context, f ApplicationFilter) ([]*ApplicationView, int, error)
	// Replay recomputes an application's maximum with the engine in force.
	Replay(ctx context.Context, id int64) (*Replay, error)
	// ScoreApplication records the reviewer's score (or a drawn expert's).
	ScoreApplication(ctx context.Context, id int64, score json.Number) (*ApplicationView, error)

	// Allocate runs the round's allocation over its applications at the
	// allocation stage: a proposal for finance.
	Allocate(ctx context.Context, roundID int64) (*AllocationResult, error)
	Allocation(ctx context.Context, roundID int64) (*AllocationResult, error)
	// ApproveRound is finance approving the proposal: funded applications
	// are approved, the rest unfunded, and the results go on notice.
	ApproveRound(ctx context.Context, roundID int64, in RoundDecision) (*AllocationResult, error)
	// SendBackRound is finance returning the proposal to the reviewer.
	SendBackRound(ctx context.Context, roundID int64, in RoundDecision) (*IncentiveRound, error)
	// Results is public once the round is approved.
	Results(ctx context.Context, roundID int64) (*Results, error)

	// Disburse records a payment against an approved allocation.
	Disburse(ctx context.Context, in DisbursementInput) (*Disbursement, error)
	Ledger(ctx context.Context, f LedgerFilter) (*Ledger, error)
	// LedgerSummaries sums the ledger the caller may see by "product",
	// "enterprise", "round" or "year".
	LedgerSummaries(ctx context.Context, by string, f LedgerFilter) ([]LedgerSummary, error)
}

// IncentiveStore is the incentives' part of a Tx.
type IncentiveStore interface {
	CreateIncentiveRound(ctx context.Context, r *IncentiveRound) error
	UpdateIncentiveRound(ctx context.Context, r *IncentiveRound) error
	// IncentiveRoundByID reads a round; forUpdate locks it until commit.
	IncentiveRoundByID(ctx context.Context, id int64, forUpdate bool) (*IncentiveRound, error)
	ListIncentiveRounds(ctx context.Context, f IncentiveRoundFilter) ([]*IncentiveRound, error)

	// CreateApplication stores a's incentive data for its case. An active
	// reward for a product that has one, or an active subsidy for a
	// product in a round that has one, is ECONFLICT on "product_id".
	CreateApplication(ctx context.Context, a *Application) error
	UpdateApplication(ctx context.Context, a *Application) error
	ApplicationByCase(ctx context.Context, caseID int64) (*Application, error)
	// ActiveApplications lists the active applications of a kind for a
	// product, oldest first.
	ActiveApplications(ctx context.Context, kind string, productID int64) ([]*Application, error)
	// RoundApplications lists a round's applications with their cases.
	RoundApplications(ctx context.Context, roundID int64) ([]*Application, []*Case, error)
	ListApplications(ctx context.Context, f ApplicationFilter) ([]*Application, []*Case, int, error)

	// ClaimPeriods marks a subsidy application's periods subsidised; a
	// period of the product already claimed (by its start) is ECONFLICT
	// on "policy_years".
	ClaimPeriods(ctx context.Context, caseID, productID int64, periods []PolicyYear) error
	// ReleasePeriods frees the periods an application held.
	ReleasePeriods(ctx context.Context, caseID int64) error
	// ClaimedPeriods lists a product's subsidised periods by start, with
	// the case holding each.
	ClaimedPeriods(ctx context.Context, productID int64) ([]ClaimedPeriod, error)

	CreateDisbursement(ctx context.Context, d *Disbursement) error
	ListDisbursements(ctx context.Context, f LedgerFilter) ([]*Disbursement, int, money.Fen, error)
	SumDisbursements(ctx context.Context, by string, f LedgerFilter) ([]LedgerSummary, error)
}

// ClaimedPeriod is a policy period held by a subsidy application.
type ClaimedPeriod struct {
	Start  date.Date
	End    date.Date
	CaseID int64
}

// Who may see and do what with incentives.

// CheckManageIncentiveRounds is the refusal of opening or editing a round,
// approving or sending back its allocation, and recording payments: 市财政局.
func CheckManageIncentiveRounds(a *Actor) error {
	if err := a.RequireRole(RoleFinance); err != nil {
		return err
	}
	return checkScope(a, ScopeIncentivesWrite)
}

// CheckAllocate is the refusal of running a round's allocation: the
// city's reviewers.
func CheckAllocate(a *Actor) error {
	if err := a.RequireRole(RoleReviewer); err != nil {
		return err
	}
	return checkScope(a, ScopeIncentivesWrite)
}

// CheckReadIncentiveRounds: rounds are read by everyone logged in (an
// applicant must see what it may apply to).
func CheckReadIncentiveRounds(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	return nil
}

// CheckReadAllocation is the refusal of reading a round's allocation
// before its results are public: the city's reviewers, finance and
// administrators.
func CheckReadAllocation(a *Actor) error {
	if err := a.RequireRole(RoleReviewer, RoleFinance, RoleAdmin); err != nil {
		return err
	}
	return checkScope(a, ScopeIncentivesRead)
}

// CheckApply is the refusal of opening an application of kind, if any: a
// buyer applies for a reward, an enterprise for a subsidy.
func CheckApply(a *Actor, kind string) error {
	if err := CheckCaseWrite(a); err != nil {
		return err
	}
	want := RoleEnterprise
	if kind == IncentiveReward {
		want = RoleBuyer
	}
	if a.Role() != want {
		if kind == IncentiveReward {
			return Errorf(EFORBIDDEN, "首购首用奖励由首购首用单位（采购单位用户）申请。")
		}
		return Errorf(EFORBIDDEN, "保费补贴由投保的生产企业申请。")
	}
	return nil
}

// CheckReadLedger is the refusal of reading the ledger, if any; what each
// role sees of it is narrowed by ScopeLedger.
func CheckReadLedger(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	if err := checkScope(a, ScopeIncentivesRead); err != nil {
		return err
	}
	switch a.Role() {
	case RoleFinance, RoleReviewer, RoleAdmin, RoleEnterprise, RoleBuyer:
		return nil
	}
	return Errorf(EFORBIDDEN, "您的角色（%s）无权查看奖补拨付台账。", a.Role().Label())
}

// ScopeLedger narrows f to what a may see: an enterprise its own
// products', a buyer its own rewards; false when a sees nothing.
func ScopeLedger(a *Actor, f *LedgerFilter) bool {
	switch a.Role() {
	case RoleEnterprise:
		if a.User.EnterpriseID == 0 {
			return false
		}
		f.EnterpriseID = a.User.EnterpriseID
	case RoleBuyer:
		f.ApplicantUserID = a.ID()
	}
	return true
}

func checkScope(a *Actor, s Scope) error {
	if !a.Allows(s) {
		return Errorf(EFORBIDDEN, "访问令牌没有“%s”权限。", ScopeLabel(s))
	}
	return nil
}
