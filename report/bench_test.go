package report_test

import (
	"io"
	"iter"
	"runtime"
	"slices"
	"testing"

	"firstset/report"
	"firstset/report/reporttest"
)

// The benchmarks' quarter: 50,000 purchases (nine in ten inside it) by
// 200 buyers of 1,500 products.
const (
	benchPurchases = 50_000
	benchBuyers    = 200
	benchProducts  = 1_500
)

var benchPeriod = report.MustPeriod("2026Q3")

func benchBulletin(b *testing.B) (*report.Bulletin, []report.Purchase) {
	b.Helper()
	purchases := reporttest.Purchases(benchPurchases, benchBuyers, benchProducts, benchPeriod)
	bl, err := report.Compose(benchPeriod, slices.Values(purchases), reporttest.Totals(purchases, benchPeriod), report.ExemptionCount{Requested: 9, Granted: 6, Refused: 2})
	if err != nil {
		b.Fatal(err)
	}
	return bl, purchases
}

func BenchmarkCompose50k(b *testing.B) {
	purchases := reporttest.Purchases(benchPurchases, benchBuyers, benchProducts, benchPeriod)
	totals := reporttest.Totals(purchases, benchPeriod)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := report.Compose(benchPeriod, slices.Values(purchases), totals, report.ExemptionCount{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompose50kStream composes from records made one at a time, as
// a database cursor yields them, and reports the peak heap seen while
// they stream by and what the bulletin keeps.
func BenchmarkCompose50kStream(b *testing.B) {
	totals := reporttest.Totals(reporttest.Purchases(benchPurchases, benchBuyers, benchProducts, benchPeriod), benchPeriod)
	var peak, kept uint64
	for b.Loop() {
		base := heap()
		seq, high := sampled(reporttest.Stream(benchPurchases, benchBuyers, benchProducts, benchPeriod), 2_000)
		bl, err := report.Compose(benchPeriod, seq, totals, report.ExemptionCount{})
		if err != nil {
			b.Fatal(err)
		}
		peak = max(peak, *high-min(*high, base))
		kept = heap() - min(heap(), base)
		runtime.KeepAlive(bl)
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(kept)/(1<<10), "kept-KB")
}

func BenchmarkWriteXLSX50k(b *testing.B) {
	bl, purchases := benchBulletin(b)
	b.ReportAllocs()
	var out countingWriter
	for b.Loop() {
		out = 0
		if err := report.WriteXLSX(&out, bl, slices.Values(purchases)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(out)/(1<<20), "MB/xlsx")
}

// BenchmarkWriteXLSX50kStream writes the detail from records made one at
// a time and reports the peak heap while they stream.
func BenchmarkWriteXLSX50kStream(b *testing.B) {
	bl, _ := benchBulletin(b)
	var peak uint64
	for b.Loop() {
		base := heap()
		seq, high := sampled(reporttest.Stream(benchPurchases, benchBuyers, benchProducts, benchPeriod), 2_000)
		if err := report.WriteXLSX(io.Discard, bl, seq); err != nil {
			b.Fatal(err)
		}
		peak = max(peak, *high-min(*high, base))
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}

// heap is the live heap after a collection.
func heap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// sampled passes seq through, reading the heap every n records; high is
// the most it saw.
func sampled[T any](seq iter.Seq[T], n int) (iter.Seq[T], *uint64) {
	high := new(uint64)
	return func(yield func(T) bool) {
		i := 0
		var m runtime.MemStats
		for v := range seq {
			if i++; i%n == 0 {
				runtime.ReadMemStats(&m)
				*high = max(*high, m.HeapAlloc)
			}
			if !yield(v) {
				return
			}
		}
	}, high
}

// Compose keeps aggregates, not purchases: ten times the records of the
// same buyers and products leave a bulletin of about the same size.
func TestComposeMemoryIsTheAggregates(t *testing.T) {
	if testing.Short() {
		t.Skip("composes 55,000 purchases")
	}
	kept := func(n int) uint64 {
		base := heap()
		bl, err := report.Compose(benchPeriod, reporttest.Stream(n, benchBuyers, benchProducts, benchPeriod), nil, report.ExemptionCount{})
		if err != nil {
			t.Fatal(err)
		}
		k := heap() - min(heap(), base)
		runtime.KeepAlive(bl)
		return k
	}
	small, large := kept(5_000), kept(50_000)
	t.Logf("the bulletin of 5,000 purchases keeps %d KB, of 50,000 %d KB", small>>10, large>>10)
	if large > 2*small+256<<10 {
		t.Errorf("the bulletin of 50,000 purchases keeps %d KB, of 5,000 %d KB: does it hold the records?", large>>10, small>>10)
	}
}
