package web

import "net/http"

func (s *Server) apiProductGet(w http.ResponseWriter, r *http.Request) {
	p, ok := loadByID(s, w, r, nil, s.opts.Products.FindProductByID)
	if !ok {
		return
	}
	s.writeJSON(w, r, http.StatusOK, p)
}
