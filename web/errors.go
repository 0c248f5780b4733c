package web

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// serveError answers err in the request's language: JSON on the API, a
// page otherwise. Internal errors are logged with their cause and shown
// only as a generic message with the request id.
func (s *Server) serveError(w http.ResponseWriter, r *http.Request, err error) {
	if firstset.ErrorCode(err) == firstset.EINTERNAL {
		s.logger.ErrorContext(r.Context(), "request failed",
			"request_id", httpx.InfoFrom(r.Context()).ID, "error", err.Error())
	}
	if httpx.IsAPI(r) {
		s.base.WriteAPIError(w, r, err)
		return
	}
	s.ui.RenderError(w, r, err)
}
