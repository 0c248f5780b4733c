package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

type notificationListPage struct {
	Notifications []*firstset.Notification
	Unread        int
	UnreadOnly    bool
	Pagination    forms.Pagination
}

// handleNotificationList lists the viewer's notifications, newest first.
func (s *Handler) handleNotificationList(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	params := httpx.NewQueryReader(r)
	page, per := params.Page(20)
	unreadOnly := params.Choice("unread", "只看未读", func(v string) bool { return v == "1" || v == "0" }, []string{"1", "0"}) == "1"
	err := params.Err()
	var list []*firstset.Notification
	var total, unread int
	if err == nil {
		list, total, err = s.Cases.Notifications(r.Context(), unreadOnly, (page-1)*per, per)
	}
	if err == nil {
		unread, err = s.Cases.UnreadCount(r.Context())
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "notification_list", "消息通知", notificationListPage{
		Notifications: list, Unread: unread, UnreadOnly: unreadOnly,
		Pagination: forms.NewPagination(r.URL, page, per, total),
	})
}
