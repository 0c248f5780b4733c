package service

import (
	"context"
	"fmt"
	"slices"

	"firstset"
	"firstset/cases"
)

// notify writes a notification to each of users but the actor, linked to
// case c (when not nil), with an email address when mail is configured and
// the user has one.
func (s *env) notify(ctx context.Context, tx firstset.Tx, users []*firstset.User, c *firstset.Case, title, body string) error {
	var caseID int64
	link := ""
	if c != nil {
		caseID, link = c.ID, fmt.Sprintf("/cases/%d", c.ID)
	}
	return s.notifyAt(ctx, tx, users, caseID, link, title, body)
}

// notifyAt is notify for a notification that links a page of its own (a
// product, a notice) instead of a case.
func (s *env) notifyAt(ctx context.Context, tx firstset.Tx, users []*firstset.User, caseID int64, link, title, body string) error {
	self := actor(ctx).ID()
	for _, u := range users {
		if u.ID == self || u.Disabled {
			continue
		}
		n := &firstset.Notification{UserID: u.ID, CaseID: caseID, Title: title, Body: body, Link: link, CreatedAt: s.Now()}
		if s.cfg.Email != nil {
			n.Email = u.Email
		}
		if err := tx.CreateNotification(ctx, n); err != nil {
			return err
		}
	}
	return nil
}

// usersOf lists the enabled users of a role; of one enterprise or one
// district when given.
func usersOf(ctx context.Context, tx firstset.Tx, role firstset.Role, enterpriseID int64, district string) ([]*firstset.User, error) {
	list, _, err := tx.ListUsers(ctx, firstset.UserFilter{Role: role, EnterpriseID: enterpriseID})
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(list, func(u *firstset.User) bool {
		return u.Disabled || (district != "" && u.DistrictCode != district)
	}), nil
}

// notifyMove tells the applicant's staff, and whoever must act next, that
// a case has moved.
func (s *env) notifyMove(ctx context.Context, tx firstset.Tx, c *firstset.Case, t cases.Transition, opinion string) error {
	def, _ := kindOf(c).Stage(cases.Stage(c.Stage))
	title := fmt.Sprintf("办件 %s：%s", c.Number, t.Label)
	body := fmt.Sprintf("您关注的办件 %s（%s %s）已%s，当前阶段：%s。", c.Number, c.EnterpriseName, c.ProductName, t.Label, def.Label)
	if !c.DueOn.IsZero() {
		body += fmt.Sprintf("办理时限：%s 前。", c.DueOn)
	}
	if opinion != "" {
		body += "意见：" + opinion
	}
	applicants, err := usersOf(ctx, tx, firstset.RoleEnterprise, c.EnterpriseID, "")
	if err != nil {
		return err
	}
	if c.ApplicantUserID != 0 {
		// A buyer's case: the buyer applied; the enterprise is the manufacturer.
		u, err := tx.UserByID(ctx, c.ApplicantUserID)
		if err != nil {
			return err
		}
		if def.Next != cases.Manufacturer {
			applicants = append(applicants, u)
		} else {
			applicants = []*firstset.User{u}
		}
	}
	if err := s.notify(ctx, tx, applicants, c, title, body); err != nil {
		return err
	}
	var next []*firstset.User
	switch def.Next {
	case cases.District:
		next, err = usersOf(ctx, tx, firstset.RoleDistrict, 0, c.DistrictCode)
	case cases.Reviewer:
		next, err = usersOf(ctx, tx, firstset.RoleReviewer, 0, "")
	case cases.Finance:
		next, err = usersOf(ctx, tx, firstset.RoleFinance, 0, "")
	case cases.Manufacturer:
		next, err = usersOf(ctx, tx, firstset.RoleEnterprise, c.EnterpriseID, "")
	}
	if err != nil {
		return err
	}
	return s.notify(ctx, tx, next, c, fmt.Sprintf("待办：办件 %s 待%s", c.Number, def.Label), body)
}

// Notifications lists the caller's notifications, newest first.
func (s *Casework) Notifications(ctx context.Context, unreadOnly bool, offset, limit int) ([]*firstset.Notification, int, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, 0, err
	}
	var list []*firstset.Notification
	var total int
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		list, total, err = tx.ListNotifications(ctx, a.ID(), unreadOnly, offset, limit)
		return err
	})
	return list, total, err
}

// UnreadCount counts the caller's unread notifications.
func (s *Casework) UnreadCount(ctx context.Context) (int, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return 0, err
	}
	var n int
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		n, err = tx.CountUnread(ctx, a.ID())
		return err
	})
	return n, err
}

// MarkRead marks the caller's notifications read.
func (s *Casework) MarkRead(ctx context.Context, ids []int64) error {
	a, err := requireLogin(ctx)
	if err != nil {
		return err
	}
	if len(ids) > 500 {
		return firstset.FieldErrorf("ids", "too_many", "一次最多标记 500 条消息。")
	}
	return s.store.Update(ctx, func(tx firstset.Tx) error { return tx.MarkRead(ctx, a.ID(), ids, s.Now()) })
}

// SendPendingEmails mails the notifications waiting for it, at most limit,
// and reports how many were sent. A message that fails stays pending for
// the next run. Without an email sender it does nothing.
func (s *Services) SendPendingEmails(ctx context.Context, limit int) (int, error) {
	if s.cfg.Email == nil {
		return 0, nil
	}
	var pending []*firstset.Notification
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		pending, err = tx.PendingEmails(ctx, limit)
		return err
	})
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, n := range pending {
		body := n.Body
		if n.Link != "" {
			body += "\r\n\r\n请登录首台套政策服务平台查看：" + n.Link
		}
		if err := s.cfg.Email(ctx, n.Email, n.Title, body); err != nil {
			s.log.Warn("notification email not sent", "notification", n.ID, "err", err)
			continue
		}
		// Marked after sending: a crash in between sends it again rather
		// than never.
		ctx := firstset.NewContextWithActor(ctx, firstset.SystemActor())
		if err := s.store.Update(ctx, func(tx firstset.Tx) error { return tx.MarkEmailed(ctx, n.ID, s.Now()) }); err != nil {
			return sent, err
		}
		sent++
	}
	return sent, nil
}
