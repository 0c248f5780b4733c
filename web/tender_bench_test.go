package web

import (
	"bytes"
	"context"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"

	"firstset"
	"firstset/dbtest"
	"firstset/service"
	"firstset/tender/hostile"
)

// countingWriter is a ResponseWriter that keeps only the size of the body,
// so that the benchmark's own copy of a response does not count as the
// server's memory.
type countingWriter struct {
	header http.Header
	status int
	n      int
}

func (w *countingWriter) Header() http.Header         { return w.header }
func (w *countingWriter) WriteHeader(status int)      { w.status = status }
func (w *countingWriter) Write(p []byte) (int, error) { w.n += len(p); return len(p), nil }

// BenchmarkTenderHostileUploads posts the hostile documents measured in
// docs/BENCHMARKS.md to POST /api/v1/tender/check through the whole
// handler (limits, extraction, check, JSON) and reports the size of the
// answer (resp-bytes) and the peak growth of the heap while it is made
// (peak-heap-MB).
func BenchmarkTenderHostileUploads(b *testing.B) {
	store := dbtest.SQLite(b)
	logger := slog.New(slog.DiscardHandler)
	svc := service.New(store, service.DefaultConfig, logger)
	srv := New(Options{Services: ServicesOf(svc),
		Ready: store.Ping, Logger: logger})
	ctx := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
	u, err := svc.CreateUser(ctx, firstset.UserInput{Username: "buyer", Name: "招标监管用户", Role: firstset.RoleTender, Password: testPassword})
	if err != nil {
		b.Fatal(err)
	}
	_, secret, err := svc.CreateToken(firstset.NewContextWithActor(ctx, &firstset.Actor{User: u}),
		firstset.TokenInput{Name: "bench", Scopes: []firstset.Scope{firstset.ScopeCatalogRead}})
	if err != nil {
		b.Fatal(err)
	}
	docx := func(build func() ([]byte, error)) []byte {
		data, err := build()
		if err != nil {
			b.Fatal(err)
		}
		return data
	}
	cases := []struct {
		name, file string
		data       []byte
	}{
		{"sentence-lines.txt", "a.txt", hostile.SentenceLines(9 << 20)},
		{"sentence-run.txt", "a.txt", hostile.SentenceRun(9 << 20)},
		{"blank-lines.txt", "a.txt", hostile.BlankLines(9 << 20)},
		{"empty-paragraphs.docx", "a.docx", docx(func() ([]byte, error) { return hostile.ParagraphBomb(hostile.EmptyParagraph, 63<<20) })},
		{"unclosed-paragraphs.docx", "a.docx", docx(func() ([]byte, error) { return hostile.ParagraphBomb(hostile.UnclosedParagraph, 63<<20) })},
		{"giant-text.docx", "a.docx", docx(func() ([]byte, error) { return hostile.TextBomb(80 << 20) })},
		{"giant-comment.docx", "a.docx", docx(func() ([]byte, error) { return hostile.CommentBomb(80 << 20) })},
		{"distinct-sentences.txt", "a.txt", hostile.DistinctSentences(9 << 20)},
		{"word-like.docx", "a.docx", docx(func() ([]byte, error) { return hostile.WordLike(63<<20, 9<<20) })},
	}
	for _, c := range cases {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		fw, err := mw.CreateFormFile("file", c.file)
		if err == nil {
			_, err = fw.Write(c.data)
		}
		if err == nil {
			err = mw.Close()
		}
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.name, func(b *testing.B) {
			var peak uint64
			var w *countingWriter
			for b.Loop() {
				r := httptest.NewRequest(http.MethodPost, "/api/v1/tender/check", bytes.NewReader(body.Bytes()))
				r.Header.Set("Content-Type", mw.FormDataContentType())
				r.Header.Set("Authorization", "Bearer "+secret)
				w = &countingWriter{header: http.Header{}}
				peak = max(peak, hostile.PeakHeap(func() { srv.Handler().ServeHTTP(w, r) }))
			}
			b.ReportMetric(float64(w.status), "status")
			b.ReportMetric(float64(w.n), "resp-bytes")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}
