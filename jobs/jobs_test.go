package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"firstset/date"
)

// A RunOnStart job runs at start for its current period, a frequent one on
// its schedule, and both runs are recorded.
func TestRunOnStartAndSchedule(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, d testDB) {
		started := time.Now()
		r := start(t, d, d.db, Config{Jobs: []Job{
			{Name: "hourly", Label: "每小时", Schedule: Every(time.Hour), RunOnStart: true,
				Run: func(ctx context.Context) error { return effect(ctx, d.db, d, "hourly", "") }},
			{Name: "second", Label: "每秒", Schedule: Every(time.Second),
				Run: func(ctx context.Context) error { return effect(ctx, d.db, d, "second", "") }},
		}})
		ctx := context.Background()
		waitFor(t, 10*time.Second, "the start run and two scheduled runs", func() bool {
			h, err := r.Runs(ctx, RunFilter{Name: "hourly", State: "completed"})
			if err != nil {
				t.Fatal(err)
			}
			s, err := r.Runs(ctx, RunFilter{Name: "second", State: "completed"})
			if err != nil {
				t.Fatal(err)
			}
			return len(h) == 1 && len(s) >= 2
		})
		if n := d.count(t, "job = 'hourly'"); n != 1 {
			t.Errorf("hourly ran %d times", n)
		}
		hour := started.Truncate(time.Hour)

		runs, err := r.Runs(ctx, RunFilter{Name: "hourly"})
		if err != nil {
			t.Fatal(err)
		}
		if len(runs) != 1 {
			t.Fatalf("hourly runs: %+v", runs)
		}
		run := runs[0]
		if run.State != "completed" || run.Label != "每小时" || run.Attempt != 1 ||
			run.AttemptedAt == nil || run.FinalizedAt == nil || run.FinalizedAt.Before(*run.AttemptedAt) ||
			run.Period == nil || !run.Period.Equal(hour) && !run.Period.Equal(hour.Add(time.Hour)) {
			t.Errorf("hourly run: %+v", run)
		}
		if run.AttemptedAt != nil && (run.AttemptedAt.Before(started.Add(-time.Second)) || time.Since(*run.AttemptedAt) > time.Minute) {
			t.Errorf("attempted at %v, started %v", run.AttemptedAt, started)
		}

		seconds, err := r.Runs(ctx, RunFilter{Name: "second", State: "completed"})
		if err != nil {
			t.Fatal(err)
		}
		if len(seconds) < 2 {
			t.Fatalf("second runs: %+v", seconds)
		}
		for i := 1; i < len(seconds); i++ {
			if seconds[i].ID >= seconds[i-1].ID || !seconds[i].Period.Before(*seconds[i-1].Period) {
				t.Errorf("not newest first, or periods repeat: %+v, %+v", seconds[i-1], seconds[i])
			}
		}
		if all, _ := r.Runs(ctx, RunFilter{Limit: 1}); len(all) != 1 {
			t.Errorf("limit 1: %d runs", len(all))
		}
		if _, err := r.Runs(ctx, RunFilter{State: "lost"}); err == nil {
			t.Error("an unknown state was accepted")
		}
	})
}

// A failing run is retried with back-off; its errors are kept beside the
// final success; the metrics count each attempt.
func TestRetry(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, d testDB) {
		var attempts atomic.Int32
		r := start(t, d, d.db, Config{Jobs: []Job{{
			Name: "flaky", Label: "时好时坏", Schedule: Daily(3, 0),
			Run: func(ctx context.Context) error {
				if n := attempts.Add(1); n <= 2 {
					return fmt.Errorf("boom %d", n)
				}
				return effect(ctx, d.db, d, "flaky", "")
			},
		}}})
		ctx := context.Background()
		if err := r.RunNow(ctx, "flaky"); err != nil {
			t.Fatal(err)
		}
		if err := r.RunNow(ctx, "nonesuch"); err == nil {
			t.Error("RunNow of an unknown job succeeded")
		}
		var run Run
		waitFor(t, 15*time.Second, "the third attempt to complete", func() bool {
			runs, err := r.Runs(ctx, RunFilter{Name: "flaky"})
			if err != nil {
				t.Fatal(err)
			}
			if len(runs) == 1 {
				run = runs[0]
			}
			return run.State == "completed"
		})
		if run.Attempt != 3 || len(run.Errors) != 2 || run.Period != nil {
			t.Fatalf("run: %+v", run)
		}
		for i, e := range run.Errors {
			if e.Attempt != i+1 || e.Message != fmt.Sprintf("boom %d", i+1) || e.At.IsZero() {
				t.Errorf("error %d: %+v", i, e)
			}
		}
		if gap := run.Errors[1].At.Sub(run.Errors[0].At); gap < 150*time.Millisecond {
			t.Errorf("second retry after %v; the back-off is 100ms, then 200ms", gap)
		}
		if n := d.count(t, "job = 'flaky' AND period = 'now'"); n != 1 {
			t.Errorf("%d effects", n)
		}

		m := r.metrics
		if f, c := testutil.ToFloat64(m.runs.WithLabelValues("flaky", "failed")), testutil.ToFloat64(m.runs.WithLabelValues("flaky", "completed")); f != 2 || c != 1 {
			t.Errorf("runs_total failed %v completed %v", f, c)
		}
		reg := prometheus.NewPedanticRegistry()
		reg.MustRegister(r.Collectors()...)
		want := `
# HELP firstset_jobs Runs in river's table by job and state (all instances).
# TYPE firstset_jobs gauge
firstset_jobs{job="flaky",state="available"} 0
firstset_jobs{job="flaky",state="cancelled"} 0
firstset_jobs{job="flaky",state="completed"} 1
firstset_jobs{job="flaky",state="discarded"} 0
firstset_jobs{job="flaky",state="pending"} 0
firstset_jobs{job="flaky",state="retryable"} 0
firstset_jobs{job="flaky",state="running"} 0
firstset_jobs{job="flaky",state="scheduled"} 0
`
		if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "firstset_jobs"); err != nil {
			t.Error(err)
		}
	})
}

