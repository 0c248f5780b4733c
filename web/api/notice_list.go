package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

func (s *Handler) apiNoticeList(w http.ResponseWriter, r *http.Request) {
	list, err := s.Recognition.Notices(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if list == nil {
		list = []*firstset.NoticeView{}
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.NoticeView]{Items: list, Total: len(list)})
}
