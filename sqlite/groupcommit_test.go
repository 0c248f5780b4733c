package sqlite_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"firstset"
	"firstset/sqlite"
	"firstset/sqlstore"
)

// createCategory is an Update of its own whose fn can be made to wait.
func createCategory(db *sqlite.DB, name string, before func(tx firstset.Tx) error) error {
	ctx := context.Background()
	return db.Update(ctx, func(tx firstset.Tx) error {
		if before != nil {
			if err := before(tx); err != nil {
				return err
			}
		}
		return tx.CreateCategory(ctx, &firstset.Category{Name: name})
	})
}

func categoryCount(t *testing.T, db *sqlite.DB, name string) int {
	t.Helper()
	var n int
	if err := db.ReadDB().QueryRow(`SELECT COUNT(*) FROM categories WHERE name = ?`, name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// batchBehindBlocker starts one Update whose fn waits, queues the Updates of
// queued behind it, and lets the first go once they all wait, so they join
// its batch. It returns every caller's error, the blocker's first.
func batchBehindBlocker(t *testing.T, db *sqlite.DB, queued []func() error) []error {
	t.Helper()
	return batchBehind(t, db, nil, queued)
}

// batchBehind is batchBehindBlocker whose blocker, once its category is
// written, fails with blockerErr (nil: succeeds).
func batchBehind(t *testing.T, db *sqlite.DB, blockerErr error, queued []func() error) []error {
	t.Helper()
	errs := make([]error, len(queued)+1)
	release, started := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		errs[0] = db.Update(context.Background(), func(tx firstset.Tx) error {
			if err := tx.CreateCategory(context.Background(), &firstset.Category{Name: "首个"}); err != nil {
				return err
			}
			close(started)
			<-release
			return blockerErr
		})
	})
	<-started
	for i, fn := range queued {
		wg.Go(func() { errs[i+1] = fn() })
	}
	deadline := time.Now().Add(10 * time.Second)
	for db.GroupCommitStats().Waiting < int64(len(queued)) {
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d Updates queued", db.GroupCommitStats().Waiting, len(queued))
		}
		time.Sleep(time.Millisecond)
	}
	// Waiting counts a caller just before it parks on the queue; give the
	// last ones time to park, or the writer's non-blocking gather can miss
	// them on a loaded machine and start a second batch.
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	return errs
}

func TestGroupCommitRunsQueuedUpdatesInOneTransaction(t *testing.T) {
	db := openTemp(t)
	before := db.GroupCommitStats()
	var queued []func() error
	for i := range 20 {
		queued = append(queued, func() error {
			return createCategory(db, fmt.Sprintf("类别%d", i), func(firstset.Tx) error {
				if i%5 == 0 {
					return fmt.Errorf("refused %d", i)
				}
				return nil
			})
		})
	}
	errs := batchBehindBlocker(t, db, queued)
	after := db.GroupCommitStats()
	if batches, updates := after.Batches-before.Batches, after.Updates-before.Updates; batches != 1 || updates != 21 {
		t.Fatalf("%d Updates in %d batches; want 21 in 1", updates, batches)
	}
	for i := range 20 {
		refused := i%5 == 0
		if (errs[i+1] != nil) != refused || categoryCount(t, db, fmt.Sprintf("类别%d", i)) != map[bool]int{true: 0, false: 1}[refused] {
			t.Fatalf("category %d: err %v, refused %v", i, errs[i+1], refused)
		}
	}
}

