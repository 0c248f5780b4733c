package sqlstore

import (
	"context"
	"fmt"

	"firstset"
)

const oidcSubjectConflict = "该统一身份认证账号已关联其他用户。"

// UserByOIDCSubject finds the user linked to a subject of issuer.
func (t *Tx) UserByOIDCSubject(ctx context.Context, issuer, subject string) (*firstset.User, error) {
	if subject == "" {
		return nil, firstset.NotFound("用户")
	}
	u, err := scanUser(t.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE oidc_issuer = ? AND oidc_subject = ?`,
		issuer, subject))
	if err != nil {
		return nil, t.notFound("user by oidc subject", "用户", err)
	}
	return u, nil
}

// RecordOIDCRequest adds the request of r's subject or, when there is one,
// counts the attempt on it with r's latest details.
func (t *Tx) RecordOIDCRequest(ctx context.Context, r *firstset.OIDCRequest) error {
	if r.Attempts == 0 {
		r.Attempts = 1
	}
	err := t.QueryRow(ctx, `INSERT INTO oidc_requests (issuer, subject, name, email, ip, attempts, first_at, last_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (issuer, subject) DO UPDATE SET name = excluded.name, email = excluded.email, ip = excluded.ip,
			attempts = oidc_requests.attempts + 1, last_at = excluded.last_at
		RETURNING id, attempts`,
		r.Issuer, r.Subject, r.Name, r.Email, r.IP, r.Attempts, t.time(r.FirstAt), t.time(r.LastAt)).Scan(&r.ID, &r.Attempts)
	return t.wrap("record oidc request", err)
}

const oidcRequestColumns = `id, issuer, subject, name, email, ip, attempts, first_at, last_at`

func scanOIDCRequest(sc interface{ Scan(...any) error }) (*firstset.OIDCRequest, error) {
	var r firstset.OIDCRequest
	err := sc.Scan(&r.ID, &r.Issuer, &r.Subject, &r.Name, &r.Email, &r.IP, &r.Attempts,
		timeScanner{&r.FirstAt}, timeScanner{&r.LastAt})
	if err != nil {
		return nil, err
	}
	return &r, nil
}

func (t *Tx) OIDCRequestByID(ctx context.Context, id int64) (*firstset.OIDCRequest, error) {
	r, err := scanOIDCRequest(t.QueryRow(ctx, `SELECT `+oidcRequestColumns+` FROM oidc_requests WHERE id = ?`, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("oidc request %d", id), "统一身份认证登录申请", err)
	}
	return r, nil
}

// ListOIDCRequests lists the pending requests of issuer's subjects, the
// latest attempt first.
func (t *Tx) ListOIDCRequests(ctx context.Context, issuer string, limit int) ([]*firstset.OIDCRequest, error) {
	limit, _ = page(0, limit)
	rows, err := t.Query(ctx, `SELECT `+oidcRequestColumns+` FROM oidc_requests WHERE issuer = ?
		ORDER BY last_at DESC, id DESC LIMIT ?`, issuer, limit)
	if err != nil {
		return nil, t.wrap("list oidc requests", err)
	}
	defer rows.Close()
	list := []*firstset.OIDCRequest{}
	for rows.Next() {
		r, err := scanOIDCRequest(rows)
		if err != nil {
			return nil, t.wrap("scan oidc request", err)
		}
		list = append(list, r)
	}
	return list, t.wrap("list oidc requests", rows.Err())
}

// DeleteOIDCRequest removes the request of a subject; none is not an error.
func (t *Tx) DeleteOIDCRequest(ctx context.Context, issuer, subject string) error {
	if subject == "" {
		return nil
	}
	_, err := t.Exec(ctx, `DELETE FROM oidc_requests WHERE issuer = ? AND subject = ?`, issuer, subject)
	return t.wrap("delete oidc request", err)
}
