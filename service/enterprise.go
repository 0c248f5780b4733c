package service

import (
	"context"
	"errors"
	"slices"

	"firstset"
	"firstset/creditcode"
	"firstset/district"
	"firstset/plaintext"
)

// Enterprises implements the enterprise registry.
type Enterprises struct{ *env }

var _ firstset.EnterpriseService = (*Enterprises)(nil)

// FindEnterpriseByID returns an enterprise the caller may see: its own for an
// enterprise user, those of its district for a district office, any for the
// city's departments.
func (s *Enterprises) FindEnterpriseByID(ctx context.Context, id int64) (*firstset.Enterprise, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeEnterprisesRead); err != nil {
		return nil, err
	}
	var e *firstset.Enterprise
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		e, err = tx.EnterpriseByID(ctx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	if !firstset.CanSeeEnterprise(a, e) {
		return nil, firstset.NotFound("企业")
	}
	return e, nil
}

// FindEnterprises lists the enterprises the caller may see.
func (s *Enterprises) FindEnterprises(ctx context.Context, f firstset.EnterpriseFilter) ([]*firstset.Enterprise, int, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, 0, err
	}
	if err := requireScope(a, firstset.ScopeEnterprisesRead); err != nil {
		return nil, 0, err
	}
	if err := firstset.CheckListEnterprises(a); err != nil {
		return nil, 0, err
	}
	f.Offset, f.Limit = page(f.Offset, f.Limit, 20, 200)
	f.Query = clean(f.Query)
	if err := checkQuery(f.Query); err != nil {
		return nil, 0, err
	}
	// A filter asking for what the caller may not see finds nothing, as
	// FindProducts does with a status; it is never widened or replaced.
	switch {
	case a.Role().SeesAllEnterprises():
	case a.Role() == firstset.RoleDistrict:
		if f.DistrictCode != "" && f.DistrictCode != a.User.DistrictCode {
			return nil, 0, nil
		}
		f.DistrictCode = a.User.DistrictCode
	case a.Role() == firstset.RoleEnterprise:
		if len(f.IDs) > 0 && !slices.Contains(f.IDs, a.User.EnterpriseID) {
			return nil, 0, nil
		}
		f.IDs = []int64{a.User.EnterpriseID}
	}
	var list []*firstset.Enterprise
	var total int
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		list, total, err = tx.ListEnterprises(ctx, f)
		return err
	})
	return list, total, err
}

// CreateEnterprise registers an enterprise (reviewers and administrators).
func (s *Enterprises) CreateEnterprise(ctx context.Context, in firstset.EnterpriseInput) (*firstset.Enterprise, error) {
	a := actor(ctx)
	if err := firstset.CheckCreateEnterprise(a); err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeEnterprisesWrite); err != nil {
		return nil, err
	}
	e := &firstset.Enterprise{}
	if err := applyEnterpriseInput(e, in); err != nil {
		return nil, err
	}
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		now := s.Now()
		e.CreatedAt, e.UpdatedAt = now, now
		if err := tx.CreateEnterprise(ctx, e); err != nil {
			return err
		}
		return s.record(ctx, tx, "create", "enterprise", e.ID, nil, e)
	})
	if err != nil {
		return nil, s.nameCreditCodeHolder(ctx, err, e)
	}
	return e, nil
}

