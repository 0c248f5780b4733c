// Package jobs runs the platform's periodic and deferred jobs (catalog
// expiry, reminders, housekeeping, mail) durably in the application's own
// database, SQLite or PostgreSQL, on river (github.com/riverqueue/river).
//
// Every run is a row in river's river_job table: queued, attempted,
// retried with back-off, finished or given up, with the error of each
// failed attempt, which is what Runs shows and the metrics count. Only the
// elected leader among the runners on a database enqueues periodic runs,
// and each period's run is unique (its job name and period are the unique
// key), so two leaders overlapping in a failover still enqueue it once. A
// run may still be attempted twice (a process killed mid-run is rescued and
// retried), so a job's effect must be idempotent.
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivertype"
)

// Job is a periodic job: Run is called once per period across all
// instances, and whenever RunNow asks.
type Job struct {
	Name     string   // stable identifier, e.g. "catalog_expiry": letters, digits, _ and -
	Label    string   // Chinese label for the admin page, e.g. "目录有效期到期处理"
	Schedule Schedule // Daily(hour, minute) in Asia/Shanghai, or Every(d)
	// RunOnStart also enqueues the current period's run when a runner
	// becomes leader (start-up, failover) if that period has not run yet:
	// a daily job missed while every server was down runs as soon as one
	// is back.
	RunOnStart bool
	Timeout    time.Duration // of one attempt; DefaultTimeout if zero
	// Run does the work. Its effect must be idempotent: an attempt may be
	// repeated after a crash. An error is retried with back-off; Period
	// tells which period the run is for.
	Run func(ctx context.Context) error
}

// Config is what New needs.
type Config struct {
	DB      *sql.DB // SQLite: the writer pool (one connection); PostgreSQL: the pool
	Dialect string  // "sqlite" or "postgres"
	// Now is the services' clock (a demo may run another day); periods and
	// the times Runs reports are on it. Nil is the real clock.
	Now    func() time.Time
	Logger *slog.Logger // nil: slog.Default()
	Jobs   []Job

	// Tuning, mostly for tests; zero takes the default.
	PollInterval     time.Duration // how often to look for runs due; 1s
	RescueStuckAfter time.Duration // a run attempted this long ago (and past its Timeout) is retried; 1h
	MaxAttempts      int           // attempts before a run is given up (discarded); 10
	RetryBackoff     time.Duration // wait before the first retry, doubling each attempt up to an hour; 30s
	Workers          int           // runs at once in this runner; 4
	// WorkOnly makes a runner that works runs but never leads: it enqueues
	// no periodic runs and does no maintenance (rescue, retry scheduling,
	// cleanup). Another runner on the database must lead.
	WorkOnly bool
}

// Defaults for Config and Job.
const (
	DefaultTimeout          = 10 * time.Minute
	DefaultPollInterval     = time.Second
	DefaultRescueStuckAfter = time.Hour
	DefaultMaxAttempts      = 10
	DefaultRetryBackoff     = 30 * time.Second
	DefaultWorkers          = 4
	maxRetryBackoff         = time.Hour

	// CompletedRetention and DiscardedRetention are how long finished runs
	// stay in the table (and on the admin page).
	CompletedRetention = 7 * 24 * time.Hour
	DiscardedRetention = 30 * 24 * time.Hour
)

// kind is river's job kind for every run. River wants one static kind per Go
// args type, and the jobs are configured at run time, so one args type
// carries the job's name and one worker dispatches on it. The name is also
// the run's tag, which is what Runs filters on.
const kind = "firstset_job"

type runArgs struct {
	Name string `json:"name"`
	// Period is the start of the period on the runner's clock (RFC 3339),
	// empty for a run RunNow asked for. With Name it is the unique key.
	Period string `json:"period,omitempty"`
}

func (runArgs) Kind() string { return kind }

// River's rule for tags, which the names become.
var nameRE = regexp.MustCompile(`\A[\w][\w\-]+[\w]\z`)

// Runner runs the jobs of one Config.
type Runner struct {
	client  *river.Client[*sql.Tx]
	db      *sql.DB
	dialect string
	clock   *clock
	log     *slog.Logger
	jobs    map[string]*Job
	order   []string
	metrics *metrics

	stopOnce sync.Once
}

