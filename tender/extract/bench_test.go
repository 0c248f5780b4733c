package extract

import (
	"testing"

	"firstset/tender/hostile"
)

// BenchmarkExtractHostile reads the hostile documents of package hostile at
// their measured sizes (docs/BENCHMARKS.md) with DefaultLimits and reports
// the peak growth of the heap while one is read (peak-heap-MB).
func BenchmarkExtractHostile(b *testing.B) {
	build := func(f func(int) ([]byte, error), n int) []byte {
		data, err := f(n)
		if err != nil {
			b.Fatal(err)
		}
		return data
	}
	paragraphs := func(p string) func(int) ([]byte, error) {
		return func(n int) ([]byte, error) { return hostile.ParagraphBomb(p, n) }
	}
	cases := []struct {
		name, file string
		data       []byte
	}{
		{"sentence-lines.txt", "a.txt", hostile.SentenceLines(9 << 20)},
		{"sentence-run.txt", "a.txt", hostile.SentenceRun(9 << 20)},
		{"blank-lines.txt", "a.txt", hostile.BlankLines(9 << 20)},
		{"empty-paragraphs.docx", "a.docx", build(paragraphs(hostile.EmptyParagraph), 63<<20)},
		{"unclosed-paragraphs.docx", "a.docx", build(paragraphs(hostile.UnclosedParagraph), 63<<20)},
		{"giant-text.docx", "a.docx", build(hostile.TextBomb, 80<<20)},
		{"giant-comment.docx", "a.docx", build(hostile.CommentBomb, 80<<20)},
		{"distinct-sentences.txt", "a.txt", hostile.DistinctSentences(9 << 20)},
		{"word-like.docx", "a.docx", build(func(n int) ([]byte, error) { return hostile.WordLike(n, 9<<20) }, 63<<20)},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.data)))
			var peak uint64
			for b.Loop() {
				peak = max(peak, hostile.PeakHeap(func() { _, _ = Bytes(c.file, c.data) }))
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}
