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

// ListAudit lists entries in chain order after f.AfterSeq.
func (t *Tx) ListAudit(ctx context.Context, f firstset.AuditFilter) ([]*firstset.AuditEntry, error) {
	var w where
	w.add("seq > ?", f.AfterSeq)
	if f.Entity != "" {
		w.add("entity = ?", f.Entity)
	}
	if f.EntityID != 0 {
		w.add("entity_id = ?", f.EntityID)
	}
	limit, _ := page(0, f.Limit)
	rows, err := t.Query(ctx, `SELECT seq, at, actor_id, actor_name, action, entity, entity_id, before, after,
		prev_hash, hash FROM audit_log`+w.String()+` ORDER BY seq LIMIT ?`, append(w.args, limit)...)
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
