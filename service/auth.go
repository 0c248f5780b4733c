package service

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"firstset"
	"firstset/password"
	"firstset/plaintext"
)

// Auth implements login, sessions and API tokens.
type Auth struct{ *env }

var _ firstset.AuthService = (*Auth)(nil)

// newSecret returns n random bytes as URL-safe text.
func newSecret(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error()) // the platform cannot run safely without it
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// hashSecret is how session and API tokens are stored: a leaked table of
// hashes lets nobody in. The tokens carry 256 bits, so a plain hash is enough.
func hashSecret(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

var errBadLogin = firstset.Errorf(firstset.EUNAUTHORIZED, "用户名或密码错误。")

// loginAttempt is what Login recorded before checking a password.
type loginAttempt struct {
	locked bool
	// failures of the username and of the address in the window, this
	// attempt included
	userFailures, ipFailures int
	ipFailureID              int64 // this attempt's row against the address
}

// maxUsername is the longest username an account may have (usernamePattern).
const maxUsername = 32

// maskedName shows a name by its first and last characters and its length.
func maskedName(name string) string {
	r := []rune(name)
	if len(r) <= 2 {
		return strings.Repeat("*", len(r))
	}
	return string(r[0]) + strings.Repeat("*", len(r)-2) + string(r[len(r)-1])
}

// Login checks a username and password, throttled per username and per
// address across every instance, and opens a session. Failed logins and
// the start of a lockout are written to the audit log.
func (s *Auth) Login(ctx context.Context, username, plain, ip, userAgent string) (*firstset.Session, string, error) {
	username = strings.ToLower(clean(username))
	userAgent = plaintext.Replace(userAgent, plaintext.OneLine) // kept for information, never refused
	if prob := plaintext.Check(username, plaintext.OneLine); prob != nil {
		// No account has such a name, and the throttling keys could not hold it.
		return nil, "", firstset.FieldErrorf("username", plaintext.Code, "%s", prob.Message("用户名"))
	}
	if n := utf8.RuneCountInString(username); n > maxUsername {
		// No account has such a name either; its throttling key and audit
		// entry would be as long as the body allows.
		return nil, "", firstset.FieldErrorf("username", "too_long", "用户名不能超过%d个字符（当前%d个）。", maxUsername, n)
	}
	userKey, ipKey := "user:"+username, "ip:"+ip
	now := s.Now()
	ctx = firstset.NewContextWithActor(ctx, &firstset.Actor{IP: ip})
	// The attempt is counted against both the username and the address
	// before the password is checked, in the transaction that looks at
	// earlier failures (each key locked until commit), so parallel guesses
	// (at one name, or at many names from one address) cannot all slip past
	// the limits. A successful login takes back what it recorded.
	var att loginAttempt
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		att = loginAttempt{}
		since := now.Add(-s.cfg.FailureWindow)
		nu, err := tx.CountLoginFailures(ctx, userKey, since)
		if err != nil {
			return err
		}
		ni, err := tx.CountLoginFailures(ctx, ipKey, since)
		if err != nil {
			return err
		}
		if att.locked = nu >= s.cfg.MaxFailuresPerUser || ni >= s.cfg.MaxFailuresPerIP; att.locked {
			return nil
		}
		att.userFailures, att.ipFailures = nu+1, ni+1
		if _, err := tx.RecordLoginFailure(ctx, userKey, now); err != nil {
			return err
		}
		att.ipFailureID, err = tx.RecordLoginFailure(ctx, ipKey, now)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	if att.locked {
		return nil, "", firstset.Errorf(firstset.ERATELIMITED, "登录失败次数过多，请%d分钟后再试。", int(s.cfg.FailureWindow/time.Minute))
	}

	var u *firstset.User
	err = s.store.View(ctx, func(tx firstset.Tx) (err error) {
		u, err = tx.UserByUsername(ctx, username)
		return err
	})
	if err != nil && firstset.ErrorCode(err) != firstset.ENOTFOUND {
		return nil, "", err
	}
	ok, rehash := false, false
	if u == nil {
		password.DummyVerify() // the same time as a real check: no hint whether the name exists
	} else {
		ok, rehash, _ = password.Verify(plain, u.PasswordHash)
	}
	if !ok || u.Disabled {
		reason := "wrong_password"
		switch {
		case u == nil:
			reason = "unknown_user"
		case ok:
			reason = "disabled"
		}
		// A name no account has is often a password typed in the wrong
		// box: the audit log, kept for good and shown to administrators,
		// records only its first and last characters.
		tried := username
		if u == nil {
			tried = maskedName(username)
		}
		if err := s.recordLoginFailure(ctx, u, tried, ip, reason, att); err != nil {
			return nil, "", err
		}
		return nil, "", errBadLogin
	}

	sess, token := s.newSession(u, ip, userAgent, now)
	ctx = firstset.NewContextWithActor(ctx, &firstset.Actor{User: u, IP: ip})
	// A hash made with older parameters is renewed, hashed before the
	// write transaction so that no other writer waits for it.
	var renewed string
	if rehash {
		renewed, _ = password.Hash(plain)
	}
	err = s.store.Update(ctx, func(tx firstset.Tx) error {
		if renewed != "" {
			nu := *u
			nu.PasswordHash = renewed
			if err := tx.UpdateUser(ctx, &nu); err != nil {
				return err
			}
		}
		if err := tx.ClearLoginFailures(ctx, userKey); err != nil {
			return err
		}
		// Only this attempt is taken back from the address: one right
		// password does not wipe the guesses made from it at other names.
		if err := tx.DeleteLoginFailure(ctx, att.ipFailureID); err != nil {
			return err
		}
		if err := tx.CreateSession(ctx, sess); err != nil {
			return err
		}
		return s.record(ctx, tx, "login", "user", u.ID, nil, map[string]string{"ip": ip})
	})
	if err != nil {
		return nil, "", err
	}
	return sess, token, nil
}

// newSession is a session for u starting now, with its secret token;
// every way of logging in opens one alike.
func (s *Auth) newSession(u *firstset.User, ip, userAgent string, now time.Time) (*firstset.Session, string) {
	token := newSecret(32)
	return &firstset.Session{
		TokenHash: hashSecret(token),
		UserID:    u.ID,
		CSRFToken: newSecret(32),
		UserAgent: truncate(userAgent, 200),
		IP:        ip,
		CreatedAt: now,
		ExpiresAt: now.Add(s.cfg.SessionTTL),
	}, token
}

// loginEvent is the audit snapshot of a failed login or a lockout; it
// never holds the password.
type loginEvent struct {
	Username string `json:"username"`
	IP       string `json:"ip"`
	Reason   string `json:"reason,omitempty"`
	// Lockouts: which limit was reached, with how many failures in how
	// many minutes.
	Limit    string `json:"limit,omitempty"`
	Failures int    `json:"failures,omitempty"`
	Minutes  int    `json:"window_minutes,omitempty"`
}

// recordLoginFailure writes a failed login to the audit log, and the start
// of a lockout when this failure reached a limit: once per lockout, since
// the attempts refused while locked record nothing.
func (s *Auth) recordLoginFailure(ctx context.Context, u *firstset.User, username, ip, reason string, att loginAttempt) error {
	var id int64
	if u != nil {
		id = u.ID
	}
	minutes := int(s.cfg.FailureWindow / time.Minute)
	return s.store.Update(ctx, func(tx firstset.Tx) error {
		if err := s.record(ctx, tx, "login_failed", "user", id, nil,
			loginEvent{Username: username, IP: ip, Reason: reason}); err != nil {
			return err
		}
		if att.userFailures == s.cfg.MaxFailuresPerUser {
			if err := s.record(ctx, tx, "login_locked", "user", id, nil,
				loginEvent{Username: username, IP: ip, Limit: "username", Failures: att.userFailures, Minutes: minutes}); err != nil {
				return err
			}
		}
		if att.ipFailures == s.cfg.MaxFailuresPerIP {
			return s.record(ctx, tx, "login_locked", "user", id, nil,
				loginEvent{Username: username, IP: ip, Limit: "address", Failures: att.ipFailures, Minutes: minutes})
		}
		return nil
	})
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// Logout ends the session of token; an unknown token is not an error.
func (s *Auth) Logout(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	hash := hashSecret(token)
	return s.store.Update(ctx, func(tx firstset.Tx) error {
		sess, err := tx.SessionByTokenHash(ctx, hash)
		if firstset.ErrorCode(err) == firstset.ENOTFOUND {
			return nil
		}
		if err != nil {
			return err
		}
		if err := tx.DeleteSession(ctx, hash); err != nil {
			return err
		}
		return s.record(ctx, tx, "logout", "user", sess.UserID, nil, nil)
	})
}

var errNoSession = firstset.Errorf(firstset.EUNAUTHORIZED, "登录已过期，请重新登录。")

// Authenticate resolves a session token to its live session and user.
func (s *Auth) Authenticate(ctx context.Context, token string) (*firstset.User, *firstset.Session, error) {
	if token == "" {
		return nil, nil, errNoSession
	}
	var u *firstset.User
	var sess *firstset.Session
	err := s.store.View(ctx, func(tx firstset.Tx) (err error) {
		if sess, err = tx.SessionByTokenHash(ctx, hashSecret(token)); err != nil {
			return err
		}
		u, err = tx.UserByID(ctx, sess.UserID)
		return err
	})
	if firstset.ErrorCode(err) == firstset.ENOTFOUND {
		return nil, nil, errNoSession
	}
	if err != nil {
		return nil, nil, err
	}
	if !s.Now().Before(sess.ExpiresAt) || u.Disabled {
		return nil, nil, errNoSession
	}
	return u, sess, nil
}

// maxTokenYears is the longest an API token may be set to last.
const maxTokenYears = 5

// tokenPrefix marks the platform's API tokens so scanners can spot leaks.
const tokenPrefix = "fst_"

var errBadToken = firstset.Errorf(firstset.EUNAUTHORIZED, "访问令牌无效、已过期或已撤销。")

// AuthenticateToken resolves an API bearer token.
func (s *Auth) AuthenticateToken(ctx context.Context, bearer string) (*firstset.User, *firstset.APIToken, error) {
	if !strings.HasPrefix(bearer, tokenPrefix) {
		return nil, nil, errBadToken
	}
	var u *firstset.User
	var t *firstset.APIToken
	err := s.store.View(ctx, func(tx firstset.Tx) (err error) {
		if t, err = tx.APITokenByHash(ctx, hashSecret(bearer)); err != nil {
			return err
		}
		u, err = tx.UserByID(ctx, t.UserID)
		return err
	})
	if firstset.ErrorCode(err) == firstset.ENOTFOUND {
		return nil, nil, errBadToken
	}
	if err != nil {
		return nil, nil, err
	}
	now := s.Now()
	if t.RevokedAt != nil || (t.ExpiresAt != nil && !now.Before(*t.ExpiresAt)) || u.Disabled {
		return nil, nil, errBadToken
	}
	// Record use at most once a minute, so a busy program does not turn
	// every read into a write.
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) > time.Minute {
		err := s.store.Update(ctx, func(tx firstset.Tx) error { return tx.TouchAPIToken(ctx, t.ID, now) })
		if err != nil {
			s.log.Warn("record token use", "token_id", t.ID, "err", err)
		}
	}
	return u, t, nil
}

// CreateToken issues an API token for the caller; the secret is returned
// once and only its hash is kept.
func (s *Auth) CreateToken(ctx context.Context, in firstset.TokenInput) (*firstset.APIToken, string, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, "", err
	}
	if a.Token != nil {
		return nil, "", firstset.Errorf(firstset.EFORBIDDEN, "访问令牌不能再签发令牌，请登录后在页面上创建。")
	}
	var t *firstset.APIToken
	var secret string
	err = s.store.Update(ctx, func(tx firstset.Tx) (err error) {
		t, secret, err = s.issueToken(ctx, tx, a.User, in, "您的角色")
		return err
	})
	if err != nil {
		return nil, "", err
	}
	return t, secret, nil
}

