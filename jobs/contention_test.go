package jobs

import (
	"context"
	"database/sql"
	"slices"
	"testing"
	"time"
)

// The runner shares SQLite's one writer connection with the application.
// 200 small application writes, with no runner, beside an idle one, and
// while it works runs that write too: none may wait long (river holds the
// connection one statement or short transaction at a time), and the log
// shows what sharing costs (go test -v -run WriterShare).
func TestSQLiteWriterShare(t *testing.T) {
	if testing.Short() {
		t.Skip("measures for a few seconds")
	}
	d := sqliteDB(t)
	if _, err := d.db.Exec(`CREATE TABLE app_writes (id INTEGER PRIMARY KEY, at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	measure := func(name string) {
		t.Helper()
		const n = 200
		lat := make([]time.Duration, 0, n)
		before := d.db.Stats()
		begin := time.Now()
		for range n {
			s := time.Now()
			if err := appWrite(ctx, d.db); err != nil {
				t.Fatal(err)
			}
			lat = append(lat, time.Since(s))
		}
		total := time.Since(begin)
		after := d.db.Stats()
		slices.Sort(lat)
		// The pool's wait statistics count the times a write found the one
		// connection taken, by river or by a run.
		t.Logf("%-24s %d writes in %6.1f ms: p50 %5.2f ms, p99 %5.2f ms, max %5.2f ms; waited for the connection %d times, %.1f ms in all",
			name, n, ms(total), ms(lat[n/2]), ms(lat[n*99/100]), ms(lat[n-1]),
			after.WaitCount-before.WaitCount, ms(after.WaitDuration-before.WaitDuration))
		if lat[n-1] > 2*time.Second {
			t.Errorf("%s: a write waited %v for the writer", name, lat[n-1])
		}
	}
	measure("no runner")

	idle := start(t, d, d.db, Config{PollInterval: DefaultPollInterval, Jobs: []Job{{
		Name: "nightly", Schedule: Daily(3, 0),
		Run: func(context.Context) error { return nil },
	}}})
	time.Sleep(1500 * time.Millisecond) // leader elected, maintenance started
	measure("idle runner (1 s poll)")
	if err := idle.Stop(ctx); err != nil {
		t.Fatal(err)
	}

	busy := start(t, d, d.db, Config{PollInterval: DefaultPollInterval, Jobs: []Job{{
		Name: "write", Schedule: Daily(3, 0),
		Run: func(ctx context.Context) error { return appWrite(ctx, d.db) },
	}}})
	for range 300 {
		if err := busy.RunNow(ctx, "write"); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(1200 * time.Millisecond) // the first fetch
	measure("runner working 300 runs")
	left, err := busy.Runs(ctx, RunFilter{Name: "write", State: "available", Limit: MaxRunsLimit})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("runs still waiting when the writes finished: %d of 300", len(left))
}

func appWrite(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO app_writes (at) VALUES (?)`, time.Now().UTC().Format(time.RFC3339Nano)); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
