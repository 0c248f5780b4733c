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
	f, err := userFilterFrom(newQueryReader(r), 30)
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
		Query: f.Query, Role: f.Role, Users: users, Pagination: newPagination(r.URL, f.Offset/f.Limit+1, f.Limit, total),
	})
}

// userFilterFrom reads a user listing's parameters, for the page and the
// API.
func userFilterFrom(q *queryReader, defaultPer int) (firstset.UserFilter, error) {
	page, per := q.page(defaultPer)
	f := firstset.UserFilter{
		Query: q.text("q", "搜索词", maxListQuery),
		Role: firstset.Role(q.choice("role", "角色",
			func(s string) bool { return firstset.Role(s).Valid() }, names(firstset.Roles))),
		Offset: (page - 1) * per,
		Limit:  per,
	}
	return f, q.err()
}
