package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"time"

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
		// The login form carries its pre-session's token, not a session's,
		// and its handler checks it (checkLoginToken), logged in or not.
		if session == nil || isSafeMethod(r.Method) || r.URL.Path == "/login" {
			next.ServeHTTP(w, r)
			return
		}
		sent := r.Header.Get(csrfHeader)
		if sent == "" && isFormRequest(r) {
			if err := s.parsePostedForm(r); err != nil {
				s.serveError(w, r, err)
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

// parsePostedForm fills r.PostForm from either form encoding (ParseForm
// alone leaves a multipart body, a file upload, unread), telling an
// oversized body apart and refusing values that are not UTF-8 (see
// formTextError). Files up to the route's body limit stay in memory;
// nothing larger gets past limitBody. A multipart body is parsed and
// checked once however often it is asked for (the CSRF check, then the
// handler); its first refusal has already been answered.
func (s *Server) parsePostedForm(r *http.Request) error {
	var err error
	if mediaType(r.Header.Get("Content-Type")) == "multipart/form-data" {
		if r.MultipartForm != nil {
			return nil
		}
		err = r.ParseMultipartForm(s.bodyLimit(r))
	} else {
		err = r.ParseForm()
	}
	if err != nil {
		return s.formParseError(err)
	}
	return formTextError(r.PostForm)
}

// Login CSRF: without a token of its own, a foreign page could post the
// login form with the attacker's credentials and log a browser in as the
// attacker, whose account then collects what the victim enters. The login
// page therefore opens a pre-session: a short-lived cookie holding a random
// token that the form repeats, and POST /login requires the pair. A page on
// another site can neither read the cookie nor learn the token.
const (
	loginFormCookie = "firstset_login"
	loginFormMaxAge = time.Hour
)

// loginFormToken returns the pre-session token for a login form, keeping
// the browser's current one (so a login page open in another tab still
// works) and renewing its lifetime.
func (s *Server) loginFormToken(w http.ResponseWriter, r *http.Request) string {
	token := ""
	if c, err := r.Cookie(loginFormCookie); err == nil && validLoginToken(c.Value) {
		token = c.Value
	} else {
		b := make([]byte, 32)
		if _, err := rand.Read(b); err != nil {
			panic("crypto/rand failed: " + err.Error()) // no safe login form without it
		}
		token = base64.RawURLEncoding.EncodeToString(b)
	}
	http.SetCookie(w, &http.Cookie{
		Name:     loginFormCookie,
		Value:    token,
		Path:     "/", // also sent with a form posted after its session expired (renderLoginToResume)
		MaxAge:   int(loginFormMaxAge / time.Second),
		HttpOnly: true,
		Secure:   s.secureCookies(r),
		SameSite: http.SameSiteStrictMode,
	})
	w.Header().Set("Cache-Control", "no-store") // the token is this browser's alone
	return token
}

// validLoginToken reports whether v looks like a token loginFormToken made.
func validLoginToken(v string) bool {
	b, err := base64.RawURLEncoding.DecodeString(v)
	return err == nil && len(b) == 32
}

// checkLoginToken reports whether a posted login form carries the token of
// the browser's pre-session.
func checkLoginToken(r *http.Request) bool {
	c, err := r.Cookie(loginFormCookie)
	if err != nil || !validLoginToken(c.Value) {
		return false
	}
	sent := r.PostForm.Get(csrfField)
	return subtle.ConstantTimeCompare([]byte(sent), []byte(c.Value)) == 1
}

// clearLoginFormCookie ends the pre-session once it has served.
func (s *Server) clearLoginFormCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: loginFormCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.secureCookies(r), SameSite: http.SameSiteStrictMode})
}
