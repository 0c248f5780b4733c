package web

import (
	"net/http"

	"firstset"
)

// handleRecognitionForm shows an administrator the product's catalog
// status, recognition date and validity, to set directly.
func (s *Server) handleRecognitionForm(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	actor := actorOf(r)
	if actor.IsPublic() {
		s.serveError(w, r, firstset.LoginRequired())
		return
	}
	if actor.Role() != firstset.RoleAdmin {
		s.serveError(w, r, firstset.Errorf(firstset.EFORBIDDEN, "只有平台管理员可以直接设置认定状态。"))
		return
	}
	p, err := s.opts.Products.FindProductByID(r.Context(), id)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "recognition_form", "设置认定状态", recognitionForm{
		Product: p, Status: p.Status, RecognizedOn: p.RecognizedOn.String(), ValidUntil: p.ValidUntil.String(),
	})
}
