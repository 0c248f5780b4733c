package ui

import (
	"net/http"

	"firstset"
	"firstset/web/ui/forms"
)

// tokenListPage is the API token page. Secret is set only right after a
// token was created: it is shown once and never stored in the clear.
type tokenListPage struct {
	Tokens  []*firstset.APIToken
	Created *firstset.APIToken
	Secret  string
	Name    string
	Scopes  map[firstset.Scope]bool
	Errors  forms.Errors
}

// handleTokenList lists the caller's API tokens with a form for a new one.
func (s *Handler) handleTokenList(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	s.renderTokenPage(w, r, http.StatusOK, tokenListPage{})
}

func (s *Handler) renderTokenPage(w http.ResponseWriter, r *http.Request, status int, page tokenListPage) {
	tokens, err := s.Auth.FindTokens(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	page.Tokens = tokens
	if page.Scopes == nil {
		page.Scopes = map[firstset.Scope]bool{}
	}
	s.render(w, r, status, "token_list", "API 访问令牌", page)
}
