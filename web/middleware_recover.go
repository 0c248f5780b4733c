package web

import (
	"fmt"
	"net/http"
	"runtime/debug"

	"firstset"
	"firstset/web/httpx"
)

// recoverPanics turns a panicking handler into a logged 500 answer, so one
// bad request does not take the connection down without a word.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v) // the server's own signal to drop the connection
			}
			s.logger.ErrorContext(r.Context(), "handler panicked",
				"request_id", httpx.InfoFrom(r.Context()).ID,
				"panic", fmt.Sprint(v),
				"stack", string(debug.Stack()))
			if rec, ok := w.(*statusRecorder); ok && rec.wroteHeader() {
				return // too late for an error page; the log has it
			}
			s.base.ServeError(w, r, &firstset.Error{Code: firstset.EINTERNAL, Err: fmt.Errorf("panic: %v", v)})
		}()
		next.ServeHTTP(w, r)
	})
}
