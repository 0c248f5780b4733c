package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// Run is one run of a job, as river's table holds it. Times are on the
// runner's clock.
type Run struct {
	ID          int64
	Name        string
	Label       string // the job's Label; the name if this runner does not know the job
	State       string // available, scheduled, running, retryable, completed, discarded, cancelled (States)
	Attempt     int    // attempts made so far
	MaxAttempts int
	Period      *time.Time // the period it is for; nil for a RunNow run
	CreatedAt   time.Time
	ScheduledAt time.Time  // when it is (or was) due
	AttemptedAt *time.Time // when the last attempt began
	FinalizedAt *time.Time // when it completed or was given up
	Errors      []RunError // of the failed attempts, oldest first
}

// RunError is a failed attempt.
type RunError struct {
	At      time.Time
	Attempt int
	Message string
}

// RunFilter selects runs; zero fields select everything.
type RunFilter struct {
	Name  string
	State string
	Limit int // at most this many, newest first; DefaultRunsLimit if zero
}

// DefaultRunsLimit and MaxRunsLimit bound RunFilter.Limit.
const (
	DefaultRunsLimit = 50
	MaxRunsLimit     = 1000
)

// States are a run's possible states.
func States() []string {
	var out []string
	for _, s := range rivertype.JobStates() {
		out = append(out, string(s))
	}
	return out
}

// Runs lists runs newest first.
func (r *Runner) Runs(ctx context.Context, f RunFilter) ([]Run, error) {
	limit := f.Limit
	switch {
	case limit <= 0:
		limit = DefaultRunsLimit
	case limit > MaxRunsLimit:
		limit = MaxRunsLimit
	}
	p := river.NewJobListParams().Kinds(kind).OrderBy(river.JobListOrderByID, river.SortOrderDesc).First(limit)
	if f.Name != "" {
		p = p.TagsAll(f.Name)
	}
	if f.State != "" {
		if !slices.Contains(States(), f.State) {
			return nil, fmt.Errorf("jobs: unknown state %q", f.State)
		}
		p = p.States(rivertype.JobState(f.State))
	}
	res, err := r.client.JobList(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("jobs: list runs: %w", err)
	}
	off := r.clock.offset()
	shift := func(t time.Time) time.Time { return t.Add(off) }
	shiftPtr := func(t *time.Time) *time.Time {
		if t == nil {
			return nil
		}
		s := shift(*t)
		return &s
	}
	runs := make([]Run, 0, len(res.Jobs))
	for _, row := range res.Jobs {
		var args runArgs
		if err := json.Unmarshal(row.EncodedArgs, &args); err != nil {
			return nil, fmt.Errorf("jobs: run %d: %w", row.ID, err)
		}
		run := Run{
			ID:          row.ID,
			Name:        args.Name,
			Label:       args.Name,
			State:       string(row.State),
			Attempt:     row.Attempt,
			MaxAttempts: row.MaxAttempts,
			CreatedAt:   shift(row.CreatedAt),
			ScheduledAt: shift(row.ScheduledAt),
			AttemptedAt: shiftPtr(row.AttemptedAt),
			FinalizedAt: shiftPtr(row.FinalizedAt),
		}
		if j, ok := r.jobs[args.Name]; ok && j.Label != "" {
			run.Label = j.Label
		}
		if args.Period != "" {
			if t, err := time.Parse(time.RFC3339Nano, args.Period); err == nil {
				run.Period = &t
			}
		}
		for _, e := range row.Errors {
			run.Errors = append(run.Errors, RunError{At: shift(e.At), Attempt: e.Attempt, Message: e.Error})
		}
		runs = append(runs, run)
	}
	return runs, nil
}
