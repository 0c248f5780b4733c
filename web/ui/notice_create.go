package ui

import (
	"net/http"
	"strings"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleNoticeCreate puts the proposed cases ticked on a public notice.
func (s *Handler) handleNoticeCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageRecognition(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := forms.NoticeInputFrom(r.PostForm, &problems)
	form := noticeForm{Input: in, StartsOn: strings.TrimSpace(r.PostForm.Get("starts_on"))}
	err := problems.Err()
	var n *firstset.NoticeView
	if err == nil {
		n, err = s.Recognition.CreateNotice(r.Context(), in)
	}
	if forms.IsFormError(err) {
		form.Errors = forms.NewErrors(err, forms.NoticeFields...)
		s.renderNoticeForm(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/notices/"+httpx.Itoa(n.ID), "公示已发布："+n.StartsOn.String()+" 至 "+n.EndsOn.String()+"。")
}
