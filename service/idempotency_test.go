package service_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"firstset"
	"firstset/dbtest"
	"firstset/service"
)

// TestIdempotencyRules: keys are the caller's own, bounded in length, bound
// to one request; a key held by a change still being answered is waited
// for, and one whose answer never came is reported with what it stored;
// housekeeping removes both answers and unanswered claims by age.
func TestIdempotencyRules(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		f := newFixture(t, store)
		now := time.Now()
		f.svc.Now = func() time.Time { return now }
		begin := func(ctx context.Context, key, hash string) (*firstset.IdempotentResponse, *firstset.IdempotencyClaim, error) {
			t.Helper()
			return f.svc.BeginIdempotent(ctx, key, hash)
		}

		if r, c, err := begin(f.public, "k", "h"); r != nil || c != nil || err != nil {
			t.Fatalf("the public has no keys: %v %v %v", r, c, err)
		}
		_, _, err := begin(f.entA, strings.Repeat("k", 201), "h")
		if e, ok := firstset.AsError(err); !ok || e.Code != firstset.EINVALID || e.Field != "Idempotency-Key" {
			t.Fatalf("an over-long key: %v", err)
		}

		// The claim goes with the change.
		_, claim, err := begin(f.entA, "create-1", "h1")
		if err != nil || claim == nil {
			t.Fatalf("a fresh key: %v %v", claim, err)
		}
		_, err = f.svc.CreateProduct(firstset.NewContextWithIdempotencyClaim(f.entA, claim), firstset.ProductInput{
			Name: "幂等装备", Model: "I-1", CategoryID: f.category, InnovationLevel: firstset.LevelNational,
			Params: []firstset.Param{{Name: "功率", Value: "1", Unit: "kW"}}})
		if err != nil {
			t.Fatal(err)
		}
		// Another user's same key is another key.
		if r, c, err := begin(f.entB, "create-1", "h1"); r != nil || c == nil || err != nil {
			t.Fatalf("another user's same key: %v %v %v", r, c, err)
		}
		_, _, err = begin(f.entA, "create-1", "other body")
		wantCode(t, err, firstset.EIDEMPOTENCYMISMATCH)

		// While the answer is on its way, a retry waits for it.
		go func() {
			time.Sleep(30 * time.Millisecond)
			if err := f.svc.FinishIdempotent(f.entA, claim, 201, []byte(`{"id":1}`)); err != nil {
				t.Error(err)
			}
		}()
		r, c, err := begin(f.entA, "create-1", "h1")
		if err != nil || c != nil || r == nil || r.Status != 201 || string(r.Body) != `{"id":1}` {
			t.Fatalf("a retry during the answer: %+v %v %v", r, c, err)
		}

		// A change whose answer never came, once it is IdempotencyWait old.
		_, lost, _ := begin(f.entA, "create-2", "h2")
		lp, err := f.svc.CreateProduct(firstset.NewContextWithIdempotencyClaim(f.entA, lost), firstset.ProductInput{
			Name: "应答未存装备", Model: "I-2", CategoryID: f.category, InnovationLevel: firstset.LevelNational,
			Params: []firstset.Param{{Name: "功率", Value: "1", Unit: "kW"}}})
		if err != nil {
			t.Fatal(err)
		}
		f.svc.Now = func() time.Time { return now.Add(service.DefaultConfig.IdempotencyWait) }
		_, _, err = begin(f.entA, "create-2", "h2")
		wantCode(t, err, firstset.EIDEMPOTENCYUNFINISHED)
		if want := fmt.Sprintf("装备（编号 %d）", lp.ID); !strings.Contains(firstset.ErrorMessage(err), want) {
			t.Errorf("the refusal names the wrong record: %q", firstset.ErrorMessage(err))
		}

		// A refusal is not kept; a read-only success is.
		_, free, _ := begin(f.entA, "create-3", "h3")
		if err := f.svc.FinishIdempotent(f.entA, free, 422, []byte(`{}`)); err != nil {
			t.Fatal(err)
		}
		if _, c, err := begin(f.entA, "create-3", "h3"); c == nil || err != nil {
			t.Fatalf("a refused request kept its key: %v", err)
		}
		if err := f.svc.FinishIdempotent(f.entA, free, 200, []byte(`{"ok":true}`)); err != nil {
			t.Fatal(err)
		}
		if r, _, err := begin(f.entA, "create-3", "h3"); err != nil || r == nil || r.Status != 200 {
			t.Fatalf("a read-only success was not kept: %+v %v", r, err)
		}

		f.svc.Now = func() time.Time { return now.Add(25 * time.Hour) }
		h, err := f.svc.Housekeep(context.Background())
		if err != nil || h.OldIdempotentReplies != 3 {
			t.Fatalf("a day later housekeeping removed %+v (%v); want 2 answers and 1 unanswered claim", h, err)
		}
	})
}