// IssueToken issues an API token for another user, with every scope the
// user's role may hold or the ones asked for. Only the platform itself
// (the operator's command line) may; the token is audited like any other,
// in the same transaction.
func (s *Auth) IssueToken(ctx context.Context, g firstset.TokenGrant) (*firstset.APIToken, string, error) {
	if !actor(ctx).IsSystem() {
		return nil, "", firstset.Errorf(firstset.EFORBIDDEN, "只有平台运维人员可以在命令行为其他用户签发访问令牌。")
	}
	username := strings.ToLower(clean(g.Username))
	var t *firstset.APIToken
	var secret string
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		u, err := tx.UserByUsername(ctx, username)
		if firstset.ErrorCode(err) == firstset.ENOTFOUND {
			return firstset.FieldErrorf("user", "unknown_user", "用户 %s 不存在。", username)
		}
		if err != nil {
			return err
		}
		if u.Disabled {
			return firstset.FieldErrorf("user", "user_disabled", "用户 %s 已停用，不能为其签发访问令牌。", username)
		}
		in := g.TokenInput
		if g.AllScopes {
			if len(in.Scopes) > 0 {
				return firstset.FieldErrorf("scopes", "all_and_list", "权限请写 all 或逐项列出，不能同时使用。")
			}
			in.Scopes = firstset.ScopesForRole(u.Role)
		}
		t, secret, err = s.issueToken(ctx, tx, u, in, "用户 "+u.Username+" 的角色（"+u.Role.Label()+"）")
		return err
	})
	if err != nil {
		return nil, "", err
	}
	return t, secret, nil
}

