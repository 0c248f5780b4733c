package ui

import (
	"net/http"

	"firstset"
	"firstset/web/ui/forms"
)

// handleRoundDeclare opens a recognition case in draft for one of the
// enterprise's products, and goes to its page.
func (s *Handler) handleRoundDeclare(w http.ResponseWriter, r *http.Request) {
	rd, ok := s.loadRound(w, r)
	if !ok {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := forms.DeclarationFrom(r.PostForm, rd.ID, &problems)
	err := problems.Err()
	var v *firstset.CaseView
	if err == nil {
		v, err = s.Recognition.Declare(r.Context(), in)
	}
	if s.roundFormError(w, r, rd, "declare", r.PostForm, err, forms.DeclareFields...) {
		return
	}
	s.redirectWithFlash(w, r, casePath(v.ID), "已创建申报 "+v.Number+"，请填写申报内容并上传材料后提交。")
}