// The first Update of a batch runs in the transaction itself, without a
// savepoint: when it fails nothing of it stays, and the Updates queued
// behind it go on in a transaction of their own, each standing on its own.
func TestGroupCommitFailedFirstUpdateRollsBackAlone(t *testing.T) {
	db := openTemp(t)
	before := db.GroupCommitStats()
	var queued []func() error
	for i := range 6 {
		queued = append(queued, func() error {
			return createCategory(db, fmt.Sprintf("随后%d", i), func(firstset.Tx) error {
				if i == 3 {
					return fmt.Errorf("refused %d", i)
				}
				return nil
			})
		})
	}
	errs := batchBehind(t, db, fmt.Errorf("the first refuses"), queued)
	if errs[0] == nil || errs[0].Error() != "the first refuses" || categoryCount(t, db, "首个") != 0 {
		t.Fatalf("the failed first Update: err %v, its category stored %d times", errs[0], categoryCount(t, db, "首个"))
	}
	for i := range 6 {
		refused := i == 3
		if (errs[i+1] != nil) != refused || categoryCount(t, db, fmt.Sprintf("随后%d", i)) != map[bool]int{true: 0, false: 1}[refused] {
			t.Fatalf("category %d: err %v, refused %v", i, errs[i+1], refused)
		}
	}
	if after := db.GroupCommitStats(); after.Batches-before.Batches != 2 || after.Updates-before.Updates != 7 {
		t.Fatalf("%d Updates in %d batches; want 7 in 2", after.Updates-before.Updates, after.Batches-before.Batches)
	}
}

func TestGroupCommitLoneUpdatesDoNotWait(t *testing.T) {
	db := openTemp(t)
	before := db.GroupCommitStats()
	for i := range 5 {
		start := time.Now()
		if err := createCategory(db, fmt.Sprintf("单独%d", i), nil); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("a lone Update took %v", d)
		}
	}
	after := db.GroupCommitStats()
	if after.Batches-before.Batches != 5 || after.Updates-before.Updates != 5 {
		t.Fatalf("5 lone Updates ran as %d in %d batches", after.Updates-before.Updates, after.Batches-before.Batches)
	}
}

// A failed COMMIT fails every Update of the batch, and the store carries on.
func TestGroupCommitFailedCommitFailsTheWholeBatch(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	queued := []func() error{
		func() error { return createCategory(db, "甲", nil) },
		func() error {
			// A deferred foreign key is checked only at COMMIT, which it fails.
			return createCategory(db, "乙", func(tx firstset.Tx) error {
				x := tx.(*sqlstore.Tx)
				if _, err := x.Exec(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
					return err
				}
				_, err := x.Exec(ctx, `INSERT INTO product_params (product_id, pos, name, value, unit) VALUES (999999, 0, 'x', 'y', '')`)
				return err
			})
		},
		func() error { return createCategory(db, "丙", nil) },
	}
	errs := batchBehindBlocker(t, db, queued)
	for i, err := range errs {
		if err == nil {
			t.Fatalf("Update %d of a batch whose COMMIT failed succeeded", i)
		}
	}
	for _, name := range []string{"首个", "甲", "乙", "丙"} {
		if n := categoryCount(t, db, name); n != 0 {
			t.Fatalf("category %s stored by a batch whose COMMIT failed", name)
		}
	}
	if err := createCategory(db, "丁", nil); err != nil {
		t.Fatalf("Update after a failed COMMIT: %v", err)
	}
	if categoryCount(t, db, "丁") != 1 {
		t.Fatal("Update after a failed COMMIT not stored")
	}
}

func TestGroupCommitUpdateAfterClose(t *testing.T) {
	db := openTemp(t)
	db.Close()
	if err := createCategory(db, "关闭后", nil); err == nil {
		t.Fatal("Update after Close succeeded")
	}
}

// A bulk write (firstset.BulkWrite) queued behind another Update does not
// join its batch: it gets a transaction of its own, where it runs without
// a savepoint.
func TestGroupCommitBulkWriteRunsAlone(t *testing.T) {
	db := openTemp(t)
	before := db.GroupCommitStats()
	errs := batchBehindBlocker(t, db, []func() error{func() error {
		return db.Update(firstset.BulkWrite(context.Background()), func(tx firstset.Tx) error {
			return tx.CreateCategory(context.Background(), &firstset.Category{Name: "批量"})
		})
	}})
	if errs[0] != nil || errs[1] != nil || categoryCount(t, db, "批量") != 1 {
		t.Fatalf("errors %v", errs)
	}
	if after := db.GroupCommitStats(); after.Batches-before.Batches != 2 || after.Updates-before.Updates != 2 {
		t.Fatalf("%d Updates in %d batches; want 2 in 2", after.Updates-before.Updates, after.Batches-before.Batches)
	}
}
