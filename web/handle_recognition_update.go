package web

import (
	"fmt"
	"net/http"
	"strings"

	"firstset"
)

// handleRecognitionUpdate saves the recognition form.
func (s *Server) handleRecognitionUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	if err := s.parsePostedForm(r); err != nil {
		s.serveError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := recognitionInputFrom(r.PostForm, &problems)
	form := recognitionForm{
		Status: in.Status, Reason: in.Reason,
		RecognizedOn: strings.TrimSpace(r.PostForm.Get("recognized_on")),
		ValidUntil:   strings.TrimSpace(r.PostForm.Get("valid_until")),
	}
	err = problems.Err()
	if err == nil {
		_, err = s.opts.Products.SetRecognition(r.Context(), id, in)
	}
	if isFormError(err) {
		p, ferr := s.opts.Products.FindProductByID(r.Context(), id)
		if ferr != nil {
			s.serveError(w, r, ferr)
			return
		}
		form.Product = p
		form.Errors = newFormErrors(err, recognitionFields...)
		s.render(w, r, http.StatusUnprocessableEntity, "recognition_form", "设置认定状态", form)
		return
	}
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, fmt.Sprintf("/products/%d", id), "认定状态已更新。")
}
