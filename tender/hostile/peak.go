package hostile

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

// heapMetric is the bytes of heap objects, live or not yet swept: what
// the Go heap holds at a moment.
const heapMetric = "/memory/classes/heap/objects:bytes"

// PeakHeap runs fn and returns how far the heap grew above where it stood
// before, sampled every 200µs (runtime/metrics, which does not stop the
// world). It is for benchmarks: the peak, not the total allocated, is what
// decides whether a server survives a request.
func PeakHeap(fn func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: heapMetric}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base := read()
	var (
		peak uint64
		mu   sync.Mutex
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	note := func() {
		v := read()
		mu.Lock()
		peak = max(peak, v)
		mu.Unlock()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(200 * time.Microsecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				note()
			}
		}
	}()
	fn()
	note()
	close(done)
	wg.Wait()
	if peak < base {
		return 0
	}
	return peak - base
}
