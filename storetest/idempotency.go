package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"firstset"
)

// idempotencyTests check the IdempotencyStore contract.
var idempotencyTests = []test{
	{"Idempotency", testIdempotency},
	{"IdempotencyClaims", testIdempotencyClaims},
	{"ConcurrentIdempotencyClaims", testConcurrentIdempotencyClaims},
}

// claimed is a request's context carrying a fresh claim on key.
func claimed(key, hash string, at time.Time) (context.Context, *firstset.IdempotencyClaim) {
	c := &firstset.IdempotencyClaim{Key: key, RequestHash: hash, At: at}
	return firstset.NewContextWithIdempotencyClaim(context.Background(), c), c
}

// updateIn is update with the request's context.
func updateIn(t *testing.T, ctx context.Context, s firstset.Store, fn func(tx firstset.Tx) error) {
	t.Helper()
	if err := s.Update(ctx, fn); err != nil {
		t.Fatalf("update: %v", err)
	}
}

func storedKey(t *testing.T, s firstset.Store, key string) *firstset.IdempotentResponse {
	t.Helper()
	var r *firstset.IdempotentResponse
	err := s.View(context.Background(), func(tx firstset.Tx) (err error) {
		r, err = tx.IdempotentResponse(context.Background(), key)
		return err
	})
	if firstset.ErrorCode(err) == firstset.ENOTFOUND {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// An Update whose context carries an idempotency claim records it in its
// own transaction: with the change or not at all (failing, panicking or
// committing), naming the change's last audit entry; a key already
// recorded makes the Update store nothing.
func testIdempotencyClaims(t *testing.T, s firstset.Store) {
	cat := categoryID(t, s, "智能制造装备")
	claimedAt := at("2025-03-01T10:00:00.000001Z")
	ctx, claim := claimed("5:create-1", "h1", claimedAt)

	// A failing Update records nothing and leaves the claim to the next.
	errBoom := errors.New("boom")
	err := s.Update(ctx, func(tx firstset.Tx) error {
		if _, _, err := writeDeclaration(ctx, tx, 1, cat); err != nil {
			return err
		}
		return errBoom
	})
	if !errors.Is(err, errBoom) {
		t.Fatalf("failing Update: %v", err)
	}
	if r := storedKey(t, s, "5:create-1"); r != nil || declarationStored(t, s, 1) {
		t.Fatalf("a failed Update left its claim (%+v) or its change", r)
	}
	if _, _, ok := claim.Committed(); ok || claim.Lost() {
		t.Fatal("a failed Update settled the claim")
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("the panic did not reach the caller")
			}
		}()
		_ = s.Update(ctx, func(tx firstset.Tx) error {
			if _, _, err := writeDeclaration(ctx, tx, 1, cat); err != nil {
				return err
			}
			panic("boom")
		})
	}()
	if r := storedKey(t, s, "5:create-1"); r != nil || declarationStored(t, s, 1) {
		t.Fatalf("a panicking Update left its claim (%+v) or its change", r)
	}
	// So does one whose goroutine exits inside fn (runtime.Goexit, as
	// t.Fatal does): the claim stays free and no connection is held.
	var exited sync.WaitGroup
	exited.Go(func() {
		_ = s.Update(ctx, func(tx firstset.Tx) error {
			if _, _, err := writeDeclaration(ctx, tx, 1, cat); err != nil {
				return err
			}
			runtime.Goexit()
			return nil
		})
	})
	exited.Wait()
	if _, _, ok := claim.Committed(); ok || claim.Lost() {
		t.Fatal("an Update whose goroutine exited settled its claim")
	}
	if r := storedKey(t, s, "5:create-1"); r != nil || declarationStored(t, s, 1) {
		t.Fatalf("an Update whose goroutine exited left its claim (%+v) or its change", r)
	}

	var product *firstset.Product
	updateIn(t, ctx, s, func(tx firstset.Tx) (err error) {
		product, _, err = writeDeclaration(ctx, tx, 1, cat)
		return err
	})
	entity, id, ok := claim.Committed()
	if !ok || entity != "product" || id != product.ID {
		t.Fatalf("claim after commit: %q %d %v, want product %d", entity, id, ok, product.ID)
	}
	r := storedKey(t, s, "5:create-1")
	if r == nil || r.State != firstset.IdempotencyCommitted || r.Answered() || r.RequestHash != "h1" ||
		r.Entity != "product" || r.EntityID != product.ID || r.Status != 0 {
		t.Fatalf("stored claim: %+v", r)
	}
	sameTime(t, "claim created_at", r.CreatedAt, claimedAt)

	// Later Updates of the same request run without it.
	updateIn(t, ctx, s, func(tx firstset.Tx) error {
		_, _, err := writeDeclaration(ctx, tx, 2, cat)
		return err
	})
	if !declarationStored(t, s, 2) {
		t.Fatal("a second Update of the claiming request was not stored")
	}

	// Another request under the same key stores nothing, and nothing more
	// of it runs.
	dupCtx, dup := claimed("5:create-1", "h1", claimedAt)
	err = s.Update(dupCtx, func(tx firstset.Tx) error {
		_, _, err := writeDeclaration(dupCtx, tx, 3, cat)
		return err
	})
	if !errors.Is(err, firstset.ErrIdempotencyKeyClaimed) || !dup.Lost() {
		t.Fatalf("duplicate Update: %v, lost %v", err, dup.Lost())
	}
	if declarationStored(t, s, 3) {
		t.Fatal("the duplicate's change was stored")
	}
	ran := false
	err = s.Update(dupCtx, func(firstset.Tx) error { ran = true; return nil })
	if !errors.Is(err, firstset.ErrIdempotencyKeyClaimed) || ran {
		t.Fatalf("an Update after losing the key: %v, ran %v", err, ran)
	}

	// The answer is stored once, onto the claim of the same request.
	answer := []byte(`{"id":1}`)
	update(t, s, func(tx firstset.Tx) error {
		return tx.AnswerIdempotencyClaim(ctx, "5:create-1", "h1", firstset.IdempotencyAnswered, 201, answer)
	})
	r = storedKey(t, s, "5:create-1")
	if r.State != firstset.IdempotencyAnswered || !r.Answered() || r.Status != 201 || string(r.Body) != string(answer) ||
		r.EntityID != product.ID {
		t.Fatalf("answered claim: %+v", r)
	}
	for _, c := range []struct{ key, hash string }{{"5:create-1", "h1"}, {"5:create-1", "other"}, {"5:absent", "h1"}} {
		err := s.Update(ctx, func(tx firstset.Tx) error {
			return tx.AnswerIdempotencyClaim(ctx, c.key, c.hash, firstset.IdempotencyAnswered, 500, nil)
		})
		wantCode(t, err, firstset.ENOTFOUND, "")
	}

	// A claim whose answer never came is pruned by age like an answer.
	ctx4, _ := claimed("5:create-4", "h4", claimedAt.Add(time.Hour))
	updateIn(t, ctx4, s, func(tx firstset.Tx) error {
		_, _, err := writeDeclaration(ctx4, tx, 4, cat)
		return err
	})
	update(t, s, func(tx firstset.Tx) error {
		n, err := tx.DeleteIdempotentResponsesBefore(ctx, claimedAt.Add(2*time.Hour))
		if err == nil && n != 2 {
			t.Fatalf("DeleteIdempotentResponsesBefore removed %d, want 2", n)
		}
		return err
	})
	if storedKey(t, s, "5:create-4") != nil {
		t.Fatal("an old claim without answer was kept")
	}
}

