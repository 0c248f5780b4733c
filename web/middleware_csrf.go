package web

import (
	"crypto/subtle"
	"errors"
	"net/http"

	"firstset"
)

const (
	csrfField  = "csrf_token"
	csrfHeader = "X-CSRF-Token"
)

// checkCSRFToken requires the session's synchronizer token on every unsafe
// request authenticated by the session cookie, in the form field or (for
// scripts) the X-CSRF-Token header. It backs up the Origin check done by
// http.CrossOriginProtection for browsers that send neither Origin nor
// Sec-Fetch-Site. Bearer-token calls carry no ambient credential and are
// exempt.
func (s *Server) checkCSRFToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		session := infoFrom(r.Context()).Session
		if session == nil || isSafeMethod(r.Method) {
			next.ServeHTTP(w, r)
			return
		}
		sent := r.Header.Get(csrfHeader)
		if sent == "" && isFormRequest(r) {
			if err := s.parsePostedForm(r); err != nil {
				s.serveError(w, r, s.formParseError(err))
				return
			}
			sent = r.PostForm.Get(csrfField)
		}
		if sent == "" || session.CSRFToken == "" ||
			subtle.ConstantTimeCompare([]byte(sent), []byte(session.CSRFToken)) != 1 {
			s.serveError(w, r, firstset.Errorf(firstset.EFORBIDDEN,
				"表单已失效或来源无法确认，请返回上一页刷新后重新提交。"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// handleCrossOriginDenied answers requests http.CrossOriginProtection
// refused: an unsafe request from another site.
func (s *Server) handleCrossOriginDenied(w http.ResponseWriter, r *http.Request) {
	s.serveError(w, r, firstset.Errorf(firstset.EFORBIDDEN, "拒绝来自其他网站的跨站请求。"))
}

func isSafeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions || m == http.MethodTrace
}

func isFormRequest(r *http.Request) bool {
	ct := mediaType(r.Header.Get("Content-Type"))
	return ct == "application/x-www-form-urlencoded" || ct == "multipart/form-data"
}

// formParseError tells an oversized body from a malformed one.
func (s *Server) formParseError(err error) error {
	if _, ok := firstset.AsError(err); ok {
		return err // already says what is wrong (formTextError)
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return errTooLargeFor(tooBig.Limit)
	}
	return &firstset.Error{Code: firstset.EBADREQUEST, Message: "表单内容无法解析。", Err: err}
}

// parsePostedForm fills r.PostForm from either form encoding: ParseForm
// alone leaves a multipart body (a file upload) unread. Files up to the
// route's body limit stay in memory; nothing larger gets past limitBody.
func (s *Server) parsePostedForm(r *http.Request) error {
	var err error
	if mediaType(r.Header.Get("Content-Type")) == "multipart/form-data" {
		err = r.ParseMultipartForm(s.bodyLimit(r))
	} else {
		err = r.ParseForm()
	}
	if err != nil {
		return err
	}
	return formTextError(r.PostForm)
}
