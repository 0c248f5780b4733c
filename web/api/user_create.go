package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

func (s *Handler) apiUserCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.UserInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	u, err := s.Users.CreateUser(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/users/"+httpx.Itoa(u.ID))
	s.WriteJSON(w, r, http.StatusCreated, u)
}
