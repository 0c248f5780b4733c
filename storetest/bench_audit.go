package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"firstset"
)

// BenchAuditEntries is how many entries the audit benchmark writes:
// FIRSTSET_BENCH_AUDIT, 100,000 by default.
func BenchAuditEntries() int {
	if n, err := strconv.Atoi(os.Getenv("FIRSTSET_BENCH_AUDIT")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// auditBenchStart is the first entry's time; entries follow a year on.
var auditBenchStart = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// fillAudit appends n entries of a year's work by 20 users on 5,000
// records of three kinds, 1,000 to a transaction.
func fillAudit(tb testing.TB, s firstset.Store, n int) {
	tb.Helper()
	ctx := context.Background()
	actions := []string{"create", "update", "update", "update", "set_recognition", "login", "delete"}
	entities := []string{"product", "product", "enterprise", "user"}
	step := 365 * 24 * time.Hour / time.Duration(n)
	start := time.Now()
	for done := 0; done < n; {
		err := s.Update(ctx, func(tx firstset.Tx) error {
			for i := 0; i < 1000 && done < n; i, done = i+1, done+1 {
				actor := int64(done%20 + 1)
				before, _ := json.Marshal(map[string]any{"name": fmt.Sprintf("装备%d", done%5000), "status": "draft"})
				after, _ := json.Marshal(map[string]any{"name": fmt.Sprintf("装备%d（改）", done%5000), "status": "declared"})
				e := &firstset.AuditEntry{At: auditBenchStart.Add(time.Duration(done) * step), ActorID: actor,
					ActorName: fmt.Sprintf("user%02d", actor), Action: actions[done%len(actions)],
					Entity: entities[done%len(entities)], EntityID: int64(done*7%5000 + 1), Before: before, After: after}
				if err := tx.AppendAudit(ctx, e); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	tb.Logf("%s: %d audit entries in %s", s.Dialect(), n, time.Since(start).Round(time.Millisecond))
}

// BenchAudit times what one page of the audit log asks of the store: the
// count of a filter and its newest 50 entries, for each filter the page
// offers and at a deep page. settle, when set, runs after the entries are
// written, as the database's own maintenance would in time.
func BenchAudit(b *testing.B, s firstset.Store, settle func() error) {
	fillAudit(b, s, BenchAuditEntries())
	if settle != nil {
		if err := settle(); err != nil {
			b.Fatal(err)
		}
	}
	ctx := context.Background()
	day := auditBenchStart.Add(200 * 24 * time.Hour)
	cases := []struct {
		name string
		f    firstset.AuditFilter
	}{
		{"newest", firstset.AuditFilter{}},
		{"page_100", firstset.AuditFilter{Offset: 99 * 50}},
		{"actor", firstset.AuditFilter{ActorID: 7}},
		{"action_delete", firstset.AuditFilter{Action: "delete"}},
		{"entity_and_id", firstset.AuditFilter{Entity: "product", EntityID: 1201}},
		{"one_day", firstset.AuditFilter{Since: day, Until: day.Add(24 * time.Hour)}},
		{"actor_action_month", firstset.AuditFilter{ActorID: 7, Action: "update", Since: day, Until: day.Add(30 * 24 * time.Hour)}},
	}
	for _, c := range cases {
		c.f.Newest, c.f.Limit = true, 50
		b.Run(c.name, func(b *testing.B) {
			var total, rows int
			for b.Loop() {
				err := s.View(ctx, func(tx firstset.Tx) error {
					n, err := tx.CountAudit(ctx, c.f)
					if err != nil {
						return err
					}
					list, err := tx.ListAudit(ctx, c.f)
					total, rows = n, len(list)
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(total), "total/op")
			b.ReportMetric(float64(rows), "rows/op")
		})
	}
}
