package jobs

import (
	"fmt"
	"time"

	"firstset/date"
)

// Schedule says when a periodic job's periods begin. Both kinds are pure
// functions of the time, so every instance (and a new leader after a
// failover) computes the same period boundaries, which is what makes a
// period's run unique across instances.
type Schedule struct {
	every        time.Duration // Every; zero for Daily
	hour, minute int           // Daily, in Asia/Shanghai
}

// Daily is every day at hour:minute, Asia/Shanghai.
func Daily(hour, minute int) Schedule { return Schedule{hour: hour, minute: minute} }

// Every is every d, at multiples of d since the Unix epoch (so Every(time.Hour)
// runs on the hour and Every(24*time.Hour) at 08:00 Asia/Shanghai).
func Every(d time.Duration) Schedule { return Schedule{every: d} }

func (s Schedule) validate() error {
	if s.every != 0 {
		// River's periodic enqueuer wants at least a second between runs.
		if s.every < time.Second {
			return fmt.Errorf("every %v: the shortest period is one second", s.every)
		}
		return nil
	}
	if s.hour < 0 || s.hour > 23 || s.minute < 0 || s.minute > 59 {
		return fmt.Errorf("daily %02d:%02d is not a time of day", s.hour, s.minute)
	}
	return nil
}

// String describes the schedule for the admin page.
func (s Schedule) String() string {
	switch {
	case s.every == 0:
	case s.every%time.Hour == 0:
		return fmt.Sprintf("每 %d 小时", s.every/time.Hour)
	case s.every%time.Minute == 0:
		return fmt.Sprintf("每 %d 分钟", s.every/time.Minute)
	case s.every%time.Second == 0:
		return fmt.Sprintf("每 %d 秒", s.every/time.Second)
	default:
		return "每 " + s.every.String()
	}
	return fmt.Sprintf("每天 %02d:%02d（北京时间）", s.hour, s.minute)
}

// prev is the start of the period holding t: the latest boundary at or
// before t.
func (s Schedule) prev(t time.Time) time.Time {
	if s.every != 0 {
		return t.Truncate(s.every).UTC()
	}
	local := t.In(date.Shanghai)
	y, m, d := local.Date()
	b := time.Date(y, m, d, s.hour, s.minute, 0, 0, date.Shanghai)
	if b.After(local) {
		b = time.Date(y, m, d-1, s.hour, s.minute, 0, 0, date.Shanghai)
	}
	return b.UTC()
}

// next is the first boundary after t.
func (s Schedule) next(t time.Time) time.Time {
	if s.every != 0 {
		return s.prev(t).Add(s.every)
	}
	p := s.prev(t).In(date.Shanghai)
	y, m, d := p.Date()
	// Shanghai has no daylight saving, but building the day with time.Date
	// rather than adding 24h keeps the wall-clock time if that ever changes.
	return time.Date(y, m, d+1, s.hour, s.minute, 0, 0, date.Shanghai).UTC()
}

// riverSchedule is a Schedule as river's periodic enqueuer asks for it. River
// runs on the real clock; the schedule is on the runner's clock (a demo may
// run in another year), so the boundary is found on the runner's clock and
// converted back by the current difference between the two.
type riverSchedule struct {
	s     Schedule
	clock *clock
}

func (rs riverSchedule) Next(current time.Time) time.Time {
	// River passes the last planned run time. After a long pause (a stopped
	// process, a suspended machine) that lies far back; starting from now
	// skips the missed periods instead of running each of them in a burst.
	base := current
	if now := time.Now(); now.After(base) {
		base = now
	}
	off := rs.clock.offset()
	return rs.s.next(base.Add(off)).Add(-off)
}

// clock is the runner's clock: Config.Now, or the real one.
type clock struct {
	now func() time.Time
}

func (c *clock) Now() time.Time {
	if c.now == nil {
		return time.Now()
	}
	return c.now()
}

// offset is how far the runner's clock is ahead of the real one.
func (c *clock) offset() time.Duration {
	if c.now == nil {
		return 0
	}
	return c.now().Sub(time.Now()).Round(time.Millisecond)
}
