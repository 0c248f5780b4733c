package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"firstset"
)

func init() {
	conflicts["institutions.credit_code"] = struct{ field, message string }{"credit_code", "该统一社会信用代码已登记为机构。"}
}

const institutionColumns = `id, name, credit_code, kind, created_at, updated_at`

func scanInstitution(sc interface{ Scan(...any) error }) (*firstset.Institution, error) {
	var n firstset.Institution
	if err := sc.Scan(&n.ID, &n.Name, &n.CreditCode, &n.Kind, timeScanner{&n.CreatedAt}, timeScanner{&n.UpdatedAt}); err != nil {
		return nil, err
	}
	n.KindLabel = n.Kind.Label()
	return &n, nil
}

func (t *Tx) InstitutionByID(ctx context.Context, id int64) (*firstset.Institution, error) {
	n, err := scanInstitution(t.QueryRow(ctx, `SELECT `+institutionColumns+` FROM institutions WHERE id = ?`, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("institution %d", id), "机构", err)
	}
	return n, nil
}

func (t *Tx) ListInstitutions(ctx context.Context, f firstset.InstitutionFilter) ([]*firstset.Institution, int, error) {
	var w where
	if len(f.IDs) > 0 {
		w.add("id IN ("+placeholders(len(f.IDs))+")", anyList(f.IDs)...)
	}
	if f.Kind != "" {
		w.add("kind = ?", f.Kind)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		w.add("("+t.d.Contains("name")+" OR "+t.d.Contains("credit_code")+")", q, q)
	}
	var total int
	if err := t.QueryRow(ctx, `SELECT COUNT(*) FROM institutions`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, t.wrap("count institutions", err)
	}
	limit, offset := page(f.Offset, f.Limit)
	rows, err := t.Query(ctx, `SELECT `+institutionColumns+` FROM institutions`+w.String()+` ORDER BY id LIMIT ? OFFSET ?`,
		append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, t.wrap("list institutions", err)
	}
	defer rows.Close()
	list := []*firstset.Institution{}
	for rows.Next() {
		n, err := scanInstitution(rows)
		if err != nil {
			return nil, 0, t.wrap("scan institution", err)
		}
		list = append(list, n)
	}
	return list, total, t.wrap("list institutions", rows.Err())
}

func (t *Tx) CreateInstitution(ctx context.Context, n *firstset.Institution) error {
	now := time.Now()
	stamp(&n.CreatedAt, now)
	stamp(&n.UpdatedAt, now)
	err := t.insertID(ctx, &n.ID, `INSERT INTO institutions (name, credit_code, kind, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?)`, n.Name, n.CreditCode, n.Kind, t.time(n.CreatedAt), t.time(n.UpdatedAt))
	return t.wrap("create institution", err)
}

func (t *Tx) UpdateInstitution(ctx context.Context, n *firstset.Institution) error {
	stamp(&n.UpdatedAt, time.Now())
	res, err := t.Exec(ctx, `UPDATE institutions SET name = ?, credit_code = ?, kind = ?, updated_at = ? WHERE id = ?`,
		n.Name, n.CreditCode, n.Kind, t.time(n.UpdatedAt), n.ID)
	if err != nil {
		return t.wrap(fmt.Sprintf("update institution %d", n.ID), err)
	}
	return affected(res, "机构")
}
