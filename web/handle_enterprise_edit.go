package web

import (
	"net/http"
)

// handleEnterpriseEdit shows the enterprise form filled in.
func (s *Server) handleEnterpriseEdit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	if !s.requireLogin(w, r) {
		return
	}
	e, err := s.opts.Enterprises.FindEnterpriseByID(r.Context(), id)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "enterprise_form", "编辑企业信息", enterpriseForm{ID: e.ID, Input: enterpriseInputOf(e)})
}