// A job failing every attempt is given up (discarded) after MaxAttempts.
func TestGiveUp(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, d testDB) {
		r := start(t, d, d.db, Config{MaxAttempts: 2, Jobs: []Job{{
			Name: "broken", Schedule: Daily(3, 0),
			Run: func(ctx context.Context) error { panic("broken for good") },
		}}})
		ctx := context.Background()
		if err := r.RunNow(ctx, "broken"); err != nil {
			t.Fatal(err)
		}
		waitFor(t, 15*time.Second, "the run to be discarded", func() bool {
			runs, err := r.Runs(ctx, RunFilter{Name: "broken", State: "discarded"})
			if err != nil {
				t.Fatal(err)
			}
			return len(runs) == 1 && len(runs[0].Errors) == 2 &&
				runs[0].Errors[1].Message == "panic: broken for good" && runs[0].Label == "broken"
		})
	})
}

// Two runners on one database with the same periodic job: one run per
// period. One leads and enqueues; were both to enqueue (two leaders during a
// failover), the period's unique key keeps the second out.
func TestTwoRunnersOnePeriod(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, d testDB) {
		job := func(db *sql.DB, who string) Job {
			return Job{Name: "tick", Schedule: Every(time.Second), RunOnStart: true,
				Run: func(ctx context.Context) error { return effect(ctx, db, d, "tick", who) }}
		}
		dbs := []*sql.DB{d.db, d.reopen(t)}
		runners := make([]*Runner, 2)
		for i, db := range dbs {
			runners[i] = build(t, d, db, Config{Jobs: []Job{job(db, fmt.Sprint(i))}})
		}
		var wg sync.WaitGroup
		for _, r := range runners {
			wg.Go(func() {
				if err := r.Start(context.Background()); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		for _, r := range runners {
			t.Cleanup(func() {
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				r.Stop(ctx)
			})
		}
		waitFor(t, 10*time.Second, "four periods", func() bool {
			return d.count(t, "job = 'tick'") >= 4
		})

		// Both runners insert the run of one period, as two leaders would
		// (a period of their own, so that neither leader has enqueued it).
		ctx := context.Background()
		_, opts := runners[0].periodConstructor(runners[0].jobs["tick"])()
		args := runArgs{Name: "tick", Period: "2100-01-01T00:00:00Z"}
		var inserted []bool
		for _, r := range runners {
			res, err := r.client.Insert(ctx, args, opts)
			if err != nil {
				t.Fatal(err)
			}
			inserted = append(inserted, !res.UniqueSkippedAsDuplicate)
		}
		if !inserted[0] || inserted[1] {
			t.Errorf("inserted by the first leader, by the second: %v, want [true false]", inserted)
		}
		waitFor(t, 10*time.Second, "the period both inserted to run", func() bool {
			return d.count(t, "period = '2100-01-01T00:00:00Z'") > 0
		})
		time.Sleep(time.Second) // and any second run of it

		rows, err := d.db.Query(`SELECT period, count(*) FROM effects WHERE job = 'tick' GROUP BY period HAVING count(*) > 1`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var p string
			var n int
			rows.Scan(&p, &n)
			t.Errorf("period %s ran %d times", p, n)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	})
}

// Migrate is idempotent, and two instances may run it at once.
func TestMigrate(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, d testDB) {
		ctx := context.Background()
		if err := Migrate(ctx, d.db, d.dialect); err != nil {
			t.Fatalf("second migrate: %v", err)
		}
		if err := Migrate(ctx, d.db, "oracle"); err == nil {
			t.Error("an unknown dialect was accepted")
		}
	})
	t.Run("concurrent", func(t *testing.T) {
		t.Run("sqlite", func(t *testing.T) {
			open, dialect := emptySQLite(t)
			concurrentMigrate(t, open, dialect)
		})
		t.Run("postgres", func(t *testing.T) {
			open, dialect := emptyPostgres(t)
			concurrentMigrate(t, open, dialect)
		})
	})
}