// issueToken checks in for owner (whose role is named in messages as
// whose) and stores the new token with its audit entry inside tx.
func (s *Auth) issueToken(ctx context.Context, tx firstset.Tx, owner *firstset.User, in firstset.TokenInput, whose string) (*firstset.APIToken, string, error) {
	var p firstset.Problems
	in.Name = clean(in.Name)
	requireText(&p, "name", "令牌名称", in.Name, 50)
	allowed := firstset.ScopesForRole(owner.Role)
	seen := map[firstset.Scope]bool{}
	var scopes []firstset.Scope
	for _, sc := range in.Scopes {
		switch {
		case !firstset.ValidScope(sc):
			p.Add("scopes", "invalid_scope", "权限 %q 不存在。", sc)
		case !slices.Contains(allowed, sc):
			p.Add("scopes", "scope_not_allowed", "%s不能授予权限 %s。", whose, sc)
		case !seen[sc]:
			seen[sc] = true
			scopes = append(scopes, sc)
		}
	}
	if len(in.Scopes) == 0 {
		p.Add("scopes", "required", "请至少选择一项权限。")
	}
	now := s.Now()
	switch {
	case in.ExpiresAt == nil:
	case !in.ExpiresAt.After(now):
		p.Add("expires_at", "in_past", "到期时间须晚于当前时间。")
	case in.ExpiresAt.After(now.AddDate(maxTokenYears, 0, 0)):
		p.Add("expires_at", "too_late", "到期时间不能晚于 %d 年之后；长期使用的令牌请到期前另行创建。", maxTokenYears)
	}
	if err := p.Err(); err != nil {
		return nil, "", err
	}
	// The answer shows the secret once: it is not kept for a retry under
	// an Idempotency-Key either.
	firstset.IdempotencyClaimFromContext(ctx).HoldsSecret()
	secret := tokenPrefix + newSecret(32)
	t := &firstset.APIToken{
		UserID:    owner.ID,
		Name:      in.Name,
		Prefix:    secret[:len(tokenPrefix)+6],
		Hash:      hashSecret(secret),
		Scopes:    scopes,
		CreatedAt: now,
		ExpiresAt: in.ExpiresAt,
	}
	if err := tx.CreateAPIToken(ctx, t); err != nil {
		return nil, "", err
	}
	if err := s.record(ctx, tx, "create", "api_token", t.ID, nil, t); err != nil {
		return nil, "", err
	}
	return t, secret, nil
}

