package main

import (
	"context"
	"log/slog"
	"time"

	"firstset"
	"firstset/jobs"
	"firstset/service"
)

// platformJobs are the background jobs every instance runs: any instance
// may work any run, so all configure the same list.
func platformJobs(svc *service.Services, log *slog.Logger, mail bool) []jobs.Job {
	sys := func(ctx context.Context) context.Context {
		return firstset.NewContextWithActor(ctx, firstset.SystemActor())
	}
	counted := func(what string, f func(context.Context) (int, error)) func(context.Context) error {
		return func(ctx context.Context) error {
			n, err := f(sys(ctx))
			if n > 0 {
				log.Info(what, "count", n)
			}
			return err
		}
	}
	list := []jobs.Job{
		{Name: "catalog_expiry", Label: "目录有效期到期处理", Schedule: jobs.Daily(0, 5), RunOnStart: true,
			Run: counted("expired recognitions", svc.ExpireDue)},
		{Name: "validity_reminders", Label: "认定有效期届满提醒（90 天、30 天）", Schedule: jobs.Daily(8, 30), RunOnStart: true,
			Run: counted("validity reminders", svc.RemindExpiring)},
		{Name: "notice_endings", Label: "公示期满提醒", Schedule: jobs.Daily(8, 35), RunOnStart: true,
			Run: counted("notice endings", svc.RemindNoticeEndings)},
		{Name: "certificate_backfill", Label: "补发缺少的证书", Schedule: jobs.Daily(0, 15), RunOnStart: true,
			Run: counted("issued missing certificates", svc.IssueMissingCertificates)},
		{Name: service.OffersJob, Label: "免申即享：按保单数据测算保费补贴", Schedule: jobs.Daily(0, 25), RunOnStart: true,
			Timeout: 30 * time.Minute, Run: counted("subsidy offers written", svc.RecomputeOffers)},
		{Name: service.BulletinJob, Label: "编制上季度首台（套）使用情况定期通报（草稿）", Schedule: jobs.Daily(6, 0), RunOnStart: true,
			Timeout: 15 * time.Minute, Run: counted("bulletins composed", func(ctx context.Context) (int, error) {
				n, err := svc.ComposeDueBulletins(ctx)
				if firstset.ErrorCode(err) == firstset.EUNAVAILABLE {
					return 0, nil // no font: the operator is told at start-up; the reviewer composes once one is installed
				}
				return n, err
			})},
		{Name: "housekeeping", Label: "清理过期会话与幂等记录", Schedule: jobs.Every(10 * time.Minute), RunOnStart: true,
			Run: func(ctx context.Context) error {
				h, err := svc.Housekeep(ctx)
				if err == nil && h != (service.Housekeeping{}) {
					log.Info("housekeeping", "expired_sessions", h.ExpiredSessions,
						"old_login_failures", h.OldLoginFailures, "old_idempotent_replies", h.OldIdempotentReplies)
				}
				return err
			}},
	}
	if mail {
		list = append(list, jobs.Job{Name: "notification_email", Label: "发送通知邮件", Schedule: jobs.Every(30 * time.Second),
			RunOnStart: true, Timeout: 5 * time.Minute,
			Run: func(ctx context.Context) error {
				n, err := svc.SendPendingEmails(ctx, 100)
				if n > 0 {
					log.Info("notification email", "sent", n)
				}
				return err
			}})
	}
	return list
}

// jobReport shows a runner to the services (the admin page, the API).
type jobReport struct{ r *jobs.Runner }

func (j jobReport) Jobs() []firstset.Job {
	var out []firstset.Job
	for _, x := range j.r.Jobs() {
		out = append(out, firstset.Job{Name: x.Name, Label: x.Label, Schedule: x.Schedule.String()})
	}
	return out
}

func (j jobReport) RunNow(ctx context.Context, name string) error { return j.r.RunNow(ctx, name) }

func (j jobReport) Runs(ctx context.Context, f firstset.JobFilter) ([]*firstset.JobRun, error) {
	runs, err := j.r.Runs(ctx, jobs.RunFilter{Name: f.Name, State: f.State, Limit: f.Limit})
	if err != nil {
		return nil, err
	}
	out := make([]*firstset.JobRun, 0, len(runs))
	for _, r := range runs {
		jr := &firstset.JobRun{ID: r.ID, Name: r.Name, Label: r.Label, State: r.State, Attempt: r.Attempt,
			MaxAttempts: r.MaxAttempts, CreatedAt: r.CreatedAt, ScheduledAt: r.ScheduledAt,
			AttemptedAt: r.AttemptedAt, FinalizedAt: r.FinalizedAt, Errors: []firstset.JobRunError{}}
		for _, e := range r.Errors {
			jr.Errors = append(jr.Errors, firstset.JobRunError{At: e.At, Attempt: e.Attempt, Message: e.Message})
		}
		out = append(out, jr)
	}
	return out, nil
}
