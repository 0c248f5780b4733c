package firstset

import (
	"context"
	"slices"
	"time"

	"firstset/date"
)

// Session is a browser login. Only the hash of its token is stored, so a
// copy of the database does not let anyone log in.
type Session struct {
	ID        int64
	TokenHash string
	UserID    int64
	CSRFToken string
	UserAgent string
	IP        string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// Scope is a permission an API token carries.
type Scope string

const (
	ScopeCatalogRead      Scope = "catalog:read"
	ScopeEnterprisesRead  Scope = "enterprises:read"
	ScopeEnterprisesWrite Scope = "enterprises:write"
	ScopeProductsRead     Scope = "products:read"
	ScopeProductsWrite    Scope = "products:write"
	ScopeUsersAdmin       Scope = "users:admin"
	// ScopeTokensManage lets a token list and revoke its owner's tokens;
	// a browser session may always, a token only with this scope.
	ScopeTokensManage Scope = "tokens:manage"
	// ScopeMetricsRead lets a token read /metrics (Prometheus).
	ScopeMetricsRead Scope = "metrics:read"
	// ScopeCasesRead and ScopeCasesWrite let a token read and act on the
	// cases (办件) its owner may.
	ScopeCasesRead  Scope = "cases:read"
	ScopeCasesWrite Scope = "cases:write"
	// ScopeIncentivesRead and ScopeIncentivesWrite let a token read and
	// manage incentive rounds, allocations, payments and the ledger.
	ScopeIncentivesRead  Scope = "incentives:read"
	ScopeIncentivesWrite Scope = "incentives:write"
	// ScopeInsuranceRead and ScopeInsuranceWrite let a token read and send
	// insurance policies and claims.
	ScopeInsuranceRead  Scope = "insurance:read"
	ScopeInsuranceWrite Scope = "insurance:write"
	// ScopeParametersWrite lets an administrator's token change policy
	// parameters.
	ScopeParametersWrite Scope = "parameters:write"
	// ScopeMarketRead and ScopeMarketWrite let a token read and record the
	// market side: buyers, purchases, equipment totals, shares, bulletins.
	ScopeMarketRead  Scope = "market:read"
	ScopeMarketWrite Scope = "market:write"
	// ScopeFinancingRead and ScopeFinancingWrite let a token read and
	// act on financing requests: an enterprise's own, a lender's shared.
	ScopeFinancingRead  Scope = "financing:read"
	ScopeFinancingWrite Scope = "financing:write"
)

// Scopes lists every scope with its Chinese description.
var Scopes = []struct {
	Scope Scope
	Label string
}{
	{ScopeCatalogRead, "查询目录"},
	{ScopeEnterprisesRead, "读取企业信息"},
	{ScopeEnterprisesWrite, "修改企业信息"},
	{ScopeProductsRead, "读取装备信息"},
	{ScopeProductsWrite, "新增和修改装备"},
	{ScopeUsersAdmin, "管理用户"},
	{ScopeTokensManage, "查看和撤销本人的访问令牌"},
	{ScopeMetricsRead, "读取运行指标（/metrics）"},
	{ScopeCasesRead, "查看办件"},
	{ScopeCasesWrite, "办理办件（申报、审核、评分）"},
	{ScopeIncentivesRead, "查看奖补批次、分配和拨付台账"},
	{ScopeIncentivesWrite, "管理奖补批次、资金分配和拨付"},
	{ScopeInsuranceRead, "查看保单和理赔"},
	{ScopeInsuranceWrite, "报送保单和理赔"},
	{ScopeParametersWrite, "调整政策参数"},
	{ScopeMarketRead, "查看采购单位、采购记录、占比和通报"},
	{ScopeMarketWrite, "登记采购记录、采购总额，编制和印发通报"},
	{ScopeFinancingRead, "查看融资需求和报价"},
	{ScopeFinancingWrite, "提出融资需求，答复和报价"},
}

// ValidScope reports whether s is a known scope.
func ValidScope(s Scope) bool {
	for _, x := range Scopes {
		if x.Scope == s {
			return true
		}
	}
	return false
}

// APIToken lets a program act for a user within its scopes.
type APIToken struct {
	ID         int64      `json:"id"`
	UserID     int64      `json:"user_id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"` // shown so a person can tell tokens apart
	Hash       string     `json:"-"`
	Scopes     []Scope    `json:"scopes"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  *time.Time `json:"expires_at,omitempty"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
}

// Has reports whether the token carries scope s.
func (t *APIToken) Has(s Scope) bool {
	for _, x := range t.Scopes {
		if x == s {
			return true
		}
	}
	return false
}

// TokenInput asks for a new token.
type TokenInput struct {
	Name      string     `json:"name"`
	Scopes    []Scope    `json:"scopes"`
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
}

// ScopesForRole are the scopes a role may put on its tokens. Every role
// may give a token the management of its owner's tokens; only
// administrators may give one /metrics.
func ScopesForRole(r Role) []Scope {
	switch r {
	case RoleAdmin:
		return []Scope{ScopeCatalogRead, ScopeEnterprisesRead, ScopeEnterprisesWrite,
			ScopeProductsRead, ScopeProductsWrite, ScopeUsersAdmin,
			ScopeTokensManage, ScopeMetricsRead, ScopeCasesRead, ScopeIncentivesRead, ScopeInsuranceRead, ScopeParametersWrite,
			ScopeMarketRead, ScopeMarketWrite}
	case RoleReviewer:
		return []Scope{ScopeCatalogRead, ScopeEnterprisesRead, ScopeEnterprisesWrite,
			ScopeProductsRead, ScopeProductsWrite, ScopeTokensManage, ScopeCasesRead, ScopeCasesWrite,
			ScopeIncentivesRead, ScopeIncentivesWrite, ScopeInsuranceRead, ScopeMarketRead, ScopeMarketWrite}
	case RoleEnterprise:
		return []Scope{ScopeCatalogRead, ScopeEnterprisesRead, ScopeEnterprisesWrite,
			ScopeProductsRead, ScopeProductsWrite, ScopeTokensManage, ScopeCasesRead, ScopeCasesWrite,
			ScopeIncentivesRead, ScopeFinancingRead, ScopeFinancingWrite}
	case RoleDistrict:
		return []Scope{ScopeCatalogRead, ScopeEnterprisesRead, ScopeProductsRead,
			ScopeTokensManage, ScopeCasesRead, ScopeCasesWrite, ScopeMarketRead, ScopeMarketWrite}
	case RoleFinance:
		return []Scope{ScopeCatalogRead, ScopeEnterprisesRead, ScopeProductsRead,
			ScopeTokensManage, ScopeCasesRead, ScopeIncentivesRead, ScopeIncentivesWrite, ScopeInsuranceRead,
			ScopeMarketRead}
	case RoleTender, RoleSOE:
		return []Scope{ScopeCatalogRead, ScopeEnterprisesRead, ScopeProductsRead,
			ScopeTokensManage, ScopeCasesRead, ScopeCasesWrite, ScopeMarketRead, ScopeMarketWrite}
	case RoleExpert:
		return []Scope{ScopeCatalogRead, ScopeProductsRead, ScopeTokensManage, ScopeCasesRead, ScopeCasesWrite}
	case RoleBuyer:
		return []Scope{ScopeCatalogRead, ScopeProductsRead, ScopeTokensManage, ScopeCasesRead, ScopeCasesWrite,
			ScopeIncentivesRead, ScopeMarketRead, ScopeMarketWrite}
	case RoleInsurer:
		return []Scope{ScopeCatalogRead, ScopeProductsRead, ScopeTokensManage, ScopeInsuranceRead, ScopeInsuranceWrite,
			ScopeFinancingRead, ScopeFinancingWrite}
	}
	return []Scope{ScopeCatalogRead, ScopeProductsRead, ScopeTokensManage}
}

// RequireScope returns nil if a's credential carries scope s (a session
// carries every scope of its role), else the refusal.
func (a *Actor) RequireScope(s Scope) error {
	if !a.Allows(s) {
		return Errorf(EFORBIDDEN, "访问令牌缺少权限 %s。", s)
	}
	return nil
}

// RequireRole returns nil if a is logged in with one of roles, else the
// refusal: LoginRequired for the public, EFORBIDDEN naming a's role.
func (a *Actor) RequireRole(roles ...Role) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	if slices.Contains(roles, a.Role()) {
		return nil
	}
	return Errorf(EFORBIDDEN, "您的角色（%s）无权执行此操作。", a.Role().Label())
}

