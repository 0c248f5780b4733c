package web

import (
	"net/http"
	"strings"

	"firstset"
)

type userListPage struct {
	Query      string
	Role       firstset.Role
	Users      []*firstset.User
	Pagination pagination
}

// handleUserList lists accounts for administrators.
func (s *Server) handleUserList(w http.ResponseWriter, r *http.Request) {
	if !s.requireAdmin(w, r) {
		return
	}
	v := r.URL.Query()
	page, per := readPage(v, 30)
	f := firstset.UserFilter{Query: strings.TrimSpace(v.Get("q")), Offset: (page - 1) * per, Limit: per}
	if role := firstset.Role(v.Get("role")); role.Valid() {
		f.Role = role
	}
	users, total, err := s.opts.Users.FindUsers(r.Context(), f)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "user_list", "用户管理", userListPage{
		Query: f.Query, Role: f.Role, Users: users, Pagination: newPagination(r.URL, page, per, total),
	})
}
