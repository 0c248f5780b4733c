package httpx

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"time"

	"firstset"
)

const (
	CSRFField  = "csrf_token"
	CSRFHeader = "X-CSRF-Token"
)

// Login CSRF: without a token of its own, a foreign page could post the
// login form with the attacker's credentials and log a browser in as the
// attacker, whose account then collects what the victim enters. The login
// page therefore opens a pre-session: a short-lived cookie holding a random
// token that the form repeats, and POST /login requires the pair. A page on
// another site can neither read the cookie nor learn the token.
const (
	LoginFormCookie = "firstset_login"
	loginFormMaxAge = time.Hour
)

// LoginFormToken returns the pre-session token for a login form, keeping
// the browser's current one (so a login page open in another tab still
// works) and renewing its lifetime.
func (b *Base) LoginFormToken(w http.ResponseWriter, r *http.Request) string {
	token := ""
	if c, err := r.Cookie(LoginFormCookie); err == nil && validLoginToken(c.Value) {
		token = c.Value
	} else {
		b := make([]byte, 32)
		if _, err := rand.Read(b); err != nil {
			panic("crypto/rand failed: " + err.Error()) // no safe login form without it
		}
		token = base64.RawURLEncoding.EncodeToString(b)
	}
	http.SetCookie(w, &http.Cookie{
		Name:     LoginFormCookie,
		Value:    token,
		Path:     "/", // also sent with a form posted after its session expired (ui's login-to-resume)
		MaxAge:   int(loginFormMaxAge / time.Second),
		HttpOnly: true,
		Secure:   b.SecureCookies(r),
		SameSite: http.SameSiteStrictMode,
	})
	w.Header().Set("Cache-Control", "no-store") // the token is this browser's alone
	return token
}

// validLoginToken reports whether v looks like a token LoginFormToken made.
func validLoginToken(v string) bool {
	b, err := base64.RawURLEncoding.DecodeString(v)
	return err == nil && len(b) == 32
}

// CheckLoginToken reports whether a posted login form carries the token of
// the browser's pre-session.
func CheckLoginToken(r *http.Request) bool {
	c, err := r.Cookie(LoginFormCookie)
	if err != nil || !validLoginToken(c.Value) {
		return false
	}
	sent := r.PostForm.Get(CSRFField)
	return subtle.ConstantTimeCompare([]byte(sent), []byte(c.Value)) == 1
}

// ClearLoginFormCookie ends the pre-session once it has served.
func (b *Base) ClearLoginFormCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: LoginFormCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: b.SecureCookies(r), SameSite: http.SameSiteStrictMode})
}

// SessionCookie is the name of the session cookie.
const SessionCookie = "firstset_session"

// SecureCookies reports whether cookies set on r are to be Secure.
func (b *Base) SecureCookies(r *http.Request) bool {
	return b.ForceSecureCookies || r.TLS != nil
}

// SetSessionCookie sets the session cookie, until expires (or for
// SessionMaxAge when zero).
func (b *Base) SetSessionCookie(w http.ResponseWriter, r *http.Request, token string, expires time.Time) {
	if expires.IsZero() {
		expires = time.Now().Add(b.SessionMaxAge)
	}
	http.SetCookie(w, &http.Cookie{
		Name:     SessionCookie,
		Value:    token,
		Path:     "/",
		Expires:  expires,
		MaxAge:   int(time.Until(expires).Seconds()),
		HttpOnly: true,
		Secure:   b.SecureCookies(r),
		SameSite: http.SameSiteLaxMode,
	})
}

// ClearSessionCookie removes the session cookie.
func (b *Base) ClearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{
		Name:     SessionCookie,
		Value:    "",
		Path:     "/",
		MaxAge:   -1,
		HttpOnly: true,
		Secure:   b.SecureCookies(r),
		SameSite: http.SameSiteLaxMode,
	})
}

// CSRFTokenMatches reports whether sent is the session's synchronizer
// token, compared in constant time; an empty token never matches.
func CSRFTokenMatches(session *firstset.Session, sent string) bool {
	if session == nil || session.CSRFToken == "" || sent == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(sent), []byte(session.CSRFToken)) == 1
}
