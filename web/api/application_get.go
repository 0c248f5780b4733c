package api

import (
	"net/http"

	"firstset/web/httpx"
)

// apiApplicationGet is an application as the caller may see it, with its
// timeline, materials, actions and payments.
func (s *Handler) apiApplicationGet(w http.ResponseWriter, r *http.Request) {
	v, ok := httpx.LoadByID(s.Base, w, r, nil, s.Incentives.Application)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, v)
}
