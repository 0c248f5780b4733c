package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleOIDCCallback is where the provider sends the browser back. The
// state must be this browser's attempt's (else a foreign page could log
// it in as someone else); the code is exchanged with the attempt's PKCE
// verifier, the ID token verified with its nonce, and the service opens
// the session of the user linked to its subject. Every refusal is the
// login page, with no session.
func (s *Handler) handleOIDCCallback(w http.ResponseWriter, r *http.Request) {
	if s.OIDC == nil {
		s.handleNotFound(w, r)
		return
	}
	a, ok := httpx.OIDCAttemptFrom(r)
	s.ClearOIDCAttempt(w, r) // an attempt is answered once
	q := r.URL.Query()
	page := loginPage{Next: forms.SafeNext(a.Next)}
	refuse := func(status int, msg string, err error) {
		if err != nil {
			s.logger.WarnContext(r.Context(), "oidc callback", "request_id", httpx.InfoFrom(r.Context()).ID, "error", err.Error())
		}
		page.Error = msg
		s.renderLogin(w, r, status, page)
	}
	switch {
	case !ok || !a.StateMatches(q.Get("state")):
		refuse(http.StatusBadRequest, "登录请求已失效或来源无法确认，请重新点击“统一身份认证登录”。", nil)
		return
	case q.Get("error") != "":
		// The person cancelled, or the provider refused: its words are its own.
		refuse(http.StatusUnauthorized, "统一身份认证未完成登录，请重新登录。", nil)
		return
	case q.Get("code") == "":
		refuse(http.StatusBadRequest, "统一身份认证未返回授权码，请重新登录。", nil)
		return
	}
	id, err := s.OIDC.Exchange(r.Context(), s.AbsoluteURL(r, httpx.OIDCCallbackPath), q.Get("code"), a)
	if err != nil {
		refuse(httpx.ErrorStatus(err), firstset.ErrorMessage(err), err)
		return
	}
	session, token, err := s.Auth.LoginOIDC(r.Context(), id, s.ClientIP(r), r.UserAgent())
	if err != nil {
		if firstset.ErrorCode(err) == firstset.EINTERNAL {
			s.ServeError(w, r, err)
			return
		}
		refuse(httpx.ErrorStatus(err), firstset.ErrorMessage(err), nil)
		return
	}
	s.ClearLoginFormCookie(w, r)
	s.SetSessionCookie(w, r, token, session.ExpiresAt)
	http.Redirect(w, r, page.Next, http.StatusSeeOther)
}
