package firstset

import (
	"context"
	"encoding/json"
	"time"

	"firstset/date"
	"firstset/money"
)

// ConsortiumMembership is one stay of an insurer in the first-set
// insurance consortium (共保体): a member from JoinedOn until the day
// before LeftOn, still one while LeftOn is zero. Insurers come and go
// (能进能出, 2018 opinions （十二）): one that leaves and comes back has a
// membership for each stay.
type ConsortiumMembership struct {
	ID              int64     `json:"id"`
	InstitutionID   int64     `json:"institution_id"`
	InstitutionName string    `json:"institution_name"`
	JoinedOn        date.Date `json:"joined_on"`
	LeftOn          date.Date `json:"left_on,omitzero"`
	CreatedAt       time.Time `json:"created_at"`
	UpdatedAt       time.Time `json:"updated_at"`
}

// MemberOn reports whether the membership holds on day d.
func (m *ConsortiumMembership) MemberOn(d date.Date) bool {
	return !d.Before(m.JoinedOn) && (m.LeftOn.IsZero() || d.Before(m.LeftOn))
}

// Open reports whether the insurer has not left.
func (m *ConsortiumMembership) Open() bool { return m.LeftOn.IsZero() }

// ConsortiumJoin is an insurer's joining the consortium.
type ConsortiumJoin struct {
	InstitutionID int64     `json:"institution_id"`
	JoinedOn      date.Date `json:"joined_on"`
}

// ConsortiumLeave is an insurer's leaving the consortium: from LeftOn on
// it may no longer send policies.
type ConsortiumLeave struct {
	LeftOn date.Date `json:"left_on"`
}

// InsurancePolicy is one version of a policy an insurer has sent: the
// insured product, the period, the insured amount and the premium. A
// changed policy is a new version; the current one is the last.
type InsurancePolicy struct {
	ID            int64     `json:"id"`
	InsurerID     int64     `json:"insurer_id"`
	InsurerName   string    `json:"insurer_name"`
	PolicyNumber  string    `json:"policy_number"`
	Version       int       `json:"version"`
	ProductID     int64     `json:"product_id"`
	EnterpriseID  int64     `json:"enterprise_id"`
	Start         date.Date `json:"start"`
	End           date.Date `json:"end"`
	InsuredAmount money.Fen `json:"insured_amount_yuan"`
	Premium       money.Fen `json:"premium_yuan"`
	Claims        []*Claim  `json:"claims"`
	CreatedAt     time.Time `json:"created_at"`

	// Joined in by storage.
	ProductName    string `json:"product_name,omitempty"`
	EnterpriseName string `json:"enterprise_name,omitempty"`
}

// PolicyInput is a policy as an insurer sends it: the product by id, or
// by the enterprise's credit code and the model.
type PolicyInput struct {
	PolicyNumber  string    `json:"policy_number"`
	ProductID     int64     `json:"product_id,omitempty"`
	CreditCode    string    `json:"credit_code,omitempty"`
	Model         string    `json:"model,omitempty"`
	Start         date.Date `json:"start"`
	End           date.Date `json:"end"`
	InsuredAmount money.Fen `json:"insured_amount_yuan"`
	Premium       money.Fen `json:"premium_yuan"`
}

// Claim is a claim on a policy (理赔), which keeps the next year's
// subsidy at the first rung.
type Claim struct {
	ID           int64     `json:"id"`
	InsurerID    int64     `json:"-"`
	PolicyNumber string    `json:"policy_number"`
	OccurredOn   date.Date `json:"occurred_on"`
	Amount       money.Fen `json:"amount_yuan"`
	CreatedAt    time.Time `json:"created_at"`
}

// ClaimInput is a claim as an insurer sends it.
type ClaimInput struct {
	OccurredOn date.Date `json:"occurred_on"`
	Amount     money.Fen `json:"amount_yuan"`
}

// PolicyFilter narrows a listing of policies (their current versions).
type PolicyFilter struct {
	InsurerID int64
	ProductID int64
	Offset    int
	Limit     int
}

// The states of a subsidy offer.
const (
	OfferOffered   = "offered"   // computed, waiting for the enterprise
	OfferConfirmed = "confirmed" // the enterprise confirmed it: an application
	OfferDeclined  = "declined"  // the enterprise declined it
	OfferVoid      = "void"      // nothing is left to offer (periods subsidised elsewhere, round closed)
)

// OfferStateLabel is an offer state's Chinese name.
func OfferStateLabel(s string) string {
	switch s {
	case OfferOffered:
		return "待确认"
	case OfferConfirmed:
		return "已确认"
	case OfferDeclined:
		return "已放弃"
	case OfferVoid:
		return "已失效"
	}
	return s
}

