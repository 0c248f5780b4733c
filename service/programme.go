package service

import (
	"context"
	"slices"
	"strings"

	"firstset"
	"firstset/date"
)

// Programmes keeps the demonstration application bases, the alliances
// and the innovation catalog (2018 opinions （四）（六）): reviewers keep
// them, everyone may read them.
type Programmes struct{ *env }

var _ firstset.ProgrammeService = (*Programmes)(nil)

// Limits of a programme's lists.
const (
	MaxProgrammeMembers  = 200
	MaxProgrammeProducts = 500
)

// CreateProgramme adds an entry to one of the lists.
func (s *Programmes) CreateProgramme(ctx context.Context, in firstset.ProgrammeInput) (*firstset.Programme, error) {
	if err := firstset.CheckManageProgrammes(actor(ctx)); err != nil {
		return nil, err
	}
	p := &firstset.Programme{}
	var out *firstset.Programme
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		if err := s.applyProgrammeInput(ctx, tx, p, in); err != nil {
			return err
		}
		now := s.Now()
		p.CreatedAt, p.UpdatedAt = now, now
		if err := tx.CreateProgramme(ctx, p); err != nil {
			return err
		}
		var err error
		if out, err = tx.ProgrammeByID(ctx, p.ID); err != nil {
			return err
		}
		return s.record(ctx, tx, "create", "programme", p.ID, nil, out)
	})
	return out, err
}

// UpdateProgramme rewrites an entry, its members and products.
func (s *Programmes) UpdateProgramme(ctx context.Context, id int64, in firstset.ProgrammeInput) (*firstset.Programme, error) {
	if err := firstset.CheckManageProgrammes(actor(ctx)); err != nil {
		return nil, err
	}
	var out *firstset.Programme
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		old, err := tx.ProgrammeByID(ctx, id)
		if err != nil {
			return err
		}
		p := &firstset.Programme{ID: old.ID, CreatedAt: old.CreatedAt}
		if err := s.applyProgrammeInput(ctx, tx, p, in); err != nil {
			return err
		}
		p.UpdatedAt = s.Now()
		if err := tx.UpdateProgramme(ctx, p); err != nil {
			return err
		}
		if out, err = tx.ProgrammeByID(ctx, id); err != nil {
			return err
		}
		return s.record(ctx, tx, "update", "programme", id, old, out)
	})
	return out, err
}

// applyProgrammeInput checks in and writes it over p; the products must
// be in the catalog (recognised, or expired but once published), since
// the lists are public.
func (s *Programmes) applyProgrammeInput(ctx context.Context, tx firstset.Tx, p *firstset.Programme, in firstset.ProgrammeInput) error {
	var probs firstset.Problems
	if !in.Kind.Valid() {
		probs.Add("kind", "invalid_kind", "类别须为 base（示范应用基地）、innovation_alliance（创新联盟）、application_alliance（示范应用联盟）或 innovation_catalog（创新目录）。")
	}
	in.Name, in.Lead = clean(in.Name), clean(in.Lead)
	requireText(&probs, "name", "名称", in.Name, 100)
	optionalText(&probs, "lead", "依托（牵头）单位", in.Lead, 100)
	desc := strings.TrimSpace(in.Description)
	optionalLines(&probs, "description", "简介", desc, 5000)
	year, _, _ := date.FromTime(s.Now()).Parts()
	if in.Year < 2000 || in.Year > year+1 {
		probs.Add("year", "invalid_year", "年度须在 2000 至 %d 之间。", year+1)
	}
	var members []string
	for _, m := range in.Members {
		if m = clean(m); m != "" && !slices.Contains(members, m) {
			optionalText(&probs, "members", "成员单位", m, 100)
			members = append(members, m)
		}
	}
	if len(members) > MaxProgrammeMembers {
		probs.Add("members", "too_many", "成员单位不能超过 %d 家。", MaxProgrammeMembers)
	}
	if len(in.ProductIDs) > MaxProgrammeProducts {
		probs.Add("product_ids", "too_many", "装备不能超过 %d 项。", MaxProgrammeProducts)
	}
	if err := probs.Err(); err != nil {
		return err
	}
	var products []firstset.ProgrammeProduct
	for _, id := range in.ProductIDs {
		if slices.ContainsFunc(products, func(x firstset.ProgrammeProduct) bool { return x.ID == id }) {
			continue
		}
		pr, err := tx.ProductByID(ctx, id)
		if isNotFound(err) || err == nil && !firstset.InCatalog(pr.Status) {
			return firstset.FieldErrorf("product_ids", "not_in_catalog", "装备 %d 不存在或不在首台（套）目录中；名单只收录已公布的目录装备。", id)
		}
		if err != nil {
			return err
		}
		products = append(products, firstset.ProgrammeProduct{ID: pr.ID, EnterpriseID: pr.EnterpriseID, Name: pr.Name, Model: pr.Model, EnterpriseName: pr.EnterpriseName})
	}
	if members == nil {
		members = []string{}
	}
	p.Kind, p.Name, p.Year, p.Lead, p.Description, p.Members, p.Products = in.Kind, in.Name, in.Year, in.Lead, desc, members, products
	p.Active = in.Active == nil || *in.Active
	return nil
}

func (s *Programmes) FindProgrammeByID(ctx context.Context, id int64) (*firstset.Programme, error) {
	var p *firstset.Programme
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		p, err = tx.ProgrammeByID(ctx, id)
		return err
	})
	return p, err
}

func (s *Programmes) FindProgrammes(ctx context.Context, f firstset.ProgrammeFilter) ([]*firstset.Programme, int, error) {
	if f.Kind != "" && !f.Kind.Valid() {
		return nil, 0, firstset.FieldErrorf("kind", "invalid_kind", "类别须为 base、innovation_alliance、application_alliance 或 innovation_catalog。")
	}
	f.Offset, f.Limit = page(f.Offset, f.Limit, 50, 500)
	var list []*firstset.Programme
	var total int
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		list, total, err = tx.ListProgrammes(ctx, f)
		return err
	})
	return list, total, err
}
