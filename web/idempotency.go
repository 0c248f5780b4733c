package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"

	"firstset"
	"firstset/web/httpx"
)

const (
	idempotencyHeader = "Idempotency-Key"
	// idempotencyAttempts bounds how often one request runs after finding
	// its key held by a change that then did not commit.
	idempotencyAttempts = 3
)

// idempotency makes an API POST carrying an Idempotency-Key safe to retry,
// on any instance: the services claim the key in the same transaction as
// the request's change, so the change is stored once; retries get the
// first answer, marked Idempotent-Replayed, and the same key with another
// body is refused (the retry is then not a retry). The rules are the
// services' (firstset.IdempotencyService); this layer hashes the request,
// carries the claim in its context and keeps the answer.
func (s *Server) idempotency(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get(idempotencyHeader)
		// Anonymous calls (the calculator) change nothing and have no keys
		// of their own (the services ignore them too): they do not queue.
		if key == "" || r.Method != http.MethodPost || !httpx.IsAPI(r) || s.base.Idempotency == nil || httpx.ActorOf(r).IsPublic() {
			next.ServeHTTP(w, r)
			return
		}
		sum := sha256.New()
		fmt.Fprintf(sum, "%s %s\n", r.Method, r.URL.Path)
		body, err := keptBody(r, sum)
		if err != nil {
			s.base.ServeError(w, r, err)
			return
		}
		defer body.Close()
		hash := hex.EncodeToString(sum.Sum(nil))

		// Concurrent retries on one instance wait for the first to finish
		// rather than racing it; across instances the claim decides.
		unlock := s.idemLocks.lock(firstset.IdempotencyScope(httpx.ActorOf(r), key))
		defer unlock()

		for attempt := 1; ; attempt++ {
			stored, claim, err := s.base.Idempotency.BeginIdempotent(r.Context(), key, hash)
			if err != nil {
				s.base.ServeError(w, r, err)
				return
			}
			if err := body.Rewind(); err != nil {
				s.base.ServeError(w, r, err)
				return
			}
			r.Body = io.NopCloser(body)
			if stored != nil {
				replay(w, stored)
				return
			}
			if claim == nil {
				next.ServeHTTP(w, r)
				return
			}
			rec := &bufferingWriter{header: make(http.Header)}
			next.ServeHTTP(rec, r.WithContext(firstset.NewContextWithIdempotencyClaim(r.Context(), claim)))
			if rec.status == 0 {
				rec.status = http.StatusOK
			}
			if claim.Lost() && attempt < idempotencyAttempts {
				// Another request's change holds the key and nothing of this
				// one was stored: what it answered is not this request's
				// answer. Begin again, which waits for the other's answer.
				continue
			}
			if err := s.base.Idempotency.FinishIdempotent(r.Context(), claim, rec.status, rec.body.Bytes()); err != nil {
				s.logger.ErrorContext(r.Context(), "store idempotent response",
					"request_id", httpx.InfoFrom(r.Context()).ID, "error", err.Error())
			}
			for k, v := range rec.header {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.status)
			_, _ = rec.body.WriteTo(w)
			return
		}
	})
}

// requestBody is a request's body kept for the handler after hashing, so
// each attempt reads it from the start.
type requestBody struct {
	io.ReadSeeker
	file *os.File // set when spooled to disk
}

func (b *requestBody) Rewind() error {
	if _, err := b.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("rewind request body: %w", err)
	}
	return nil
}

// Close removes a spooled body; the middleware calls it once the request
// is done (the handler is given the body without it).
func (b *requestBody) Close() error {
	if b.file != nil {
		name := b.file.Name()
		b.file.Close()
		os.Remove(name)
		b.file = nil
	}
	return nil
}

// keptBody reads r's body into sum and keeps it: in memory, or, for an
// attachment upload (up to the attachment size), in a temporary file, so
// that a keyed upload is never held whole in memory.
func keptBody(r *http.Request, sum io.Writer) (*requestBody, error) {
	if !httpx.IsAttachmentUpload(r.URL.Path) {
		body, err := httpx.ReadBody(r)
		if err != nil {
			return nil, err
		}
		sum.Write(body)
		return &requestBody{ReadSeeker: bytes.NewReader(body)}, nil
	}
	f, err := os.CreateTemp("", "firstset-upload-*")
	if err != nil {
		return nil, fmt.Errorf("spool request body: %w", err)
	}
	b := &requestBody{ReadSeeker: f, file: f}
	if _, err := io.Copy(io.MultiWriter(f, sum), r.Body); err != nil {
		b.Close()
		return nil, httpx.UploadReadError(err)
	}
	return b, nil
}

// replay answers with a stored answer.
func replay(w http.ResponseWriter, stored *firstset.IdempotentResponse) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Idempotent-Replayed", "true")
	w.WriteHeader(stored.Status)
	_, _ = w.Write(stored.Body)
}

// bufferingWriter holds a whole response so it can be stored before it is
// sent.
type bufferingWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferingWriter) Header() http.Header { return b.header }
func (b *bufferingWriter) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}
func (b *bufferingWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

// keyedMutex is a set of mutexes created on demand, one per key.
type keyedMutex struct {
	mu    sync.Mutex
	locks map[string]*keyedLock
}

type keyedLock struct {
	sync.Mutex
	waiters int
}

func (k *keyedMutex) lock(key string) (unlock func()) {
	k.mu.Lock()
	if k.locks == nil {
		k.locks = make(map[string]*keyedLock)
	}
	l := k.locks[key]
	if l == nil {
		l = &keyedLock{}
		k.locks[key] = l
	}
	l.waiters++
	k.mu.Unlock()
	l.Lock()
	return func() {
		l.Unlock()
		k.mu.Lock()
		l.waiters--
		if l.waiters == 0 {
			delete(k.locks, key)
		}
		k.mu.Unlock()
	}
}