// SubsidyOffer is a premium subsidy the platform computed from insurers'
// data for a product in an open round (免申即享): the enterprise only
// confirms it.
type SubsidyOffer struct {
	ID            int64           `json:"id"`
	ProductID     int64           `json:"product_id"`
	RoundID       int64           `json:"round_id"`
	EnterpriseID  int64           `json:"enterprise_id"`
	Amount        money.Fen       `json:"amount_yuan"`
	Years         json.RawMessage `json:"years"`
	PolicyYears   []PolicyYear    `json:"policy_years"`
	State         string          `json:"state"`
	ApplicationID int64           `json:"application_id,omitempty"`
	EngineVersion string          `json:"engine_version"`
	ComputedAt    time.Time       `json:"computed_at"`
	DecidedBy     int64           `json:"decided_by,omitempty"`
	DecidedAt     *time.Time      `json:"decided_at,omitempty"`
	Reason        string          `json:"reason,omitempty"`

	// Joined in by storage.
	ProductName    string `json:"product_name,omitempty"`
	ProductModel   string `json:"product_model,omitempty"`
	EnterpriseName string `json:"enterprise_name,omitempty"`
	RoundTitle     string `json:"round_title,omitempty"`
}

// OfferFilter narrows a listing of offers.
type OfferFilter struct {
	ProductID    int64
	RoundID      int64
	EnterpriseID int64
	State        string
	Offset       int
	Limit        int
}

// OfferConfirmation is the answer to confirming an offer: the offer and
// the application it became.
type OfferConfirmation struct {
	*SubsidyOffer
	Application *ApplicationView `json:"application"`
}

// InsuranceService is what insurers send and what the platform offers
// from it.
type InsuranceService interface {
	// JoinConsortium opens an insurer's stay in the consortium;
	// LeaveConsortium ends one.
	JoinConsortium(ctx context.Context, in ConsortiumJoin) (*ConsortiumMembership, error)
	LeaveConsortium(ctx context.Context, id int64, in ConsortiumLeave) (*ConsortiumMembership, error)
	// ConsortiumMemberships lists the stays, of one institution or (0) of all.
	ConsortiumMemberships(ctx context.Context, institutionID int64) ([]*ConsortiumMembership, error)

	// CheckConsortiumMember is the refusal, if any, of the caller's sending
	// policy data today: not an insurer, or its institution not a current
	// member of the consortium. Pages ask it before offering the forms.
	CheckConsortiumMember(ctx context.Context) error

	// SubmitPolicy stores a policy; the same data again stores nothing
	// (created false), changed data a new version.
	SubmitPolicy(ctx context.Context, in PolicyInput) (p *InsurancePolicy, created bool, err error)
	Policy(ctx context.Context, policyNumber string) (*InsurancePolicy, error)
	Policies(ctx context.Context, f PolicyFilter) ([]*InsurancePolicy, int, error)
	// ReportClaim records a claim on one of the insurer's policies; the
	// same claim again stores nothing.
	ReportClaim(ctx context.Context, policyNumber string, in ClaimInput) (c *Claim, created bool, err error)

	Offers(ctx context.Context, f OfferFilter) ([]*SubsidyOffer, int, error)
	Offer(ctx context.Context, id int64) (*SubsidyOffer, error)
	ConfirmOffer(ctx context.Context, id int64) (*OfferConfirmation, error)
	DeclineOffer(ctx context.Context, id int64, reason string) (*SubsidyOffer, error)
	// RecomputeOffers recomputes every offer of every open subsidy round
	// (all products with insurer data), returning how many it wrote.
	RecomputeOffers(ctx context.Context) (int, error)
	// Statistics are the scheme's figures per insurer and underwriting
	// year (0 for every year).
	Statistics(ctx context.Context, year int) (*InsuranceStatistics, error)
}

