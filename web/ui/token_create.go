package ui

import (
	"net/http"
	"strings"

	"firstset"
	"firstset/web/ui/forms"
)

var tokenFields = []string{"name", "scopes", "scopes.", "expires_at"}

// handleTokenCreate creates an API token and shows its secret this once.
// The answer is a page, not a redirect, so the secret never sits in a
// cookie or a URL.
func (s *Handler) handleTokenCreate(w http.ResponseWriter, r *http.Request) {
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	page := tokenListPage{Name: strings.TrimSpace(r.PostForm.Get("name")), Scopes: map[firstset.Scope]bool{}}
	in := firstset.TokenInput{Name: page.Name}
	for _, sc := range r.PostForm["scopes"] {
		in.Scopes = append(in.Scopes, firstset.Scope(sc))
		page.Scopes[firstset.Scope(sc)] = true
	}
	var problems firstset.Problems
	if d := forms.Date(r.PostForm, "expires_at", "到期日期", &problems); !d.IsZero() {
		end := firstset.TokenExpiry(d) // through the whole of its last day
		in.ExpiresAt = &end
	}
	err := problems.Err()
	var token *firstset.APIToken
	var secret string
	if err == nil {
		token, secret, err = s.Auth.CreateToken(r.Context(), in)
	}
	if forms.IsFormError(err) {
		page.Errors = forms.NewErrors(err, tokenFields...)
		s.renderTokenPage(w, r, http.StatusUnprocessableEntity, page)
		return
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.renderTokenPage(w, r, http.StatusOK, tokenListPage{Created: token, Secret: secret})
}
