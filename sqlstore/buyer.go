package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"firstset"
	"firstset/district"
)

func init() {
	conflicts["buyers.credit_code"] = struct{ field, message string }{"credit_code", "该统一社会信用代码已登记为采购单位。"}
}

const buyerColumns = `id, name, credit_code, kind, district_code, supervisor, created_at, updated_at`

func scanBuyer(sc interface{ Scan(...any) error }) (*firstset.Buyer, error) {
	var b firstset.Buyer
	if err := sc.Scan(&b.ID, &b.Name, &b.CreditCode, &b.Kind, &b.DistrictCode, &b.Supervisor,
		timeScanner{&b.CreatedAt}, timeScanner{&b.UpdatedAt}); err != nil {
		return nil, err
	}
	b.KindLabel = b.Kind.Label()
	if d, ok := district.ByCode(b.DistrictCode); ok {
		b.DistrictName = d.Name
	}
	return &b, nil
}

func (t *Tx) BuyerByID(ctx context.Context, id int64) (*firstset.Buyer, error) {
	b, err := scanBuyer(t.QueryRow(ctx, `SELECT `+buyerColumns+` FROM buyers WHERE id = ?`, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("buyer %d", id), "采购单位", err)
	}
	return b, nil
}

func (t *Tx) ListBuyers(ctx context.Context, f firstset.BuyerFilter) ([]*firstset.Buyer, int, error) {
	var w where
	if len(f.IDs) > 0 {
		w.add("id IN ("+placeholders(len(f.IDs))+")", anyList(f.IDs)...)
	}
	if f.Kind != "" {
		w.add("kind = ?", f.Kind)
	}
	if f.StateOwned {
		w.add("kind IN (?, ?)", firstset.BuyerSOECity, firstset.BuyerSOEDistrict)
	}
	if f.DistrictCode != "" {
		w.add("district_code = ?", f.DistrictCode)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		w.add("("+t.d.Contains("name")+" OR "+t.d.Contains("credit_code")+")", q, q)
	}
	var total int
	if err := t.QueryRow(ctx, `SELECT COUNT(*) FROM buyers`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, t.wrap("count buyers", err)
	}
	limit, offset := page(f.Offset, f.Limit)
	rows, err := t.Query(ctx, `SELECT `+buyerColumns+` FROM buyers`+w.String()+` ORDER BY id LIMIT ? OFFSET ?`,
		append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, t.wrap("list buyers", err)
	}
	defer rows.Close()
	list := []*firstset.Buyer{}
	for rows.Next() {
		b, err := scanBuyer(rows)
		if err != nil {
			return nil, 0, t.wrap("scan buyer", err)
		}
		list = append(list, b)
	}
	return list, total, t.wrap("list buyers", rows.Err())
}

func (t *Tx) CreateBuyer(ctx context.Context, b *firstset.Buyer) error {
	now := time.Now()
	stamp(&b.CreatedAt, now)
	stamp(&b.UpdatedAt, now)
	err := t.insertID(ctx, &b.ID, `INSERT INTO buyers (name, credit_code, kind, district_code, supervisor, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, b.Name, b.CreditCode, b.Kind, b.DistrictCode, b.Supervisor,
		t.time(b.CreatedAt), t.time(b.UpdatedAt))
	return t.wrap("create buyer", err)
}

func (t *Tx) UpdateBuyer(ctx context.Context, b *firstset.Buyer) error {
	stamp(&b.UpdatedAt, time.Now())
	res, err := t.Exec(ctx, `UPDATE buyers SET name = ?, credit_code = ?, kind = ?, district_code = ?, supervisor = ?,
		updated_at = ? WHERE id = ?`, b.Name, b.CreditCode, b.Kind, b.DistrictCode, b.Supervisor, t.time(b.UpdatedAt), b.ID)
	if err != nil {
		return t.wrap(fmt.Sprintf("update buyer %d", b.ID), err)
	}
	return affected(res, "采购单位")
}
