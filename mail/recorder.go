package mail

import (
	"context"
	"slices"
	"sync"
)

// Recorder is a Sender that keeps the messages in memory instead of sending
// them, for the tests of the packages that send mail. It refuses what SMTP
// refuses (a bad address, a line break in the subject, a done context), so
// a test that passes with a Recorder does not fail on a real server for the
// message's sake. The zero value is ready; it is safe for concurrent use.
type Recorder struct {
	mu   sync.Mutex
	msgs []Message
}

var _ Sender = (*Recorder)(nil)

// Send keeps a copy of m.
func (r *Recorder) Send(ctx context.Context, m Message) error {
	if _, err := m.check(); err != nil {
		return failed(m.To, err)
	}
	if err := ctx.Err(); err != nil {
		return failed(m.To, err)
	}
	m.To = slices.Clone(m.To)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, m)
	return nil
}

// Messages returns copies of the messages sent so far, oldest first.
func (r *Recorder) Messages() []Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Message, len(r.msgs))
	for i, m := range r.msgs {
		m.To = slices.Clone(m.To)
		out[i] = m
	}
	return out
}
