package ui

import (
	"fmt"
	"net/http"
	"strings"

	"firstset"
	"firstset/web/ui/forms"
)

// handleCaseDraw draws a case's experts with the seed given (or a random
// one), after the confirmation.
func (s *Handler) handleCaseDraw(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadCase(w, r)
	if !ok {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	forms.Confirmed(r.PostForm, &problems)
	if s.caseFormError(w, r, v, "draw", r.PostForm, problems.Err(), forms.DrawFields...) {
		return
	}
	d, err := s.Recognition.DrawExperts(r.Context(), v.ID, strings.TrimSpace(r.PostForm.Get("seed")))
	if s.caseFormError(w, r, v, "draw", r.PostForm, err, forms.DrawFields...) {
		return
	}
	names := make([]string, len(d.Experts))
	for i, e := range d.Experts {
		names[i] = e.Username
	}
	s.redirectWithFlash(w, r, casePath(v.ID)+"#experts",
		fmt.Sprintf("已抽取 %d 位专家：%s（随机种子 %s）。", len(d.Experts), strings.Join(names, "、"), d.Seed))
}
