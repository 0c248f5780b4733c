package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"firstset"
)

const (
	idempotencyHeader       = "Idempotency-Key"
	codeIdempotencyMismatch = "idempotency_mismatch"
)

// idempotency makes an API POST carrying an Idempotency-Key safe to retry:
// the first answer is stored, scoped to the caller, and a retry with the
// same key and body gets that answer back instead of doing the work twice.
// The same key with another body is refused, because the retry is then
// not a retry.
func (s *Server) idempotency(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get(idempotencyHeader)
		// Anonymous calls (the calculator) change nothing, and one shared
		// anonymous scope would let strangers read each other's answers.
		if key == "" || r.Method != http.MethodPost || !isAPI(r) || s.opts.Store == nil || actorOf(r).IsPublic() {
			next.ServeHTTP(w, r)
			return
		}
		if len(key) > 200 {
			s.serveError(w, r, firstset.FieldErrorf(idempotencyHeader, firstset.EINVALID, "Idempotency-Key 不得超过 200 个字符。"))
			return
		}
		body, err := readBody(r)
		if err != nil {
			s.serveError(w, r, err)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))

		scoped := strconv.FormatInt(actorOf(r).ID(), 10) + ":" + key
		sum := sha256.New()
		fmt.Fprintf(sum, "%s %s\n", r.Method, r.URL.Path)
		sum.Write(body)
		hash := hex.EncodeToString(sum.Sum(nil))

		// Concurrent retries on one instance wait for the first to finish
		// rather than racing it.
		unlock := s.idemLocks.lock(scoped)
		defer unlock()

		stored, err := s.storedResponse(r.Context(), scoped)
		if err != nil {
			s.serveError(w, r, err)
			return
		}
		if stored != nil {
			if stored.RequestHash != hash {
				s.serveError(w, r, &firstset.Error{Code: codeIdempotencyMismatch, Field: idempotencyHeader,
					Message: "该 Idempotency-Key 已用于另一个请求内容不同的请求。"})
				return
			}
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.Header().Set("Idempotent-Replayed", "true")
			w.WriteHeader(stored.Status)
			_, _ = w.Write(stored.Body)
			return
		}

		rec := &bufferingWriter{header: make(http.Header)}
		next.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		// Only successes are stored: a refused request changed nothing, so
		// the caller may correct it and send it again under the same key.
		if rec.status >= 200 && rec.status < 300 {
			resp := &firstset.IdempotentResponse{Key: scoped, RequestHash: hash,
				Status: rec.status, Body: rec.body.Bytes(), CreatedAt: time.Now()}
			err := s.opts.Store.Update(r.Context(), func(tx firstset.Tx) error {
				return tx.SaveIdempotentResponse(r.Context(), resp)
			})
			if err != nil {
				s.logger.ErrorContext(r.Context(), "store idempotent response",
					"request_id", infoFrom(r.Context()).ID, "error", err.Error())
			}
		}
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.status)
		_, _ = rec.body.WriteTo(w)
	})
}

func (s *Server) storedResponse(ctx context.Context, key string) (*firstset.IdempotentResponse, error) {
	var stored *firstset.IdempotentResponse
	err := s.opts.Store.View(ctx, func(tx firstset.Tx) error {
		resp, err := tx.IdempotentResponse(ctx, key)
		if err != nil {
			return err
		}
		stored = resp
		return nil
	})
	if firstset.ErrorCode(err) == firstset.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("look up idempotent response: %w", err)
	}
	return stored, nil
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
