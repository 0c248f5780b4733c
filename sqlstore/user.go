package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"firstset"
)

const userColumns = `id, username, name, role, enterprise_id, buyer_id, institution_id, district_code, phone, email, disabled,
	password_hash, oidc_issuer, oidc_subject, created_at, updated_at`

func scanUser(sc interface{ Scan(...any) error }) (*firstset.User, error) {
	var u firstset.User
	var enterpriseID, buyerID, institutionID sql.NullInt64
	err := sc.Scan(&u.ID, &u.Username, &u.Name, &u.Role, &enterpriseID, &buyerID, &institutionID, &u.DistrictCode, &u.Phone, &u.Email,
		&u.Disabled, &u.PasswordHash, &u.OIDCIssuer, &u.OIDCSubject, timeScanner{&u.CreatedAt}, timeScanner{&u.UpdatedAt})
	if err != nil {
		return nil, err
	}
	u.EnterpriseID, u.BuyerID, u.InstitutionID = enterpriseID.Int64, buyerID.Int64, institutionID.Int64
	return &u, nil
}

func (t *Tx) UserByID(ctx context.Context, id int64) (*firstset.User, error) {
	u, err := scanUser(t.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("user %d", id), "用户", err)
	}
	return u, nil
}

func (t *Tx) UserByUsername(ctx context.Context, username string) (*firstset.User, error) {
	u, err := scanUser(t.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE username = ?`, username))
	if err != nil {
		return nil, t.notFound("user by username", "用户", err)
	}
	return u, nil
}

// ListUsers lists users in the order they were created.
func (t *Tx) ListUsers(ctx context.Context, f firstset.UserFilter) ([]*firstset.User, int, error) {
	var w where
	if f.Role != "" {
		w.add("role = ?", f.Role)
	}
	if f.EnterpriseID != 0 {
		w.add("enterprise_id = ?", f.EnterpriseID)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		w.add("("+t.d.Contains("username")+" OR "+t.d.Contains("name")+")", q, q)
	}
	var total int
	if err := t.QueryRow(ctx, `SELECT COUNT(*) FROM users`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, t.wrap("count users", err)
	}
	limit, offset := page(f.Offset, f.Limit)
	rows, err := t.Query(ctx, `SELECT `+userColumns+` FROM users`+w.String()+` ORDER BY id LIMIT ? OFFSET ?`,
		append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, t.wrap("list users", err)
	}
	defer rows.Close()
	list := []*firstset.User{}
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, 0, t.wrap("scan user", err)
		}
		list = append(list, u)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, t.wrap("list users", err)
	}
	return list, total, nil
}

func (t *Tx) CreateUser(ctx context.Context, u *firstset.User) error {
	now := time.Now()
	stamp(&u.CreatedAt, now)
	stamp(&u.UpdatedAt, now)
	err := t.QueryRow(ctx, `INSERT INTO users (username, name, role, enterprise_id, buyer_id, institution_id, district_code, phone, email,
		disabled, password_hash, oidc_issuer, oidc_subject, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING RETURNING id`,
		u.Username, u.Name, u.Role, nullID(u.EnterpriseID), nullID(u.BuyerID), nullID(u.InstitutionID), u.DistrictCode, u.Phone, u.Email, u.Disabled,
		u.PasswordHash, u.OIDCIssuer, u.OIDCSubject, t.time(u.CreatedAt), t.time(u.UpdatedAt)).Scan(&u.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return &firstset.Error{Code: firstset.ECONFLICT, Field: "username",
			Message: fmt.Sprintf("用户名 %s 已存在，请换一个。", u.Username)}
	}
	return t.wrap("create user", err)
}

func (t *Tx) UpdateUser(ctx context.Context, u *firstset.User) error {
	stamp(&u.UpdatedAt, time.Now())
	res, err := t.Exec(ctx, `UPDATE users SET username = ?, name = ?, role = ?, enterprise_id = ?, buyer_id = ?, institution_id = ?,
		district_code = ?, phone = ?, email = ?, disabled = ?, password_hash = ?, oidc_issuer = ?, oidc_subject = ?, updated_at = ? WHERE id = ?`,
		u.Username, u.Name, u.Role, nullID(u.EnterpriseID), nullID(u.BuyerID), nullID(u.InstitutionID), u.DistrictCode, u.Phone, u.Email, u.Disabled,
		u.PasswordHash, u.OIDCIssuer, u.OIDCSubject, t.time(u.UpdatedAt), u.ID)
	if err != nil {
		return t.wrap(fmt.Sprintf("update user %d", u.ID), err)
	}
	return affected(res, "用户")
}
