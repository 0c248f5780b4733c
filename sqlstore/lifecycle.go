package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"firstset"
	"firstset/date"
)

const productEventColumns = `id, product_id, at, actor_id, actor, action, reason, document, status_before,
	status_after, valid_until_before, valid_until_after, certificate, case_number`

func (t *Tx) AppendProductEvent(ctx context.Context, e *firstset.ProductEvent) error {
	stamp(&e.At, time.Now())
	err := t.insertID(ctx, &e.ID, `INSERT INTO product_events (product_id, at, actor_id, actor, action, reason, document,
		status_before, status_after, valid_until_before, valid_until_after, certificate, case_number)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.ProductID, t.time(e.At), nullID(e.ActorID), e.Actor, e.Action, e.Reason, e.Document, e.StatusBefore,
		e.StatusAfter, e.ValidUntilBefore, e.ValidUntilAfter, e.Certificate, e.CaseNumber)
	return t.wrap("append product event", err)
}

func (t *Tx) ProductEvents(ctx context.Context, productID int64) ([]*firstset.ProductEvent, error) {
	rows, err := t.Query(ctx, `SELECT `+productEventColumns+` FROM product_events WHERE product_id = ? ORDER BY id`, productID)
	if err != nil {
		return nil, t.wrap("product events", err)
	}
	defer rows.Close()
	list := []*firstset.ProductEvent{}
	for rows.Next() {
		var e firstset.ProductEvent
		var actorID sql.NullInt64
		if err := rows.Scan(&e.ID, &e.ProductID, timeScanner{&e.At}, &actorID, &e.Actor, &e.Action, &e.Reason,
			&e.Document, &e.StatusBefore, &e.StatusAfter, &e.ValidUntilBefore, &e.ValidUntilAfter,
			&e.Certificate, &e.CaseNumber); err != nil {
			return nil, t.wrap("scan product event", err)
		}
		e.ActorID = actorID.Int64
		list = append(list, &e)
	}
	return list, t.wrap("product events", rows.Err())
}

func (t *Tx) RecognisedProducts(ctx context.Context) ([]firstset.RecognitionDates, error) {
	rows, err := t.Query(ctx, `SELECT id, enterprise_id, recognized_on, valid_until FROM products
		WHERE status = 'recognised' ORDER BY id`)
	if err != nil {
		return nil, t.wrap("recognised products", err)
	}
	defer rows.Close()
	var list []firstset.RecognitionDates
	for rows.Next() {
		var d firstset.RecognitionDates
		if err := rows.Scan(&d.ProductID, &d.EnterpriseID, &d.RecognizedOn, &d.ValidUntil); err != nil {
			return nil, t.wrap("scan recognised product", err)
		}
		list = append(list, d)
	}
	return list, t.wrap("recognised products", rows.Err())
}

// ExpireProducts changes status only where it is still recognised: on
// PostgreSQL a concurrent expiry of the same row waits for the first to
// commit and then finds it expired; SQLite has one writer. The search
// index learns of each change in the same transaction.
func (t *Tx) ExpireProducts(ctx context.Context, ids []int64, at time.Time) ([]int64, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := []any{firstset.StatusExpired, t.time(at), firstset.StatusRecognised}
	for _, id := range ids {
		args = append(args, id)
	}
	rows, err := t.Query(ctx, `UPDATE products SET status = ?, updated_at = ?
		WHERE status = ? AND id IN (`+placeholders(len(ids))+`) RETURNING id`, args...)
	if err != nil {
		return nil, t.wrap("expire products", err)
	}
	var done []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, t.wrap("expire products", err)
		}
		done = append(done, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, t.wrap("expire products", err)
	}
	if len(done) == 0 {
		return nil, nil
	}
	in := make([]any, len(done))
	for i, id := range done {
		in[i] = id
	}
	entries, err := t.indexEntries(ctx, `p.id IN (`+placeholders(len(done))+`)`, in...)
	if err != nil {
		return nil, err
	}
	for _, r := range entries {
		if err := t.unindex(ctx, r.entry.ID); err != nil {
			return nil, err
		}
		t.index(r.entry)
	}
	return done, nil
}

func (t *Tx) RecordReminder(ctx context.Context, productID int64, days int, validUntil date.Date, at time.Time) (bool, error) {
	res, err := t.Exec(ctx, `INSERT INTO validity_reminders (product_id, days, valid_until, sent_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (product_id, days, valid_until) DO NOTHING`, productID, days, validUntil, t.time(at))
	if err != nil {
		return false, t.wrap(fmt.Sprintf("record reminder for product %d", productID), err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func (t *Tx) RecordNoticeEnded(ctx context.Context, noticeID int64, at time.Time) (bool, error) {
	res, err := t.Exec(ctx, `INSERT INTO notice_endings (notice_id, sent_at) VALUES (?, ?)
		ON CONFLICT (notice_id) DO NOTHING`, noticeID, t.time(at))
	if err != nil {
		return false, t.wrap(fmt.Sprintf("record end of notice %d", noticeID), err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
