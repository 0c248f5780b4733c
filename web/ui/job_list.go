package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

type jobListPage struct {
	// Unavailable says why this instance shows no jobs (it runs none).
	Unavailable string
	Jobs        []firstset.Job
	Runs        []*firstset.JobRun
	Job         string
}

// handleJobList shows the background jobs and their latest runs to
// administrators.
func (s *Handler) handleJobList(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	q := httpx.NewQueryReader(r)
	f := firstset.JobFilter{Name: q.Text("job", "任务", 64), Limit: 100}
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	jobs, err := s.Jobs.Jobs(r.Context())
	if firstset.ErrorCode(err) == firstset.EUNAVAILABLE {
		s.render(w, r, http.StatusOK, "job_list", "后台任务", jobListPage{Unavailable: firstset.ErrorMessage(err)})
		return
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	runs, err := s.Jobs.JobRuns(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "job_list", "后台任务", jobListPage{Jobs: jobs, Runs: runs, Job: f.Name})
}

// handleJobRun runs a job now.
func (s *Handler) handleJobRun(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	name := r.PathValue("name")
	if err := s.Jobs.RunJobNow(r.Context(), name); err != nil {
		s.ServeError(w, r, err)
		return
	}
	label := name
	if jobs, err := s.Jobs.Jobs(r.Context()); err == nil {
		for _, j := range jobs {
			if j.Name == name {
				label = j.Label
			}
		}
	}
	s.redirectWithFlash(w, r, "/admin/jobs?job="+name, "已安排立即运行“"+label+"”，稍后刷新查看结果。")
}