// Many requests under one key at once, each an Update of its own (on
// SQLite several share a transaction; on PostgreSQL they run side by side
// and wait for each other at the key, which each claims first), with and
// without an audit entry: exactly one change is stored, and every other
// request knows it lost.
func testConcurrentIdempotencyClaims(t *testing.T, s firstset.Store) {
	cat := categoryID(t, s, "智能制造装备")
	for round, audited := range []bool{true, false} {
		const n = 12
		key := fmt.Sprintf("8:same-%d", round)
		claims := make([]*firstset.IdempotencyClaim, n)
		errs := make([]error, n)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := range n {
			ctx, c := claimed(key, "h", time.Now())
			claims[i] = c
			decl := 100*(round+1) + i
			wg.Go(func() {
				<-start
				errs[i] = s.Update(ctx, func(tx firstset.Tx) error {
					if audited {
						_, _, err := writeDeclaration(ctx, tx, decl, cat)
						return err
					}
					e := newEnterprise(decl, "500112")
					if err := tx.CreateEnterprise(ctx, e); err != nil {
						return err
					}
					return tx.CreateProduct(ctx, newProduct(e, cat, fmt.Sprintf("并发装备%d号", decl),
						fmt.Sprintf("BF-%d", decl), fmt.Sprintf("ZL-%d", decl)))
				})
			})
		}
		close(start)
		wg.Wait()
		won := -1
		for i, err := range errs {
			switch {
			case err == nil:
				if won >= 0 {
					t.Errorf("round %d: requests %d and %d both committed under one key", round, won, i)
				}
				won = i
			case errors.Is(err, firstset.ErrIdempotencyKeyClaimed):
				if !claims[i].Lost() {
					t.Errorf("round %d: request %d failed on the key but its claim is not lost", round, i)
				}
			default:
				t.Errorf("round %d: request %d: %v", round, i, err)
			}
		}
		if won < 0 {
			t.Fatalf("round %d: no request committed", round)
		}
		for i := range n {
			if got := declarationStored(t, s, 100*(round+1)+i); got != (i == won) {
				t.Errorf("round %d: declaration of request %d stored: %v (request %d won)", round, i, got, won)
			}
		}
		entity, id, _ := claims[won].Committed()
		if r := storedKey(t, s, key); audited && (r.EntityID != id || id == 0 || entity != "product") ||
			!audited && (r.Entity != "" || r.EntityID != 0) {
			t.Errorf("round %d: the stored claim %+v does not name the winner's change (%s %d)", round, r, entity, id)
		}
	}
	if v := verify(t, s); v.Problem != nil || v.Checked != 1 {
		t.Fatalf("audit chain after the races: %d entries, %+v", v.Checked, v.Problem)
	}
}

