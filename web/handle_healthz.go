package web

import "net/http"

// handleHealthz says the process is alive; it checks nothing else, so a
// database outage does not get healthy instances restarted.
func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte("ok\n"))
}
