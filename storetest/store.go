package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"firstset"
)

// storeTests check the Store itself (View and Update, rollback, concurrent
// Updates, text no database can hold), with writes across the areas.
var storeTests = []test{
	{"Basics", testBasics},
	{"ConcurrentUpdates", testConcurrentUpdates},
	{"CancelledUpdate", testCancelledUpdate},
	{"PanickingUpdate", testPanickingUpdate},
	{"Rollback", testRollback},
	{"ViewIsReadOnly", testViewIsReadOnly},
	{"UnstorableText", testUnstorableText},
}

func testBasics(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("ping: %v", err)
	}
	if d := s.Dialect(); d != "sqlite" && d != "postgres" {
		t.Fatalf("dialect %q", d)
	}
	errBoom := errors.New("boom")
	if err := s.View(ctx, func(firstset.Tx) error { return errBoom }); !errors.Is(err, errBoom) {
		t.Fatalf("View must return fn's error, got %v", err)
	}
	if err := s.Update(ctx, func(firstset.Tx) error { return errBoom }); !errors.Is(err, errBoom) {
		t.Fatalf("Update must return fn's error, got %v", err)
	}
}

func testRollback(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	kept := createEnterprise(t, s, newEnterprise(1, "500112"))
	update(t, s, func(tx firstset.Tx) error {
		return tx.AppendAudit(ctx, &firstset.AuditEntry{At: time.Now(), Action: "create", Entity: "enterprise", EntityID: kept.ID})
	})
	cat := categoryID(t, s, "电力装备")
	var goneEnterprise, goneProduct int64
	err := s.Update(ctx, func(tx firstset.Tx) error {
		e := newEnterprise(2, "500112")
		if err := tx.CreateEnterprise(ctx, e); err != nil {
			return err
		}
		goneEnterprise = e.ID
		p := newProduct(e, cat, "风电主轴轴承", "FD-3MW", "ZL-R1")
		if err := tx.CreateProduct(ctx, p); err != nil {
			return err
		}
		goneProduct = p.ID
		if err := tx.CreateUser(ctx, &firstset.User{Username: "gone", Role: firstset.RoleAdmin}); err != nil {
			return err
		}
		if err := tx.AppendAudit(ctx, &firstset.AuditEntry{At: time.Now(), Action: "create", Entity: "enterprise", EntityID: e.ID}); err != nil {
			return err
		}
		return errRollback
	})
	if !errors.Is(err, errRollback) {
		t.Fatalf("Update returns fn's error, got %v", err)
	}
	// A conflict half-way through rolls back the writes before it too.
	err = s.Update(ctx, func(tx firstset.Tx) error {
		if err := tx.CreateUser(ctx, &firstset.User{Username: "gone2", Role: firstset.RoleAdmin}); err != nil {
			return err
		}
		dup := newEnterprise(3, "500112")
		dup.CreditCode = kept.CreditCode
		return tx.CreateEnterprise(ctx, dup)
	})
	wantCode(t, err, firstset.ECONFLICT, "credit_code")
	view(t, s, func(tx firstset.Tx) error {
		_, err := tx.EnterpriseByID(ctx, goneEnterprise)
		wantCode(t, err, firstset.ENOTFOUND, "")
		_, err = tx.ProductByID(ctx, goneProduct)
		wantCode(t, err, firstset.ENOTFOUND, "")
		for _, u := range []string{"gone", "gone2"} {
			_, err = tx.UserByUsername(ctx, u)
			wantCode(t, err, firstset.ENOTFOUND, "")
		}
		owner, err := tx.PatentOwner(ctx, "ZL-R1")
		if err != nil || owner != 0 {
			t.Fatalf("rolled-back patent still owned by %d (%v)", owner, err)
		}
		page, err := tx.SearchCatalog(ctx, firstset.CatalogQuery{Query: "风电"})
		if err != nil {
			return err
		}
		if page.Total != 0 {
			t.Fatalf("rolled-back product is still in the index")
		}
		_, total, err := tx.ListEnterprises(ctx, firstset.EnterpriseFilter{})
		if total != 1 {
			t.Fatalf("enterprises after rollback: %d", total)
		}
		return err
	})
	if v := verify(t, s); v.Problem != nil || v.Checked != 1 {
		t.Fatalf("verify after rollback: checked %d, problem %v", v.Checked, v.Problem)
	}
}

