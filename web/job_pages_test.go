package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"firstset"
)

// fakeRunner is a job runner with one job whose last run failed twice
// before it completed.
type fakeRunner struct {
	mu    sync.Mutex
	asked []string
}

func (f *fakeRunner) Jobs() []firstset.Job {
	return []firstset.Job{{Name: "catalog_expiry", Label: "目录有效期到期处理", Schedule: "每天 00:05（北京时间）"}}
}

func (f *fakeRunner) Runs(_ context.Context, fl firstset.JobFilter) ([]*firstset.JobRun, error) {
	at := time.Date(2026, 12, 2, 0, 5, 0, 0, time.UTC)
	done := at.Add(3 * time.Minute)
	return []*firstset.JobRun{{ID: 7, Name: "catalog_expiry", Label: "目录有效期到期处理", State: "completed", Attempt: 3,
		MaxAttempts: 10, CreatedAt: at, ScheduledAt: at, AttemptedAt: &done, FinalizedAt: &done,
		Errors: []firstset.JobRunError{{At: at, Attempt: 1, Message: "数据库连接中断"}, {At: at.Add(time.Minute), Attempt: 2, Message: "数据库连接中断"}}}}, nil
}

func (f *fakeRunner) RunNow(_ context.Context, name string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.asked = append(f.asked, name)
	return nil
}

// TestJobsPage: administrators see each job's runs with the errors of
// failed attempts, and can run a job now; nobody else can.
func TestJobsPage(t *testing.T) {
	env := newTestEnv(t)
	admin := env.login("admin")
	// Before the server has a runner, the page says so.
	if body := admin.get("/admin/jobs").Body.String(); !strings.Contains(body, "未在本实例运行") {
		t.Fatal("the jobs page does not say the jobs run elsewhere")
	}
	runner := &fakeRunner{}
	env.svc.UseJobRunner(runner)
	w := admin.get("/admin/jobs")
	wantStatus(t, "jobs page", w, http.StatusOK)
	for _, want := range []string{"目录有效期到期处理", "每天 00:05", "已完成", "第 1 次", "数据库连接中断", "立即运行"} {
		if !strings.Contains(w.Body.String(), want) {
			t.Fatalf("the jobs page lacks %q", want)
		}
	}
	w = admin.postForm("/admin/jobs/catalog_expiry/run", url.Values{})
	wantStatus(t, "run now", w, http.StatusSeeOther)
	wantStatus(t, "run an unknown job", admin.postForm("/admin/jobs/nothing/run", url.Values{}), http.StatusUnprocessableEntity)
	api := env.token("admin", firstset.ScopesForRole(firstset.RoleAdmin)...)
	var list struct {
		Jobs []firstset.Job    `json:"jobs"`
		Runs []firstset.JobRun `json:"runs"`
	}
	decode(t, api.get("/api/v1/jobs"), &list)
	if len(list.Jobs) != 1 || len(list.Runs) != 1 || len(list.Runs[0].Errors) != 2 {
		t.Fatalf("jobs API: %+v", list)
	}
	wantStatus(t, "run now, API", api.postJSON("/api/v1/jobs/catalog_expiry/run", nil), http.StatusAccepted)
	if len(runner.asked) != 2 {
		t.Fatalf("runs asked for: %v", runner.asked)
	}
	wantError(t, "jobs, reviewer", env.token("reviewer", firstset.ScopesForRole(firstset.RoleReviewer)...).get("/api/v1/jobs"),
		http.StatusForbidden, firstset.EFORBIDDEN)
	wantStatus(t, "jobs page, enterprise", env.login("ent-a").get("/admin/jobs"), http.StatusForbidden)
	wantError(t, "jobs, public", env.public().get("/api/v1/jobs"), http.StatusUnauthorized, firstset.EUNAUTHORIZED)
}
