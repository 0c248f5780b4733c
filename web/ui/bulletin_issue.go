package ui

import (
	"net/http"
	"strings"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleBulletinIssue issues a reviewed draft, after the confirmation.
func (s *Handler) handleBulletinIssue(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckComposeBulletin(httpx.ActorOf(r))) {
		return
	}
	b, ok := httpx.LoadByID(s.Base, w, r, nil, s.Bulletins.FindBulletinByID)
	if !ok {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	forms.Confirmed(r.PostForm, &problems)
	err := problems.Err()
	if err == nil {
		_, err = s.Bulletins.IssueBulletin(r.Context(), b.ID, strings.TrimSpace(r.PostForm.Get("opinion")))
	}
	if err != nil {
		if forms.IsFormError(err) || firstset.ErrorCode(err) == firstset.ECONFLICT {
			s.renderBulletin(w, r, http.StatusUnprocessableEntity, b, caseForm{Name: "issue", Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.BulletinFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/bulletins/"+httpx.Itoa(b.ID), "通报已印发，相关单位可在“定期通报”中查看和下载。")
}