func testIdempotency(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	body := []byte("{\"id\":7,\"name\":\"数控滚齿机\"}\n\x00\xff")
	r := &firstset.IdempotentResponse{Key: "3:req-1", RequestHash: "abc", Status: 201, Body: body,
		CreatedAt: at("2025-01-01T00:00:00.000001Z")}
	update(t, s, func(tx firstset.Tx) error { return tx.SaveIdempotentResponse(ctx, r) })
	view(t, s, func(tx firstset.Tx) error {
		got, err := tx.IdempotentResponse(ctx, "3:req-1")
		if err != nil {
			return err
		}
		sameTime(t, "idempotency created_at", got.CreatedAt, r.CreatedAt)
		if got.Key != r.Key || got.RequestHash != r.RequestHash || got.Status != r.Status || !bytes.Equal(got.Body, body) {
			t.Fatalf("idempotent response\n got %+v\nwant %+v", got, r)
		}
		_, err = tx.IdempotentResponse(ctx, "3:req-2")
		wantCode(t, err, firstset.ENOTFOUND, "")
		return nil
	})
	again := *r
	again.Status = 500
	err := s.Update(ctx, func(tx firstset.Tx) error { return tx.SaveIdempotentResponse(ctx, &again) })
	wantCode(t, err, firstset.ECONFLICT, "key")
	empty := &firstset.IdempotentResponse{Key: "3:req-3", RequestHash: "def", Status: 204}
	update(t, s, func(tx firstset.Tx) error { return tx.SaveIdempotentResponse(ctx, empty) })
	view(t, s, func(tx firstset.Tx) error {
		got, err := tx.IdempotentResponse(ctx, "3:req-3")
		if err != nil {
			return err
		}
		if got.Status != 204 || len(got.Body) != 0 || got.CreatedAt.IsZero() {
			t.Fatalf("empty body response: %+v", got)
		}
		return nil
	})
	// Responses are pruned by age: the old one goes, the new one stays.
	update(t, s, func(tx firstset.Tx) error {
		n, err := tx.DeleteIdempotentResponsesBefore(ctx, r.CreatedAt.Add(time.Microsecond))
		if err == nil && n != 1 {
			t.Fatalf("DeleteIdempotentResponsesBefore removed %d, want 1", n)
		}
		return err
	})
	view(t, s, func(tx firstset.Tx) error {
		_, err := tx.IdempotentResponse(ctx, "3:req-1")
		wantCode(t, err, firstset.ENOTFOUND, "")
		_, err = tx.IdempotentResponse(ctx, "3:req-3")
		return err
	})
}
