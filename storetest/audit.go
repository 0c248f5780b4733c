package storetest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"firstset"
)

// auditTests check the AuditStore contract.
var auditTests = []test{
	{"Audit", testAudit},
	{"AuditConcurrent", testAuditConcurrent},
	{"AuditFilters", testAuditFilters},
}

// verify walks the whole chain in pages of 7, as `firstset audit verify`
// does in pages of 1,000.
func verify(t *testing.T, s firstset.Store) *firstset.AuditVerifier {
	t.Helper()
	var v *firstset.AuditVerifier
	view(t, s, func(tx firstset.Tx) (err error) {
		v, err = firstset.VerifyAudit(context.Background(), tx, 7)
		return err
	})
	return v
}

func testAudit(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	view(t, s, func(tx firstset.Tx) error {
		seq, hash, err := tx.AuditHead(ctx)
		if seq != 0 || hash != "" {
			t.Fatalf("empty chain head = %d %q", seq, hash)
		}
		return err
	})
	// JSON kept byte for byte: odd spacing, escapes and key order survive.
	before := json.RawMessage(`{"name": "旧名称" , "b":1,"a":"\u00e9"}`)
	after := json.RawMessage(`{"name":"新名称","list":[1, 2]}`)
	base := time.Date(2025, 5, 1, 8, 0, 0, 123456789, time.FixedZone("CST", 8*3600))
	var entries []*firstset.AuditEntry
	update(t, s, func(tx firstset.Tx) error {
		for i := 0; i < 3; i++ {
			e := &firstset.AuditEntry{At: base.Add(time.Duration(i) * time.Second), ActorID: 7, ActorName: "admin",
				Action: "update", Entity: "product", EntityID: int64(10 + i%2), Before: before, After: after}
			if i == 2 {
				e.Entity, e.EntityID, e.Before, e.After = "enterprise", 3, nil, after
			}
			if err := tx.AppendAudit(ctx, e); err != nil {
				return err
			}
			if e.Seq != int64(i+1) || e.Hash == "" {
				t.Fatalf("entry %d sealed as seq %d hash %q", i, e.Seq, e.Hash)
			}
			entries = append(entries, e)
		}
		return nil
	})
	if entries[1].PrevHash != entries[0].Hash || entries[0].PrevHash != "" {
		t.Fatal("entries link to their predecessors")
	}
	view(t, s, func(tx firstset.Tx) error {
		list, err := tx.ListAudit(ctx, firstset.AuditFilter{})
		if err != nil {
			return err
		}
		if len(list) != 3 {
			t.Fatalf("ListAudit: %d entries", len(list))
		}
		for i, got := range list {
			want := entries[i]
			sameTime(t, "audit at", got.At, want.At)
			if got.At.Nanosecond()%1000 != 0 {
				t.Fatalf("audit times are kept to the microsecond: %v", got.At)
			}
			if !bytes.Equal(got.Before, want.Before) || !bytes.Equal(got.After, want.After) {
				t.Fatalf("entry %d JSON changed:\n got %s %s\nwant %s %s", i, got.Before, got.After, want.Before, want.After)
			}
			if got.Seq != want.Seq || got.Hash != want.Hash || got.PrevHash != want.PrevHash ||
				got.ActorID != want.ActorID || got.ActorName != want.ActorName || got.Action != want.Action ||
				got.Entity != want.Entity || got.EntityID != want.EntityID {
				t.Fatalf("entry %d\n got %+v\nwant %+v", i, got, want)
			}
			if got.ComputeHash() != got.Hash {
				t.Fatalf("entry %d read back no longer matches its hash", i)
			}
		}
		if list[2].Before != nil {
			t.Fatalf("absent JSON reads back as nil, got %q", list[2].Before)
		}
		list, err = tx.ListAudit(ctx, firstset.AuditFilter{Entity: "product"})
		if err != nil {
			return err
		}
		if len(list) != 2 {
			t.Fatalf("entity filter: %d entries", len(list))
		}
		list, err = tx.ListAudit(ctx, firstset.AuditFilter{Entity: "product", EntityID: 11})
		if err != nil {
			return err
		}
		if len(list) != 1 || list[0].Seq != 2 {
			t.Fatalf("entity id filter: %+v", list)
		}
		list, err = tx.ListAudit(ctx, firstset.AuditFilter{AfterSeq: 1, Limit: 1})
		if err != nil {
			return err
		}
		if len(list) != 1 || list[0].Seq != 2 {
			t.Fatalf("after and limit: %+v", list)
		}
		seq, hash, err := tx.AuditHead(ctx)
		if seq != 3 || hash != entries[2].Hash {
			t.Fatalf("head = %d %q, want 3 %q", seq, hash, entries[2].Hash)
		}
		return err
	})
	if v := verify(t, s); v.Problem != nil || v.Checked != 3 {
		t.Fatalf("verify: checked %d, problem %v", v.Checked, v.Problem)
	}
}

