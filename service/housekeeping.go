package service

import (
	"context"
	"fmt"

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
