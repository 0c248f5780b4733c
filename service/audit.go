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
