package web

import (
	"net/http"

	"firstset"
)

func (s *Server) apiUserList(w http.ResponseWriter, r *http.Request) {
	params := newQueryReader(r)
	page, per := params.page(50)
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
	if users == nil {
		users = []*firstset.User{}
	}
	s.writeJSON(w, r, http.StatusOK, listResponse[*firstset.User]{Items: users, Total: total})
}