func concurrentMigrate(t *testing.T, open func() *sql.DB, dialect string) {
	ctx := context.Background()
	errs := make([]error, 4)
	var wg sync.WaitGroup
	for i := range errs {
		db := open()
		wg.Go(func() { errs[i] = Migrate(ctx, db, dialect) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	db := open()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM river_job`).Scan(&n); err != nil {
		t.Fatalf("river_job after migrating: %v", err)
	}
	r, err := New(Config{DB: db, Dialect: dialect, Jobs: []Job{{Name: "noop", Schedule: Daily(1, 0), Run: func(context.Context) error { return nil }}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.RunNow(ctx, "noop"); err != nil {
		t.Fatalf("enqueue after migrating: %v", err)
	}
}

// The runner's clock may be far from the real one (a demo in another
// year): runs still happen promptly, periods are on that clock, and so are
// the times Runs reports.
func TestShiftedClock(t *testing.T) {
	t.Parallel()
	for _, shift := range []time.Duration{400 * 24 * time.Hour, -800 * 24 * time.Hour} {
		t.Run(fmt.Sprintf("%+dd", int(shift.Hours()/24)), func(t *testing.T) {
			eachDB(t, func(t *testing.T, d testDB) {
				now := func() time.Time { return time.Now().Add(shift) }
				r := start(t, d, d.db, Config{Now: now, Jobs: []Job{{
					Name: "tick", Schedule: Every(time.Second), RunOnStart: true,
					Run: func(ctx context.Context) error { return effect(ctx, d.db, d, "tick", "") },
				}}})
				waitFor(t, 8*time.Second, "three runs", func() bool { return d.count(t, "job = 'tick'") >= 3 })
				runs, err := r.Runs(context.Background(), RunFilter{Name: "tick", State: "completed"})
				if err != nil {
					t.Fatal(err)
				}
				for _, run := range runs {
					if d := run.Period.Sub(now()); d > time.Second || d < -10*time.Second {
						t.Errorf("period %v, clock %v", run.Period, now())
					}
					if d := run.FinalizedAt.Sub(now()); d > time.Second || d < -10*time.Second {
						t.Errorf("finalized %v, clock %v", run.FinalizedAt, now())
					}
				}
			})
		})
	}
}

func TestSchedule(t *testing.T) {
	sh := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04:05", s, date.Shanghai)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	daily := Daily(1, 30)
	for _, c := range []struct{ at, prev, next string }{
		{"2027-03-10 09:00:00", "2027-03-10 01:30:00", "2027-03-11 01:30:00"},
		{"2027-03-10 01:30:00", "2027-03-10 01:30:00", "2027-03-11 01:30:00"},
		{"2027-03-10 01:29:59", "2027-03-09 01:30:00", "2027-03-10 01:30:00"},
		{"2027-01-01 00:00:00", "2026-12-31 01:30:00", "2027-01-01 01:30:00"},
	} {
		at := sh(c.at)
		if p := daily.prev(at); !p.Equal(sh(c.prev)) {
			t.Errorf("prev(%s) = %v", c.at, p.In(date.Shanghai))
		}
		if n := daily.next(at); !n.Equal(sh(c.next)) {
			t.Errorf("next(%s) = %v", c.at, n.In(date.Shanghai))
		}
	}
	every := Every(15 * time.Minute)
	at := sh("2027-03-10 09:07:00")
	if p, n := every.prev(at), every.next(at); !p.Equal(sh("2027-03-10 09:00:00")) || !n.Equal(sh("2027-03-10 09:15:00")) {
		t.Errorf("every 15m at 09:07: %v, %v", p, n)
	}

	// River's view: on a clock a year ahead, the next daily run is at the
	// next 01:30 of that clock, converted to the real one.
	shift := 365 * 24 * time.Hour
	rs := riverSchedule{s: daily, clock: &clock{now: func() time.Time { return time.Now().Add(shift) }}}
	real := time.Now()
	want := daily.next(real.Add(shift)).Add(-shift)
	if got := rs.Next(real); got.Sub(want).Abs() > 10*time.Millisecond {
		t.Errorf("river next %v, want %v", got, want)
	}
	// A planned time long past is not caught up period by period.
	if got := rs.Next(real.Add(-72 * time.Hour)); got.Before(real) {
		t.Errorf("river next after a pause: %v, before now", got)
	}

	for _, bad := range []Job{
		{Name: "x", Schedule: Daily(1, 0), Run: func(context.Context) error { return nil }},
		{Name: "ok_name", Schedule: Daily(24, 0), Run: func(context.Context) error { return nil }},
		{Name: "ok_name", Schedule: Every(time.Millisecond), Run: func(context.Context) error { return nil }},
		{Name: "ok_name", Schedule: Daily(1, 0)},
	} {
		if _, err := New(Config{DB: &sql.DB{}, Dialect: "sqlite", Jobs: []Job{bad}}); err == nil {
			t.Errorf("accepted %+v", bad)
		}
	}
}
