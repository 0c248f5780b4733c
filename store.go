package firstset

import "context"

// Store is the storage behind the services. Two implementations (SQLite
// and PostgreSQL) pass one contract test suite, so services may rely on
// every behaviour documented here.
type Store interface {
	// View runs fn in a read-only transaction.
	View(ctx context.Context, fn func(Tx) error) error
	// Update runs fn in a read-write transaction, committed only if fn
	// returns nil. Writes from concurrent Updates are serialised where they
	// touch the audit chain. An Update may share a database transaction with
	// concurrent ones (SQLite commits them in groups), each standing or
	// falling on its own; a ctx done before fn starts fails it without
	// running fn, and fn's statements may then ignore ctx's cancellation.
	// When ctx carries an IdempotencyClaim, the first Update to succeed
	// records it in the same transaction, the key before fn runs (see
	// IdempotencyClaim).
	Update(ctx context.Context, fn func(Tx) error) error
	// Ping reports whether the database answers.
	Ping(ctx context.Context) error
	// Backup writes a consistent copy of the database to path while the
	// store keeps serving.
	Backup(ctx context.Context, path string) error
	// Dialect names the database: "sqlite" or "postgres".
	Dialect() string
	Close() error
}

// Tx is one transaction, made of each area's store. Finders return an
// ENOTFOUND *Error when nothing matches; writers return ECONFLICT for a
// broken uniqueness rule, naming the field.
type Tx interface {
	EnterpriseStore
	UserStore
	AuthStore
	CategoryStore
	ProductStore
	CatalogStore
	IdempotencyStore
	AuditStore
	CaseStore
	RecognitionStore
	CalendarStore
	CertificateStore
	LifecycleStore
	IncentiveStore
	InsuranceStore
	ParameterStore
	BuyerStore
	InstitutionStore
	InspectionStore
	ProcurementStore
	BulletinStore
	LaunchStore
	ExemptionStore
	TenderCheckStore
	ComplaintStore
	ClaimCaseStore
	ProgrammeStore
	ConsultationStore
	FinancingStore
	OIDCStore
	ArticleStore
}

// MaxListQuery is the longest search of a listing, in characters.
const MaxListQuery = 100

type bulkWriteKey struct{}

// BulkWrite marks ctx's Update as one that writes thousands of rows (an
// allocation, its approval, a batch of offers): a store that runs
// concurrent Updates in one transaction (SQLite's group commit) gives it a
// transaction of its own, where its statements stay fast.
func BulkWrite(ctx context.Context) context.Context {
	return context.WithValue(ctx, bulkWriteKey{}, true)
}

// IsBulkWrite reports whether ctx was marked by BulkWrite.
func IsBulkWrite(ctx context.Context) bool { v, _ := ctx.Value(bulkWriteKey{}).(bool); return v }
