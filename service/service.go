// Package service implements the domain's services on a firstset.Store.
// Every service method enforces the root's rules about who may see or do
// what (firstset.Check…), so the web pages and the JSON API, which only
// ask those rules, cannot disagree with it; every change writes its audit
// entry in the same transaction as the change itself.
package service

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"firstset"
	"firstset/cases"
	"firstset/document"
	"firstset/policy"
)

// EmailSender delivers one email (serve wires it to the SMTP server of
// --smtp).
type EmailSender func(ctx context.Context, to, subject, body string) error

// Config holds the tunable limits of the services.
type Config struct {
	SessionTTL time.Duration
	// A username is locked out after MaxFailuresPerUser failed logins within
	// FailureWindow; an address after MaxFailuresPerIP.
	MaxFailuresPerUser int
	MaxFailuresPerIP   int
	FailureWindow      time.Duration
	// IdempotencyRetention is how long the answer to a POST with an
	// Idempotency-Key is kept for replay (see Housekeep).
	IdempotencyRetention time.Duration
	// IdempotencyWait is how long a request waits for the answer of
	// another request under the same key (on any instance), and how old a
	// change committed under a key must be, still without its answer,
	// for its request to be taken as dead (see BeginIdempotent).
	IdempotencyWait time.Duration
	// Policy is the rules engine whose dated parameters the services
	// apply (the validity of a recognition); policy.DefaultEngine() when
	// nil. The calculator is given the same engine.
	Policy *policy.Engine
	// Cases holds the case workflows' operational parameters.
	Cases CaseConfig
	// Email, when set, also sends each notification by email to users with
	// an address (see SendPendingEmails).
	Email EmailSender
	// Documents is how certificates are laid out.
	Documents DocumentConfig
	// OIDCIssuer is the city's unified identity provider whose subjects
	// administrators link to users and who may sign them in; empty when
	// none is configured.
	OIDCIssuer string
}

// DocumentConfig holds what the platform's PDFs need.
type DocumentConfig struct {
	// Font is the CJK TrueType font PDFs embed; without one, PDFs are
	// refused with a message naming the package to install.
	Font *document.Font
	// Issuer is the office that signs; document.DefaultIssuer when empty.
	Issuer string
}

// CaseConfig holds the parameters of the case workflows that are the
// platform's, not the policy's: time limits, the draw, the scoring sheet,
// upload sizes. The notice period is the policy's
// (catalog.notice_working_days).
type CaseConfig struct {
	// StageDays gives each stage's time limit (承诺时限) in working days,
	// by the parameter name the state machine gives the stage.
	StageDays map[string]int
	// DrawN is how many experts a case gets (experts.draw_n).
	DrawN int
	// TrimFrom is the number of sheets from which each criterion's highest
	// and lowest scores are left out (experts.trim_from).
	TrimFrom int
	// Criteria is the experts' scoring sheet.
	Criteria []firstset.Criterion
	// MaxAttachmentBytes bounds every attachment (attachments.max_bytes).
	MaxAttachmentBytes int64
	// ObjectionsPerHour bounds the objections raised from one address.
	ObjectionsPerHour int
	// RatingAnswerDays is the time limit, in working days, for answering a
	// bad rating (差评整改).
	RatingAnswerDays int
}

// DefaultCaseConfig is what a deployment gets unless it says otherwise.
var DefaultCaseConfig = CaseConfig{
	StageDays: map[string]int{
		"case.recognition.district_review_days": 10,
		"case.recognition.formal_review_days":   10,
		"case.recognition.expert_review_days":   15,
		"case.recognition.onsite_check_days":    10,
		"case.recognition.correction_days":      10,
		cases.ComplaintAcceptanceDays:           3,
		cases.ComplaintHandlingDays:             30,
		// The claims fast track (理赔快速通道): shorter than the insurance
		// law's limits (保险法 第二十三条: 30 days to decide, 10 to pay).
		cases.ClaimAcknowledgeDays: 1,
		cases.ClaimAssessDays:      5,
		cases.ClaimDecideDays:      5,
		cases.ClaimPayDays:         5,
	},
	DrawN:    cases.DefaultDrawSize,
	TrimFrom: 5,
	Criteria: []firstset.Criterion{
		{ID: "innovation", Name: "创新性", Weight: 30},
		{ID: "technology", Name: "技术先进性", Weight: 30},
		{ID: "reliability", Name: "可靠性与成熟度", Weight: 20},
		{ID: "market", Name: "市场前景与带动作用", Weight: 20},
	},
	MaxAttachmentBytes: 20 << 20,
	ObjectionsPerHour:  5,
	RatingAnswerDays:   5,
}

