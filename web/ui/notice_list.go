package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

type noticeListPage struct {
	Notices   []*firstset.NoticeView
	CanCreate bool
}

// handleNoticeList lists the public notices (公示), newest first.
func (s *Handler) handleNoticeList(w http.ResponseWriter, r *http.Request) {
	list, err := s.Recognition.Notices(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "notice_list", "公示公告", noticeListPage{Notices: list,
		CanCreate: firstset.CheckManageRecognition(httpx.ActorOf(r)) == nil})
}
