package ui

import (
	"net/http"

	"firstset"
	"firstset/web/ui/forms"
)

// handleCaseScore records a drawn expert's scoring sheet.
func (s *Handler) handleCaseScore(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadCase(w, r)
	if !ok {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	criteria := v.Criteria
	if len(criteria) == 0 {
		criteria = s.Recognition.Criteria()
	}
	var problems firstset.Problems
	in := forms.ScoreInputFrom(r.PostForm, criteria, &problems)
	if s.caseFormError(w, r, v, "score", r.PostForm, problems.Err(), forms.ScoreFields...) {
		return
	}
	_, err := s.Recognition.ScoreCase(r.Context(), v.ID, in)
	if s.caseFormError(w, r, v, "score", r.PostForm, err, forms.ScoreFields...) {
		return
	}
	s.redirectWithFlash(w, r, casePath(v.ID)+"#scoring", "评分已提交。")
}
