package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"firstset"
)

func (t *Tx) CreateSession(ctx context.Context, s *firstset.Session) error {
	stamp(&s.CreatedAt, time.Now())
	s.ExpiresAt = s.ExpiresAt.UTC().Truncate(time.Microsecond)
	err := t.insertID(ctx, &s.ID, `INSERT INTO sessions (token_hash, user_id, csrf_token, user_agent, ip, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		s.TokenHash, s.UserID, s.CSRFToken, s.UserAgent, s.IP, t.time(s.CreatedAt), t.time(s.ExpiresAt))
	return t.wrap("create session", err)
}

// SessionByTokenHash returns the session whatever its expiry; the caller
// compares ExpiresAt with its clock.
func (t *Tx) SessionByTokenHash(ctx context.Context, hash string) (*firstset.Session, error) {
	var s firstset.Session
	err := t.QueryRow(ctx, `SELECT id, token_hash, user_id, csrf_token, user_agent, ip, created_at, expires_at
		FROM sessions WHERE token_hash = ?`, hash).
		Scan(&s.ID, &s.TokenHash, &s.UserID, &s.CSRFToken, &s.UserAgent, &s.IP,
			timeScanner{&s.CreatedAt}, timeScanner{&s.ExpiresAt})
	if err != nil {
		return nil, t.notFound("session", "会话", err)
	}
	return &s, nil
}

// DeleteSession removes a session; removing one already gone is not an error.
func (t *Tx) DeleteSession(ctx context.Context, hash string) error {
	_, err := t.Exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, hash)
	return t.wrap("delete session", err)
}

func (t *Tx) DeleteUserSessions(ctx context.Context, userID int64) error {
	_, err := t.Exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID)
	return t.wrap(fmt.Sprintf("delete sessions of user %d", userID), err)
}

// DeleteExpiredSessions removes sessions whose expiry is at or before now.
func (t *Tx) DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error) {
	return t.deleteRows(ctx, "delete expired sessions", `DELETE FROM sessions WHERE expires_at <= ?`, now)
}

// DeleteLoginFailuresBefore removes failures recorded before before.
func (t *Tx) DeleteLoginFailuresBefore(ctx context.Context, before time.Time) (int64, error) {
	return t.deleteRows(ctx, "delete old login failures", `DELETE FROM login_failures WHERE at < ?`, before)
}

// deleteRows runs query, a DELETE with one time argument, and reports how
// many rows went.
func (t *Tx) deleteRows(ctx context.Context, what, query string, at time.Time) (int64, error) {
	res, err := t.Exec(ctx, query, t.time(at))
	if err != nil {
		return 0, t.wrap(what, err)
	}
	n, err := res.RowsAffected()
	return n, t.wrap(what, err)
}

const tokenColumns = `id, user_id, name, prefix, hash, scopes, created_at, expires_at, last_used_at, revoked_at`

func scanToken(sc interface{ Scan(...any) error }) (*firstset.APIToken, error) {
	var tk firstset.APIToken
	var scopes string
	err := sc.Scan(&tk.ID, &tk.UserID, &tk.Name, &tk.Prefix, &tk.Hash, &scopes, timeScanner{&tk.CreatedAt},
		nullTimeScanner{&tk.ExpiresAt}, nullTimeScanner{&tk.LastUsedAt}, nullTimeScanner{&tk.RevokedAt})
	if err != nil {
		return nil, err
	}
	tk.Scopes = []firstset.Scope{}
	for _, s := range strings.Fields(scopes) {
		tk.Scopes = append(tk.Scopes, firstset.Scope(s))
	}
	return &tk, nil
}

func (t *Tx) CreateAPIToken(ctx context.Context, tk *firstset.APIToken) error {
	stamp(&tk.CreatedAt, time.Now())
	tk.ExpiresAt, tk.LastUsedAt, tk.RevokedAt = stampPtr(tk.ExpiresAt), stampPtr(tk.LastUsedAt), stampPtr(tk.RevokedAt)
	scopes := make([]string, len(tk.Scopes))
	for i, s := range tk.Scopes {
		scopes[i] = string(s)
	}
	err := t.insertID(ctx, &tk.ID, `INSERT INTO api_tokens (user_id, name, prefix, hash, scopes, created_at, expires_at,
		last_used_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		tk.UserID, tk.Name, tk.Prefix, tk.Hash, strings.Join(scopes, " "), t.time(tk.CreatedAt),
		t.timePtr(tk.ExpiresAt), t.timePtr(tk.LastUsedAt), t.timePtr(tk.RevokedAt))
	return t.wrap("create api token", err)
}

// APITokenByHash returns the token even when revoked or expired; the
// caller decides.
func (t *Tx) APITokenByHash(ctx context.Context, hash string) (*firstset.APIToken, error) {
	tk, err := scanToken(t.QueryRow(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE hash = ?`, hash))
	if err != nil {
		return nil, t.notFound("api token by hash", "访问令牌", err)
	}
	return tk, nil
}

func (t *Tx) APITokenByID(ctx context.Context, id int64) (*firstset.APIToken, error) {
	tk, err := scanToken(t.QueryRow(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE id = ?`, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("api token %d", id), "访问令牌", err)
	}
	return tk, nil
}

// ListAPITokens lists a user's tokens, revoked ones too, oldest first.
func (t *Tx) ListAPITokens(ctx context.Context, userID int64) ([]*firstset.APIToken, error) {
	rows, err := t.Query(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE user_id = ? ORDER BY id`, userID)
	if err != nil {
		return nil, t.wrap("list api tokens", err)
	}
	defer rows.Close()
	list := []*firstset.APIToken{}
	for rows.Next() {
		tk, err := scanToken(rows)
		if err != nil {
			return nil, t.wrap("scan api token", err)
		}
		list = append(list, tk)
	}
	return list, t.wrap("list api tokens", rows.Err())
}

// RevokeAPIToken marks a token revoked at at; revoking it again keeps the
// first time.
func (t *Tx) RevokeAPIToken(ctx context.Context, id int64, at time.Time) error {
	res, err := t.Exec(ctx, `UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?`, t.time(at), id)
	if err != nil {
		return t.wrap(fmt.Sprintf("revoke api token %d", id), err)
	}
	return affected(res, "访问令牌")
}

func (t *Tx) TouchAPIToken(ctx context.Context, id int64, at time.Time) error {
	res, err := t.Exec(ctx, `UPDATE api_tokens SET last_used_at = ? WHERE id = ?`, t.time(at), id)
	if err != nil {
		return t.wrap(fmt.Sprintf("touch api token %d", id), err)
	}
	return affected(res, "访问令牌")
}

// RecordLoginFailure records one failure (or attempt) of key and returns
// its id.
func (t *Tx) RecordLoginFailure(ctx context.Context, key string, at time.Time) (int64, error) {
	var id int64
	err := t.insertID(ctx, &id, `INSERT INTO login_failures (key, at) VALUES (?, ?)`, key, t.time(at))
	return id, t.wrap("record login failure", err)
}

// DeleteLoginFailure removes one recorded failure; one already gone is
// not an error.
func (t *Tx) DeleteLoginFailure(ctx context.Context, id int64) error {
	_, err := t.Exec(ctx, `DELETE FROM login_failures WHERE id = ?`, id)
	return t.wrap(fmt.Sprintf("delete login failure %d", id), err)
}

// CountLoginFailures counts key's failures at or after since. It first
// locks key until commit: a transaction that counts and then records an
// attempt is not overtaken by another doing the same, so simultaneous
// guesses cannot all see the count below the limit.
func (t *Tx) CountLoginFailures(ctx context.Context, key string, since time.Time) (int, error) {
	if t.d.LockKey != "" {
		if _, err := t.Exec(ctx, t.d.LockKey, "login:"+key); err != nil {
			return 0, t.wrap("lock login key", err)
		}
	}
	var n int
	err := t.QueryRow(ctx, `SELECT COUNT(*) FROM login_failures WHERE key = ? AND at >= ?`, key, t.time(since)).Scan(&n)
	return n, t.wrap("count login failures", err)
}

func (t *Tx) ClearLoginFailures(ctx context.Context, key string) error {
	_, err := t.Exec(ctx, `DELETE FROM login_failures WHERE key = ?`, key)
	return t.wrap("clear login failures", err)
}
