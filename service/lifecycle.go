package service

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"firstset"
	"firstset/date"
	"firstset/plaintext"
)

// Lifecycle keeps the catalog true: adjustments by the city, expiry and
// reminders by the platform.
type Lifecycle struct{ *env }

var _ firstset.LifecycleService = (*Lifecycle)(nil)

// expireBatch is how many products one expiry transaction changes, so the
// writer is never held for long.
const expireBatch = 500

// publicActor is how the public history names who acted: the office, not
// the person.
func (s *env) publicActor(a *firstset.Actor) string {
	switch {
	case a.IsSystem():
		return firstset.SystemActorLabel
	case a.Role() == firstset.RoleReviewer:
		return s.issuer()
	case a.Role() == firstset.RoleAdmin:
		return "平台管理员"
	}
	return a.Name()
}

// appendProductEvent stamps e with the clock and the actor and stores it.
func (s *env) appendProductEvent(ctx context.Context, tx firstset.Tx, e *firstset.ProductEvent) error {
	a := actor(ctx)
	e.At, e.ActorID, e.Actor = s.Now(), a.ID(), s.publicActor(a)
	return tx.AppendProductEvent(ctx, e)
}

func (s *Lifecycle) AdjustProduct(ctx context.Context, productID int64, in firstset.AdjustmentInput) (*firstset.Product, error) {
	a := actor(ctx)
	if err := firstset.CheckAdjustCatalog(a); err != nil {
		return nil, err
	}
	var p firstset.Problems
	if !in.Action.Valid() {
		p.Add("action", "invalid", "调整类型须为 revoke（撤销）、restore（恢复）或 set_valid_until（调整有效期）。")
	}
	if checkText(&p, "reason", "调整理由", in.Reason, plaintext.MultiLine) {
		checkLength(&p, "reason", "调整理由", in.Reason, firstset.MaxAdjustmentReason, true)
	}
	if in.Action == firstset.AdjustRevoke {
		requireText(&p, "document", "撤销依据文件", in.Document, firstset.MaxAdjustmentDocument)
	} else {
		optionalText(&p, "document", "依据文件", in.Document, firstset.MaxAdjustmentDocument)
	}
	switch {
	case in.Action == firstset.AdjustSetValidUntil && in.ValidUntil.IsZero():
		p.Add("valid_until", "required", "请填写新的有效期截止日期。")
	case in.Action != firstset.AdjustSetValidUntil && !in.ValidUntil.IsZero():
		p.Add("valid_until", "not_allowed", "只有调整有效期时才填写有效期截止日期。")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	today := date.FromTime(s.Now())
	var out *firstset.Product
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		old, err := tx.ProductByID(ctx, productID)
		if err != nil {
			return err
		}
		if !old.EverRecognised() {
			return firstset.Errorf(firstset.EWRONGSTAGE, "装备“%s”从未列入目录，无可调整的认定。", old.Name)
		}
		np := *old
		before := s.validUntil(old.RecognizedOn, old.ValidUntil)
		switch in.Action {
		case firstset.AdjustRevoke:
			if old.Status == firstset.StatusRevoked {
				return firstset.Errorf(firstset.EWRONGSTAGE, "装备“%s”的认定已撤销。", old.Name)
			}
			np.Status = firstset.StatusRevoked
		case firstset.AdjustRestore:
			if old.Status != firstset.StatusRevoked {
				return firstset.Errorf(firstset.EWRONGSTAGE, "装备“%s”的认定未被撤销，无需恢复。", old.Name)
			}
			np.Status = statusOn(today, before)
		case firstset.AdjustSetValidUntil:
			if in.ValidUntil.Before(old.RecognizedOn) {
				return firstset.Problems{{Field: "valid_until", Code: "date_order",
					Message: fmt.Sprintf("有效期截止日期 %s 早于认定日期 %s。", in.ValidUntil, old.RecognizedOn)}}.Err()
			}
			if in.ValidUntil == before {
				return firstset.Problems{{Field: "valid_until", Code: "unchanged",
					Message: fmt.Sprintf("有效期已是 %s，无需调整。", before)}}.Err()
			}
			np.ValidUntil = in.ValidUntil
			if old.Status != firstset.StatusRevoked {
				np.Status = statusOn(today, in.ValidUntil)
			}
		}
		np.UpdatedAt = s.Now()
		if err := tx.UpdateProduct(ctx, &np); err != nil {
			return err
		}
		type change struct {
			*firstset.Product
			Reason   string `json:"reason"`
			Document string `json:"document"`
		}
		if err := s.record(ctx, tx, string(in.Action), "product", np.ID, old, change{&np, in.Reason, in.Document}); err != nil {
			return err
		}
		cert, err := tx.CurrentCertificate(ctx, np.ID)
		if err != nil && !isNotFound(err) {
			return err
		}
		if in.Action == firstset.AdjustSetValidUntil {
			// The certificate signs the validity, so a new one replaces it.
			key, err := s.signingKey(ctx, tx)
			if err != nil {
				return err
			}
			if cert, err = s.issueCertificate(ctx, tx, key, &np, ""); err != nil {
				return err
			}
		}
		after := s.validUntil(np.RecognizedOn, np.ValidUntil)
		e := &firstset.ProductEvent{ProductID: np.ID, Action: string(in.Action), Reason: in.Reason, Document: in.Document,
			StatusBefore: old.Status, StatusAfter: np.Status, ValidUntilBefore: before, ValidUntilAfter: after}
		if cert != nil {
			e.Certificate = cert.Number
		}
		if _, caseNumber, err := publishedBy(ctx, tx, np.ID); err != nil {
			return err
		} else if caseNumber != "" {
			e.CaseNumber = caseNumber
			c, err := tx.CaseByNumber(ctx, caseNumber)
			if err != nil {
				return err
			}
			opinion := in.Action.Label() + "：" + in.Reason
			if in.Document != "" {
				opinion += "（依据：" + in.Document + "）"
			}
			if in.Action == firstset.AdjustSetValidUntil {
				opinion += fmt.Sprintf("；有效期由 %s 调整为 %s", before, after)
			}
			if err := tx.AppendEvent(ctx, &firstset.Event{CaseID: c.ID, At: s.Now(), ActorID: a.ID(), Actor: a.Name(),
				ActorRole: a.Role(), Action: string(in.Action), FromStage: c.Stage, ToStage: c.Stage, Opinion: opinion}); err != nil {
				return err
			}
		}
		if err := s.appendProductEvent(ctx, tx, e); err != nil {
			return err
		}
		users, err := usersOf(ctx, tx, firstset.RoleEnterprise, np.EnterpriseID, "")
		if err != nil {
			return err
		}
		body := fmt.Sprintf("贵单位装备“%s”（%s）的首台（套）认定已%s。理由：%s", np.Name, np.Model, in.Action.Label(),
			strings.TrimRight(in.Reason, "。；;.，, "))
		if in.Action == firstset.AdjustSetValidUntil {
			body += fmt.Sprintf("。有效期由 %s 调整为 %s，证书已重新签发（%s）", before, after, e.Certificate)
		}
		if err := s.notifyProduct(ctx, tx, users, &np, "首台（套）认定"+in.Action.Label(), body+"。"); err != nil {
			return err
		}
		out = s.withValidity(&np)
		return nil
	})
	return out, err
}