// InsuranceStore is the insurance data's part of a Tx.
type InsuranceStore interface {
	ConsortiumMembershipByID(ctx context.Context, id int64) (*ConsortiumMembership, error)
	// ListConsortiumMemberships lists the stays of one institution or (0)
	// of all, by joining day.
	ListConsortiumMemberships(ctx context.Context, institutionID int64) ([]*ConsortiumMembership, error)
	CreateConsortiumMembership(ctx context.Context, m *ConsortiumMembership) error
	UpdateConsortiumMembership(ctx context.Context, m *ConsortiumMembership) error

	// CurrentPolicy is an insurer's policy's last version.
	CurrentPolicy(ctx context.Context, insurerID int64, policyNumber string) (*InsurancePolicy, error)
	// CreatePolicyVersion stores p as the next version of its number.
	CreatePolicyVersion(ctx context.Context, p *InsurancePolicy) error
	ListPolicies(ctx context.Context, f PolicyFilter) ([]*InsurancePolicy, int, error)
	// ProductPolicies lists the current versions of every policy on a
	// product, by start.
	ProductPolicies(ctx context.Context, productID int64) ([]*InsurancePolicy, error)
	// InsuredProducts lists the products with insurer data, by id, after
	// the given id.
	InsuredProducts(ctx context.Context, after int64, limit int) ([]int64, error)
	// CreateClaim stores c unless the same claim is there (false).
	CreateClaim(ctx context.Context, c *Claim) (bool, error)
	// PolicyStatRows lists every current policy starting in the days from
	// through to, inclusive, with its insurer's institution and claims;
	// SubsidyShareRows the periods of the subsidy applications with money
	// paid that cover those policies.
	PolicyStatRows(ctx context.Context, from, to date.Date) ([]PolicyStatRow, error)
	SubsidyShareRows(ctx context.Context, from, to date.Date) ([]SubsidyShareRow, error)

	// SaveOffer writes the offer of its product and round (insert or
	// update).
	SaveOffer(ctx context.Context, o *SubsidyOffer) error
	OfferByID(ctx context.Context, id int64, forUpdate bool) (*SubsidyOffer, error)
	OfferFor(ctx context.Context, productID, roundID int64) (*SubsidyOffer, error)
	ListOffers(ctx context.Context, f OfferFilter) ([]*SubsidyOffer, int, error)
	// OfferBases reads, for each of products ids (at most 500) that
	// exists, what its offers are computed from, in a few queries for them
	// all.
	OfferBases(ctx context.Context, ids []int64) ([]*OfferBasis, error)
}

// OfferBasis is what a product's offers are computed from: the product,
// its insurers' current policies (with claims), its periods already held
// by subsidy applications, its active subsidy applications and its offers
// in every round.
type OfferBasis struct {
	Product  *Product
	Policies []*InsurancePolicy
	Claimed  []ClaimedPeriod
	Active   []*Application
	Offers   []*SubsidyOffer
}

// CheckSubmitPolicies is the refusal of an insurer's sending policy data:
// insurers with a token that may.
func CheckSubmitPolicies(a *Actor) error {
	if err := a.RequireRole(RoleInsurer); err != nil {
		return err
	}
	return checkScope(a, ScopeInsuranceWrite)
}

// CheckReadPolicies is the refusal of reading policies: an insurer reads
// its own, the city's reviewers, finance and administrators all.
func CheckReadPolicies(a *Actor) error {
	if err := a.RequireRole(RoleInsurer, RoleReviewer, RoleFinance, RoleAdmin); err != nil {
		return err
	}
	return checkScope(a, ScopeInsuranceRead)
}

// CheckManageInsurers is the refusal of setting consortium memberships.
func CheckManageInsurers(a *Actor) error {
	return a.RequireRole(RoleAdmin, RoleFinance, RoleReviewer)
}

// InsuranceStatistic is one insurer's year in the first-set insurance
// scheme, for the city's statistics (2018 opinions （十二）): the policies
// it underwrote starting that year, their premiums, the premium subsidies
// paid on them, the claims on them and the loss ratio (claims paid over
// premiums). Everything is counted by the policy's underwriting year, so
// a year's claims and subsidies are those of its own premiums.
type InsuranceStatistic struct {
	InstitutionID   int64     `json:"institution_id"`
	InstitutionName string    `json:"institution_name"`
	Year            int       `json:"year"`
	Policies        int       `json:"policies"`
	Insured         money.Fen `json:"insured_yuan"`
	Premiums        money.Fen `json:"premiums_yuan"`
	// Subsidies are the premium subsidies disbursed on these policies; an
	// application covering policies of several insurers is shared among
	// them by premium.
	Subsidies  money.Fen `json:"subsidies_yuan"`
	Claims     int       `json:"claims"`
	ClaimsPaid money.Fen `json:"claims_paid_yuan"`
	// LossRatio is ClaimsPaid over Premiums in percent, two decimals
	// rounded half up ("12.50"); empty without premiums.
	LossRatio string `json:"loss_ratio_percent"`
}

// InsuranceStatistics is the scheme's statistics: a row per insurer and
// year, and a total per year.
type InsuranceStatistics struct {
	Items  []InsuranceStatistic `json:"items"`
	Totals []InsuranceStatistic `json:"totals"`
}

// PolicyStatRow is one current policy as the statistics read it.
type PolicyStatRow struct {
	PolicyID        int64
	InstitutionID   int64
	InstitutionName string
	Start           date.Date
	Insured         money.Fen
	Premium         money.Fen
	Claims          int
	ClaimsPaid      money.Fen
}

// SubsidyShareRow is one policy period a subsidy application with money
// paid covers: the application, what it has paid, and the policy.
type SubsidyShareRow struct {
	CaseID    int64
	Disbursed money.Fen
	PolicyID  int64
	Premium   money.Fen
}

// CheckReadInsuranceStatistics is the refusal of reading the scheme's
// statistics: the city's reviewers, finance and administrators read them
// all, an insurer its own rows.
func CheckReadInsuranceStatistics(a *Actor) error { return CheckReadPolicies(a) }