func testViewIsReadOnly(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	err := s.View(ctx, func(tx firstset.Tx) error {
		return tx.CreateEnterprise(ctx, newEnterprise(1, "500112"))
	})
	if err == nil {
		t.Fatal("a write inside View must fail")
	}
	view(t, s, func(tx firstset.Tx) error {
		_, total, err := tx.ListEnterprises(ctx, firstset.EnterpriseFilter{})
		if total != 0 {
			t.Fatalf("View wrote %d enterprises", total)
		}
		return err
	})
}

// Concurrent Updates may share one database transaction (SQLite commits
// them in groups), so these tests check that each Update still stands or
// falls on its own.

// writeDeclaration creates enterprise n, a product with patent ZL-n and an
// audit entry for the product, as one Update's fn does.
func writeDeclaration(ctx context.Context, tx firstset.Tx, n int, cat int64) (*firstset.Product, *firstset.AuditEntry, error) {
	e := newEnterprise(n, "500112")
	if err := tx.CreateEnterprise(ctx, e); err != nil {
		return nil, nil, err
	}
	p := newProduct(e, cat, fmt.Sprintf("并发装备%d号", n), fmt.Sprintf("BF-%d", n), fmt.Sprintf("ZL-%d", n))
	if err := tx.CreateProduct(ctx, p); err != nil {
		return nil, nil, err
	}
	a := &firstset.AuditEntry{At: time.Now(), ActorName: fmt.Sprintf("writer%d", n), Action: "create",
		Entity: "product", EntityID: p.ID}
	if err := tx.AppendAudit(ctx, a); err != nil {
		return nil, nil, err
	}
	return p, a, nil
}

// declarationStored reports whether declaration n's enterprise, product,
// patent and catalog index entry are all there, or all absent; anything in
// between fails the test.
func declarationStored(t *testing.T, s firstset.Store, n int) bool {
	t.Helper()
	ctx := context.Background()
	var found []bool
	view(t, s, func(tx firstset.Tx) error {
		_, err := tx.EnterpriseByCreditCode(ctx, newEnterprise(n, "500112").CreditCode)
		if err != nil && firstset.ErrorCode(err) != firstset.ENOTFOUND {
			return err
		}
		found = append(found, err == nil)
		owner, err := tx.PatentOwner(ctx, fmt.Sprintf("ZL-%d", n))
		if err != nil {
			return err
		}
		found = append(found, owner != 0)
		page, err := tx.SearchCatalog(ctx, firstset.CatalogQuery{Query: fmt.Sprintf("并发装备%d号", n), Limit: 10})
		if err != nil {
			return err
		}
		found = append(found, page.Total == 1)
		return nil
	})
	for _, f := range found[1:] {
		if f != found[0] {
			t.Fatalf("declaration %d is partly stored (enterprise, patent, index): %v", n, found)
		}
	}
	return found[0]
}

func testConcurrentUpdates(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	cat := categoryID(t, s, "电力装备")
	const writers = 30
	errFailed := errors.New("declaration refused")
	type result struct {
		err   error
		audit *firstset.AuditEntry
	}
	results := make([]result, writers)
	var wg sync.WaitGroup
	for n := range writers {
		wg.Go(func() {
			var audit *firstset.AuditEntry
			err := s.Update(ctx, func(tx firstset.Tx) error {
				_, a, err := writeDeclaration(ctx, tx, n, cat)
				if err != nil {
					return err
				}
				audit = a
				// Every third fails after writing everything, audit included.
				if n%3 == 0 {
					return fmt.Errorf("writer %d: %w", n, errFailed)
				}
				return nil
			})
			results[n] = result{err, audit}
		})
	}
	wg.Wait()
	succeeded := map[int64]int{} // audit seq → writer
	for n, r := range results {
		stored := declarationStored(t, s, n)
		if n%3 == 0 {
			if !errors.Is(r.err, errFailed) {
				t.Fatalf("writer %d: want its own error, got %v", n, r.err)
			}
			if stored {
				t.Fatalf("writer %d failed but its declaration is stored", n)
			}
			continue
		}
		if r.err != nil {
			t.Fatalf("writer %d: %v", n, r.err)
		}
		if !stored {
			t.Fatalf("writer %d succeeded but its declaration is missing", n)
		}
		succeeded[r.audit.Seq] = n
	}
	v := verify(t, s)
	if v.Problem != nil || v.Checked != int64(len(succeeded)) {
		t.Fatalf("verify: checked %d of %d, problem %v", v.Checked, len(succeeded), v.Problem)
	}
	// Entries are stored at the sequence numbers their callers were given,
	// with no gap where a failed Update sealed one and rolled it back.
	var entries []*firstset.AuditEntry
	view(t, s, func(tx firstset.Tx) (err error) {
		entries, err = tx.ListAudit(ctx, firstset.AuditFilter{})
		return err
	})
	for i, e := range entries {
		n, ok := succeeded[e.Seq]
		if e.Seq != int64(i+1) || !ok || e.ActorName != fmt.Sprintf("writer%d", n) || e.Hash != results[n].audit.Hash {
			t.Fatalf("audit entry %d (seq %d, %s) is not what its writer sealed", i, e.Seq, e.ActorName)
		}
	}
}

