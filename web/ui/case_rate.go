package ui

import (
	"net/http"

	"firstset"
	"firstset/web/ui/forms"
)

// handleCaseRate records the applicant's rating of an ended case (好差评).
func (s *Handler) handleCaseRate(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadCase(w, r)
	if !ok {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := forms.RatingInputFrom(r.PostForm, &problems)
	if s.caseFormError(w, r, v, "rating", r.PostForm, problems.Err(), forms.RatingFields...) {
		return
	}
	_, err := s.Cases.Rate(r.Context(), v.ID, in)
	if s.caseFormError(w, r, v, "rating", r.PostForm, err, forms.RatingFields...) {
		return
	}
	s.redirectWithFlash(w, r, casePath(v.ID)+"#rating", "感谢您的评价。")
}
