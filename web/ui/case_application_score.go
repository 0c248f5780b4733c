package ui

import (
	"encoding/json"
	"net/http"
	"strings"
)

// handleCaseApplicationScore records the score of an incentive
// application: the reviewer's, or a drawn expert's.
func (s *Handler) handleCaseApplicationScore(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadCase(w, r)
	if !ok {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	_, err := s.Incentives.ScoreApplication(r.Context(), v.ID, json.Number(strings.TrimSpace(r.PostForm.Get("score"))))
	if s.caseFormError(w, r, v, "application-score", r.PostForm, err, "score") {
		return
	}
	s.redirectWithFlash(w, r, casePath(v.ID)+"#application", "评分已提交。")
}
