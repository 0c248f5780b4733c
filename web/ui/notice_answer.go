package ui

import (
	"net/http"
	"slices"
	"strconv"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleNoticeAnswer is a reviewer's answer to an objection on a notice:
// dismissed, or upheld and the case taken off the list.
func (s *Handler) handleNoticeAnswer(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageRecognition(httpx.ActorOf(r))) {
		return
	}
	n, ok := s.loadNotice(w, r)
	if !ok {
		return
	}
	oid, err := strconv.ParseInt(r.PathValue("oid"), 10, 64)
	if err != nil || oid <= 0 {
		s.ServeError(w, r, firstset.NotFound("异议"))
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	in := forms.AnswerInputFrom(r.PostForm) // the service judges it, naming each field
	if !slices.ContainsFunc(n.Objections, func(o *firstset.Objection) bool { return o.ID == oid }) {
		s.ServeError(w, r, firstset.NotFound("异议"))
		return
	}
	o, err := s.Recognition.AnswerObjection(r.Context(), oid, in)
	if s.noticeFormError(w, r, n, answerForm(oid), r.PostForm, err, forms.AnswerFields...) {
		return
	}
	msg := "已答复异议：不成立。"
	if o.Status == firstset.ObjectionUpheld {
		msg = "已答复异议：成立，办件 " + o.CaseNumber + " 不予认定。"
	}
	s.redirectWithFlash(w, r, "/notices/"+httpx.Itoa(n.ID)+"#objections", msg)
}
