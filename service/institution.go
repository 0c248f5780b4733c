package service

import (
	"context"
	"slices"

	"firstset"
	"firstset/creditcode"
	"firstset/plaintext"
)

// Institutions implements the registry of insurers, banks, leasing firms
// and funds.
type Institutions struct{ *env }

var _ firstset.InstitutionService = (*Institutions)(nil)

// FindInstitutionByID returns an institution the caller may see
// (firstset.SeesInstitution); to anyone else it does not exist.
func (s *Institutions) FindInstitutionByID(ctx context.Context, id int64) (*firstset.Institution, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeInsuranceRead); err != nil {
		return nil, err
	}
	var n *firstset.Institution
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		n, err = tx.InstitutionByID(ctx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	if !firstset.SeesInstitution(a, n) {
		return nil, firstset.NotFound("机构")
	}
	return n, nil
}

// FindInstitutions lists the institutions the caller may see; a filter
// asking for others' finds nothing.
func (s *Institutions) FindInstitutions(ctx context.Context, f firstset.InstitutionFilter) ([]*firstset.Institution, int, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, 0, err
	}
	if err := requireScope(a, firstset.ScopeInsuranceRead); err != nil {
		return nil, 0, err
	}
	if err := firstset.CheckListInstitutions(a); err != nil {
		return nil, 0, err
	}
	f.Offset, f.Limit = page(f.Offset, f.Limit, 20, 500)
	f.Query = clean(f.Query)
	if err := checkQuery(f.Query); err != nil {
		return nil, 0, err
	}
	if f.Kind != "" && !f.Kind.Valid() {
		return nil, 0, firstset.FieldErrorf("kind", "invalid_kind", "%s", institutionKindMessage)
	}
	if a.Role() == firstset.RoleInsurer {
		if len(f.IDs) > 0 && !slices.Contains(f.IDs, a.User.InstitutionID) {
			return []*firstset.Institution{}, 0, nil
		}
		f.IDs = []int64{a.User.InstitutionID}
	}
	var list []*firstset.Institution
	var total int
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		list, total, err = tx.ListInstitutions(ctx, f)
		return err
	})
	return list, total, err
}

// CreateInstitution registers an institution (administrators).
func (s *Institutions) CreateInstitution(ctx context.Context, in firstset.InstitutionInput) (*firstset.Institution, error) {
	a := actor(ctx)
	if err := firstset.CheckManageInstitutions(a); err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeUsersAdmin); err != nil {
		return nil, err
	}
	n := &firstset.Institution{}
	if err := applyInstitutionInput(n, in); err != nil {
		return nil, err
	}
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		now := s.Now()
		n.CreatedAt, n.UpdatedAt = now, now
		if err := tx.CreateInstitution(ctx, n); err != nil {
			return err
		}
		return s.record(ctx, tx, "create", "institution", n.ID, nil, n)
	})
	if err != nil {
		return nil, err
	}
	return n, nil
}

// UpdateInstitution edits an institution (administrators).
func (s *Institutions) UpdateInstitution(ctx context.Context, id int64, in firstset.InstitutionInput) (*firstset.Institution, error) {
	a := actor(ctx)
	if err := firstset.CheckManageInstitutions(a); err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeUsersAdmin); err != nil {
		return nil, err
	}
	var n *firstset.Institution
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		old, err := tx.InstitutionByID(ctx, id)
		if err != nil {
			return err
		}
		n = new(firstset.Institution)
		*n = *old
		if err := applyInstitutionInput(n, in); err != nil {
			return err
		}
		n.UpdatedAt = s.Now()
		if err := tx.UpdateInstitution(ctx, n); err != nil {
			return err
		}
		return s.record(ctx, tx, "update", "institution", n.ID, old, n)
	})
	if err != nil {
		return nil, err
	}
	return n, nil
}

const institutionKindMessage = "机构类型须为 insurer（保险机构）、bank（银行）、leasing（融资租赁公司）或 fund（政府投资基金）。"

func applyInstitutionInput(n *firstset.Institution, in firstset.InstitutionInput) error {
	var p firstset.Problems
	in.Name = clean(in.Name)
	requireText(&p, "name", "机构名称", in.Name, 100)
	code, err := creditcode.Validate(in.CreditCode)
	if checkText(&p, "credit_code", "统一社会信用代码", in.CreditCode, plaintext.OneLine) && err != nil {
		p.Add("credit_code", creditCodeErrorCode(err), "%s", err.Error())
	}
	if !in.Kind.Valid() {
		p.Add("kind", "invalid_kind", "%s", institutionKindMessage)
	}
	if err := p.Err(); err != nil {
		return err
	}
	n.Name, n.CreditCode, n.Kind, n.KindLabel = in.Name, code.String(), in.Kind, in.Kind.Label()
	return nil
}