// requireTokenManagement lets a browser session manage its owner's tokens
// and a token only when it carries tokens:manage: a narrow token must not
// reach the owner's other, wider tokens.
func requireTokenManagement(ctx context.Context) (*firstset.Actor, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, err
	}
	if a.Token != nil && !a.Token.Has(firstset.ScopeTokensManage) {
		return nil, firstset.Errorf(firstset.EFORBIDDEN, "访问令牌缺少权限 %s，不能查看或撤销访问令牌。", firstset.ScopeTokensManage)
	}
	return a, nil
}

// FindTokens lists the caller's own tokens.
func (s *Auth) FindTokens(ctx context.Context) ([]*firstset.APIToken, error) {
	a, err := requireTokenManagement(ctx)
	if err != nil {
		return nil, err
	}
	var list []*firstset.APIToken
	err = s.store.View(ctx, func(tx firstset.Tx) (err error) {
		list, err = tx.ListAPITokens(ctx, a.ID())
		return err
	})
	return list, err
}

// RevokeToken revokes one of the caller's tokens; administrators may revoke any.
func (s *Auth) RevokeToken(ctx context.Context, id int64) error {
	a, err := requireTokenManagement(ctx)
	if err != nil {
		return err
	}
	return s.store.Update(ctx, func(tx firstset.Tx) error {
		t, err := tx.APITokenByID(ctx, id)
		if err != nil {
			return err
		}
		if err := firstset.CheckRevokeToken(a, t); err != nil {
			return err
		}
		if t.RevokedAt != nil {
			return nil
		}
		now := s.Now()
		if err := tx.RevokeAPIToken(ctx, id, now); err != nil {
			return err
		}
		after := *t
		after.RevokedAt = &now
		return s.record(ctx, tx, "revoke", "api_token", id, t, &after)
	})
}

// AuthorizeMetrics allows /metrics to a token carrying metrics:read whose
// owner's role may hold it, and to nobody else: the series count things
// the public may not see, such as unpublished products.
func (s *Auth) AuthorizeMetrics(ctx context.Context) error {
	return firstset.CheckReadMetrics(actor(ctx))
}