// New checks cfg and builds a runner; Start starts it. The database must
// have been migrated (Migrate).
func New(cfg Config) (*Runner, error) {
	if cfg.DB == nil {
		return nil, errors.New("jobs: no database")
	}
	var driver riverdriver.Driver[*sql.Tx]
	switch cfg.Dialect {
	case "sqlite":
		driver = riversqlite.New(cfg.DB)
	case "postgres":
		driver = riverdatabasesql.New(cfg.DB)
	default:
		return nil, fmt.Errorf("jobs: unknown dialect %q", cfg.Dialect)
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	r := &Runner{
		db:      cfg.DB,
		dialect: cfg.Dialect,
		clock:   &clock{now: cfg.Now},
		log:     log,
		jobs:    make(map[string]*Job, len(cfg.Jobs)),
	}
	var periodic []*river.PeriodicJob
	for i := range cfg.Jobs {
		j := cfg.Jobs[i]
		if !nameRE.MatchString(j.Name) || len(j.Name) > 100 {
			return nil, fmt.Errorf("jobs: name %q: use 3 to 100 letters, digits, _ and -", j.Name)
		}
		if _, dup := r.jobs[j.Name]; dup {
			return nil, fmt.Errorf("jobs: job %q configured twice", j.Name)
		}
		if j.Run == nil {
			return nil, fmt.Errorf("jobs: job %q has no Run", j.Name)
		}
		if err := j.Schedule.validate(); err != nil {
			return nil, fmt.Errorf("jobs: job %q: %w", j.Name, err)
		}
		if j.Timeout <= 0 {
			j.Timeout = DefaultTimeout
		}
		r.jobs[j.Name] = &j
		r.order = append(r.order, j.Name)
		periodic = append(periodic, river.NewPeriodicJob(
			riverSchedule{s: j.Schedule, clock: r.clock},
			r.periodConstructor(&j),
			&river.PeriodicJobOpts{ID: j.Name, RunOnStart: j.RunOnStart},
		))
	}
	if cfg.WorkOnly {
		periodic = nil
	}
	r.metrics = newMetrics(r)

	workers := river.NewWorkers()
	if err := river.AddWorkerSafely(workers, &worker{r: r}); err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	poll := cmpOr(cfg.PollInterval, DefaultPollInterval)
	rescue := cmpOr(cfg.RescueStuckAfter, DefaultRescueStuckAfter)
	client, err := river.NewClient(driver, &river.Config{
		Logger:                 log,
		Workers:                workers,
		Queues:                 map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cmpOr(cfg.Workers, DefaultWorkers)}},
		PeriodicJobs:           periodic,
		LeaderElectionDisabled: cfg.WorkOnly,
		FetchPollInterval:      poll,
		FetchCooldown:          min(poll, 100*time.Millisecond),
		// Without LISTEN/NOTIFY (database/sql on PostgreSQL) or with SQLite's
		// stand-in for it, which polls a table every 50 ms on the one writer
		// connection, polling for runs is both what happens anyway and cheaper.
		PollOnly:             true,
		MaxAttempts:          cmpOr(cfg.MaxAttempts, DefaultMaxAttempts),
		RetryPolicy:          backoff{first: cmpOr(cfg.RetryBackoff, DefaultRetryBackoff)},
		RescueStuckJobsAfter: rescue,
		// Each job's Timeout applies (worker.Timeout); this is only the
		// ceiling river checks RescueStuckJobsAfter against.
		JobTimeout:                  min(DefaultTimeout, rescue),
		CompletedJobRetentionPeriod: CompletedRetention,
		CancelledJobRetentionPeriod: DiscardedRetention,
		DiscardedJobRetentionPeriod: DiscardedRetention,
		// River's own clock stays the real one: its rescuer, cleaner and
		// retry policy read time.Now whatever Test.Time says, so a stubbed
		// clock ahead of or behind real time would leave runs unrescued or
		// rescue them while they run. The runner's clock enters through the
		// schedules and the periods instead.
	})
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	r.client = client
	return r, nil
}

