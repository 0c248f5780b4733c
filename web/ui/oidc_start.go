package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleOIDCStart sends the browser to the city's identity provider, with
// this attempt's state, nonce and PKCE challenge; their secrets stay in a
// short-lived cookie for the callback. Without a provider there is no such
// page.
func (s *Handler) handleOIDCStart(w http.ResponseWriter, r *http.Request) {
	if s.OIDC == nil {
		s.handleNotFound(w, r)
		return
	}
	next := forms.SafeNext(r.URL.Query().Get("next"))
	if !httpx.ActorOf(r).IsPublic() {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	a := httpx.NewOIDCAttempt(next)
	target, err := s.OIDC.AuthURL(r.Context(), s.AbsoluteURL(r, httpx.OIDCCallbackPath), a)
	if err != nil {
		s.logger.WarnContext(r.Context(), "oidc start", "request_id", httpx.InfoFrom(r.Context()).ID, "error", err.Error())
		s.renderLogin(w, r, httpx.ErrorStatus(err), loginPage{Next: next, Error: firstset.ErrorMessage(err)})
		return
	}
	s.SetOIDCAttempt(w, r, a)
	http.Redirect(w, r, target, http.StatusFound)
}
