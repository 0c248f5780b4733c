package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer the server may write while the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// metric reads one unlabelled series from the /metrics at base.
func metric(t *testing.T, base, name string) float64 {
	t.Helper()
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	m := regexp.MustCompile(`(?m)^` + name + ` (\S+)$`).FindSubmatch(body)
	if m == nil {
		t.Fatalf("/metrics has no %s", name)
	}
	v, err := strconv.ParseFloat(string(m[1]), 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// The server loads the catalog index into memory as it starts, then
// answers the public catalog from it, and /metrics on the metrics address
// shows both; on the main address /metrics needs a token.
func TestServeSearchesTheCatalogFromMemory(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var out, errs syncBuffer
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"serve", "--demo", "--addr", "127.0.0.1:0", "--metrics-addr", "127.0.0.1:0",
			"--db", filepath.Join(t.TempDir(), "fs.db")}, nil, &out, &errs)
	}()
	defer func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited %d: %s", code, errs.String())
		}
	}()
	addr := regexp.MustCompile(`已启动：http://(127\.0\.0\.1:\d+)/`)
	metricsAddr := regexp.MustCompile(`运行指标.*http://(127\.0\.0\.1:\d+)/metrics`)
	var base, metrics string
	for deadline := time.Now().Add(30 * time.Second); base == "" || metrics == ""; time.Sleep(20 * time.Millisecond) {
		m, mm := addr.FindStringSubmatch(out.String()), metricsAddr.FindStringSubmatch(out.String())
		if m != nil && mm != nil {
			base, metrics = "http://"+m[1], "http://"+mm[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("serve did not start: %s %s", out.String(), errs.String())
		}
	}
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("/metrics on the main address without a token: %s", resp.Status)
	}
	for deadline := time.Now().Add(30 * time.Second); metric(t, metrics, "firstset_catalog_index_products") == 0; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the catalog index was not loaded: %s", errs.String())
		}
	}
	before := metric(t, metrics, "firstset_catalog_searches_memory_total")
	for _, q := range []string{"", "智能", "机器人"} {
		resp, err := http.Get(base + "/api/v1/catalog?q=" + url.QueryEscape(q))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("catalog %q: %s", q, resp.Status)
		}
	}
	if got := metric(t, metrics, "firstset_catalog_searches_memory_total") - before; got != 3 {
		t.Fatalf("%v of 3 searches answered from memory", got)
	}
}