func cmpOr[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// Start starts working runs, and (on the leader) enqueuing periodic ones.
// ctx should live as long as the runner: cancelling it stops the runner
// without waiting for runs.
func (r *Runner) Start(ctx context.Context) error {
	if err := r.client.Start(ctx); err != nil {
		return fmt.Errorf("jobs: start: %w", err)
	}
	return nil
}

// Stop stops fetching runs and waits for those under way until ctx ends;
// then it cancels them (they are retried after RescueStuckAfter, or by
// their own retry if they return the cancellation as an error).
func (r *Runner) Stop(ctx context.Context) error {
	var err error
	r.stopOnce.Do(func() {
		err = r.client.Stop(ctx)
		if err != nil && ctx.Err() != nil {
			cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if cerr := r.client.StopAndCancel(cctx); cerr != nil {
				err = errors.Join(err, cerr)
			}
		}
	})
	if err != nil {
		return fmt.Errorf("jobs: stop: %w", err)
	}
	return nil
}

// RunNow enqueues one run of the job named name, to be worked as soon as a
// runner is free (within PollInterval). Any runner on the database may work
// it, so the job must be configured on all of them.
func (r *Runner) RunNow(ctx context.Context, name string) error {
	if _, ok := r.jobs[name]; !ok {
		return fmt.Errorf("jobs: no job %q", name)
	}
	if _, err := r.client.Insert(ctx, runArgs{Name: name}, &river.InsertOpts{Tags: []string{name}}); err != nil {
		return fmt.Errorf("jobs: enqueue %s: %w", name, err)
	}
	return nil
}

// Jobs lists the configured jobs, in configuration order.
func (r *Runner) Jobs() []Job {
	out := make([]Job, 0, len(r.order))
	for _, name := range r.order {
		out = append(out, *r.jobs[name])
	}
	return out
}

// periodMargin absorbs the enqueuer waking a little early (river fires up
// to 100 ms before the planned time) or late: the period is the one that
// began at most this long after now.
const periodMargin = 500 * time.Millisecond

// periodConstructor makes the run of the current period. River calls it on
// the leader when a period begins (and on start-up for RunOnStart).
func (r *Runner) periodConstructor(j *Job) river.PeriodicJobConstructor {
	return func() (river.JobArgs, *river.InsertOpts) {
		period := j.Schedule.prev(r.clock.Now().Add(periodMargin))
		return runArgs{Name: j.Name, Period: period.Format(time.RFC3339Nano)}, &river.InsertOpts{
			Tags: []string{j.Name},
			// Unique by name and period among runs not discarded or
			// cancelled: one leader's second attempt, a second leader, or a
			// RunOnStart for a period that already ran adds nothing.
			UniqueOpts: river.UniqueOpts{ByArgs: true},
		}
	}
}

type periodKey struct{}

// Period is the start of the period the run in ctx is for, on the runner's
// clock; false for a run RunNow asked for.
func Period(ctx context.Context) (time.Time, bool) {
	t, ok := ctx.Value(periodKey{}).(time.Time)
	return t, ok
}

type worker struct {
	river.WorkerDefaults[runArgs]
	r *Runner
}

func (w *worker) Timeout(job *river.Job[runArgs]) time.Duration {
	if j, ok := w.r.jobs[job.Args.Name]; ok {
		return j.Timeout
	}
	return DefaultTimeout
}

func (w *worker) Work(ctx context.Context, job *river.Job[runArgs]) (err error) {
	j, ok := w.r.jobs[job.Args.Name]
	if !ok {
		// Perhaps another instance (newer or older) knows it; retrying
		// lets one of them take it, and gives up after MaxAttempts.
		return fmt.Errorf("no job %q on this instance", job.Args.Name)
	}
	if job.Args.Period != "" {
		p, perr := time.Parse(time.RFC3339Nano, job.Args.Period)
		if perr != nil {
			return fmt.Errorf("job %s: period %q: %w", j.Name, job.Args.Period, perr)
		}
		ctx = context.WithValue(ctx, periodKey{}, p)
	}
	start := time.Now()
	defer func() {
		// A panic becomes the attempt's error, so it is counted and
		// recorded like any other and retried.
		if v := recover(); v != nil {
			err = fmt.Errorf("panic: %v", v)
			w.r.log.Error("job panicked", "job", j.Name, "id", job.ID, "panic", v)
		}
		w.r.metrics.observe(j.Name, time.Since(start), err)
	}()
	return j.Run(ctx)
}

// backoff is the retry policy: first, then doubling, at most an hour. River
// compares retry times with the real clock, so this uses it too.
type backoff struct{ first time.Duration }

func (b backoff) NextRetry(job *rivertype.JobRow) time.Time {
	d := b.first
	for i := 1; i < len(job.Errors)+1 && d < maxRetryBackoff; i++ {
		d *= 2
	}
	return time.Now().Add(min(d, maxRetryBackoff))
}

// Collectors are the runner's metrics, for a Prometheus registry.
func (r *Runner) Collectors() []prometheus.Collector { return r.metrics.collectors() }
