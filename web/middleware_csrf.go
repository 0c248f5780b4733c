package web

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// checkCSRFToken requires the session's synchronizer token on every unsafe
// request authenticated by the session cookie, in the form field or (for
// scripts) the X-CSRF-Token header. It backs up the Origin check done by
// http.CrossOriginProtection for browsers that send neither Origin nor
// Sec-Fetch-Site. Bearer-token calls carry no ambient credential and are
// exempt.
func (s *Server) checkCSRFToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		session := httpx.InfoFrom(r.Context()).Session
		// The login form carries its pre-session's token, not a session's,
		// and its handler checks it (httpx.CheckLoginToken), logged in or not.
		if session == nil || httpx.IsSafeMethod(r.Method) || r.URL.Path == "/login" {
			next.ServeHTTP(w, r)
			return
		}
		sent := r.Header.Get(httpx.CSRFHeader)
		if sent == "" && isStreamedUpload(r) {
			// The page's attachment upload is streamed: its handler reads
			// the token from the first part and checks it
			// (httpx.CSRFTokenMatches) before it reads the file.
			next.ServeHTTP(w, r)
			return
		}
		if sent == "" && httpx.IsFormRequest(r) {
			if err := s.base.ParsePostedForm(r); err != nil {
				s.base.ServeError(w, r, err)
				return
			}
			sent = r.PostForm.Get(httpx.CSRFField)
		}
		if !httpx.CSRFTokenMatches(session, sent) {
			s.base.ServeError(w, r, firstset.Errorf(firstset.EFORBIDDEN,
				"表单已失效或来源无法确认，请返回上一页刷新后重新提交。"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// handleCrossOriginDenied answers requests http.CrossOriginProtection
// refused: an unsafe request from another site.
func (s *Server) handleCrossOriginDenied(w http.ResponseWriter, r *http.Request) {
	s.base.ServeError(w, r, firstset.Errorf(firstset.EFORBIDDEN, "拒绝来自其他网站的跨站请求。"))
}

// isStreamedUpload reports whether r is a page's multipart upload of a
// case attachment, whose body is never parsed as a whole.
func isStreamedUpload(r *http.Request) bool {
	return r.Method == http.MethodPost && !httpx.IsAPI(r) && httpx.IsAttachmentUpload(r.URL.Path) &&
		httpx.MediaType(r.Header.Get("Content-Type")) == "multipart/form-data"
}
