package httpx

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"firstset"
	"firstset/policy"
	"firstset/tender"
)

// Services are the domain services the server calls.
type Services struct {
	Users       firstset.UserService
	Enterprises firstset.EnterpriseService
	Products    firstset.ProductService
	Auth        firstset.AuthService
	Audit       firstset.AuditService
	// Tender checks tender documents; the checker's pages and API answer
	// 404 when it is nil.
	Tender TenderService
	// Idempotency keeps the answers to API POSTs carrying an
	// Idempotency-Key; the header is ignored when it is nil.
	Idempotency firstset.IdempotencyService
	// Cases, Recognition and Calendar run the case workflows (办件).
	Cases       firstset.CaseService
	Recognition firstset.RecognitionService
	Calendar    firstset.CalendarService
	// Certificates and Lifecycle keep the catalog's certificates and its
	// adjustments, expiry and history.
	Certificates firstset.CertificateService
	Lifecycle    firstset.LifecycleService
	// Jobs shows the background jobs to administrators.
	Jobs firstset.JobService
	// Incentives runs the rewards and subsidies: rounds, applications,
	// allocation, approval, payment and the ledger; Insurance the insurers'
	// policies and claims and the subsidies offered from them (免申即享).
	Incentives firstset.IncentiveService
	Insurance  firstset.InsuranceService
	// Parameters keeps the policy parameters; Engine is the engine in
	// force, built from them, which the calculator uses.
	Parameters firstset.ParameterService
	Engine     func() *policy.Engine
	// Buyers, Procurements and Bulletins are the market side: purchasing
	// units, their purchases and equipment totals, the SOE shares, and the
	// periodic bulletins composed from them.
	Buyers       firstset.BuyerService
	Institutions firstset.InstitutionService
	// Inspections are the double-random inspections of evaluation bodies.
	Inspections  firstset.InspectionService
	Procurements firstset.ProcurementService
	Bulletins    firstset.BulletinService
	// Launch plans the annual launch event and honours its people.
	Launch firstset.LaunchService
	// Exemptions are the SOEs' fault-tolerance requests (容错免责) and
	// their regulators' decisions.
	Exemptions firstset.ExemptionService
	// TenderChecks are the checks buyers save and mark.
	TenderChecks firstset.TenderCheckService
	// Complaints are the makers' complaints about tender documents (投诉).
	Complaints firstset.ComplaintService
	// Claims are the insurance claims on the fast track (理赔).
	Claims firstset.ClaimCaseService
	// Programmes are the bases, alliances and innovation catalog.
	Programmes firstset.ProgrammeService
	// Consultations are the dual-use marks and the 会商 meetings.
	Consultations firstset.ConsultationService
	// Financing are enterprises' financing requests and lenders' offers.
	Financing firstset.FinancingService
	// Articles are the information service's policies, notices and
	// interpretations, and the policy library.
	Articles firstset.ArticleService
}

// TenderService checks tender documents against the rules that keep
// tenders open to first-set equipment. It is declared here, beside its
// one consumer, rather than in the root: its answer is the checker's own
// report (tender.Report), and the root imports no engine.
type TenderService interface {
	// AuthorizeTenderCheck returns nil if the caller may use the checker,
	// EUNAUTHORIZED or EFORBIDDEN otherwise.
	AuthorizeTenderCheck(ctx context.Context) error
	CheckTender(ctx context.Context, in firstset.TenderCheckInput) (*tender.Report, error)
	// TenderProducts lists the catalog products a check may name: those
	// recognised and within their validity today, matching query (name,
	// model or enterprise; empty for all), at most limit of them.
	TenderProducts(ctx context.Context, query string, limit int) ([]firstset.CatalogItem, error)
}

// Base is what the handlers of both audiences hold: the services, the
// logger, the request limits and the error answer. The assembly builds one
// and shares it.
type Base struct {
	Services
	Logger *slog.Logger
	// ServeError answers err in the request's language: JSON on the API,
	// a page otherwise. The assembly sets it.
	ServeError func(w http.ResponseWriter, r *http.Request, err error)
	// MaxBodyBytes caps request bodies, MaxUploadBytes a tender document.
	MaxBodyBytes   int64
	MaxUploadBytes int64
	// MaxAttachmentBytes caps one case attachment (the services refuse a
	// larger file naming the limit; the body limit leaves room for the
	// multipart framing around it).
	MaxAttachmentBytes int64
	// SessionMaxAge is the session cookie's lifetime.
	SessionMaxAge time.Duration
	// ForceSecureCookies marks cookies Secure even on plain HTTP.
	ForceSecureCookies bool
	// TrustForwardedFor takes the client address from X-Forwarded-For.
	TrustForwardedFor bool
	// PublicURL is the platform's address as the public reaches it
	// (https://firstset.example.gov.cn), which certificates' QR codes
	// carry; when empty, the request's own scheme and host.
	PublicURL string
	// OIDC signs people in through the city's identity provider; nil when
	// none is configured, and its pages answer 404.
	OIDC *OIDC
}

// AbsoluteURL is path on the platform's public address.
func (b *Base) AbsoluteURL(r *http.Request, path string) string {
	if b.PublicURL != "" {
		return strings.TrimSuffix(b.PublicURL, "/") + path
	}
	scheme := "http"
	if r.TLS != nil || (b.TrustForwardedFor && r.Header.Get("X-Forwarded-Proto") == "https") {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}

// VerifyPath is the public verify page of a certificate's token.
func VerifyPath(token string) string { return "/verify?t=" + url.QueryEscape(token) }

// VerifyURL is VerifyPath on the public address: what a QR code opens.
func (b *Base) VerifyURL(r *http.Request, token string) string {
	return b.AbsoluteURL(r, VerifyPath(token))
}

// AllServices is one value offering every service, as the service
// package's Services does.
type AllServices interface {
	firstset.UserService
	firstset.EnterpriseService
	firstset.ProductService
	firstset.AuthService
	firstset.AuditService
	firstset.IdempotencyService
	firstset.CaseService
	firstset.RecognitionService
	firstset.CalendarService
	firstset.CertificateService
	firstset.LifecycleService
	firstset.JobService
	firstset.IncentiveService
	firstset.InsuranceService
	firstset.ParameterService
	firstset.BuyerService
	firstset.InstitutionService
	firstset.InspectionService
	firstset.ProcurementService
	firstset.BulletinService
	firstset.LaunchService
	firstset.ExemptionService
	firstset.TenderCheckService
	firstset.ComplaintService
	firstset.ClaimCaseService
	firstset.ProgrammeService
	firstset.ConsultationService
	firstset.FinancingService
	firstset.ArticleService
	TenderService
	// Engine is the policy engine in force.
	Engine() *policy.Engine
}

// ServicesOf hands every service of all to the server.
func ServicesOf(all AllServices) Services {
	return Services{Users: all, Enterprises: all, Products: all, Auth: all, Audit: all, Tender: all,
		Idempotency: all, Cases: all, Recognition: all, Calendar: all, Certificates: all, Lifecycle: all, Jobs: all,
		Incentives: all, Insurance: all, Parameters: all, Engine: all.Engine,
		Buyers: all, Institutions: all, Inspections: all, Procurements: all, Bulletins: all, Launch: all,
		Exemptions: all, TenderChecks: all, Complaints: all, Claims: all, Programmes: all, Financing: all, Consultations: all, Articles: all}
}
