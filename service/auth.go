package service

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"

	"firstset"
	"firstset/password"
	"firstset/plaintext"
)

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

// Login checks a username and password, throttled per username and per
// address across every instance, and opens a session.
func (s *Services) Login(ctx context.Context, username, plain, ip, userAgent string) (*firstset.Session, string, error) {
	username = strings.ToLower(clean(username))
	userAgent = plaintext.Replace(userAgent, plaintext.OneLine) // kept for information, never refused
	if prob := plaintext.Check(username, plaintext.OneLine); prob != nil {
		// No account has such a name, and the throttling keys could not hold it.
		return nil, "", firstset.FieldErrorf("username", plaintext.Code, "%s", prob.Message("用户名"))
	}
	userKey, ipKey := "user:"+username, "ip:"+ip
	now := s.Now()
	since := now.Add(-s.cfg.FailureWindow)
	// The attempt is counted before the password is checked, in the same
	// transaction as the look at earlier failures, so parallel guesses
	// cannot all slip past the limit; a successful login clears it again.
	var locked bool
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		nu, err := tx.CountLoginFailures(ctx, userKey, since)
		if err != nil {
			return err
		}
		ni, err := tx.CountLoginFailures(ctx, ipKey, since)
		if err != nil {
			return err
		}
		if locked = nu >= s.cfg.MaxFailuresPerUser || ni >= s.cfg.MaxFailuresPerIP; locked {
			return nil
		}
		return tx.RecordLoginFailure(ctx, userKey, now)
	})
	if err != nil {
		return nil, "", err
	}
	if locked {
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
		err := s.store.Update(ctx, func(tx firstset.Tx) error { return tx.RecordLoginFailure(ctx, ipKey, now) })
		if err != nil {
			return nil, "", err
		}
		return nil, "", errBadLogin
	}

	token := newSecret(32)
	sess := &firstset.Session{
		TokenHash: hashSecret(token),
		UserID:    u.ID,
		CSRFToken: newSecret(32),
		UserAgent: truncate(userAgent, 200),
		IP:        ip,
		CreatedAt: now,
		ExpiresAt: now.Add(s.cfg.SessionTTL),
	}
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

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// Logout ends the session of token; an unknown token is not an error.
func (s *Services) Logout(ctx context.Context, token string) error {
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
func (s *Services) Authenticate(ctx context.Context, token string) (*firstset.User, *firstset.Session, error) {
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

// tokenPrefix marks the platform's API tokens so scanners can spot leaks.
const tokenPrefix = "fst_"

var errBadToken = firstset.Errorf(firstset.EUNAUTHORIZED, "访问令牌无效、已过期或已撤销。")

// AuthenticateToken resolves an API bearer token.
func (s *Services) AuthenticateToken(ctx context.Context, bearer string) (*firstset.User, *firstset.APIToken, error) {
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

// scopesForRole are the scopes a role may put on its tokens.
func scopesForRole(r firstset.Role) []firstset.Scope {
	switch r {
	case firstset.RoleAdmin:
		return []firstset.Scope{firstset.ScopeCatalogRead, firstset.ScopeEnterprisesRead, firstset.ScopeEnterprisesWrite,
			firstset.ScopeProductsRead, firstset.ScopeProductsWrite, firstset.ScopeUsersAdmin}
	case firstset.RoleReviewer, firstset.RoleEnterprise:
		return []firstset.Scope{firstset.ScopeCatalogRead, firstset.ScopeEnterprisesRead, firstset.ScopeEnterprisesWrite,
			firstset.ScopeProductsRead, firstset.ScopeProductsWrite}
	case firstset.RoleDistrict, firstset.RoleFinance, firstset.RoleTender, firstset.RoleSOE:
		return []firstset.Scope{firstset.ScopeCatalogRead, firstset.ScopeEnterprisesRead, firstset.ScopeProductsRead}
	}
	return []firstset.Scope{firstset.ScopeCatalogRead, firstset.ScopeProductsRead}
}

// ScopesForRole lists the scopes a role may grant its tokens, for forms.
func ScopesForRole(r firstset.Role) []firstset.Scope { return scopesForRole(r) }

// CreateToken issues an API token for the caller; the secret is returned
// once and only its hash is kept.
func (s *Services) CreateToken(ctx context.Context, in firstset.TokenInput) (*firstset.APIToken, string, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, "", err
	}
	if a.Token != nil {
		return nil, "", firstset.Errorf(firstset.EFORBIDDEN, "访问令牌不能再签发令牌，请登录后在页面上创建。")
	}
	var p firstset.Problems
	in.Name = clean(in.Name)
	requireText(&p, "name", "令牌名称", in.Name, 50)
	allowed := scopesForRole(a.Role())
	seen := map[firstset.Scope]bool{}
	var scopes []firstset.Scope
	for _, sc := range in.Scopes {
		switch {
		case !firstset.ValidScope(sc):
			p.Add("scopes", "invalid_scope", "权限 %q 不存在。", sc)
		case !containsScope(allowed, sc):
			p.Add("scopes", "scope_not_allowed", "您的角色不能授予权限 %s。", sc)
		case !seen[sc]:
			seen[sc] = true
			scopes = append(scopes, sc)
		}
	}
	if len(in.Scopes) == 0 {
		p.Add("scopes", "required", "请至少选择一项权限。")
	}
	now := s.Now()
	if in.ExpiresAt != nil && !in.ExpiresAt.After(now) {
		p.Add("expires_at", "in_past", "到期时间须晚于当前时间。")
	}
	if err := p.Err(); err != nil {
		return nil, "", err
	}
	secret := tokenPrefix + newSecret(32)
	t := &firstset.APIToken{
		UserID:    a.ID(),
		Name:      in.Name,
		Prefix:    secret[:len(tokenPrefix)+6],
		Hash:      hashSecret(secret),
		Scopes:    scopes,
		CreatedAt: now,
		ExpiresAt: in.ExpiresAt,
	}
	err = s.store.Update(ctx, func(tx firstset.Tx) error {
		if err := tx.CreateAPIToken(ctx, t); err != nil {
			return err
		}
		return s.record(ctx, tx, "create", "api_token", t.ID, nil, t)
	})
	if err != nil {
		return nil, "", err
	}
	return t, secret, nil
}

func containsScope(list []firstset.Scope, s firstset.Scope) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// FindTokens lists the caller's own tokens.
func (s *Services) FindTokens(ctx context.Context) ([]*firstset.APIToken, error) {
	a, err := requireLogin(ctx)
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
func (s *Services) RevokeToken(ctx context.Context, id int64) error {
	a, err := requireLogin(ctx)
	if err != nil {
		return err
	}
	return s.store.Update(ctx, func(tx firstset.Tx) error {
		t, err := tx.APITokenByID(ctx, id)
		if err != nil {
			return err
		}
		if t.UserID != a.ID() && (a.Role() != firstset.RoleAdmin || !a.Allows(firstset.ScopeUsersAdmin)) {
			return firstset.NotFound("访问令牌")
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