// CheckRevokeToken is RevokeToken's refusal for a and t, if any: its
// owner revokes it, and an administrator whose credential may manage
// users revokes anyone's; to everyone else the token looks absent.
func CheckRevokeToken(a *Actor, t *APIToken) error {
	if t.UserID == a.ID() || a.Role() == RoleAdmin && a.Allows(ScopeUsersAdmin) {
		return nil
	}
	return NotFound("访问令牌")
}

// CheckReadMetrics is AuthorizeMetrics' refusal for a, if any: /metrics
// is read with a token carrying metrics:read whose owner's role may hold
// it, never with a session, since the series count what the public may
// not see (unpublished products).
func CheckReadMetrics(a *Actor) error {
	switch {
	case a.IsPublic():
		return Errorf(EUNAUTHORIZED, "读取运行指标须使用带 %s 权限的访问令牌。", ScopeMetricsRead)
	case a.Token == nil:
		return Errorf(EFORBIDDEN, "运行指标只对带 %s 权限的访问令牌开放，登录会话不能读取。", ScopeMetricsRead)
	case !a.Token.Has(ScopeMetricsRead) || !slices.Contains(ScopesForRole(a.Role()), ScopeMetricsRead):
		return Errorf(EFORBIDDEN, "访问令牌缺少权限 %s。", ScopeMetricsRead)
	}
	return nil
}

