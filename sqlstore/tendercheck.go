package sqlstore

import (
	"context"
	"fmt"
	"time"

	"firstset"
)

func (t *Tx) CreateTenderCheck(ctx context.Context, c *firstset.TenderCheck) error {
	stamp(&c.CreatedAt, time.Now())
	err := t.insertID(ctx, &c.ID, `INSERT INTO tender_checks (buyer_id, procurement_id, title, file_name, body, report,
		findings, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, nullID(c.BuyerID), nullID(c.ProcurementID), c.Title,
		c.FileName, c.Text, string(c.Report), c.Findings, nullID(c.CreatedBy), t.time(c.CreatedAt))
	return t.wrap("create tender check", err)
}

const tenderCheckColumns = `c.id, COALESCE(c.buyer_id, 0), COALESCE(c.procurement_id, 0), c.title, c.file_name, c.findings,
	COALESCE(c.created_by, 0), c.created_at, COALESCE(b.name, '')`

const tenderCheckFrom = ` FROM tender_checks c LEFT JOIN buyers b ON b.id = c.buyer_id`

func scanTenderCheck(sc interface{ Scan(...any) error }, extra ...any) (*firstset.TenderCheck, error) {
	var c firstset.TenderCheck
	err := sc.Scan(append([]any{&c.ID, &c.BuyerID, &c.ProcurementID, &c.Title, &c.FileName, &c.Findings, &c.CreatedBy,
		timeScanner{&c.CreatedAt}, &c.BuyerName}, extra...)...)
	return &c, err
}

func (t *Tx) TenderCheckByID(ctx context.Context, id int64) (*firstset.TenderCheck, error) {
	var text, report string
	c, err := scanTenderCheck(t.QueryRow(ctx, `SELECT `+tenderCheckColumns+`, c.body, c.report`+tenderCheckFrom+` WHERE c.id = ?`, id), &text, &report)
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("tender check %d", id), "招标文件检查记录", err)
	}
	c.Text, c.Report = text, []byte(report)
	if err := t.marksOf(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}

func (t *Tx) marksOf(ctx context.Context, c *firstset.TenderCheck) error {
	rows, err := t.Query(ctx, `SELECT n, status, note, COALESCE(marked_by, 0), marked_at FROM tender_check_marks
		WHERE check_id = ? ORDER BY n`, c.ID)
	if err != nil {
		return t.wrap("finding marks", err)
	}
	defer rows.Close()
	c.Marks = []firstset.FindingMark{}
	for rows.Next() {
		var m firstset.FindingMark
		if err := rows.Scan(&m.N, &m.Status, &m.Note, &m.MarkedBy, timeScanner{&m.MarkedAt}); err != nil {
			return t.wrap("scan finding mark", err)
		}
		c.Marks = append(c.Marks, m)
	}
	return t.wrap("finding marks", rows.Err())
}

// ListTenderChecks lists checks newest first, with their marks.
func (t *Tx) ListTenderChecks(ctx context.Context, f firstset.TenderCheckFilter) ([]*firstset.TenderCheck, int, error) {
	var w where
	if f.BuyerID != 0 {
		w.add("c.buyer_id = ?", f.BuyerID)
	}
	if f.ProcurementID != 0 {
		w.add("c.procurement_id = ?", f.ProcurementID)
	}
	var total int
	if err := t.QueryRow(ctx, `SELECT COUNT(*)`+tenderCheckFrom+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, t.wrap("count tender checks", err)
	}
	limit, offset := page(f.Offset, f.Limit)
	rows, err := t.Query(ctx, `SELECT `+tenderCheckColumns+tenderCheckFrom+w.String()+` ORDER BY c.id DESC LIMIT ? OFFSET ?`,
		append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, t.wrap("list tender checks", err)
	}
	list := []*firstset.TenderCheck{}
	for rows.Next() {
		c, err := scanTenderCheck(rows)
		if err != nil {
			rows.Close()
			return nil, 0, t.wrap("scan tender check", err)
		}
		list = append(list, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, t.wrap("list tender checks", err)
	}
	for _, c := range list {
		if err := t.marksOf(ctx, c); err != nil {
			return nil, 0, err
		}
	}
	return list, total, nil
}

func (t *Tx) PutFindingMark(ctx context.Context, checkID int64, m *firstset.FindingMark) error {
	stamp(&m.MarkedAt, time.Now())
	_, err := t.Exec(ctx, `INSERT INTO tender_check_marks (check_id, n, status, note, marked_by, marked_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (check_id, n) DO UPDATE SET status = excluded.status, note = excluded.note,
		marked_by = excluded.marked_by, marked_at = excluded.marked_at`,
		checkID, m.N, m.Status, m.Note, nullID(m.MarkedBy), t.time(m.MarkedAt))
	return t.wrap(fmt.Sprintf("mark finding %d of tender check %d", m.N, checkID), err)
}
