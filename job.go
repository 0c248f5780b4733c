package firstset

import (
	"context"
	"time"
)

// Job is one of the platform's background jobs (expiry, reminders, email,
// housekeeping), as administrators see it.
type Job struct {
	Name  string `json:"name"`
	Label string `json:"label"`
	// Schedule says in Chinese when it runs (每日 00:05、每 10 分钟).
	Schedule string `json:"schedule"`
}

// JobRun is one run of a job: its attempts, when each began and ended,
// and the errors of those that failed (retried with back-off).
type JobRun struct {
	ID          int64         `json:"id"`
	Name        string        `json:"name"`
	Label       string        `json:"label"`
	State       string        `json:"state"`
	Attempt     int           `json:"attempt"`
	MaxAttempts int           `json:"max_attempts"`
	CreatedAt   time.Time     `json:"created_at"`
	ScheduledAt time.Time     `json:"scheduled_at"`
	AttemptedAt *time.Time    `json:"attempted_at,omitempty"`
	FinalizedAt *time.Time    `json:"finalized_at,omitempty"`
	Errors      []JobRunError `json:"errors"`
}

// JobRunError is one failed attempt.
type JobRunError struct {
	At      time.Time `json:"at"`
	Attempt int       `json:"attempt"`
	Message string    `json:"message"`
}

var jobStateLabels = map[string]string{
	"available": "待运行", "scheduled": "已排期", "running": "运行中", "retryable": "等待重试",
	"completed": "已完成", "discarded": "已放弃", "cancelled": "已取消", "pending": "待定",
}

// StateLabel is the run's state in Chinese.
func (r *JobRun) StateLabel() string {
	if l, ok := jobStateLabels[r.State]; ok {
		return l
	}
	return r.State
}

// JobFilter narrows a listing of runs.
type JobFilter struct {
	Name  string
	State string
	Limit int
}

// JobService shows the background jobs and their runs to administrators,
// and runs one now on request.
type JobService interface {
	Jobs(ctx context.Context) ([]Job, error)
	JobRuns(ctx context.Context, f JobFilter) ([]*JobRun, error)
	RunJobNow(ctx context.Context, name string) error
}
