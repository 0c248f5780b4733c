package web

import (
	"net/http"

	"firstset"
)

// requireRecogniser lets only administrators set a catalog status
// directly. It is requireAdmin with a message that says what is refused.
func (s *Server) requireRecogniser(w http.ResponseWriter, r *http.Request) bool {
	actor := actorOf(r)
	switch {
	case actor.IsPublic():
		s.serveError(w, r, firstset.LoginRequired())
		return false
	case actor.Role() != firstset.RoleAdmin:
		s.serveError(w, r, firstset.Errorf(firstset.EFORBIDDEN, "只有平台管理员可以直接设置认定状态。"))
		return false
	}
	return true
}

// handleRecognitionForm shows an administrator the product's catalog
// status, recognition date and validity, to set directly.
func (s *Server) handleRecognitionForm(w http.ResponseWriter, r *http.Request) {
	p, ok := loadByID(s, w, r, s.requireRecogniser, s.opts.Products.FindProductByID)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "recognition_form", "设置认定状态", recognitionForm{
		Product: p, Status: p.Status, RecognizedOn: p.RecognizedOn.String(), ValidUntil: p.ValidUntil.String(),
	})
}
