package service

import (
	"context"
	"firstset/plaintext"
	"fmt"
	"time"

	"firstset"
)

// Idempotency implements the claims of keyed POSTs.
type Idempotency struct{ *env }

var _ firstset.IdempotencyService = (*Idempotency)(nil)

// maxIdempotencyKey is the longest Idempotency-Key accepted, in bytes.
const maxIdempotencyKey = 200

// staleClaims is how many waits old a claim without its answer must be for
// a retry to be told at once that the answer was lost.
const staleClaims = 6

var errIdempotencyMismatch = &firstset.Error{Code: firstset.EIDEMPOTENCYMISMATCH, Field: "Idempotency-Key",
	Message: "该 Idempotency-Key 已用于另一个请求内容不同的请求。"}

// BeginIdempotent looks up the caller's key. Keys are scoped to the
// credential (firstset.IdempotencyScope), so a caller is never answered
// with a reply another credential was given; the
// public has no keys (one shared anonymous scope would let strangers read
// each other's answers), and its requests simply run.
//
// A key claimed by a committed change whose answer is not stored yet is
// waited for: its request is normally a moment from storing the answer,
// on this instance or another. Once the claim is IdempotencyWait old with
// still no answer, the request that made it is taken to have died between
// committing and answering, and the caller is told what was stored.
func (s *Idempotency) BeginIdempotent(ctx context.Context, key, requestHash string) (*firstset.IdempotentResponse, *firstset.IdempotencyClaim, error) {
	a := actor(ctx)
	if a.IsPublic() || key == "" {
		return nil, nil, nil
	}
	if len(key) > maxIdempotencyKey {
		return nil, nil, firstset.FieldErrorf("Idempotency-Key", "too_long", "Idempotency-Key 不得超过 %d 个字节。", maxIdempotencyKey)
	}
	if prob := plaintext.Check(key, plaintext.OneLine); prob != nil {
		return nil, nil, firstset.FieldErrorf("Idempotency-Key", plaintext.Code, "%s", prob.Message("Idempotency-Key "))
	}
	scoped := firstset.IdempotencyScope(a, key)
	wait := s.cfg.IdempotencyWait
	if wait <= 0 {
		wait = DefaultConfig.IdempotencyWait
	}
	waited := time.Now() // real time: the clock may be a test's
	delay := 5 * time.Millisecond
	for {
		stored, err := s.storedKey(ctx, scoped)
		switch {
		case err != nil:
			return nil, nil, err
		case stored == nil:
			return nil, &firstset.IdempotencyClaim{Key: scoped, RequestHash: requestHash, At: s.Now()}, nil
		case stored.RequestHash != requestHash:
			return nil, nil, errIdempotencyMismatch
		case stored.Withheld():
			return nil, nil, withheld(stored)
		case stored.Answered():
			return stored, nil, nil
		case time.Since(waited) >= wait || s.Now().Sub(stored.CreatedAt) >= staleClaims*wait:
			// Waited out here, or claimed so long ago that no request can
			// still be answering it: an instance's clock off by seconds, or
			// a first request slow to commit, only make a retry wait.
			return nil, nil, unfinished(stored)
		}
		select {
		case <-ctx.Done():
			return nil, nil, fmt.Errorf("wait for the answer under an idempotency key: %w", ctx.Err())
		case <-time.After(delay):
		}
		delay = min(2*delay, 100*time.Millisecond)
	}
}

func (s *Idempotency) storedKey(ctx context.Context, scoped string) (*firstset.IdempotentResponse, error) {
	var stored *firstset.IdempotentResponse
	err := s.store.View(ctx, func(tx firstset.Tx) (err error) {
		stored, err = tx.IdempotentResponse(ctx, scoped)
		return err
	})
	if firstset.ErrorCode(err) == firstset.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("look up idempotency key: %w", err)
	}
	return stored, nil
}

// entityLabels name, in Chinese, what an audit entry's entity is.
var entityLabels = map[string]string{
	"product":    "装备",
	"enterprise": "企业",
	"user":       "用户",
	"category":   "类别",
	"api_token":  "访问令牌",
}

// unfinished is the answer to a retry of a request that committed its
// change but never stored its answer: it must not run again, and the
// caller learns what to look up instead.
func unfinished(r *firstset.IdempotentResponse) error {
	what := "所做的更改"
	if r.Entity != "" {
		label := entityLabels[r.Entity]
		if label == "" {
			label = r.Entity
		}
		what = fmt.Sprintf("%s（编号 %d）", label, r.EntityID)
	}
	return &firstset.Error{Code: firstset.EIDEMPOTENCYUNFINISHED, Field: "Idempotency-Key",
		Message: fmt.Sprintf("该 Idempotency-Key 的请求已执行，%s已保存，但当时的应答未能保存。请直接查询该记录，不要重新提交。", what)}
}

// withheld is the answer to a retry of a request answered with a secret
// shown once: it was carried out, and the secret is not shown again.
func withheld(r *firstset.IdempotentResponse) error {
	label := entityLabels[r.Entity]
	if label == "" {
		label = "记录"
	}
	return &firstset.Error{Code: firstset.EIDEMPOTENCYWITHHELD, Field: "Idempotency-Key",
		Message: fmt.Sprintf("该 Idempotency-Key 的请求已执行，%s（编号 %d）已创建。其密钥只在创建时显示一次，不会重发；如未保存，请撤销后重新创建。", label, r.EntityID)}
}

// FinishIdempotent stores the answer given under claim. Once a change has
// committed under the claim its answer is kept whatever it is, since a
// retry must not run again; otherwise only a success is (a read-only
// POST such as a tender check), and a refusal leaves the key free.
func (s *Idempotency) FinishIdempotent(ctx context.Context, claim *firstset.IdempotencyClaim, status int, body []byte) error {
	if claim == nil || claim.Lost() {
		return nil
	}
	// The answer is stored even if the caller has gone, and never claims
	// the key again.
	ctx = firstset.NewContextWithIdempotencyClaim(context.WithoutCancel(ctx), nil)
	if _, _, committed := claim.Committed(); committed {
		state := firstset.IdempotencyAnswered
		if claim.Secret() {
			// A secret shown once is never kept, not even for a retry.
			state, body = firstset.IdempotencyWithheld, nil
		}
		err := s.store.Update(ctx, func(tx firstset.Tx) error {
			return tx.AnswerIdempotencyClaim(ctx, claim.Key, claim.RequestHash, state, status, body)
		})
		if err != nil {
			return fmt.Errorf("store the answer under idempotency key: %w", err)
		}
		return nil
	}
	if status < 200 || status > 299 || claim.Secret() {
		return nil
	}
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		return tx.SaveIdempotentResponse(ctx, &firstset.IdempotentResponse{Key: claim.Key, RequestHash: claim.RequestHash,
			Status: status, Body: body, CreatedAt: claim.At})
	})
	if firstset.ErrorCode(err) == firstset.ECONFLICT {
		// Another request under the key answered first; retries get that.
		return nil
	}
	if err != nil {
		return fmt.Errorf("store the answer under idempotency key: %w", err)
	}
	return nil
}
