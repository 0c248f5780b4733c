package firstset

import (
	"context"
	"time"
)

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

// Tx is one transaction. Finders return an ENOTFOUND *Error when nothing
// matches; writers return ECONFLICT for a broken uniqueness rule, naming
// the field.
type Tx interface {
	EnterpriseByID(ctx context.Context, id int64) (*Enterprise, error)
	EnterpriseByCreditCode(ctx context.Context, code string) (*Enterprise, error)
	ListEnterprises(ctx context.Context, f EnterpriseFilter) ([]*Enterprise, int, error)
	CreateEnterprise(ctx context.Context, e *Enterprise) error
	UpdateEnterprise(ctx context.Context, e *Enterprise) error

	UserByID(ctx context.Context, id int64) (*User, error)
	UserByUsername(ctx context.Context, username string) (*User, error)
	ListUsers(ctx context.Context, f UserFilter) ([]*User, int, error)
	CreateUser(ctx context.Context, u *User) error
	UpdateUser(ctx context.Context, u *User) error

	Categories(ctx context.Context) ([]Category, error)
	CreateCategory(ctx context.Context, c *Category) error

	ProductByID(ctx context.Context, id int64) (*Product, error)
	// ListProducts lists products; DistrictCode limits them to enterprises
	// of one district when set.
	ListProducts(ctx context.Context, f ProductFilter, districtCode string) ([]*Product, int, error)
	CreateProduct(ctx context.Context, p *Product) error
	UpdateProduct(ctx context.Context, p *Product) error
	DeleteProduct(ctx context.Context, id int64) error
	// PatentOwner returns the id of the product holding patent number, or 0.
	PatentOwner(ctx context.Context, number string) (int64, error)
	SearchCatalog(ctx context.Context, q CatalogQuery) (*CatalogPage, error)
	// CatalogVersion is a counter that grows with every committed change to
	// what catalog searches can return (products, their enterprises'
	// names and districts); equal versions mean equal search results.
	CatalogVersion(ctx context.Context) (int64, error)

	CreateSession(ctx context.Context, s *Session) error
	SessionByTokenHash(ctx context.Context, hash string) (*Session, error)
	DeleteSession(ctx context.Context, hash string) error
	DeleteUserSessions(ctx context.Context, userID int64) error
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error)

	CreateAPIToken(ctx context.Context, t *APIToken) error
	APITokenByHash(ctx context.Context, hash string) (*APIToken, error)
	APITokenByID(ctx context.Context, id int64) (*APIToken, error)
	ListAPITokens(ctx context.Context, userID int64) ([]*APIToken, error)
	RevokeAPIToken(ctx context.Context, id int64, at time.Time) error
	TouchAPIToken(ctx context.Context, id int64, at time.Time) error

	// RecordLoginFailure and CountLoginFailures throttle logins across
	// every instance serving the same database. A login attempt is
	// recorded before its password is checked; DeleteLoginFailure takes
	// back the one recorded (by its id) when the password was right.
	RecordLoginFailure(ctx context.Context, key string, at time.Time) (int64, error)
	CountLoginFailures(ctx context.Context, key string, since time.Time) (int, error)
	DeleteLoginFailure(ctx context.Context, id int64) error
	ClearLoginFailures(ctx context.Context, key string) error
	// DeleteLoginFailuresBefore removes failures recorded before before.
	DeleteLoginFailuresBefore(ctx context.Context, before time.Time) (int64, error)

	// IdempotentResponse returns what is stored for key: a committed
	// claim or an answer.
	IdempotentResponse(ctx context.Context, key string) (*IdempotentResponse, error)
	// SaveIdempotentResponse stores an answer under a key not yet stored;
	// a key already stored is ECONFLICT.
	SaveIdempotentResponse(ctx context.Context, r *IdempotentResponse) error
	// AnswerIdempotencyClaim stores the answer of the request whose change
	// committed the claim on key with requestHash, in state (answered, or
	// withheld with no body); ENOTFOUND if there is no such claim waiting
	// for its answer.
	AnswerIdempotencyClaim(ctx context.Context, key, requestHash, state string, status int, body []byte) error
	// DeleteIdempotentResponsesBefore removes responses stored before before.
	DeleteIdempotentResponsesBefore(ctx context.Context, before time.Time) (int64, error)

	// AppendAudit seals e onto the end of the chain (setting Seq and the
	// hashes) and stores it, inside this transaction.
	AppendAudit(ctx context.Context, e *AuditEntry) error
	ListAudit(ctx context.Context, f AuditFilter) ([]*AuditEntry, error)
	// CountAudit counts the entries ListAudit would list without f's
	// offset and limit.
	CountAudit(ctx context.Context, f AuditFilter) (int, error)
	// AuditHead is the last entry's sequence number and hash as recorded
	// beside the chain.
	AuditHead(ctx context.Context) (int64, string, error)
}

// MaxListQuery is the longest search of a listing, in characters.
const MaxListQuery = 100
