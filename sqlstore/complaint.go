package sqlstore

import (
	"context"
	"fmt"
	"time"

	"firstset"
	"firstset/date"
)

func init() {
	conflicts["complaints.number"] = struct{ field, message string }{"number", "投诉编号重复。"}
}

const complaintColumns = `x.id, x.number, x.enterprise_id, COALESCE(x.product_id, 0), COALESCE(x.buyer_id, 0), x.buyer_name,
	x.tender_title, x.tender_number, x.clauses, x.clause_report, x.clause_findings, x.account, COALESCE(x.tender_check_id, 0),
	x.status, x.filed_on, x.due_on, COALESCE(x.accepted_by, 0), x.accepted_at, x.answer, COALESCE(x.answered_by, 0),
	x.answered_at, x.answered_on, COALESCE(x.created_by, 0), x.created_at, x.updated_at, e.name, COALESCE(p.name, '')`

const complaintFrom = ` FROM complaints x JOIN enterprises e ON e.id = x.enterprise_id
	LEFT JOIN products p ON p.id = x.product_id`

func scanComplaint(sc interface{ Scan(...any) error }) (*firstset.Complaint, error) {
	var c firstset.Complaint
	var report string
	err := sc.Scan(&c.ID, &c.Number, &c.EnterpriseID, &c.ProductID, &c.BuyerID, &c.BuyerName, &c.TenderTitle,
		&c.TenderNumber, &c.Clauses, &report, &c.ClauseFinds, &c.Account, &c.TenderCheckID, &c.Status, &c.FiledOn,
		&c.DueOn, &c.AcceptedBy, nullTimeScanner{&c.AcceptedAt}, &c.Answer, &c.AnsweredBy, nullTimeScanner{&c.AnsweredAt},
		&c.AnsweredOn, &c.CreatedBy, timeScanner{&c.CreatedAt}, timeScanner{&c.UpdatedAt}, &c.EnterpriseName, &c.ProductName)
	if err != nil {
		return nil, err
	}
	if report != "" {
		c.ClauseReport = []byte(report)
	}
	c.StatusLabel = c.Status.Label()
	return &c, nil
}

func (t *Tx) CreateComplaint(ctx context.Context, c *firstset.Complaint) error {
	now := time.Now()
	stamp(&c.CreatedAt, now)
	stamp(&c.UpdatedAt, now)
	err := t.insertID(ctx, &c.ID, `INSERT INTO complaints (number, enterprise_id, product_id, buyer_id, buyer_name,
		tender_title, tender_number, clauses, clause_report, clause_findings, account, tender_check_id, status, filed_on,
		due_on, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Number, c.EnterpriseID, nullID(c.ProductID), nullID(c.BuyerID), c.BuyerName, c.TenderTitle, c.TenderNumber,
		c.Clauses, string(c.ClauseReport), c.ClauseFinds, c.Account, nullID(c.TenderCheckID), c.Status, c.FiledOn, c.DueOn,
		nullID(c.CreatedBy), t.time(c.CreatedAt), t.time(c.UpdatedAt))
	return t.wrap("create complaint", err)
}

func (t *Tx) ComplaintByID(ctx context.Context, id int64) (*firstset.Complaint, error) {
	c, err := scanComplaint(t.QueryRow(ctx, `SELECT `+complaintColumns+complaintFrom+` WHERE x.id = ?`, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("complaint %d", id), "招标投诉", err)
	}
	return c, nil
}

// UpdateComplaint moves a complaint on only from the stage its caller
// read, so two supervisors acting at once cannot both succeed.
func (t *Tx) UpdateComplaint(ctx context.Context, c *firstset.Complaint, from firstset.ComplaintStatus) error {
	stamp(&c.UpdatedAt, time.Now())
	res, err := t.Exec(ctx, `UPDATE complaints SET status = ?, due_on = ?, buyer_id = ?, buyer_name = ?, tender_check_id = ?, accepted_by = ?,
		accepted_at = ?, answer = ?, answered_by = ?, answered_at = ?, answered_on = ?, updated_at = ?
		WHERE id = ? AND status = ?`, c.Status, c.DueOn, nullID(c.BuyerID), c.BuyerName, nullID(c.TenderCheckID), nullID(c.AcceptedBy),
		t.timePtr(c.AcceptedAt), c.Answer, nullID(c.AnsweredBy), t.timePtr(c.AnsweredAt), c.AnsweredOn,
		t.time(c.UpdatedAt), c.ID, from)
	if err != nil {
		return t.wrap(fmt.Sprintf("update complaint %d", c.ID), err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("rows affected: %w", err)
	} else if n == 0 {
		return firstset.Errorf(firstset.ECONFLICT, "该投诉已由他人办理，请刷新后查看。")
	}
	return nil
}

func complaintWhere(f firstset.ComplaintFilter) where {
	var w where
	if f.EnterpriseID != 0 {
		w.add("x.enterprise_id = ?", f.EnterpriseID)
	}
	if f.BuyerID != 0 {
		w.add("x.buyer_id = ?", f.BuyerID)
	}
	if f.Status != "" {
		w.add("x.status = ?", f.Status)
	}
	if f.Open {
		w.add("x.status IN (?, ?)", firstset.ComplaintSubmitted, firstset.ComplaintAccepted)
	}
	return w
}

// ListComplaints lists complaints newest first; the open ones by their
// time limit when only those are asked for.
func (t *Tx) ListComplaints(ctx context.Context, f firstset.ComplaintFilter) ([]*firstset.Complaint, int, error) {
	w := complaintWhere(f)
	var total int
	if err := t.QueryRow(ctx, `SELECT COUNT(*) FROM complaints x`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, t.wrap("count complaints", err)
	}
	order := ` ORDER BY x.id DESC`
	if f.Open {
		order = ` ORDER BY x.due_on IS NULL, x.due_on, x.id`
	}
	limit, offset := page(f.Offset, f.Limit)
	rows, err := t.Query(ctx, `SELECT `+complaintColumns+complaintFrom+w.String()+order+` LIMIT ? OFFSET ?`,
		append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, t.wrap("list complaints", err)
	}
	defer rows.Close()
	list := []*firstset.Complaint{}
	for rows.Next() {
		c, err := scanComplaint(rows)
		if err != nil {
			return nil, 0, t.wrap("scan complaint", err)
		}
		list = append(list, c)
	}
	return list, total, t.wrap("list complaints", rows.Err())
}

func (t *Tx) CountComplaints(ctx context.Context, from, to date.Date) (firstset.ComplaintCount, error) {
	var c firstset.ComplaintCount
	err := t.QueryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM complaints WHERE filed_on >= ? AND filed_on <= ?),
		(SELECT COUNT(*) FROM complaints WHERE status = ? AND answered_on >= ? AND answered_on <= ?),
		(SELECT COUNT(*) FROM complaints WHERE status = ? AND answered_on >= ? AND answered_on <= ?),
		(SELECT COUNT(*) FROM complaints WHERE status = ? AND answered_on >= ? AND answered_on <= ?)`,
		from, to, firstset.ComplaintUpheld, from, to, firstset.ComplaintDismissed, from, to,
		firstset.ComplaintRejected, from, to).
		Scan(&c.Filed, &c.Upheld, &c.Dismissed, &c.Rejected)
	return c, t.wrap("count complaints", err)
}
