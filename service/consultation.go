package service

import (
	"context"
	"slices"
	"strings"

	"firstset"
	"firstset/cases"
	"firstset/date"
)

// Consultations keeps the dual-use equipment (军民两用, 2018 opinions （七）)
// and the joint consultation meetings (会商) on dual-use projects.
type Consultations struct{ *env }

var _ firstset.ConsultationService = (*Consultations)(nil)

// consultationPrefix numbers the meetings: HS-2026-000001.
const consultationPrefix = "HS"

// MarkDualUse marks a product dual-use, or removes the mark.
func (s *Consultations) MarkDualUse(ctx context.Context, productID int64, in firstset.DualUseInput) (*firstset.DualUseMark, error) {
	a := actor(ctx)
	if err := firstset.CheckManageDualUse(a); err != nil {
		return nil, err
	}
	note := clean(in.Note)
	var probs firstset.Problems
	optionalText(&probs, "note", "说明", note, 200)
	if in.DualUse == nil {
		probs.Add("dual_use", "required", "请说明标记（true）还是取消标记（false）。")
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	var m *firstset.DualUseMark
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		p, err := tx.ProductByID(ctx, productID)
		if err != nil {
			return err
		}
		if !*in.DualUse {
			if err := tx.ClearDualUse(ctx, p.ID); err != nil {
				return err
			}
			m = &firstset.DualUseMark{ProductID: p.ID, ProductName: p.Name, EnterpriseName: p.EnterpriseName}
			return s.record(ctx, tx, "unmark", "dual_use", p.ID, nil, nil)
		}
		m = &firstset.DualUseMark{ProductID: p.ID, ProductName: p.Name, EnterpriseName: p.EnterpriseName, Note: note,
			MarkedBy: a.ID(), MarkedAt: s.Now()}
		if err := tx.SetDualUse(ctx, m); err != nil {
			return err
		}
		return s.record(ctx, tx, "mark", "dual_use", p.ID, nil, m)
	})
	return m, err
}

// DualUseMarks lists the dual-use products: all for the departments, its
// own for an enterprise.
func (s *Consultations) DualUseMarks(ctx context.Context) ([]*firstset.DualUseMark, error) {
	a := actor(ctx)
	if err := firstset.CheckReadConsultations(a); err != nil {
		return nil, err
	}
	var out []*firstset.DualUseMark
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		out, err = tx.ListDualUse(ctx, ownEnterprise(a))
		return err
	})
	return out, err
}

// ownEnterprise is the enterprise an enterprise user is limited to, 0 for
// the departments.
func ownEnterprise(a *firstset.Actor) int64 {
	if a.Role() == firstset.RoleEnterprise {
		return a.User.EnterpriseID
	}
	return 0
}

// CreateConsultation records a meeting with its decisions.
func (s *Consultations) CreateConsultation(ctx context.Context, in firstset.ConsultationInput) (*firstset.Consultation, error) {
	a := actor(ctx)
	if err := firstset.CheckManageDualUse(a); err != nil {
		return nil, err
	}
	var probs firstset.Problems
	today := date.FromTime(s.Now())
	switch {
	case in.HeldOn.IsZero():
		probs.Add("held_on", "required", "请填写会商日期。")
	case in.HeldOn.After(today):
		probs.Add("held_on", "future", "会商日期 %s 晚于今天：会商记录在会后登记。", in.HeldOn)
	}
	in.Subject = clean(in.Subject)
	requireText(&probs, "subject", "会商事项", in.Subject, 200)
	var deps []string
	for _, d := range in.Departments {
		if d = clean(d); d != "" && !slices.Contains(deps, d) {
			optionalText(&probs, "departments", "参会部门", d, 100)
			deps = append(deps, d)
		}
	}
	if len(deps) == 0 {
		probs.Add("departments", "required", "请填写参加会商的部门。")
	}
	decisions := strings.TrimSpace(in.Decisions)
	if decisions == "" {
		probs.Add("decisions", "required", "请填写会商决定。")
	} else {
		optionalLines(&probs, "decisions", "会商决定", decisions, 5000)
	}
	if len(in.ProductIDs) == 0 {
		probs.Add("product_ids", "required", "请选择会商涉及的军民两用装备。")
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	var out *firstset.Consultation
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		marks, err := tx.ListDualUse(ctx, 0)
		if err != nil {
			return err
		}
		c := &firstset.Consultation{HeldOn: in.HeldOn, Subject: in.Subject, Departments: deps, Decisions: decisions, CreatedBy: a.ID()}
		for _, id := range in.ProductIDs {
			i := slices.IndexFunc(marks, func(m *firstset.DualUseMark) bool { return m.ProductID == id })
			if i < 0 {
				return firstset.FieldErrorf("product_ids", "not_dual_use", "装备 %d 未标记为军民两用装备，请先标记。", id)
			}
			if !slices.ContainsFunc(c.Products, func(p firstset.ProgrammeProduct) bool { return p.ID == id }) {
				c.Products = append(c.Products, firstset.ProgrammeProduct{ID: id, Name: marks[i].ProductName, EnterpriseName: marks[i].EnterpriseName})
			}
		}
		year := s.Now().In(date.Shanghai).Year()
		seq, err := tx.NextCaseSeq(ctx, consultationPrefix, year)
		if err != nil {
			return err
		}
		c.Number = cases.Number(consultationPrefix, year, seq)
		c.CreatedAt = s.Now()
		if err := tx.CreateConsultation(ctx, c); err != nil {
			return err
		}
		if out, err = tx.ConsultationByID(ctx, c.ID); err != nil {
			return err
		}
		return s.record(ctx, tx, "create", "consultation", c.ID, nil, out)
	})
	return out, err
}

// FindConsultationByID returns a meeting to the departments and to the
// enterprises whose products it took up.
func (s *Consultations) FindConsultationByID(ctx context.Context, id int64) (*firstset.Consultation, error) {
	a := actor(ctx)
	if err := firstset.CheckReadConsultations(a); err != nil {
		return nil, err
	}
	var c *firstset.Consultation
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		if c, err = tx.ConsultationByID(ctx, id); err != nil {
			return err
		}
		if ent := ownEnterprise(a); ent != 0 {
			list, err := tx.ListConsultations(ctx, ent)
			if err != nil {
				return err
			}
			if !slices.ContainsFunc(list, func(x *firstset.Consultation) bool { return x.ID == id }) {
				return firstset.NotFound("会商记录")
			}
		}
		return nil
	})
	return c, err
}

// FindConsultations lists the meetings the caller may see.
func (s *Consultations) FindConsultations(ctx context.Context) ([]*firstset.Consultation, error) {
	a := actor(ctx)
	if err := firstset.CheckReadConsultations(a); err != nil {
		return nil, err
	}
	var out []*firstset.Consultation
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		out, err = tx.ListConsultations(ctx, ownEnterprise(a))
		return err
	})
	return out, err
}
