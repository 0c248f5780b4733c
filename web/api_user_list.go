package web

import (
	"net/http"
	"strings"

	"firstset"
)

func (s *Server) apiUserList(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	page, per := readPage(v, 50)
	f := firstset.UserFilter{Query: strings.TrimSpace(v.Get("q")), Offset: (page - 1) * per, Limit: per}
	if role := v.Get("role"); role != "" {
		f.Role = firstset.Role(role)
		if !f.Role.Valid() {
			s.serveError(w, r, firstset.FieldErrorf("role", firstset.EINVALID, "未知的角色 %q。", role))
			return
		}
	}
	users, total, err := s.opts.Users.FindUsers(r.Context(), f)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	if users == nil {
		users = []*firstset.User{}
	}
	s.writeJSON(w, r, http.StatusOK, listResponse[*firstset.User]{Items: users, Total: total})
}
