package web

import (
	"net/http"

	"firstset/web/api"
)

// buildHandler registers every route and wraps the mux in the middleware
// chain, outermost first in the order requests meet it.
func (s *Server) buildHandler() (http.Handler, error) {
	mux := http.NewServeMux()
	route := func(pattern string, h http.HandlerFunc) {
		mux.Handle(pattern, s.withPattern(pattern, h))
		s.patterns = append(s.patterns, pattern)
	}

	// Operations.
	route("GET /healthz", s.handleHealthz)
	route("GET /readyz", s.handleReadyz)
	route("GET /metrics", s.handleMetrics)

	// Pages.
	s.ui.Register(route)

	// JSON API.
	api.New(s.base, s.engine).Register(route)

	cop := http.NewCrossOriginProtection()
	for _, o := range s.opts.TrustedOrigins {
		if err := cop.AddTrustedOrigin(o); err != nil {
			return nil, err
		}
	}
	cop.SetDenyHandler(http.HandlerFunc(s.handleCrossOriginDenied))

	var h http.Handler = mux
	h = s.idempotency(h)
	h = s.checkQueryString(h)
	h = s.checkCSRFToken(h)
	h = s.limitBody(h) // inside authenticate, so a 413 page knows who is logged in
	h = s.authenticate(h)
	h = cop.Handler(h)
	h = securityHeaders(h)
	h = s.recoverPanics(h)
	h = s.observe(h)
	h = s.withRequestID(h)
	return h, nil
}
