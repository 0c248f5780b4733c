package service

import (
	"context"
	"fmt"
	"time"

	"firstset"
)

// Housekeeping is what one round of Housekeep removed.
type Housekeeping struct {
	ExpiredSessions      int64
	OldLoginFailures     int64
	OldIdempotentReplies int64
}

// Housekeep removes rows that can no longer matter: expired sessions,
// login failures older than the throttling window, and stored answers to
// idempotent POSTs older than IdempotencyRetention. The server runs it on
// a timer; it touches nothing a user can see, so it asks for no actor.
func (s *Services) Housekeep(ctx context.Context) (Housekeeping, error) {
	now := s.Now()
	var h Housekeeping
	err := s.store.Update(ctx, func(tx firstset.Tx) (err error) {
		if h.ExpiredSessions, err = tx.DeleteExpiredSessions(ctx, now); err != nil {
			return err
		}
		if h.OldLoginFailures, err = tx.DeleteLoginFailuresBefore(ctx, now.Add(-s.cfg.FailureWindow)); err != nil {
			return err
		}
		h.OldIdempotentReplies, err = tx.DeleteIdempotentResponsesBefore(ctx, now.Add(-s.cfg.IdempotencyRetention))
		return err
	})
	if err != nil {
		return Housekeeping{}, fmt.Errorf("housekeeping: %w", err)
	}
	return h, nil
}

// HousekeepEvery runs Housekeep now and then every interval until ctx is
// done, logging what each round removed.
func (s *Services) HousekeepEvery(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		h, err := s.Housekeep(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			s.log.Error("housekeeping", "err", err)
		case err == nil && h != (Housekeeping{}):
			s.log.Info("housekeeping", "expired_sessions", h.ExpiredSessions,
				"old_login_failures", h.OldLoginFailures, "old_idempotent_replies", h.OldIdempotentReplies)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// MailEvery sends the notifications waiting for email every interval
// until ctx ends.
func (s *Services) MailEvery(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if n, err := s.SendPendingEmails(ctx, 100); err != nil && ctx.Err() == nil {
			s.log.Error("notification email", "err", err)
		} else if n > 0 {
			s.log.Info("notification email", "sent", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