// AuthService logs people in and out and turns credentials into actors.
type AuthService interface {
	// Login checks a password and returns a new session with its secret token.
	Login(ctx context.Context, username, password, ip, userAgent string) (*Session, string, error)
	// LoginOIDC opens a session for the user linked to a subject the
	// identity provider vouched for; an unknown subject is refused and kept
	// as a pending request for an administrator.
	LoginOIDC(ctx context.Context, id OIDCIdentity, ip, userAgent string) (*Session, string, error)
	Logout(ctx context.Context, sessionToken string) error
	// Authenticate resolves a session token to its user and session.
	Authenticate(ctx context.Context, sessionToken string) (*User, *Session, error)
	// AuthenticateToken resolves an API bearer token.
	AuthenticateToken(ctx context.Context, bearer string) (*User, *APIToken, error)
	CreateToken(ctx context.Context, in TokenInput) (*APIToken, string, error)
	FindTokens(ctx context.Context) ([]*APIToken, error)
	RevokeToken(ctx context.Context, id int64) error
	// AuthorizeMetrics allows reading /metrics: only a token carrying
	// ScopeMetricsRead may.
	AuthorizeMetrics(ctx context.Context) error
}

// TokenExpiry is when a token whose last day is last stops working: at the
// end of that day in Shanghai.
func TokenExpiry(last date.Date) time.Time {
	y, m, d := last.Parts()
	return time.Date(y, m, d, 23, 59, 59, 999999000, date.Shanghai)
}

// TokenGrant asks for a token for another user: the operator's way to set
// up an integration (firstset token create).
type TokenGrant struct {
	Username string
	TokenInput
	// AllScopes asks for every scope the user's role may hold, in place
	// of TokenInput.Scopes.
	AllScopes bool
}

// Actor is who is acting: a user, perhaps through a token, or the public.
type Actor struct {
	User  *User
	Token *APIToken // set when acting through an API token
	IP    string
	// system marks SystemActor; it is unexported so that no request can
	// claim to be the platform itself.
	system bool
}

// IsSystem reports whether the actor is the platform itself (SystemActor),
// acting for the operator on the command line or while seeding.
func (a *Actor) IsSystem() bool { return a != nil && a.system }

// IsPublic reports whether nobody is logged in.
func (a *Actor) IsPublic() bool { return a == nil || a.User == nil }

// Role is the actor's role, empty for the public.
func (a *Actor) Role() Role {
	if a.IsPublic() {
		return ""
	}
	return a.User.Role
}

// Allows reports whether the actor's token (if any) carries scope s; a
// browser session carries every scope its role allows.
func (a *Actor) Allows(s Scope) bool {
	if a == nil || a.Token == nil {
		return true
	}
	return a.Token.Has(s)
}

// ID is the actor's user id, 0 for the public.
func (a *Actor) ID() int64 {
	if a.IsPublic() {
		return 0
	}
	return a.User.ID
}

// Name is how the actor appears in the audit log.
func (a *Actor) Name() string {
	switch {
	case a == nil || a.User == nil:
		return "公众"
	case a.Token != nil:
		return a.User.Username + "（令牌 " + a.Token.Prefix + "）"
	}
	return a.User.Username
}

type actorKey struct{}

// NewContextWithActor returns ctx carrying actor.
func NewContextWithActor(ctx context.Context, a *Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFromContext returns the actor in ctx, or nil for the public.
func ActorFromContext(ctx context.Context) *Actor {
	a, _ := ctx.Value(actorKey{}).(*Actor)
	return a
}

// SystemActor is the platform itself, for demo seeding, migrations and the
// operator's commands.
func SystemActor() *Actor {
	return &Actor{User: &User{ID: 0, Username: "system", Name: "系统", Role: RoleAdmin}, system: true}
}

// SessionStore is the login sessions' part of a Tx.
type SessionStore interface {
	CreateSession(ctx context.Context, s *Session) error
	SessionByTokenHash(ctx context.Context, hash string) (*Session, error)
	DeleteSession(ctx context.Context, hash string) error
	DeleteUserSessions(ctx context.Context, userID int64) error
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error)
}

// APITokenStore is the API tokens' part of a Tx.
type APITokenStore interface {
	CreateAPIToken(ctx context.Context, t *APIToken) error
	APITokenByHash(ctx context.Context, hash string) (*APIToken, error)
	APITokenByID(ctx context.Context, id int64) (*APIToken, error)
	ListAPITokens(ctx context.Context, userID int64) ([]*APIToken, error)
	RevokeAPIToken(ctx context.Context, id int64, at time.Time) error
	TouchAPIToken(ctx context.Context, id int64, at time.Time) error
}

// LoginFailureStore is the login throttle's part of a Tx.
type LoginFailureStore interface {
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
}

// AuthStore is the authentication part of a Tx: sessions, API tokens and
// the login throttle.
type AuthStore interface {
	SessionStore
	APITokenStore
	LoginFailureStore
}
