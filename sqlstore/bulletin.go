package sqlstore

import (
	"context"
	"fmt"
	"time"

	"firstset"
)

const bulletinColumns = `id, period, title, status, public, summary, purchases, amount, opinion, pdf_sha256,
	xlsx_sha256, COALESCE(created_by, 0), created_at, COALESCE(issued_by, 0), issued_at`

func scanBulletin(sc interface{ Scan(...any) error }) (*firstset.Bulletin, error) {
	var b firstset.Bulletin
	err := sc.Scan(&b.ID, &b.Period, &b.Title, &b.Status, &b.Public, &b.Summary, &b.Purchases, &b.AmountFen, &b.Opinion,
		&b.PDFSHA256, &b.XLSXSHA256, &b.CreatedBy, timeScanner{&b.CreatedAt}, &b.IssuedBy, nullTimeScanner{&b.IssuedAt})
	return &b, err
}

func (t *Tx) CreateBulletin(ctx context.Context, b *firstset.Bulletin, figures, pdf, xlsx []byte) error {
	stamp(&b.CreatedAt, time.Now())
	err := t.insertID(ctx, &b.ID, `INSERT INTO bulletins (period, title, status, public, summary, purchases, amount,
		figures, pdf, xlsx, pdf_sha256, xlsx_sha256, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		b.Period, b.Title, b.Status, b.Public, b.Summary, b.Purchases, b.AmountFen, string(figures), pdf, xlsx,
		b.PDFSHA256, b.XLSXSHA256, nullID(b.CreatedBy), t.time(b.CreatedAt))
	return t.wrap("create bulletin", err)
}

func (t *Tx) BulletinByID(ctx context.Context, id int64) (*firstset.Bulletin, error) {
	b, err := scanBulletin(t.QueryRow(ctx, `SELECT `+bulletinColumns+` FROM bulletins WHERE id = ?`, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("bulletin %d", id), "通报", err)
	}
	return b, nil
}

// ListBulletins lists bulletins newest first.
func (t *Tx) ListBulletins(ctx context.Context, f firstset.BulletinFilter) ([]*firstset.Bulletin, int, error) {
	var w where
	if f.Period != "" {
		w.add("period = ?", f.Period)
	}
	if f.IssuedOnly {
		w.add("status = ?", firstset.BulletinIssued)
	}
	if f.PublicOnly {
		w.add("public = ?", true)
	}
	var total int
	if err := t.QueryRow(ctx, `SELECT COUNT(*) FROM bulletins`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, t.wrap("count bulletins", err)
	}
	limit, offset := page(f.Offset, f.Limit)
	rows, err := t.Query(ctx, `SELECT `+bulletinColumns+` FROM bulletins`+w.String()+` ORDER BY id DESC LIMIT ? OFFSET ?`,
		append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, t.wrap("list bulletins", err)
	}
	defer rows.Close()
	list := []*firstset.Bulletin{}
	for rows.Next() {
		b, err := scanBulletin(rows)
		if err != nil {
			return nil, 0, t.wrap("scan bulletin", err)
		}
		list = append(list, b)
	}
	return list, total, t.wrap("list bulletins", rows.Err())
}

func (t *Tx) IssueBulletin(ctx context.Context, b *firstset.Bulletin) error {
	res, err := t.Exec(ctx, `UPDATE bulletins SET status = ?, opinion = ?, issued_by = ?, issued_at = ?
		WHERE id = ? AND status = ?`, firstset.BulletinIssued, b.Opinion, nullID(b.IssuedBy), t.timePtr(b.IssuedAt),
		b.ID, firstset.BulletinDraft)
	if err != nil {
		return t.wrap("issue bulletin", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("rows affected: %w", err)
	} else if n == 0 {
		return &firstset.Error{Code: firstset.ECONFLICT, Field: "status", Message: "该通报已印发。"}
	}
	b.Status = firstset.BulletinIssued
	return nil
}

func (t *Tx) BulletinFile(ctx context.Context, id int64, format string) ([]byte, error) {
	col := map[string]string{"pdf": "pdf", "xlsx": "xlsx", "figures": "figures"}[format]
	if col == "" {
		return nil, fmt.Errorf("bulletin file: unknown format %q", format)
	}
	var data []byte
	if err := t.QueryRow(ctx, `SELECT `+col+` FROM bulletins WHERE id = ?`, id).Scan(&data); err != nil {
		return nil, t.notFound("bulletin file", "通报", err)
	}
	return data, nil
}
