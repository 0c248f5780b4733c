package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// uploadConfig is what the upload mode is told by its flags.
type uploadConfig struct {
	recognitionConfig
	uploads  int
	megabyte int // payload after "%PDF-1.4\n", in 10^6 bytes
	rssPID   int
	rssEvery time.Duration
}

// runUpload measures attachment uploads: n PDFs of "%PDF-1.4\n" and
// megabyte×10^6 bytes of filler, each distinct (so each is stored, never
// reused), from cfg.workers at once, each worker's into a draft case of its
// own. With rssPID it samples the server's resident memory meanwhile.
func runUpload(ctx context.Context, api *apiClient, cfg uploadConfig) int {
	rc := cfg.recognitionConfig
	rc.cases, rc.warmup, rc.enterprises, rc.districts, rc.experts, rc.rounds = cfg.workers, 0, 1, 1, 0, 1
	start := time.Now()
	setup, err := setupRecognition(ctx, api, rc)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen: setup:", err)
		return 1
	}
	st := newStats()
	cases := make([]*caseState, cfg.workers)
	declare := setup.stages(api, rc)[0]
	for i := range cases {
		cases[i] = &caseState{index: i, product: setup.products[i], round: setup.rounds[0].ID}
		if !declare.do(ctx, st, i, cases[i]) {
			st.printFailures(os.Stderr)
			return 1
		}
	}
	item := setup.rounds[0].Checklist[0].Item
	fmt.Printf("setup: one enterprise, %d draft cases, prefix %s, in %s\n", len(cases), setup.prefix, time.Since(start).Round(time.Millisecond))
	size := int64(len(pdfHead)) + int64(cfg.megabyte)*1e6
	send := func(st *stats, i int) {
		c := cases[i%len(cases)]
		content := newFiller(fmt.Sprintf("%% loadgen %s upload %d\n", setup.prefix, i), size)
		_ = api.upload(ctx, st, "upload", setup.enterprises[0].token, fmt.Sprintf("/api/v1/recognitions/%d/attachments", c.id),
			item, fmt.Sprintf("大文件%d.pdf", i), content, size, nil)
	}
	var sampler *rssSampler
	if cfg.rssPID > 0 {
		sampler = &rssSampler{pid: cfg.rssPID}
		if sampler.first, err = readStatus(cfg.rssPID); err != nil {
			fmt.Fprintln(os.Stderr, "loadgen:", err)
			return 1
		}
	}
	if cfg.warmup > 0 {
		warm := newStats()
		parallel(cfg.warmup, cfg.workers, func(i int) { send(warm, cfg.uploads+i) })
		warm.printFailures(os.Stdout)
	}
	if sampler != nil {
		sampler.start(cfg.rssEvery)
	}
	el := parallel(cfg.uploads, cfg.workers, func(i int) { send(st, i) })
	fmt.Printf("mode=upload workers=%d uploads=%d size=%d bytes warmup=%d idempotency-key=%v\n", cfg.workers, cfg.uploads, size, cfg.warmup, api.keyed)
	ok := cfg.uploads - st.errors()
	fmt.Printf("throughput: %.1f MB/s (%d uploads of %.1f MB in %s), %s\n", float64(int64(ok)*size)/1e6/el.Seconds(), ok,
		float64(size)/1e6, el.Round(time.Millisecond), st.line("upload"))
	if sampler != nil {
		sampler.stop()
		sampler.print(os.Stdout)
	}
	st.printFailures(os.Stdout)
	if st.errors() > 0 {
		return 1
	}
	return 0
}

var pdfHead = "%PDF-1.4\n"

// filler reads "%PDF-1.4\n", a line of its own, then lines of filler up to
// size bytes, without holding them.
type filler struct {
	head []byte
	left int64
	pos  int
}

var fillerLine = []byte("% filler 0123456789 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789\n")

func newFiller(line string, size int64) *filler {
	head := []byte(pdfHead + line)
	return &filler{head: head, left: size}
}

func (f *filler) Read(p []byte) (int, error) {
	if f.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > f.left {
		p = p[:f.left]
	}
	n := 0
	if len(f.head) > 0 {
		n = copy(p, f.head)
		f.head = f.head[n:]
	}
	for n < len(p) {
		k := copy(p[n:], fillerLine[f.pos:])
		f.pos = (f.pos + k) % len(fillerLine)
		n += k
	}
	f.left -= int64(n)
	return n, nil
}

// rssSampler reads a process's VmRSS from /proc every few milliseconds.
type rssSampler struct {
	pid         int
	first       procStatus // before the warm-up
	base, after procStatus
	peak        int64
	samples     int
	done        chan struct{}
	wg          sync.WaitGroup
}

type procStatus struct{ rss, hwm int64 } // kB

func readStatus(pid int) (procStatus, error) {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return procStatus{}, err
	}
	defer f.Close()
	var s procStatus
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		fields := strings.Fields(value)
		if len(fields) == 0 {
			continue
		}
		n, _ := strconv.ParseInt(fields[0], 10, 64)
		switch name {
		case "VmRSS":
			s.rss = n
		case "VmHWM":
			s.hwm = n
		}
	}
	return s, sc.Err()
}

func (r *rssSampler) start(every time.Duration) {
	r.base, _ = readStatus(r.pid)
	r.peak = r.base.rss
	r.done = make(chan struct{})
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-r.done:
				return
			case <-t.C:
				if s, err := readStatus(r.pid); err == nil {
					r.samples++
					r.peak = max(r.peak, s.rss)
				}
			}
		}
	}()
}

func (r *rssSampler) stop() {
	close(r.done)
	r.wg.Wait()
	r.after, _ = readStatus(r.pid)
	r.peak = slices.Max([]int64{r.peak, r.after.rss})
}

func (r *rssSampler) print(w io.Writer) {
	mb := func(kb int64) float64 { return float64(kb) / 1024 }
	fmt.Fprintf(w, "server VmRSS (pid %d, %d samples): before warm-up %.1f MB; baseline %.1f MB; peak %.1f MB (growth %.1f MB); after %.1f MB; VmHWM %.1f → %.1f MB\n",
		r.pid, r.samples, mb(r.first.rss), mb(r.base.rss), mb(r.peak), mb(r.peak-r.base.rss), mb(r.after.rss), mb(r.first.hwm), mb(r.after.hwm))
}
