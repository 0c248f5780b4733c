package ui

import (
	"context"
	"net/http"
	"slices"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

type userListPage struct {
	Query      string
	Role       firstset.Role
	Users      []*firstset.User
	Pagination forms.Pagination
	// EnterpriseNames names the enterprises of the users shown.
	EnterpriseNames map[int64]string
	// OIDC is set when an identity provider is configured: Requests are
	// its pending sign-ins, Link the link form posted back with its errors.
	OIDC     bool
	Requests []*firstset.OIDCRequest
	Link     oidcLinkForm
}

// oidcLinkForm is a pending sign-in's link form as posted.
type oidcLinkForm struct {
	ID       int64
	Username string
	Errors   forms.Errors
}

// handleUserList lists accounts for administrators.
func (s *Handler) handleUserList(w http.ResponseWriter, r *http.Request) {
	if !s.Allowed(w, r, firstset.CheckManageUsers(httpx.ActorOf(r))) {
		return
	}
	s.renderUserList(w, r, http.StatusOK, oidcLinkForm{})
}

// renderUserList shows the users of the query, and the pending sign-ins
// with link posted back in place.
func (s *Handler) renderUserList(w http.ResponseWriter, r *http.Request, status int, link oidcLinkForm) {
	params := httpx.NewQueryReader(r)
	page, per := params.Page(30)
	f, err := httpx.UserFilterFrom(params, page, per)
	var users []*firstset.User
	var total int
	if err == nil {
		users, total, err = s.Users.FindUsers(r.Context(), f)
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	names, err := s.enterpriseNames(r.Context(), users)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	list := userListPage{
		Query: f.Query, Role: f.Role, Users: users, Pagination: forms.NewPagination(r.URL, page, per, total),
		EnterpriseNames: names, OIDC: s.OIDC != nil, Link: link,
	}
	if list.OIDC {
		if list.Requests, err = s.Users.FindOIDCRequests(r.Context()); err != nil {
			s.ServeError(w, r, err)
			return
		}
	}
	s.render(w, r, status, "user_list", "用户管理", list)
}

// enterpriseNames reads the names of the users' enterprises in one listing.
func (s *Handler) enterpriseNames(ctx context.Context, users []*firstset.User) (map[int64]string, error) {
	var ids []int64
	for _, u := range users {
		if u.EnterpriseID != 0 && !slices.Contains(ids, u.EnterpriseID) {
			ids = append(ids, u.EnterpriseID)
		}
	}
	names := make(map[int64]string, len(ids))
	if len(ids) == 0 {
		return names, nil
	}
	list, _, err := s.Enterprises.FindEnterprises(ctx, firstset.EnterpriseFilter{IDs: ids, Limit: len(ids)})
	if err != nil {
		return nil, err
	}
	for _, e := range list {
		names[e.ID] = e.Name
	}
	return names, nil
}