// DefaultConfig is what a deployment gets unless it says otherwise.
var DefaultConfig = Config{
	SessionTTL:           12 * time.Hour,
	MaxFailuresPerUser:   5,
	MaxFailuresPerIP:     30,
	FailureWindow:        15 * time.Minute,
	IdempotencyRetention: 24 * time.Hour,
	IdempotencyWait:      10 * time.Second,
	Cases:                DefaultCaseConfig,
}

// env is what every area's services share: the store, the limits, the
// log and the one clock.
type env struct {
	store firstset.Store
	cfg   Config
	log   *slog.Logger
	// Now is the clock; tests replace it.
	Now  func() time.Time
	cal  *calendarCache
	keys *signing
	// runner is the background-job runner, once the server has one.
	runnerMu sync.Mutex
	runner   JobRunner
	// engines is the policy engine in force: the configured one extended
	// by the parameter changes stored.
	engines *engines
}

// Services holds the services of every area over one env; each area's
// methods are promoted, so *Services implements every service interface
// of the domain, and each area can also be handed out alone. A new area
// adds its type (in its own file, embedding *env) and one field here.
type Services struct {
	*env
	*Users
	*Enterprises
	*Products
	*Auth
	*Audit
	*Idempotency
	*Tender
	*Casework
	*Recognition
	*Calendar
	*Certificates
	*Lifecycle
	*Background
	*Incentives
	*Insurance
	*Rules
	*Buyers
	*Institutions
	*Inspections
	*Procurements
	*Bulletins
	*Launch
	*Exemptions
	*TenderChecks
	*Complaints
	*Claims
	*Programmes
	*Consultations
	*Financing
	*Articles
}

var (
	_ firstset.IncentiveService    = (*Services)(nil)
	_ firstset.InsuranceService    = (*Services)(nil)
	_ firstset.ParameterService    = (*Services)(nil)
	_ firstset.BuyerService        = (*Services)(nil)
	_ firstset.InstitutionService  = (*Services)(nil)
	_ firstset.InspectionService   = (*Services)(nil)
	_ firstset.ProcurementService  = (*Services)(nil)
	_ firstset.BulletinService     = (*Services)(nil)
	_ firstset.LaunchService       = (*Services)(nil)
	_ firstset.ExemptionService    = (*Services)(nil)
	_ firstset.TenderCheckService  = (*Services)(nil)
	_ firstset.ComplaintService    = (*Services)(nil)
	_ firstset.ClaimCaseService    = (*Services)(nil)
	_ firstset.ProgrammeService    = (*Services)(nil)
	_ firstset.ConsultationService = (*Services)(nil)
	_ firstset.FinancingService    = (*Services)(nil)
	_ firstset.ArticleService      = (*Services)(nil)
	_ firstset.UserService         = (*Services)(nil)
	_ firstset.EnterpriseService   = (*Services)(nil)
	_ firstset.ProductService      = (*Services)(nil)
	_ firstset.AuthService         = (*Services)(nil)
	_ firstset.AuditService        = (*Services)(nil)
	_ firstset.IdempotencyService  = (*Services)(nil)
	_ firstset.CaseService         = (*Services)(nil)
	_ firstset.RecognitionService  = (*Services)(nil)
	_ firstset.CalendarService     = (*Services)(nil)
	_ firstset.CertificateService  = (*Services)(nil)
	_ firstset.LifecycleService    = (*Services)(nil)
	_ firstset.JobService          = (*Services)(nil)
)

