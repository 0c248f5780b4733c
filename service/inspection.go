package service

import (
	"context"

	"firstset"
	"firstset/cases"
	"firstset/creditcode"
	"firstset/date"
	"firstset/plaintext"
)

// Inspections keeps the lists of evaluation bodies and inspectors and
// draws inspections from them (双随机、一公开).
type Inspections struct{ *env }

var _ firstset.InspectionService = (*Inspections)(nil)

// inspectionPrefix numbers the draws: JC-2026-000001.
const inspectionPrefix = "JC"

// maxDrawn bounds how many bodies or inspectors one draw may ask for.
const maxDrawn = 100

// CreateEvaluationBody registers an evaluation or testing body.
func (s *Inspections) CreateEvaluationBody(ctx context.Context, in firstset.EvaluationBodyInput) (*firstset.EvaluationBody, error) {
	if err := firstset.CheckManageInspections(actor(ctx)); err != nil {
		return nil, err
	}
	var p firstset.Problems
	in.Name, in.Scope = clean(in.Name), clean(in.Scope)
	requireText(&p, "name", "机构名称", in.Name, 100)
	code, err := creditcode.Validate(in.CreditCode)
	if checkText(&p, "credit_code", "统一社会信用代码", in.CreditCode, plaintext.OneLine) && err != nil {
		p.Add("credit_code", creditCodeErrorCode(err), "%s", err.Error())
	}
	requireText(&p, "scope", "评定或检测范围", in.Scope, 500)
	if err := p.Err(); err != nil {
		return nil, err
	}
	b := &firstset.EvaluationBody{Name: in.Name, CreditCode: code.String(), Scope: in.Scope}
	err = s.store.Update(ctx, func(tx firstset.Tx) error {
		now := s.Now()
		b.CreatedAt, b.UpdatedAt = now, now
		if err := tx.CreateEvaluationBody(ctx, b); err != nil {
			return err
		}
		return s.record(ctx, tx, "create", "evaluation_body", b.ID, nil, b)
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}

// EvaluationBodies lists the bodies, for the city's departments.
func (s *Inspections) EvaluationBodies(ctx context.Context) ([]*firstset.EvaluationBody, error) {
	return readInspections(s, ctx, func(tx firstset.Tx) ([]*firstset.EvaluationBody, error) { return tx.ListEvaluationBodies(ctx) })
}

// readInspections reads what read says inside a view, for the city's
// departments only.
func readInspections[T any](s *Inspections, ctx context.Context, read func(firstset.Tx) (T, error)) (T, error) {
	var out T
	if err := firstset.CheckReadInspections(actor(ctx)); err != nil {
		return out, err
	}
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		out, err = read(tx)
		return err
	})
	return out, err
}

// CreateInspector adds a person to the list inspectors are drawn from.
func (s *Inspections) CreateInspector(ctx context.Context, in firstset.InspectorInput) (*firstset.Inspector, error) {
	if err := firstset.CheckManageInspections(actor(ctx)); err != nil {
		return nil, err
	}
	var p firstset.Problems
	in.Name, in.Unit = clean(in.Name), clean(in.Unit)
	requireText(&p, "name", "姓名", in.Name, 50)
	requireText(&p, "unit", "所在单位", in.Unit, 100)
	if err := p.Err(); err != nil {
		return nil, err
	}
	i := &firstset.Inspector{Name: in.Name, Unit: in.Unit, Active: in.Active}
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		now := s.Now()
		i.CreatedAt, i.UpdatedAt = now, now
		if err := tx.CreateInspector(ctx, i); err != nil {
			return err
		}
		return s.record(ctx, tx, "create", "inspector", i.ID, nil, i)
	})
	if err != nil {
		return nil, err
	}
	return i, nil
}

// Inspectors lists the inspectors, for the city's departments.
func (s *Inspections) Inspectors(ctx context.Context) ([]*firstset.Inspector, error) {
	return readInspections(s, ctx, func(tx firstset.Tx) ([]*firstset.Inspector, error) { return tx.ListInspectors(ctx) })
}

