package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// requireRecogniser lets in those the service lets set a catalog status
// (firstset.CheckSetRecognition), before the product is read.
func (s *Handler) requireRecogniser(w http.ResponseWriter, r *http.Request) bool {
	return s.Allowed(w, r, firstset.CheckSetRecognition(httpx.ActorOf(r)))
}

// handleRecognitionForm shows a reviewer or administrator the product's
// catalog status, recognition date and validity, to set directly.
func (s *Handler) handleRecognitionForm(w http.ResponseWriter, r *http.Request) {
	p, ok := httpx.LoadByID(s.Base, w, r, s.requireRecogniser, s.Products.FindProductByID)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "recognition_form", "设置认定状态", recognitionForm{
		Product: p, Status: p.Status, RecognizedOn: p.RecognizedOn.String(), ValidUntil: p.ValidUntil.String(),
	})
}
