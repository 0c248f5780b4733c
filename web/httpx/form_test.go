package httpx

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"firstset"
)

// FuzzParsePostedForm: a posted form, URL-encoded or multipart (the
// tender upload's path), is read into UTF-8 values or refused with an
// error a person can read (bad_request, or too_large past the route's
// limit); it never panics.
func FuzzParsePostedForm(f *testing.F) {
	const boundary = "fuzzboundary"
	f.Add(false, []byte("name=%E6%95%B0%E6%8E%A7&model=VMC-850&param_name=a&param_name=b"))
	f.Add(false, []byte("name=%FF&x=%zz;y=1"))
	f.Add(true, []byte("--fuzzboundary\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n招标文件\r\n"+
		"--fuzzboundary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nabc\r\n"+
		"--fuzzboundary\r\nContent-Disposition: form-data; name=\"product_id\"\r\n\r\n7\r\n--fuzzboundary--\r\n"))
	f.Add(true, []byte("--fuzzboundary\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n\xff\xfe\r\n--fuzzboundary--\r\n"))
	f.Add(true, []byte("--fuzzboundary\r\nContent-Disposition: form-data; name=\"a\r\n\r\n"))
	s := &Base{MaxBodyBytes: 4 << 10, MaxUploadBytes: 64 << 10}
	f.Fuzz(func(t *testing.T, multipart bool, body []byte) {
		r := httptest.NewRequest(http.MethodPost, TenderPagePath, bytes.NewReader(body))
		if multipart {
			r.Header.Set("Content-Type", "multipart/form-data; boundary="+boundary)
		} else {
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		r.Body = http.MaxBytesReader(httptest.NewRecorder(), r.Body, s.BodyLimit(r))
		err := s.ParsePostedForm(r)
		if err != nil {
			e, ok := firstset.AsError(FormParseError(err))
			if !ok || (e.Code != firstset.EBADREQUEST && e.Code != firstset.ETOOLARGE) || !hasHan(e.Message) {
				t.Fatalf("%q: %v", body, err)
			}
			return
		}
		for name, values := range r.PostForm {
			for _, v := range values {
				if !utf8.ValidString(name) || !utf8.ValidString(v) {
					t.Fatalf("%q: accepted %q = %q", body, name, v)
				}
			}
		}
		if file, _, err := r.FormFile("file"); err == nil {
			_, _ = io.Copy(io.Discard, file)
			file.Close()
		}
		if r.MultipartForm != nil {
			_ = r.MultipartForm.RemoveAll()
		}
	})
}

func TestQueryPageBounds(t *testing.T) {
	read := func(query string) (int, int, error) {
		q := NewQueryReader(httptest.NewRequest(http.MethodGet, "/x?"+query, nil))
		page, per := q.Page(20)
		return page, per, q.Err()
	}
	for query, want := range map[string][2]int{"": {1, 20}, "page=3&per_page=100": {3, 100}, "page=&per_page=": {1, 20},
		"page=100000&per_page=1": {100000, 1}, "page=%2B7": {7, 20}} {
		if page, per, err := read(query); err != nil || page != want[0] || per != want[1] {
			t.Errorf("%s: %d, %d, %v; want %v", query, page, per, err, want)
		}
	}
	for query, field := range map[string]string{"page=-3": "page", "page=0": "page", "page=100001": "page", "page=1e3": "page",
		"per_page=0": "per_page", "per_page=101": "per_page", "per_page=x": "per_page", "page=1&page=2": "page"} {
		_, _, err := read(query)
		if e, ok := firstset.AsError(err); !ok || e.Code != firstset.EBADREQUEST || e.Field != field || !strings.Contains(e.Message, field) {
			t.Errorf("%s: %v; want a bad_request naming %s", query, err, field)
		}
	}
}