// testAuditConcurrent has many transactions write and append at once: the
// chain must come out whole, each entry linked to the one before.
func testAuditConcurrent(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	const writers, each = 20, 3
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	// Verifying while the chain grows never reports a problem.
	stop := make(chan struct{})
	verified := make(chan int)
	go func() {
		n := 0
		for {
			select {
			case <-stop:
				verified <- n
				return
			default:
			}
			if v := verify(t, s); v.Problem != nil {
				t.Errorf("verify while writing: %v", v.Problem)
			}
			n++
		}
	}()
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				err := s.Update(ctx, func(tx firstset.Tx) error {
					e := newEnterprise(w*100+i, "500112")
					e.CreatedAt, e.UpdatedAt = time.Time{}, time.Time{}
					if err := tx.CreateEnterprise(ctx, e); err != nil {
						return err
					}
					after, _ := json.Marshal(e)
					return tx.AppendAudit(ctx, &firstset.AuditEntry{At: time.Now(), ActorName: fmt.Sprintf("writer%d", w),
						Action: "create", Entity: "enterprise", EntityID: e.ID, After: after})
				})
				if err != nil {
					errs <- fmt.Errorf("writer %d: %w", w, err)
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(stop)
	if n := <-verified; n == 0 {
		t.Error("no verification ran while writing")
	}
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	v := verify(t, s)
	if v.Problem != nil || v.Checked != writers*each {
		t.Fatalf("verify: checked %d of %d, problem %v", v.Checked, writers*each, v.Problem)
	}
}

// testAuditFilters lists the log by each filter and newest first, and
// counts what each listing would page through.
func testAuditFilters(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	type row struct {
		actorID   int64
		actorName string
		action    string
		entity    string
		entityID  int64
		hour      int
	}
	rows := []row{
		{0, "system", "create", "enterprise", 1, 0},          // seq 1
		{7, "admin", "create", "product", 5, 1},              // 2
		{7, "admin（令牌 fst_ab12）", "update", "product", 5, 2}, // 3
		{8, "reviewer", "set_recognition", "product", 5, 3},  // 4
		{8, "reviewer", "update", "product", 6, 4},           // 5
		{7, "admin", "update", "user", 5, 5},                 // 6
		{0, "system", "bulk_import", "catalog", 0, 6},        // 7
	}
	update(t, s, func(tx firstset.Tx) error {
		for _, r := range rows {
			e := &firstset.AuditEntry{At: base.Add(time.Duration(r.hour) * time.Hour), ActorID: r.actorID,
				ActorName: r.actorName, Action: r.action, Entity: r.entity, EntityID: r.entityID}
			if err := tx.AppendAudit(ctx, e); err != nil {
				return err
			}
		}
		return nil
	})
	seqs := func(list []*firstset.AuditEntry) []int64 {
		out := []int64{}
		for _, e := range list {
			out = append(out, e.Seq)
		}
		return out
	}
	cases := []struct {
		name string
		f    firstset.AuditFilter
		want []int64
	}{
		{"all newest first", firstset.AuditFilter{Newest: true}, []int64{7, 6, 5, 4, 3, 2, 1}},
		{"chain order", firstset.AuditFilter{}, []int64{1, 2, 3, 4, 5, 6, 7}},
		{"a page newest first", firstset.AuditFilter{Newest: true, Offset: 2, Limit: 3}, []int64{5, 4, 3}},
		{"one user, session and token", firstset.AuditFilter{ActorID: 7, Newest: true}, []int64{6, 3, 2}},
		{"the system by name", firstset.AuditFilter{ActorName: "system"}, []int64{1, 7}},
		{"action", firstset.AuditFilter{Action: "update"}, []int64{3, 5, 6}},
		{"entity", firstset.AuditFilter{Entity: "product"}, []int64{2, 3, 4, 5}},
		{"entity and id", firstset.AuditFilter{Entity: "product", EntityID: 5}, []int64{2, 3, 4}},
		{"since, inclusive", firstset.AuditFilter{Since: base.Add(4 * time.Hour)}, []int64{5, 6, 7}},
		{"until, exclusive", firstset.AuditFilter{Until: base.Add(2 * time.Hour)}, []int64{1, 2}},
		// A bound in another zone is the same instant.
		{"between, in Shanghai time", firstset.AuditFilter{
			Since: base.Add(time.Hour).In(time.FixedZone("CST", 8*3600)), Until: base.Add(4 * time.Hour)}, []int64{2, 3, 4}},
		{"everything at once", firstset.AuditFilter{ActorID: 8, Action: "update", Entity: "product",
			Since: base.Add(time.Hour), Until: base.Add(5 * time.Hour), Newest: true}, []int64{5}},
		{"nothing", firstset.AuditFilter{ActorID: 8, Entity: "user"}, []int64{}},
		{"before a seq, newest first", firstset.AuditFilter{BeforeSeq: 5, Newest: true, Limit: 2}, []int64{4, 3}},
		{"between seqs", firstset.AuditFilter{AfterSeq: 2, BeforeSeq: 6, Action: "update"}, []int64{3, 5}},
	}
	view(t, s, func(tx firstset.Tx) error {
		for _, c := range cases {
			list, err := tx.ListAudit(ctx, c.f)
			if err != nil {
				return fmt.Errorf("%s: %w", c.name, err)
			}
			if got := seqs(list); fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("%s: entries %v, want %v", c.name, got, c.want)
			}
			count := c.f
			count.Offset, count.Limit = 0, 0
			all, err := tx.ListAudit(ctx, count)
			if err != nil {
				return err
			}
			n, err := tx.CountAudit(ctx, c.f)
			if err != nil {
				return fmt.Errorf("%s: count: %w", c.name, err)
			}
			if n != len(all) {
				t.Errorf("%s: count %d, but %d entries match", c.name, n, len(all))
			}
		}
		return nil
	})
}
