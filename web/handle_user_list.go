package web

import (
	"net/http"

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
	params := newQueryReader(r)
	page, per := params.page(30)
	f, err := userFilterFrom(params, page, per)
	var users []*firstset.User
	var total int
	if err == nil {
		users, total, err = s.opts.Users.FindUsers(r.Context(), f)
	}
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "user_list", "用户管理", userListPage{
		Query: f.Query, Role: f.Role, Users: users, Pagination: newPagination(r.URL, page, per, total),
	})
}