// DrawInspection draws the bodies to inspect from every registered body
// and the inspectors from the active ones, each by the seed as the expert
// draw does (cases.DrawExperts over id and name), so that anyone with the
// two lists, whose fingerprints the draw keeps, can check it.
func (s *Inspections) DrawInspection(ctx context.Context, in firstset.InspectionDrawInput) (*firstset.InspectionDraw, error) {
	a := actor(ctx)
	if err := firstset.CheckManageInspections(a); err != nil {
		return nil, err
	}
	var p firstset.Problems
	if err := cases.CheckSeed(in.Seed); err != nil {
		p.Add("seed", "invalid_seed", "%s", err.Error())
	}
	if in.Bodies < 1 || in.Bodies > maxDrawn {
		p.Add("bodies", "out_of_range", "抽取的评定机构数须在 1 到 %d 之间。", maxDrawn)
	}
	if in.Inspectors < 1 || in.Inspectors > maxDrawn {
		p.Add("inspectors", "out_of_range", "抽取的检查人员数须在 1 到 %d 之间。", maxDrawn)
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	d := &firstset.InspectionDraw{Seed: in.Seed, DrawnBy: a.ID(), DrawnByName: a.Name(), Findings: []firstset.InspectionFinding{}}
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		bodies, err := tx.ListEvaluationBodies(ctx)
		if err != nil {
			return err
		}
		inspectors, err := tx.ListInspectors(ctx)
		if err != nil {
			return err
		}
		var bodyPool, inspectorPool []firstset.Candidate
		for _, b := range bodies {
			bodyPool = append(bodyPool, firstset.Candidate{UserID: b.ID, Username: b.Name})
		}
		for _, i := range inspectors {
			if i.Active {
				inspectorPool = append(inspectorPool, firstset.Candidate{UserID: i.ID, Username: i.Name})
			}
		}
		var p firstset.Problems
		if len(bodyPool) < in.Bodies {
			p.Add("bodies", "too_few", "名录中只有 %d 家评定机构，少于要抽取的 %d 家。", len(bodyPool), in.Bodies)
		}
		if len(inspectorPool) < in.Inspectors {
			p.Add("inspectors", "too_few", "名录中只有 %d 名在岗检查人员，少于要抽取的 %d 名。", len(inspectorPool), in.Inspectors)
		}
		if err := p.Err(); err != nil {
			return err
		}
		d.BodiesSHA256, d.InspectorsSHA256 = cases.CandidatesHash(bodyPool), cases.CandidatesHash(inspectorPool)
		d.Bodies = drawnOf(cases.DrawExperts(in.Seed, bodyPool, in.Bodies))
		d.Inspectors = drawnOf(cases.DrawExperts(in.Seed, inspectorPool, in.Inspectors))
		now := s.Now()
		year := now.In(date.Shanghai).Year()
		seq, err := tx.NextCaseSeq(ctx, inspectionPrefix, year)
		if err != nil {
			return err
		}
		d.Number, d.CreatedAt = cases.Number(inspectionPrefix, year, seq), now
		if err := tx.CreateInspectionDraw(ctx, d); err != nil {
			return err
		}
		return s.record(ctx, tx, "draw", "inspection_draw", d.ID, nil, d)
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

func drawnOf(c []firstset.Candidate) []firstset.Drawn {
	out := make([]firstset.Drawn, len(c))
	for i, x := range c {
		out[i] = firstset.Drawn{ID: x.UserID, Name: x.Username}
	}
	return out
}

// InspectionDraw returns one draw, for the city's departments.
func (s *Inspections) InspectionDraw(ctx context.Context, id int64) (*firstset.InspectionDraw, error) {
	return readInspections(s, ctx, func(tx firstset.Tx) (*firstset.InspectionDraw, error) { return tx.InspectionDrawByID(ctx, id) })
}

// InspectionDraws lists the draws, newest first, for the city's departments.
func (s *Inspections) InspectionDraws(ctx context.Context) ([]*firstset.InspectionDraw, error) {
	return readInspections(s, ctx, func(tx firstset.Tx) ([]*firstset.InspectionDraw, error) { return tx.ListInspectionDraws(ctx, false) })
}

// RecordInspectionFinding records what the inspection found at a body it
// drew; until the results are published a finding may be corrected. The
// input is checked before the draw is read, so bad input is refused
// whatever the draw's state.
func (s *Inspections) RecordInspectionFinding(ctx context.Context, drawID int64, in firstset.InspectionFindingInput) (*firstset.InspectionDraw, error) {
	a := actor(ctx)
	if err := firstset.CheckManageInspections(a); err != nil {
		return nil, err
	}
	var p firstset.Problems
	in.Note = clean(in.Note)
	if in.BodyID <= 0 {
		p.Add("body_id", "required", "请选择检查对象。")
	}
	if !in.Result.Valid() {
		p.Add("result", "invalid_result", "检查结果须为 qualified（未发现问题）、rectify（责令整改）或 unqualified（不合格）。")
	}
	optionalText(&p, "note", "检查情况", in.Note, 2000)
	if in.Result != firstset.ResultQualified && in.Result.Valid() && in.Note == "" {
		p.Add("note", "required", "责令整改或不合格的，请写明发现的问题。")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	var d *firstset.InspectionDraw
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		old, err := tx.InspectionDrawByID(ctx, drawID)
		if err != nil {
			return err
		}
		if old.Published() {
			return &firstset.Error{Code: firstset.ECONFLICT, Field: "body_id", Message: "抽查结果已公开，不能再修改。"}
		}
		if !old.Drew(in.BodyID) {
			return firstset.FieldErrorf("body_id", "not_drawn", "所选机构不是本次抽取的检查对象。")
		}
		f := &firstset.InspectionFinding{BodyID: in.BodyID, Result: in.Result, Note: in.Note, RecordedAt: s.Now()}
		if err := tx.SaveInspectionFinding(ctx, drawID, f, a.ID()); err != nil {
			return err
		}
		if d, err = tx.InspectionDrawByID(ctx, drawID); err != nil {
			return err
		}
		return s.record(ctx, tx, "finding", "inspection_draw", drawID, old, d)
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// PublishInspection makes a draw's results public (一公开) once every body
// drawn has its finding; they do not change after.
func (s *Inspections) PublishInspection(ctx context.Context, drawID int64) (*firstset.InspectionDraw, error) {
	a := actor(ctx)
	if err := firstset.CheckManageInspections(a); err != nil {
		return nil, err
	}
	var d *firstset.InspectionDraw
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		old, err := tx.InspectionDrawByID(ctx, drawID)
		if err != nil {
			return err
		}
		if old.Published() {
			return &firstset.Error{Code: firstset.ECONFLICT, Message: "抽查结果已于 " + old.PublishedAt.In(date.Shanghai).Format("2006-01-02") + " 公开。"}
		}
		if len(old.Findings) < len(old.Bodies) {
			return firstset.FieldErrorf("findings", "incomplete", "还有 %d 家检查对象未录入检查结果，全部录入后才能公开。", len(old.Bodies)-len(old.Findings))
		}
		if err := tx.PublishInspectionDraw(ctx, drawID, s.Now()); err != nil {
			return err
		}
		if d, err = tx.InspectionDrawByID(ctx, drawID); err != nil {
			return err
		}
		return s.record(ctx, tx, "publish", "inspection_draw", drawID, old, d)
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// PublishedInspections lists the published results, newest first, for
// everyone (the public included).
func (s *Inspections) PublishedInspections(ctx context.Context) ([]*firstset.InspectionDraw, error) {
	var list []*firstset.InspectionDraw
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		list, err = tx.ListInspectionDraws(ctx, true)
		return err
	})
	return list, err
}
