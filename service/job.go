package service

import (
	"context"

	"firstset"
)

// JobRunner is the background-job runner the services report on; the
// server gives it once it has started one.
type JobRunner interface {
	Jobs() []firstset.Job
	Runs(ctx context.Context, f firstset.JobFilter) ([]*firstset.JobRun, error)
	RunNow(ctx context.Context, name string) error
}

// Background shows the job runner to administrators.
type Background struct{ *env }

var _ firstset.JobService = (*Background)(nil)

// UseJobRunner hands the services the runner to report on.
func (s *Services) UseJobRunner(r JobRunner) {
	s.runnerMu.Lock()
	s.runner = r
	s.runnerMu.Unlock()
}

func (s *Background) jobRunner(ctx context.Context) (JobRunner, error) {
	if err := actor(ctx).RequireRole(firstset.RoleAdmin); err != nil {
		return nil, err
	}
	s.runnerMu.Lock()
	r := s.runner
	s.runnerMu.Unlock()
	if r == nil {
		return nil, firstset.Errorf(firstset.EUNAVAILABLE, "后台任务未在本实例运行。")
	}
	return r, nil
}

func (s *Background) Jobs(ctx context.Context) ([]firstset.Job, error) {
	r, err := s.jobRunner(ctx)
	if err != nil {
		return nil, err
	}
	return r.Jobs(), nil
}

func (s *Background) JobRuns(ctx context.Context, f firstset.JobFilter) ([]*firstset.JobRun, error) {
	r, err := s.jobRunner(ctx)
	if err != nil {
		return nil, err
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	return r.Runs(ctx, f)
}

func (s *Background) RunJobNow(ctx context.Context, name string) error {
	r, err := s.jobRunner(ctx)
	if err != nil {
		return err
	}
	for _, j := range r.Jobs() {
		if j.Name == name {
			if err := r.RunNow(ctx, name); err != nil {
				return err
			}
			return s.store.Update(ctx, func(tx firstset.Tx) error {
				return s.record(ctx, tx, "run_job", "job", 0, nil, map[string]string{"job": name})
			})
		}
	}
	return firstset.Problems{{Field: "name", Code: "unknown", Message: "没有名为“" + name + "”的后台任务。"}}.Err()
}

// OffersJob is the name of the job that recomputes the subsidies offered
// from insurers' data (RecomputeOffers).
const OffersJob = "subsidy_offers"

// kick asks the runner, when there is one, to run job name soon; the
// request's outcome is the job's, so a failure to ask is only logged.
func (s *env) kick(ctx context.Context, name string) {
	s.runnerMu.Lock()
	r := s.runner
	s.runnerMu.Unlock()
	if r == nil {
		return
	}
	if err := r.RunNow(context.WithoutCancel(ctx), name); err != nil {
		s.log.Warn("could not start job", "job", name, "err", err)
	}
}
