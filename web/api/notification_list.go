package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

type notificationList struct {
	Items  []*firstset.Notification `json:"items"`
	Total  int                      `json:"total"`
	Unread int                      `json:"unread"`
}

// apiNotificationList lists the caller's notifications; unread=1 the
// unread ones.
func (s *Handler) apiNotificationList(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	page, per := q.Page(50)
	unread := q.Choice("unread", "未读", func(v string) bool { return v == "0" || v == "1" }, []string{"0", "1"}) == "1"
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Cases.Notifications(r.Context(), unread, (page-1)*per, per)
	var n int
	if err == nil {
		n, err = s.Cases.UnreadCount(r.Context())
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if list == nil {
		list = []*firstset.Notification{}
	}
	s.WriteJSON(w, r, http.StatusOK, notificationList{Items: list, Total: total, Unread: n})
}