// statusOn is a (not revoked) recognition's status on day: recognised
// through its last day of validity, expired after.
func statusOn(day, validUntil date.Date) firstset.ProductStatus {
	if day.After(validUntil) {
		return firstset.StatusExpired
	}
	return firstset.StatusRecognised
}

// notifyProduct notifies users about a product (linked to its page).
func (s *env) notifyProduct(ctx context.Context, tx firstset.Tx, users []*firstset.User, p *firstset.Product, title, body string) error {
	return s.notifyAt(ctx, tx, users, 0, fmt.Sprintf("/products/%d", p.ID), title, body)
}

func (s *Lifecycle) ProductHistory(ctx context.Context, productID int64) ([]*firstset.ProductEvent, error) {
	var list []*firstset.ProductEvent
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		p, err := tx.ProductByID(ctx, productID)
		if err != nil {
			return err
		}
		if !firstset.CanSeeProduct(actor(ctx), p) {
			return firstset.NotFound("装备")
		}
		list, err = tx.ProductEvents(ctx, productID)
		return err
	})
	return list, err
}

// recognised lists the dates of every product recognised now.
func (s *env) recognised(ctx context.Context) ([]firstset.RecognitionDates, error) {
	var all []firstset.RecognitionDates
	err := s.store.View(ctx, func(tx firstset.Tx) (err error) {
		all, err = tx.RecognisedProducts(ctx)
		return err
	})
	return all, err
}

// due lists the recognised products whose validity ended before today.
func (s *env) due(ctx context.Context, today date.Date) ([]firstset.RecognitionDates, error) {
	all, err := s.recognised(ctx)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(d firstset.RecognitionDates) bool {
		until := s.validUntil(d.RecognizedOn, d.ValidUntil)
		return until.IsZero() || !today.After(until)
	}), nil
}

