package service

import (
	"context"

	"firstset"
)

// FindAuditEntries lists the audit log (administrators).
func (s *Services) FindAuditEntries(ctx context.Context, f firstset.AuditFilter) ([]*firstset.AuditEntry, error) {
	if _, err := requireRole(ctx, firstset.RoleAdmin); err != nil {
		return nil, err
	}
	_, f.Limit = page(0, f.Limit, 50, 500)
	var list []*firstset.AuditEntry
	err := s.store.View(ctx, func(tx firstset.Tx) (err error) {
		list, err = tx.ListAudit(ctx, f)
		return err
	})
	return list, err
}

// VerifyAudit walks the whole chain in pages and reports the first entry
// that was edited, inserted or deleted out of order.
func (s *Services) VerifyAudit(ctx context.Context) (*firstset.AuditVerifier, error) {
	if _, err := requireRole(ctx, firstset.RoleAdmin); err != nil {
		return nil, err
	}
	return VerifyChain(ctx, s.store)
}

// VerifyChain checks the audit chain of store; the command line calls it
// directly, as the operator of the machine.
func VerifyChain(ctx context.Context, store firstset.Store) (*firstset.AuditVerifier, error) {
	v := &firstset.AuditVerifier{}
	var after int64
	for {
		var list []*firstset.AuditEntry
		err := store.View(ctx, func(tx firstset.Tx) (err error) {
			list, err = tx.ListAudit(ctx, firstset.AuditFilter{AfterSeq: after, Limit: 1000})
			return err
		})
		if err != nil {
			return nil, err
		}
		for _, e := range list {
			if !v.Next(e) {
				return v, nil
			}
			after = e.Seq
		}
		if len(list) < 1000 {
			break
		}
	}
	var seq int64
	var hash string
	err := store.View(ctx, func(tx firstset.Tx) (err error) {
		seq, hash, err = tx.AuditHead(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	v.Finish(seq, hash)
	return v, nil
}
