package ui

import (
	"net/http"
	"strconv"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleTenderCheckMark marks one finding fixed or explained.
func (s *Handler) handleTenderCheckMark(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	c, ok := httpx.LoadByID(s.Base, w, r, nil, s.TenderChecks.FindTenderCheckByID)
	if !ok {
		return
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		s.ServeError(w, r, firstset.NotFound("检查问题"))
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	_, err = s.TenderChecks.MarkFinding(r.Context(), c.ID, n, firstset.FindingMarkInput{
		Status: firstset.FindingStatus(r.PostForm.Get("status")), Note: r.PostForm.Get("note")})
	if err != nil {
		if forms.IsFormError(err) {
			s.renderTenderCheck(w, r, http.StatusUnprocessableEntity, c, caseForm{Name: "mark-" + strconv.Itoa(n), Values: r.PostForm,
				Errors: forms.NewErrors(err, tenderCheckFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/tender-checks/"+httpx.Itoa(c.ID), "第 "+strconv.Itoa(n)+" 条已标注。")
}
