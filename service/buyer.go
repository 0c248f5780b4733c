package service

import (
	"context"
	"slices"

	"firstset"
	"firstset/creditcode"
	"firstset/district"
	"firstset/plaintext"
)

// Buyers implements the registry of purchasing units.
type Buyers struct{ *env }

var _ firstset.BuyerService = (*Buyers)(nil)

// FindBuyerByID returns a buyer the caller may see (firstset.SeesBuyer);
// to anyone else it does not exist.
func (s *Buyers) FindBuyerByID(ctx context.Context, id int64) (*firstset.Buyer, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeMarketRead); err != nil {
		return nil, err
	}
	var b *firstset.Buyer
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		b, err = tx.BuyerByID(ctx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	if !firstset.SeesBuyer(a, b) {
		return nil, firstset.NotFound("采购单位")
	}
	return b, nil
}

// FindBuyers lists the buyers the caller may see; a filter asking for what
// the caller may not see finds nothing.
func (s *Buyers) FindBuyers(ctx context.Context, f firstset.BuyerFilter) ([]*firstset.Buyer, int, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, 0, err
	}
	if err := requireScope(a, firstset.ScopeMarketRead); err != nil {
		return nil, 0, err
	}
	if err := firstset.CheckListBuyers(a); err != nil {
		return nil, 0, err
	}
	f.Offset, f.Limit = page(f.Offset, f.Limit, 20, 500)
	f.Query = clean(f.Query)
	if err := checkQuery(f.Query); err != nil {
		return nil, 0, err
	}
	switch a.Role() {
	case firstset.RoleDistrict:
		if f.DistrictCode != "" && f.DistrictCode != a.User.DistrictCode {
			return []*firstset.Buyer{}, 0, nil
		}
		f.DistrictCode = a.User.DistrictCode
	case firstset.RoleBuyer:
		if len(f.IDs) > 0 && !slices.Contains(f.IDs, a.User.BuyerID) {
			return []*firstset.Buyer{}, 0, nil
		}
		f.IDs = []int64{a.User.BuyerID}
	}
	var list []*firstset.Buyer
	var total int
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		list, total, err = tx.ListBuyers(ctx, f)
		return err
	})
	return list, total, err
}

// CreateBuyer registers a purchasing unit (administrators).
func (s *Buyers) CreateBuyer(ctx context.Context, in firstset.BuyerInput) (*firstset.Buyer, error) {
	a := actor(ctx)
	if err := firstset.CheckManageBuyers(a); err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeMarketWrite); err != nil {
		return nil, err
	}
	b := &firstset.Buyer{}
	if err := applyBuyerInput(b, in); err != nil {
		return nil, err
	}
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		now := s.Now()
		b.CreatedAt, b.UpdatedAt = now, now
		if err := tx.CreateBuyer(ctx, b); err != nil {
			return err
		}
		return s.record(ctx, tx, "create", "buyer", b.ID, nil, b)
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}

// UpdateBuyer edits a purchasing unit (administrators).
func (s *Buyers) UpdateBuyer(ctx context.Context, id int64, in firstset.BuyerInput) (*firstset.Buyer, error) {
	a := actor(ctx)
	if err := firstset.CheckManageBuyers(a); err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeMarketWrite); err != nil {
		return nil, err
	}
	var b *firstset.Buyer
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		old, err := tx.BuyerByID(ctx, id)
		if err != nil {
			return err
		}
		b = new(firstset.Buyer)
		*b = *old
		if err := applyBuyerInput(b, in); err != nil {
			return err
		}
		b.UpdatedAt = s.Now()
		if err := tx.UpdateBuyer(ctx, b); err != nil {
			return err
		}
		return s.record(ctx, tx, "update", "buyer", b.ID, old, b)
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}

func applyBuyerInput(b *firstset.Buyer, in firstset.BuyerInput) error {
	var p firstset.Problems
	in.Name, in.DistrictCode, in.Supervisor = clean(in.Name), clean(in.DistrictCode), clean(in.Supervisor)
	requireText(&p, "name", "单位名称", in.Name, 100)
	code, err := creditcode.Validate(in.CreditCode)
	if checkText(&p, "credit_code", "统一社会信用代码", in.CreditCode, plaintext.OneLine) && err != nil {
		p.Add("credit_code", creditCodeErrorCode(err), "%s", err.Error())
	}
	if !in.Kind.Valid() {
		p.Add("kind", "invalid_kind", "单位类型须为 soe_city（市属国有企业）、soe_district（区县属国有企业）、government（政府采购单位）或 project_owner（重点工程/政府投资项目业主）。")
	}
	d, ok := district.ByCode(in.DistrictCode)
	if checkText(&p, "district_code", "区县代码", in.DistrictCode, plaintext.OneLine) && !ok {
		if in.DistrictCode == "" {
			p.Add("district_code", "required", "请选择所在区县。")
		} else {
			p.Add("district_code", "unknown_district", "区县代码 %s 不是重庆市的区县或功能区。", in.DistrictCode)
		}
	}
	optionalText(&p, "supervisor", "主管部门", in.Supervisor, 100)
	if err := p.Err(); err != nil {
		return err
	}
	b.Name, b.CreditCode, b.Kind, b.KindLabel = in.Name, code.String(), in.Kind, in.Kind.Label()
	b.DistrictCode, b.DistrictName, b.Supervisor = d.Code, d.Name, in.Supervisor
	return nil
}
