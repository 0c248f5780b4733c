package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiJobList lists the background jobs and their latest runs
// (administrators).
func (s *Handler) apiJobList(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	f := firstset.JobFilter{Name: q.Text("job", "任务", 64), State: q.Text("state", "状态", 32), Limit: q.Number("limit", "条数", 1, 500, 100)}
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	jobs, err := s.Jobs.Jobs(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	runs, err := s.Jobs.JobRuns(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, map[string]any{"jobs": jobs, "runs": runs})
}

// apiJobRun runs a job now (administrators).
func (s *Handler) apiJobRun(w http.ResponseWriter, r *http.Request) {
	if err := s.Jobs.RunJobNow(r.Context(), r.PathValue("name")); err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusAccepted, map[string]string{"job": r.PathValue("name"), "status": "queued"})
}
