package ui

import (
	"fmt"
	"net/http"
	"strings"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleRecognitionUpdate saves the recognition form.
func (s *Handler) handleRecognitionUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := forms.RecognitionInputFrom(r.PostForm, &problems)
	form := recognitionForm{
		Status: in.Status, Reason: in.Reason,
		RecognizedOn: strings.TrimSpace(r.PostForm.Get("recognized_on")),
		ValidUntil:   strings.TrimSpace(r.PostForm.Get("valid_until")),
	}
	err = problems.Err()
	if err == nil {
		_, err = s.Products.SetRecognition(r.Context(), id, in)
	}
	if forms.IsFormError(err) {
		p, ferr := s.Products.FindProductByID(r.Context(), id)
		if ferr != nil {
			s.ServeError(w, r, ferr)
			return
		}
		form.Product = p
		form.Errors = forms.NewErrors(err, forms.RecognitionFields...)
		s.render(w, r, http.StatusUnprocessableEntity, "recognition_form", "设置认定状态", form)
		return
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, fmt.Sprintf("/products/%d", id), "认定状态已更新。")
}
