package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"firstset"
)

// AppendAudit seals e onto the chain. The head row is read (and, where the
// database has concurrent writers, locked) in this transaction, so two
// transactions can never seal onto the same predecessor.
func (t *Tx) AppendAudit(ctx context.Context, e *firstset.AuditEntry) error {
	var prev firstset.AuditEntry
	if err := t.QueryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`+t.d.ForUpdate).
		Scan(&prev.Seq, &prev.Hash); err != nil {
		return t.wrap("read audit head", err)
	}
	if prev.Seq == 0 {
		e.Seal(nil)
	} else {
		e.Seal(&prev)
	}
	if _, err := t.Exec(ctx, `INSERT INTO audit_log (seq, at, actor_id, actor_name, action, entity, entity_id,
		before, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, t.time(e.At), e.ActorID, e.ActorName, e.Action, e.Entity, e.EntityID,
		rawText(e.Before), rawText(e.After), e.PrevHash, e.Hash); err != nil {
		return t.wrap(fmt.Sprintf("insert audit entry %d", e.Seq), err)
	}
	if _, err := t.Exec(ctx, `UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, e.Seq, e.Hash); err != nil {
		return t.wrap("update audit head", err)
	}
	t.lastAudit.entity, t.lastAudit.id = e.Entity, e.EntityID
	return nil
}

// rawText stores JSON as text, byte for byte, so the hash still matches on
// reading; no JSON is NULL.
func rawText(b json.RawMessage) any {
	if len(b) == 0 {
		return nil
	}
	return string(b)
}

// auditWhere is f's conditions.
func (t *Tx) auditWhere(f firstset.AuditFilter) *where {
	var w where
	if f.AfterSeq > 0 {
		w.add("seq > ?", f.AfterSeq)
	}
	if f.BeforeSeq > 0 {
		w.add("seq < ?", f.BeforeSeq)
	}
	if f.Entity != "" {
		w.add("entity = ?", f.Entity)
	}
	if f.EntityID != 0 {
		w.add("entity_id = ?", f.EntityID)
	}
	if f.Action != "" {
		w.add("action = ?", f.Action)
	}
	if f.ActorID != 0 {
		w.add("actor_id = ?", f.ActorID)
	}
	if f.ActorName != "" {
		w.add("actor_name = ?", f.ActorName)
	}
	if !f.Since.IsZero() {
		w.add("at >= ?", t.time(f.Since))
	}
	if !f.Until.IsZero() {
		w.add("at < ?", t.time(f.Until))
	}
	return &w
}

// CountAudit counts the entries matching f.
func (t *Tx) CountAudit(ctx context.Context, f firstset.AuditFilter) (int, error) {
	w := t.auditWhere(f)
	var n int
	err := t.QueryRow(ctx, `SELECT COUNT(*) FROM audit_log`+w.String(), w.args...).Scan(&n)
	return n, t.wrap("count audit", err)
}

// ListAudit lists the entries matching f, in chain order or newest first.
func (t *Tx) ListAudit(ctx context.Context, f firstset.AuditFilter) ([]*firstset.AuditEntry, error) {
	w := t.auditWhere(f)
	order := " ORDER BY seq"
	if f.Newest {
		order = " ORDER BY seq DESC"
	}
	limit, offset := page(f.Offset, f.Limit)
	rows, err := t.Query(ctx, `SELECT seq, at, actor_id, actor_name, action, entity, entity_id, before, after,
		prev_hash, hash FROM audit_log`+w.String()+order+` LIMIT ? OFFSET ?`, append(w.args, limit, offset)...)
	if err != nil {
		return nil, t.wrap("list audit", err)
	}
	defer rows.Close()
	list := []*firstset.AuditEntry{}
	for rows.Next() {
		var e firstset.AuditEntry
		var before, after sql.NullString
		if err := rows.Scan(&e.Seq, timeScanner{&e.At}, &e.ActorID, &e.ActorName, &e.Action, &e.Entity,
			&e.EntityID, &before, &after, &e.PrevHash, &e.Hash); err != nil {
			return nil, t.wrap("scan audit entry", err)
		}
		if before.Valid {
			e.Before = json.RawMessage(before.String)
		}
		if after.Valid {
			e.After = json.RawMessage(after.String)
		}
		list = append(list, &e)
	}
	return list, t.wrap("list audit", rows.Err())
}

func (t *Tx) AuditHead(ctx context.Context) (int64, string, error) {
	var seq int64
	var hash string
	err := t.QueryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&seq, &hash)
	return seq, hash, t.wrap("read audit head", err)
}
