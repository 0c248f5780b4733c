package web

import (
	"net/http"

	"firstset/web/httpx"
)

func (s *Server) apiEnterpriseGet(w http.ResponseWriter, r *http.Request) {
	e, ok := httpx.LoadByID(s.Base, w, r, nil, s.Enterprises.FindEnterpriseByID)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, e)
}
