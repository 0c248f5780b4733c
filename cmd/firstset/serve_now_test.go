package main

import (
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"firstset/date"
)

func TestServeNowNeedsTheDemo(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--now", "2027-01-05"},
		{"serve", "--demo", "--now", "2027-02-30"},
		{"serve", "--smtp", "http://127.0.0.1:25?from=a@example.gov.cn"},
	} {
		var out, errs syncBuffer
		if code := run(context.Background(), append(args, "--db", filepath.Join(t.TempDir(), "fs.db")), nil, &out, &errs); code != 2 {
			t.Errorf("%v: exit %d, want 2: %s", args, code, errs.String())
		}
		if errs.String() == "" {
			t.Errorf("%v: no message", args)
		}
	}
}

func TestShiftedClockStartsAtNineAndRuns(t *testing.T) {
	real := time.Date(2026, 12, 2, 3, 0, 0, 0, time.UTC)
	now := real
	clock := shiftedClock(date.MustParse("2027-01-05"), func() time.Time { return now })
	want := time.Date(2027, 1, 5, 9, 0, 0, 0, date.Shanghai)
	if got := clock(); !got.Equal(want) {
		t.Fatalf("clock starts at %v, want %v", got, want)
	}
	now = now.Add(90 * time.Minute)
	if got := clock(); !got.Equal(want.Add(90 * time.Minute)) {
		t.Fatalf("clock after 90 minutes: %v", got)
	}
}

// serveOnce starts serve with args and returns its base URL and a stop
// function reporting its exit code.
func serveOnce(t *testing.T, args ...string) (string, *syncBuffer, func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errs syncBuffer
	done := make(chan int)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), nil, &out, &errs)
	}()
	addr := regexp.MustCompile(`已启动：http://(127\.0\.0\.1:\d+)/`)
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if m := addr.FindStringSubmatch(out.String()); m != nil {
			return "http://" + m[1], &out, func() int { cancel(); return <-done }
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve did not start: %s %s", out.String(), errs.String())
		}
	}
}

// On a database that already holds the demo, --now moves only the clock:
// nothing is seeded again, and the demo's notice in progress has ended.
func TestServeDemoNowMovesOnlyTheClock(t *testing.T) {
	db := filepath.Join(t.TempDir(), "fs.db")
	base, out, stop := serveOnce(t, "--demo", "--db", db)
	// notice reads whether the newest notice is ongoing, whether every
	// notice has ended, and how many there are.
	notice := func(base string) (ongoing, ended bool, n int) {
		resp, err := http.Get(base + "/api/v1/notices")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var list struct {
			Items []struct{ Ongoing, Ended bool }
		}
		if err := json.NewDecoder(resp.Body).Decode(&list); err != nil || len(list.Items) == 0 {
			t.Fatalf("notices: %v %+v", err, list)
		}
		ended = true
		for _, it := range list.Items {
			ended = ended && it.Ended
		}
		return list.Items[0].Ongoing, ended, len(list.Items)
	}
	ongoing, _, notices := notice(base)
	if !ongoing {
		t.Fatal("the demo's newest notice is not in progress today")
	}
	if !strings.Contains(out.String(), "expert") {
		t.Fatalf("no demo logins printed: %s", out.String())
	}
	if code := stop(); code != 0 {
		t.Fatalf("serve exited %d", code)
	}
	later := date.Today().AddDays(30).String()
	base, out, stop = serveOnce(t, "--demo", "--now", later, "--db", db)
	defer stop()
	if _, ended, n := notice(base); !ended || n != notices {
		t.Fatalf("on %s the notice has not ended (or was seeded again: %d notices)", later, n)
	}
	if !strings.Contains(out.String(), "未重复载入演示数据") || !strings.Contains(out.String(), "演示时钟："+later) {
		t.Fatalf("the second start seeded again or kept the clock: %s", out.String())
	}
}
