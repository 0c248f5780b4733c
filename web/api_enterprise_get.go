package web

import "net/http"

func (s *Server) apiEnterpriseGet(w http.ResponseWriter, r *http.Request) {
	e, ok := loadByID(s, w, r, nil, s.opts.Enterprises.FindEnterpriseByID)
	if !ok {
		return
	}
	s.writeJSON(w, r, http.StatusOK, e)
}
