package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"firstset"
)

// claimWrite is an idempotency claim an Update is to record, and what it
// recorded.
type claimWrite struct {
	claim    *firstset.IdempotencyClaim
	entity   string
	entityID int64
}

// claimKey records the request's claim in this transaction before fn
// runs, so that a duplicate never meets the first request's writes (its
// patents, credit code or user name would otherwise refuse it as a
// conflict) and is told of the first request instead. On PostgreSQL an
// insert of a key another transaction has inserted waits until that one
// ends; the key is the first thing a keyed Update locks, and it locks no
// other key, so writers never wait for each other in a circle through
// keys. A key already there means another request's change holds it, and
// this Update must store nothing.
func (t *Tx) claimKey(ctx context.Context, cw *claimWrite) error {
	if cw == nil {
		return nil
	}
	c := cw.claim
	at := c.At
	stamp(&at, time.Now())
	var key string
	err := t.QueryRow(ctx, `INSERT INTO idempotency (key, request_hash, state, status, body, created_at)
		VALUES (?, ?, ?, 0, ?, ?) ON CONFLICT DO NOTHING RETURNING key`,
		c.Key, c.RequestHash, firstset.IdempotencyCommitted, []byte{}, t.time(at)).Scan(&key)
	if errors.Is(err, sql.ErrNoRows) {
		return firstset.ErrIdempotencyKeyClaimed
	}
	return t.wrap("claim idempotency key", err)
}

// nameClaim records, after fn, the last audit entry fn appended: what a
// caller whose answer is lost is told was stored.
func (t *Tx) nameClaim(ctx context.Context, cw *claimWrite) error {
	if cw == nil {
		return nil
	}
	cw.entity, cw.entityID = t.lastAudit.entity, t.lastAudit.id
	if cw.entity == "" {
		return nil
	}
	_, err := t.Exec(ctx, `UPDATE idempotency SET entity = ?, entity_id = ? WHERE key = ?`,
		cw.entity, cw.entityID, cw.claim.Key)
	return t.wrap("name idempotency claim", err)
}

// IdempotentResponse returns what is stored for key, or ENOTFOUND.
func (t *Tx) IdempotentResponse(ctx context.Context, key string) (*firstset.IdempotentResponse, error) {
	var r firstset.IdempotentResponse
	err := t.QueryRow(ctx, `SELECT key, request_hash, state, status, body, entity, entity_id, created_at
		FROM idempotency WHERE key = ?`, key).
		Scan(&r.Key, &r.RequestHash, &r.State, &r.Status, &r.Body, &r.Entity, &r.EntityID, timeScanner{&r.CreatedAt})
	if err != nil {
		return nil, t.notFound("idempotent response", "幂等记录", err)
	}
	if r.Body == nil {
		r.Body = []byte{}
	}
	return &r, nil
}

// SaveIdempotentResponse stores r as an answer; a key already stored is
// ECONFLICT, so of two racing requests only the first answer is kept.
func (t *Tx) SaveIdempotentResponse(ctx context.Context, r *firstset.IdempotentResponse) error {
	stamp(&r.CreatedAt, time.Now())
	r.State = firstset.IdempotencyAnswered
	body := r.Body
	if body == nil {
		body = []byte{}
	}
	var key string
	err := t.QueryRow(ctx, `INSERT INTO idempotency (key, request_hash, state, status, body, entity, entity_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING key`,
		r.Key, r.RequestHash, r.State, r.Status, body, r.Entity, r.EntityID, t.time(r.CreatedAt)).Scan(&key)
	if errors.Is(err, sql.ErrNoRows) {
		return &firstset.Error{Code: firstset.ECONFLICT, Field: "key", Message: "该幂等键已被使用。"}
	}
	return t.wrap("save idempotent response", err)
}

// AnswerIdempotencyClaim stores the answer of the request whose claim on
// key committed with its change.
func (t *Tx) AnswerIdempotencyClaim(ctx context.Context, key, requestHash, state string, status int, body []byte) error {
	if body == nil {
		body = []byte{}
	}
	res, err := t.Exec(ctx, `UPDATE idempotency SET state = ?, status = ?, body = ?
		WHERE key = ? AND request_hash = ? AND state = ?`,
		state, status, body, key, requestHash, firstset.IdempotencyCommitted)
	if err != nil {
		return t.wrap("answer idempotency claim", err)
	}
	return affected(res, "幂等记录")
}

// DeleteIdempotentResponsesBefore removes keys stored before before,
// answered or not.
func (t *Tx) DeleteIdempotentResponsesBefore(ctx context.Context, before time.Time) (int64, error) {
	return t.deleteRows(ctx, "delete old idempotent responses", `DELETE FROM idempotency WHERE created_at < ?`, before)
}
