package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

func (s *Handler) apiUserList(w http.ResponseWriter, r *http.Request) {
	params := httpx.NewQueryReader(r)
	page, per := params.Page(50)
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
	if users == nil {
		users = []*firstset.User{}
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.User]{Items: users, Total: total})
}
