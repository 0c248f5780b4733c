package web

import (
	"net/http"
	"strings"

	"firstset"
	"firstset/web/httpx"
)

// authenticate puts the request's actor in its context: the user of a
// bearer token on the API, else of the session cookie, else the public.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		info := httpx.InfoFrom(r.Context())
		actor := &firstset.Actor{IP: s.base.ClientIP(r)}

		if bearer, ok := bearerToken(r); ok && (httpx.IsAPI(r) || isMetrics(r)) {
			user, token, err := s.base.Auth.AuthenticateToken(r.Context(), bearer)
			if err != nil {
				w.Header().Set("WWW-Authenticate", `Bearer realm="firstset"`)
				err = authFailure(err, "访问令牌无效、已过期或已撤销。")
				if isMetrics(r) {
					s.base.WriteAPIError(w, r, err) // a scraper, not a person: no login page
				} else {
					s.base.ServeError(w, r, err)
				}
				return
			}
			actor.User, actor.Token = user, token
		} else if c, err := r.Cookie(httpx.SessionCookie); err == nil && c.Value != "" {
			user, session, err := s.base.Auth.Authenticate(r.Context(), c.Value)
			switch code := firstset.ErrorCode(err); {
			case err == nil:
				actor.User = user
				info.Session = session
			case code == firstset.EUNAUTHORIZED || code == firstset.ENOTFOUND:
				// An expired or logged-out session: carry on as the public.
				s.base.ClearSessionCookie(w, r)
			default:
				s.base.ServeError(w, r, err)
				return
			}
		}
		info.Actor = actor
		next.ServeHTTP(w, r.WithContext(firstset.NewContextWithActor(r.Context(), actor)))
	})
}

// authFailure keeps internal errors internal and turns every other failure
// into one 401, so a caller learns nothing about why a credential failed.
func authFailure(err error, message string) error {
	if firstset.ErrorCode(err) == firstset.EINTERNAL {
		return err
	}
	return &firstset.Error{Code: firstset.EUNAUTHORIZED, Field: "Authorization", Message: message, Err: err}
}

func bearerToken(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}
