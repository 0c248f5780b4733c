package jobs

import (
	"context"
	"database/sql"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics: attempts as this instance worked them (outcome completed or
// failed), their durations, and the number of runs in each state across all
// instances, read from the table when scraped.
type metrics struct {
	runs     *prometheus.CounterVec
	duration *prometheus.HistogramVec
	states   *stateCollector
}

func newMetrics(r *Runner) *metrics {
	m := &metrics{
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "firstset_job_runs_total",
			Help: "Job attempts worked by this instance, by job and outcome (completed, failed).",
		}, []string{"job", "outcome"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "firstset_job_duration_seconds",
			Help:    "How long job attempts took on this instance.",
			Buckets: []float64{0.01, 0.05, 0.25, 1, 5, 30, 120, 600},
		}, []string{"job"}),
		states: &stateCollector{
			r: r,
			desc: prometheus.NewDesc("firstset_jobs",
				"Runs in river's table by job and state (all instances).",
				[]string{"job", "state"}, nil),
		},
	}
	// Series exist from the start, so a rate is defined before the first
	// failure.
	for _, name := range r.order {
		m.runs.WithLabelValues(name, "completed")
		m.runs.WithLabelValues(name, "failed")
	}
	return m
}

func (m *metrics) observe(job string, d time.Duration, err error) {
	outcome := "completed"
	if err != nil {
		outcome = "failed"
	}
	m.runs.WithLabelValues(job, outcome).Inc()
	m.duration.WithLabelValues(job).Observe(d.Seconds())
}

func (m *metrics) collectors() []prometheus.Collector {
	return []prometheus.Collector{m.runs, m.duration, m.states}
}

type stateCollector struct {
	r    *Runner
	desc *prometheus.Desc
}

func (c *stateCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *stateCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	counts, err := c.r.countStates(ctx)
	if err != nil {
		c.r.log.Warn("jobs metrics", "error", err)
		ch <- prometheus.NewInvalidMetric(c.desc, err)
		return
	}
	for _, name := range c.r.order {
		if counts[name] == nil {
			counts[name] = map[string]float64{}
		}
	}
	for name, byState := range counts {
		for _, state := range States() {
			ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, byState[state], name, state)
		}
	}
}

// countStates counts runs by job name and state.
func (r *Runner) countStates(ctx context.Context) (map[string]map[string]float64, error) {
	q := `SELECT args->>'name', state, count(*) FROM river_job WHERE kind = $1 GROUP BY 1, 2`
	if r.dialect == "sqlite" {
		q = `SELECT json_extract(args, '$.name'), state, count(*) FROM river_job WHERE kind = ? GROUP BY 1, 2`
	}
	rows, err := r.db.QueryContext(ctx, q, kind)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]map[string]float64{}
	for rows.Next() {
		var (
			name  sql.NullString
			state string
			n     float64
		)
		if err := rows.Scan(&name, &state, &n); err != nil {
			return nil, err
		}
		if out[name.String] == nil {
			out[name.String] = map[string]float64{}
		}
		out[name.String][state] += n
	}
	return out, rows.Err()
}