func testCancelledUpdate(t *testing.T, s firstset.Store) {
	cat := categoryID(t, s, "电力装备")
	// A caller that has already given up runs nothing.
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	ran := false
	err := s.Update(cancelled, func(tx firstset.Tx) error { ran = true; return nil })
	if !errors.Is(err, context.Canceled) || ran {
		t.Fatalf("cancelled Update: err %v, fn ran %v; want context.Canceled without running", err, ran)
	}
	// A caller that gives up half-way through its fn, among others that do
	// not: the others are stored, and the quitter's result matches what is
	// stored of it.
	const writers = 12
	errs := make([]error, writers)
	var wg sync.WaitGroup
	for n := range writers {
		wg.Go(func() {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			errs[n] = s.Update(ctx, func(tx firstset.Tx) error {
				e := newEnterprise(n, "500112")
				if err := tx.CreateEnterprise(ctx, e); err != nil {
					return err
				}
				if n%4 == 1 {
					cancel()
				}
				p := newProduct(e, cat, fmt.Sprintf("并发装备%d号", n), fmt.Sprintf("BF-%d", n), fmt.Sprintf("ZL-%d", n))
				if err := tx.CreateProduct(ctx, p); err != nil {
					return err
				}
				return tx.AppendAudit(ctx, &firstset.AuditEntry{At: time.Now(), Action: "create", Entity: "product", EntityID: p.ID})
			})
		})
	}
	wg.Wait()
	stored := 0
	for n, err := range errs {
		got := declarationStored(t, s, n)
		switch {
		case n%4 != 1 && err != nil:
			t.Fatalf("writer %d was not cancelled but failed: %v", n, err)
		case err == nil && !got:
			t.Fatalf("writer %d succeeded but its declaration is missing", n)
		case err != nil && got:
			t.Fatalf("writer %d failed (%v) but its declaration is stored", n, err)
		}
		if got {
			stored++
		}
	}
	if v := verify(t, s); v.Problem != nil || v.Checked != int64(stored) {
		t.Fatalf("verify: checked %d of %d, problem %v", v.Checked, stored, v.Problem)
	}
}

func testPanickingUpdate(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	cat := categoryID(t, s, "电力装备")
	const writers = 10
	panics := make([]any, writers)
	errs := make([]error, writers)
	var wg sync.WaitGroup
	for n := range writers {
		wg.Go(func() {
			defer func() { panics[n] = recover() }()
			errs[n] = s.Update(ctx, func(tx firstset.Tx) error {
				if _, _, err := writeDeclaration(ctx, tx, n, cat); err != nil {
					return err
				}
				if n%3 == 2 {
					panic(fmt.Sprintf("writer %d panics", n))
				}
				return nil
			})
		})
	}
	wg.Wait()
	stored := 0
	for n := range writers {
		got := declarationStored(t, s, n)
		if n%3 == 2 {
			if panics[n] != fmt.Sprintf("writer %d panics", n) || got {
				t.Fatalf("writer %d: recovered %v, stored %v; want its panic and nothing stored", n, panics[n], got)
			}
			continue
		}
		if panics[n] != nil || errs[n] != nil || !got {
			t.Fatalf("writer %d: panic %v, err %v, stored %v", n, panics[n], errs[n], got)
		}
		stored++
	}
	if v := verify(t, s); v.Problem != nil || v.Checked != int64(stored) {
		t.Fatalf("verify: checked %d of %d, problem %v", v.Checked, stored, v.Problem)
	}
	// The store still takes writes.
	update(t, s, func(tx firstset.Tx) error { _, _, err := writeDeclaration(ctx, tx, 99, cat); return err })
}
