package ui

import (
	"net/http"

	"firstset"
	"firstset/cases"
	"firstset/date"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

type noticeForm struct {
	Proposed []*firstset.CaseView
	Input    firstset.NoticeInput
	StartsOn string
	Errors   forms.Errors
}

// handleNoticeNew shows the form that puts proposed cases on a notice.
func (s *Handler) handleNoticeNew(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageRecognition(httpx.ActorOf(r))) {
		return
	}
	s.renderNoticeForm(w, r, http.StatusOK, noticeForm{StartsOn: date.Today().String()})
}

func (s *Handler) renderNoticeForm(w http.ResponseWriter, r *http.Request, status int, form noticeForm) {
	list, _, err := s.Cases.Cases(r.Context(), firstset.CaseFilter{Stages: []string{string(cases.Proposed)}, Limit: 100})
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	form.Proposed = list
	s.render(w, r, status, "notice_form", "发布公示", form)
}