func (s *Lifecycle) ExpireDue(ctx context.Context) (int, error) {
	if !actor(ctx).IsSystem() {
		return 0, firstset.Errorf(firstset.EFORBIDDEN, "到期处理由系统自动执行。")
	}
	today := date.FromTime(s.Now())
	due, err := s.due(ctx, today)
	if err != nil {
		return 0, fmt.Errorf("expire: %w", err)
	}
	total := 0
	for chunk := range slices.Chunk(due, expireBatch) {
		byID := make(map[int64]firstset.RecognitionDates, len(chunk))
		ids := make([]int64, len(chunk))
		for i, d := range chunk {
			ids[i], byID[d.ProductID] = d.ProductID, d
		}
		n := 0
		err := s.store.Update(firstset.BulkWrite(ctx), func(tx firstset.Tx) error {
			n = 0
			done, err := tx.ExpireProducts(ctx, ids, s.Now())
			if err != nil {
				return err
			}
			for _, id := range done {
				d := byID[id]
				until := s.validUntil(d.RecognizedOn, d.ValidUntil)
				type expiry struct {
					Status     firstset.ProductStatus `json:"status"`
					ValidUntil date.Date              `json:"valid_until"`
				}
				if err := s.record(ctx, tx, firstset.EventExpire, "product", id,
					expiry{firstset.StatusRecognised, until}, expiry{firstset.StatusExpired, until}); err != nil {
					return err
				}
				e := &firstset.ProductEvent{ProductID: id, Action: firstset.EventExpire,
					Reason:       fmt.Sprintf("认定有效期至 %s，已届满，自动移出目录。", until),
					StatusBefore: firstset.StatusRecognised, StatusAfter: firstset.StatusExpired,
					ValidUntilBefore: until, ValidUntilAfter: until}
				if c, err := tx.CurrentCertificate(ctx, id); err == nil {
					e.Certificate = c.Number
				} else if !isNotFound(err) {
					return err
				}
				if err := s.appendProductEvent(ctx, tx, e); err != nil {
					return err
				}
				n++
			}
			return nil
		})
		if err != nil {
			return total, fmt.Errorf("expire: %w", err)
		}
		total += n
	}
	return total, nil
}

func (s *Lifecycle) RemindExpiring(ctx context.Context) (int, error) {
	if !actor(ctx).IsSystem() {
		return 0, firstset.Errorf(firstset.EFORBIDDEN, "到期提醒由系统自动发送。")
	}
	today := date.FromTime(s.Now())
	all, err := s.recognised(ctx)
	if err != nil {
		return 0, fmt.Errorf("remind: %w", err)
	}
	sent := 0
	for _, d := range all {
		until := s.validUntil(d.RecognizedOn, d.ValidUntil)
		if until.IsZero() || today.After(until) {
			continue
		}
		left := until.Sub(today)
		// The smallest threshold reached: a product first seen 20 days
		// before its end gets the 30-day reminder, not a late 90-day one.
		days := 0
		for _, th := range firstset.ReminderDays {
			if left <= th && (days == 0 || th < days) {
				days = th
			}
		}
		if days == 0 {
			continue
		}
		first := false
		err := s.store.Update(ctx, func(tx firstset.Tx) (err error) {
			first, err = tx.RecordReminder(ctx, d.ProductID, days, until, s.Now())
			if err != nil || !first {
				return err
			}
			p, err := tx.ProductByID(ctx, d.ProductID)
			if err != nil {
				return err
			}
			users, err := usersOf(ctx, tx, firstset.RoleEnterprise, d.EnterpriseID, "")
			if err != nil {
				return err
			}
			body := fmt.Sprintf("贵单位装备“%s”（%s）的首台（套）认定有效期至 %s，还有 %d 天届满。届满后将移出目录，不再享受首台（套）政策；如需继续认定，请关注新的申报批次。",
				p.Name, p.Model, until, left)
			return s.notifyProduct(ctx, tx, users, p, fmt.Sprintf("认定有效期 %d 天内届满", days), body)
		})
		if err != nil {
			return sent, fmt.Errorf("remind product %d: %w", d.ProductID, err)
		}
		if first {
			sent++
		}
	}
	return sent, nil
}

func (s *Lifecycle) RemindNoticeEndings(ctx context.Context) (int, error) {
	if !actor(ctx).IsSystem() {
		return 0, firstset.Errorf(firstset.EFORBIDDEN, "公示期满提醒由系统自动发送。")
	}
	today := date.FromTime(s.Now())
	var notices []*firstset.Notice
	err := s.store.View(ctx, func(tx firstset.Tx) (err error) {
		notices, err = tx.ListNotices(ctx)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("notice endings: %w", err)
	}
	sent := 0
	for _, n := range notices {
		if !today.After(n.EndsOn) {
			continue
		}
		first := false
		err := s.store.Update(ctx, func(tx firstset.Tx) (err error) {
			waiting, _, err := tx.ListCases(ctx, firstset.CaseFilter{NoticeID: n.ID, Stages: []string{"notice"}})
			if err != nil || len(waiting) == 0 {
				return err
			}
			if first, err = tx.RecordNoticeEnded(ctx, n.ID, s.Now()); err != nil || !first {
				return err
			}
			reviewers, err := usersOf(ctx, tx, firstset.RoleReviewer, 0, "")
			if err != nil {
				return err
			}
			body := fmt.Sprintf("公示“%s”已于 %s 期满，其中 %d 件仍待发布：请核实并答复异议后发布目录。", n.Title, n.EndsOn, len(waiting))
			return s.notifyAt(ctx, tx, reviewers, 0, fmt.Sprintf("/notices/%d", n.ID), "公示期满，待发布目录", body)
		})
		if err != nil {
			return sent, fmt.Errorf("notice %d ending: %w", n.ID, err)
		}
		if first {
			sent++
		}
	}
	return sent, nil
}
