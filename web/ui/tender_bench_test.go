package ui

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"testing"

	"firstset/tender/extract"
	"firstset/tender/hostile"
)

// BenchmarkTenderExportInflatingLines decodes the export field a hostile
// page could send: a few kilobytes of base64 that inflate to 20 million
// empty lines (the most the decoder reads for a 10 MiB document). The
// line limit refuses it while it is decoded (peak-heap-MB).
func BenchmarkTenderExportInflatingLines(b *testing.B) {
	var raw bytes.Buffer
	raw.WriteString(`[""`)
	for range 20_000_000 - 1 {
		raw.WriteString(`,""`)
	}
	raw.WriteString("]")
	var packed bytes.Buffer
	b64 := base64.NewEncoder(base64.StdEncoding, &packed)
	zw, err := flate.NewWriter(b64, flate.BestCompression)
	if err != nil {
		b.Fatal(err)
	}
	zw.Write(raw.Bytes())
	zw.Close()
	b64.Close()
	field := packed.String()
	raw = bytes.Buffer{}
	lim := extract.DefaultLimits
	var peak uint64
	for b.Loop() {
		peak = max(peak, hostile.PeakHeap(func() {
			if _, err := unpackLines(field, lim); err == nil {
				b.Fatal("inflating lines accepted")
			}
		}))
	}
	b.ReportMetric(float64(len(field)), "field-bytes")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}
