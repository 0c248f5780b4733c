package jobs

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"firstset/postgres"
	"firstset/sqlite"
)

// Environment of the child process TestKill starts.
const (
	childDialect = "FIRSTSET_JOBS_CHILD_DIALECT"
	childDSN     = "FIRSTSET_JOBS_CHILD_DSN"
)

// A runner killed (SIGKILL) in the middle of a run: another runner rescues
// the run once it is RescueStuckAfter old, and works it to completion.
func TestKill(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, d testDB) {
		const rescue = 2 * time.Second
		var out bytes.Buffer
		child := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.count=1")
		child.Env = append(os.Environ(), childDialect+"="+d.dialect, childDSN+"="+d.dsn)
		child.Stdout, child.Stderr = &out, &out
		if err := child.Start(); err != nil {
			t.Fatal(err)
		}
		killed := false
		t.Cleanup(func() {
			if !killed {
				child.Process.Kill()
				child.Wait()
			}
		})

		r := build(t, d, d.db, Config{RescueStuckAfter: rescue, Jobs: []Job{{
			Name: "blocker", Schedule: Daily(3, 0), Timeout: time.Second,
			Run: func(ctx context.Context) error { return effect(ctx, d.db, d, "blocker", "finished") },
		}}})
		ctx := context.Background()
		var attempted time.Time
		waitFor(t, 10*time.Second, "the child to start the run", func() bool {
			runs, err := r.Runs(ctx, RunFilter{Name: "blocker", State: "running"})
			if err != nil {
				t.Fatal(err)
			}
			if len(runs) == 1 && d.count(t, "job = 'blocker' AND note = 'started'") == 1 {
				attempted = *runs[0].AttemptedAt
				return true
			}
			return false
		})
		if err := child.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		child.Wait()
		killed = true
		if strings.Contains(out.String(), "FAIL") {
			t.Fatalf("child: %s", out.String())
		}

		// River's rescuer looks at start-up and then every 30 s: start
		// the runner once the run is old enough to be rescued.
		time.Sleep(time.Until(attempted.Add(rescue + 300*time.Millisecond)))
		if err := r.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			r.Stop(ctx)
		})
		var run Run
		waitFor(t, 15*time.Second, "the rescued run to complete", func() bool {
			runs, err := r.Runs(ctx, RunFilter{Name: "blocker"})
			if err != nil {
				t.Fatal(err)
			}
			run = runs[0]
			return run.State == "completed"
		})
		if n := d.count(t, "job = 'blocker' AND note = 'finished'"); n != 1 {
			t.Errorf("finished %d times", n)
		}
		if run.Attempt != 2 || len(run.Errors) != 1 || !strings.Contains(run.Errors[0].Message, "Stuck job rescued") {
			t.Errorf("run: %+v", run)
		}
	})
}

// TestKillChild is the process TestKill kills: a runner that works (and
// never leads, so the parent need not wait for its leadership to expire)
// a run that records its start and then hangs.
func TestKillChild(t *testing.T) {
	dialect := os.Getenv(childDialect)
	if dialect == "" {
		t.Skip("run by TestKill")
	}
	dsn := os.Getenv(childDSN)
	ctx := context.Background()
	var db *sql.DB
	switch dialect {
	case "sqlite":
		st, err := sqlite.Open(dsn)
		if err != nil {
			t.Fatal(err)
		}
		db = st.WriteDB()
	case "postgres":
		st, err := postgres.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		db = st.WriteDB()
	}
	d := testDB{dialect: dialect, db: db}
	r := build(t, d, db, Config{WorkOnly: true, Jobs: []Job{{
		Name: "blocker", Schedule: Daily(3, 0), Timeout: time.Hour,
		Run: func(ctx context.Context) error {
			if err := effect(ctx, db, d, "blocker", "started"); err != nil {
				return err
			}
			select {}
		},
	}}})
	if err := r.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if err := r.RunNow(ctx, "blocker"); err != nil {
		t.Fatal(err)
	}
	select {}
}
