package ui

import (
	"net/http"
	"net/url"
	"strconv"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// noticePage is a public notice (公示): its cases and dates; the public's
// objection form while it runs; for reviewers the objections with their
// answer forms.
type noticePage struct {
	Notice *firstset.NoticeView
	// Object offers the objection form (the notice is running); Answer
	// the reviewers' answers.
	Object bool
	Answer bool
	Posted caseForm
	// Limited is the refusal of an objection from an address that raised
	// too many.
	Limited string
}

// renderNotice shows notice n with posted (if any) refused.
func (s *Handler) renderNotice(w http.ResponseWriter, r *http.Request, status int, n *firstset.NoticeView, posted caseForm) {
	p := noticePage{Notice: n, Object: n.Ongoing, Posted: posted,
		Answer: firstset.CheckManageRecognition(httpx.ActorOf(r)) == nil}
	s.render(w, r, status, "notice_show", n.Title, p)
}

// loadNotice reads the {id} notice, answering the refusal and reporting
// false on failure.
func (s *Handler) loadNotice(w http.ResponseWriter, r *http.Request) (*firstset.NoticeView, bool) {
	return httpx.LoadByID(s.Base, w, r, nil, s.Recognition.Notice)
}

// noticeFormError renders the notice page again for a refused form, or
// answers an error that is not about the input; it reports whether it
// answered.
func (s *Handler) noticeFormError(w http.ResponseWriter, r *http.Request, n *firstset.NoticeView, name string,
	values url.Values, err error, known ...string) bool {
	if err == nil {
		return false
	}
	if !forms.IsFormError(err) {
		s.ServeError(w, r, err)
		return true
	}
	if fresh, ferr := s.Recognition.Notice(r.Context(), n.ID); ferr == nil {
		n = fresh
	}
	s.renderNotice(w, r, http.StatusUnprocessableEntity, n, caseForm{Name: name, Values: values,
		Errors: forms.NewErrors(err, known...)})
	return true
}

// answerForm is the name of the answer form of objection id.
func answerForm(id int64) string { return "answer-" + strconv.FormatInt(id, 10) }
