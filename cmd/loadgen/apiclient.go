package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// apiClient sends the JSON API's requests of the recognition and upload
// modes with a bearer token, timing each call under its kind.
type apiClient struct {
	base   string
	client *http.Client
	// keyed sends every POST with an Idempotency-Key of its own.
	keyed bool
	run   uint64
	sent  atomic.Int64
}

// apiError is a refused or failed call: what was sent and what came back.
type apiError struct {
	method, path string
	status       int
	body         string
	err          error
}

func (e *apiError) Error() string {
	if e.err != nil {
		return fmt.Sprintf("%s %s: %v", e.method, e.path, e.err)
	}
	return fmt.Sprintf("%s %s: status %d: %s", e.method, e.path, e.status, e.body)
}

// call sends a JSON request (body nil: none) and decodes a 2xx answer into
// out (nil: discarded); the time it took is added to st under kind.
func (c *apiClient) call(ctx context.Context, st *stats, kind, token, method, path string, body, out any) error {
	var rd io.Reader
	var length int64
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd, length = bytes.NewReader(b), int64(len(b))
	}
	h := http.Header{}
	if body != nil {
		h.Set("Content-Type", "application/json")
	}
	return c.do(ctx, st, kind, token, method, path, h, rd, length, out)
}

// do sends one request and reads its answer.
func (c *apiClient) do(ctx context.Context, st *stats, kind, token, method, path string, h http.Header, body io.Reader, length int64, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return err
	}
	if body != nil {
		req.ContentLength = length
	}
	for k, v := range h {
		req.Header[k] = v
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if c.keyed && method == http.MethodPost {
		req.Header.Set("Idempotency-Key", fmt.Sprintf("loadgen-%x-%d", c.run, c.sent.Add(1)))
	}
	t0 := time.Now()
	resp, err := c.client.Do(req)
	if err != nil {
		e := &apiError{method: method, path: path, err: err}
		st.fail(kind, e)
		return e
	}
	answer, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	d := time.Since(t0)
	if err != nil {
		e := &apiError{method: method, path: path, status: resp.StatusCode, err: err}
		st.fail(kind, e)
		return e
	}
	if resp.StatusCode >= 300 {
		e := &apiError{method: method, path: path, status: resp.StatusCode, body: strings.TrimSpace(string(answer))}
		if len(e.body) > 600 {
			e.body = e.body[:600] + "…"
		}
		st.fail(kind, e)
		return e
	}
	st.ok(kind, d)
	if out != nil {
		if err := json.Unmarshal(answer, out); err != nil {
			return fmt.Errorf("%s %s: decode the answer: %w", method, path, err)
		}
	}
	return nil
}

// upload posts one file as multipart/form-data (the item field, then the
// file), streaming content of size bytes with an exact Content-Length.
func (c *apiClient) upload(ctx context.Context, st *stats, kind, token, path, item, filename string, content io.Reader, size int64, out any) error {
	var head bytes.Buffer
	mw := multipart.NewWriter(&head)
	_ = mw.WriteField("item", item)
	ph := textproto.MIMEHeader{}
	ph.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename="%s"`, filename))
	ph.Set("Content-Type", "application/pdf")
	if _, err := mw.CreatePart(ph); err != nil {
		return err
	}
	tail := "\r\n--" + mw.Boundary() + "--\r\n"
	body := io.MultiReader(bytes.NewReader(head.Bytes()), content, strings.NewReader(tail))
	h := http.Header{"Content-Type": {mw.FormDataContentType()}}
	return c.do(ctx, st, kind, token, http.MethodPost, path, h, body, int64(head.Len())+size+int64(len(tail)), out)
}

// stats gathers the latencies and failures of each kind of call.
type stats struct {
	mu    sync.Mutex
	kinds map[string]*kindStats
	order []string
}

type kindStats struct {
	lat      []time.Duration
	errors   int
	statuses map[int]int
	first    []string // the first few failures, verbatim
}

func newStats() *stats { return &stats{kinds: map[string]*kindStats{}} }

func (s *stats) get(kind string) *kindStats {
	k := s.kinds[kind]
	if k == nil {
		k = &kindStats{statuses: map[int]int{}}
		s.kinds[kind] = k
		s.order = append(s.order, kind)
	}
	return k
}

func (s *stats) ok(kind string, d time.Duration) {
	if s == nil {
		return
	}
	s.mu.Lock()
	s.get(kind).lat = append(s.get(kind).lat, d)
	s.mu.Unlock()
}

func (s *stats) fail(kind string, e *apiError) {
	if s == nil {
		return
	}
	s.mu.Lock()
	k := s.get(kind)
	k.errors++
	k.statuses[e.status]++
	if len(k.first) < 3 {
		k.first = append(k.first, e.Error())
	}
	s.mu.Unlock()
}

// errors is the number of failed calls of every kind.
func (s *stats) errors() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, k := range s.kinds {
		n += k.errors
	}
	return n
}

// line is one kind's calls and latency percentiles.
func (s *stats) line(kind string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := s.kinds[kind]
	if k == nil {
		return "calls=0"
	}
	lat := slices.Clone(k.lat)
	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[int(float64(len(lat)-1)*p)]
	}
	return fmt.Sprintf("calls=%d p50=%s p90=%s p99=%s max=%s errors=%d", len(lat), round(pct(.5)), round(pct(.9)),
		round(pct(.99)), round(pct(1)), k.errors)
}

// printFailures writes every kind's failures: their statuses and the
// first few answers verbatim.
func (s *stats) printFailures(w io.Writer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, name := range s.order {
		k := s.kinds[name]
		if k.errors == 0 {
			continue
		}
		fmt.Fprintf(w, "failures of %s: %d (by status: %v)\n", name, k.errors, k.statuses)
		for _, f := range k.first {
			fmt.Fprintln(w, "  ", f)
		}
	}
}

// parallel runs fn(i) for i in [0, n) on workers goroutines.
func parallel(n, workers int, fn func(i int)) time.Duration {
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range min(workers, max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
	return time.Since(start)
}