// UpdateEnterprise edits an enterprise's profile. An enterprise user may edit
// its own profile but not its identity (EnterpriseIdentityFixed).
func (s *Enterprises) UpdateEnterprise(ctx context.Context, id int64, in firstset.EnterpriseInput) (*firstset.Enterprise, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeEnterprisesWrite); err != nil {
		return nil, err
	}
	var e *firstset.Enterprise
	err = s.store.Update(ctx, func(tx firstset.Tx) error {
		old, err := tx.EnterpriseByID(ctx, id)
		if err != nil {
			return err
		}
		if err := firstset.CheckEditEnterprise(a, old); err != nil {
			return err
		}
		e = new(firstset.Enterprise)
		*e = *old
		if err := applyEnterpriseInput(e, in); err != nil {
			return err
		}
		// Checked after the input is read, so a malformed code gets its own
		// error rather than this one.
		if firstset.EnterpriseIdentityFixed(a) {
			var p firstset.Problems
			for _, f := range []struct {
				field, label string
				changed      bool
			}{
				{"name", "企业名称", e.Name != old.Name},
				{"credit_code", "统一社会信用代码", e.CreditCode != old.CreditCode},
				{"district_code", "所在区县", e.DistrictCode != old.DistrictCode},
			} {
				if f.changed {
					p.Add(f.field, "read_only", "%s不能由企业自行修改，如需变更请联系市经济信息委。", f.label)
				}
			}
			if err := p.Err(); err != nil {
				return err
			}
		}
		e.UpdatedAt = s.Now()
		if err := tx.UpdateEnterprise(ctx, e); err != nil {
			return err
		}
		return s.record(ctx, tx, "update", "enterprise", e.ID, old, e)
	})
	if err != nil {
		return nil, s.nameCreditCodeHolder(ctx, err, e)
	}
	return e, nil
}

// nameCreditCodeHolder words the store's refusal of a credit code already
// registered (the unique index decides it, inside the write) with the
// name of the enterprise that holds it, read after the failed write.
func (s *Enterprises) nameCreditCodeHolder(ctx context.Context, err error, e *firstset.Enterprise) error {
	var fe *firstset.Error
	if e == nil || !errors.As(err, &fe) || fe.Code != firstset.ECONFLICT || fe.Field != "credit_code" {
		return err
	}
	code := e.CreditCode
	var other *firstset.Enterprise
	if s.store.View(ctx, func(tx firstset.Tx) (err error) {
		other, err = tx.EnterpriseByCreditCode(ctx, code)
		return err
	}) != nil {
		return err
	}
	return &firstset.Error{Code: firstset.ECONFLICT, Field: "credit_code",
		Message: "该统一社会信用代码已登记（" + other.Name + "），同一企业不能重复登记。", Err: err}
}

func creditCodeErrorCode(err error) string {
	var e *creditcode.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return "credit_code_invalid"
}

// applyEnterpriseInput validates in and copies it onto e.
func applyEnterpriseInput(e *firstset.Enterprise, in firstset.EnterpriseInput) error {
	var p firstset.Problems
	in.Name, in.Address = clean(in.Name), clean(in.Address)
	in.ContactName, in.ContactPhone, in.ContactEmail = clean(in.ContactName), clean(in.ContactPhone), clean(in.ContactEmail)
	in.LegalRepresentative, in.DistrictCode = clean(in.LegalRepresentative), clean(in.DistrictCode)
	requireText(&p, "name", "企业名称", in.Name, 100)
	code, err := creditcode.Validate(in.CreditCode)
	if checkText(&p, "credit_code", "统一社会信用代码", in.CreditCode, plaintext.OneLine) && err != nil {
		p.Add("credit_code", creditCodeErrorCode(err), "%s", err.Error())
	}
	d, ok := district.ByCode(in.DistrictCode)
	if checkText(&p, "district_code", "区县代码", in.DistrictCode, plaintext.OneLine) && !ok {
		if in.DistrictCode == "" {
			p.Add("district_code", "required", "请选择所属区县。")
		} else {
			p.Add("district_code", "unknown_district", "区县代码 %s 不是重庆市的区县或功能区。", in.DistrictCode)
		}
	}
	requireText(&p, "address", "地址", in.Address, 200)
	requireText(&p, "contact_name", "联系人", in.ContactName, 50)
	checkPhone(&p, "contact_phone", in.ContactPhone, true)
	checkEmail(&p, "contact_email", in.ContactEmail)
	optionalText(&p, "legal_representative", "法定代表人", in.LegalRepresentative, 50)
	if err := p.Err(); err != nil {
		return err
	}
	e.Name, e.CreditCode, e.DistrictCode, e.DistrictName = in.Name, code.String(), d.Code, d.Name
	e.Address, e.ContactName, e.ContactPhone, e.ContactEmail = in.Address, in.ContactName, in.ContactPhone, in.ContactEmail
	e.LegalRepresentative = in.LegalRepresentative
	return nil
}
