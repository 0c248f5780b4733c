package service

import (
	"context"
	"strings"

	"firstset"
)

// Audit implements reading and verifying the audit log.
type Audit struct{ *env }

var _ firstset.AuditService = (*Audit)(nil)

// maxAuditPage is the largest page of the audit log one call returns.
const maxAuditPage = 500

// FindAuditEntries lists the audit log (administrators). A filter naming
// an action or entity the log never records, or an impossible time range,
// is refused naming the filter; an actor is named as the log shows it: a
// username (which finds that user's entries, made through a session or a
// token) or 系统.
func (s *Audit) FindAuditEntries(ctx context.Context, f firstset.AuditFilter) ([]*firstset.AuditEntry, error) {
	if err := firstset.CheckReadAudit(actor(ctx)); err != nil {
		return nil, err
	}
	f.Offset, f.Limit = page(f.Offset, f.Limit, 50, maxAuditPage)
	var list []*firstset.AuditEntry
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		f, err := resolveAuditFilter(ctx, tx, f)
		if err != nil {
			return err
		}
		list, err = tx.ListAudit(ctx, f)
		return err
	})
	return list, err
}

// CountAuditEntries counts the entries FindAuditEntries would page through.
func (s *Audit) CountAuditEntries(ctx context.Context, f firstset.AuditFilter) (int, error) {
	if err := firstset.CheckReadAudit(actor(ctx)); err != nil {
		return 0, err
	}
	var n int
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		f, err := resolveAuditFilter(ctx, tx, f)
		if err != nil {
			return err
		}
		n, err = tx.CountAudit(ctx, f)
		return err
	})
	return n, err
}

// resolveAuditFilter checks f and turns the actor as typed into what the
// log records: a known username becomes its user id, 系统 the system's name.
func resolveAuditFilter(ctx context.Context, tx firstset.Tx, f firstset.AuditFilter) (firstset.AuditFilter, error) {
	var p firstset.Problems
	if f.Action != "" {
		if _, ok := firstset.AuditLabel(firstset.AuditActions, f.Action); !ok {
			p.Add("action", "unknown_action", "操作类型 %q 无效。", f.Action)
		}
	}
	if f.Entity != "" {
		if _, ok := firstset.AuditLabel(firstset.AuditEntities, f.Entity); !ok {
			p.Add("entity", "unknown_entity", "对象类型 %q 无效。", f.Entity)
		}
	}
	switch {
	case f.EntityID < 0:
		p.Add("entity_id", "out_of_range", "对象编号须为正整数。")
	case f.EntityID > 0 && f.Entity == "":
		// Numbers are per kind of record: product 3 and user 3 are unrelated.
		p.Add("entity_id", "entity_required", "按对象编号筛选时须同时选择对象类型。")
	}
	if !f.Since.IsZero() && !f.Until.IsZero() && !f.Since.Before(f.Until) {
		p.Add("until", "date_order", "结束日期不能早于开始日期。")
	}
	f.ActorName = strings.TrimSpace(f.ActorName)
	optionalText(&p, "actor", "操作人", f.ActorName, 100)
	if err := p.Err(); err != nil {
		return f, err
	}
	switch name := f.ActorName; {
	case name == firstset.SystemActorLabel:
		f.ActorName = firstset.SystemActorName
	case name != "" && f.ActorID == 0:
		u, err := tx.UserByUsername(ctx, strings.ToLower(name))
		switch {
		case err == nil:
			f.ActorID, f.ActorName = u.ID, ""
		case firstset.ErrorCode(err) != firstset.ENOTFOUND:
			return f, err
		}
		// Not a user now: matched as recorded (a former username, 公众).
	}
	return f, nil
}

// VerifyAudit walks the whole chain in pages and reports the first entry
// that was edited, inserted or deleted out of order.
func (s *Audit) VerifyAudit(ctx context.Context) (*firstset.AuditVerifier, error) {
	if err := firstset.CheckReadAudit(actor(ctx)); err != nil {
		return nil, err
	}
	return VerifyChain(ctx, s.store)
}

// VerifyChain checks the audit chain of store in one read-only
// transaction; the command line calls it directly, as the operator of the
// machine.
func VerifyChain(ctx context.Context, store firstset.Store) (*firstset.AuditVerifier, error) {
	var v *firstset.AuditVerifier
	err := store.View(ctx, func(tx firstset.Tx) (err error) {
		v, err = firstset.VerifyAudit(ctx, tx, 1000)
		return err
	})
	return v, err
}
