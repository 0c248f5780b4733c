package web

import (
	"firstset"
	"net/http"
)

// requireRecogniser lets in those the service lets set a catalog status
// (firstset.CheckSetRecognition), before the product is read.
func (s *Server) requireRecogniser(w http.ResponseWriter, r *http.Request) bool {
	return s.allowed(w, r, firstset.CheckSetRecognition(actorOf(r)))
}

// handleRecognitionForm shows a reviewer or administrator the product's
// catalog status, recognition date and validity, to set directly.
func (s *Server) handleRecognitionForm(w http.ResponseWriter, r *http.Request) {
	p, ok := loadByID(s, w, r, s.requireRecogniser, s.opts.Products.FindProductByID)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "recognition_form", "设置认定状态", recognitionForm{
		Product: p, Status: p.Status, RecognizedOn: p.RecognizedOn.String(), ValidUntil: p.ValidUntil.String(),
	})
}