// New returns the services over store.
func New(store firstset.Store, cfg Config, log *slog.Logger) *Services {
	if log == nil {
		log = slog.Default()
	}
	if cfg.Policy == nil {
		cfg.Policy = policy.DefaultEngine()
	}
	if cfg.Cases.Criteria == nil {
		cfg.Cases = DefaultCaseConfig
	}
	e := &env{store: store, cfg: cfg, log: log, Now: time.Now, cal: &calendarCache{}, keys: &signing{},
		engines: newEngines(cfg.Policy)}
	return &Services{env: e, Users: &Users{e}, Enterprises: &Enterprises{e}, Products: &Products{e},
		Auth: &Auth{e}, Audit: &Audit{e}, Idempotency: &Idempotency{e}, Tender: &Tender{e},
		Casework: &Casework{e}, Recognition: &Recognition{e}, Calendar: &Calendar{e},
		Certificates: &Certificates{e}, Lifecycle: &Lifecycle{e}, Background: &Background{e},
		Incentives: &Incentives{e}, Insurance: &Insurance{e}, Rules: &Rules{e},
		Buyers: &Buyers{e}, Institutions: &Institutions{e}, Inspections: &Inspections{e}, Procurements: &Procurements{e}, Bulletins: &Bulletins{e}, Launch: &Launch{e},
		Exemptions: &Exemptions{e}, TenderChecks: &TenderChecks{e}, Complaints: &Complaints{e}, Claims: &Claims{e}, Programmes: &Programmes{e},
		Financing: &Financing{e}, Consultations: &Consultations{e},
		Articles: &Articles{e}}
}

func actor(ctx context.Context) *firstset.Actor { return firstset.ActorFromContext(ctx) }

// record appends an audit entry for a change inside tx. before and after are
// the entity's states, nil where it did not exist.
func (s *env) record(ctx context.Context, tx firstset.Tx, action, entity string, id int64, before, after any) error {
	a := actor(ctx)
	e := &firstset.AuditEntry{
		At:        s.Now(),
		ActorID:   a.ID(),
		ActorName: a.Name(),
		Action:    action,
		Entity:    entity,
		EntityID:  id,
	}
	var err error
	if e.Before, err = snapshot(before); err != nil {
		return err
	}
	if e.After, err = snapshot(after); err != nil {
		return err
	}
	if err := tx.AppendAudit(ctx, e); err != nil {
		return fmt.Errorf("audit %s %s %d: %w", action, entity, id, err)
	}
	return nil
}

func snapshot(v any) (json.RawMessage, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("audit snapshot: %w", err)
	}
	if string(b) == "null" {
		return nil, nil
	}
	return b, nil
}

// requireLogin returns the logged-in actor or EUNAUTHORIZED.
func requireLogin(ctx context.Context) (*firstset.Actor, error) {
	a := actor(ctx)
	if a.IsPublic() {
		return nil, firstset.LoginRequired()
	}
	return a, nil
}

// requireScope refuses a token that lacks scope s.
func requireScope(a *firstset.Actor, s firstset.Scope) error { return a.RequireScope(s) }

// requireRole returns the actor if it is logged in with one of roles.
func requireRole(ctx context.Context, roles ...firstset.Role) (*firstset.Actor, error) {
	return roleIn(actor(ctx), roles...)
}

// roleIn returns a if it is logged in with one of roles, else the refusal.
func roleIn(a *firstset.Actor, roles ...firstset.Role) (*firstset.Actor, error) {
	if err := a.RequireRole(roles...); err != nil {
		return nil, err
	}
	return a, nil
}

// page clamps a listing's offset and limit.
func page(offset, limit, def, max int) (int, int) {
	if offset < 0 {
		offset = 0
	}
	if limit <= 0 {
		limit = def
	}
	if limit > max {
		limit = max
	}
	return offset, limit
}
