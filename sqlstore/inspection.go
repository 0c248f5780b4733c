package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"firstset"
)

func init() {
	conflicts["evaluation_bodies.credit_code"] = struct{ field, message string }{"credit_code", "该统一社会信用代码已登记为评定机构。"}
	conflicts["inspection_draws.number"] = struct{ field, message string }{"number", "抽查编号重复。"}
}

func (t *Tx) CreateEvaluationBody(ctx context.Context, b *firstset.EvaluationBody) error {
	now := time.Now()
	stamp(&b.CreatedAt, now)
	stamp(&b.UpdatedAt, now)
	err := t.insertID(ctx, &b.ID, `INSERT INTO evaluation_bodies (name, credit_code, scope, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?)`, b.Name, b.CreditCode, b.Scope, t.time(b.CreatedAt), t.time(b.UpdatedAt))
	return t.wrap("create evaluation body", err)
}

func (t *Tx) ListEvaluationBodies(ctx context.Context) ([]*firstset.EvaluationBody, error) {
	rows, err := t.Query(ctx, `SELECT id, name, credit_code, scope, created_at, updated_at FROM evaluation_bodies ORDER BY id`)
	if err != nil {
		return nil, t.wrap("list evaluation bodies", err)
	}
	defer rows.Close()
	list := []*firstset.EvaluationBody{}
	for rows.Next() {
		var b firstset.EvaluationBody
		if err := rows.Scan(&b.ID, &b.Name, &b.CreditCode, &b.Scope, timeScanner{&b.CreatedAt}, timeScanner{&b.UpdatedAt}); err != nil {
			return nil, t.wrap("scan evaluation body", err)
		}
		list = append(list, &b)
	}
	return list, t.wrap("list evaluation bodies", rows.Err())
}

func (t *Tx) CreateInspector(ctx context.Context, i *firstset.Inspector) error {
	now := time.Now()
	stamp(&i.CreatedAt, now)
	stamp(&i.UpdatedAt, now)
	err := t.insertID(ctx, &i.ID, `INSERT INTO inspectors (name, unit, active, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?)`, i.Name, i.Unit, i.Active, t.time(i.CreatedAt), t.time(i.UpdatedAt))
	return t.wrap("create inspector", err)
}

func (t *Tx) ListInspectors(ctx context.Context) ([]*firstset.Inspector, error) {
	rows, err := t.Query(ctx, `SELECT id, name, unit, active, created_at, updated_at FROM inspectors ORDER BY id`)
	if err != nil {
		return nil, t.wrap("list inspectors", err)
	}
	defer rows.Close()
	list := []*firstset.Inspector{}
	for rows.Next() {
		var i firstset.Inspector
		if err := rows.Scan(&i.ID, &i.Name, &i.Unit, &i.Active, timeScanner{&i.CreatedAt}, timeScanner{&i.UpdatedAt}); err != nil {
			return nil, t.wrap("scan inspector", err)
		}
		list = append(list, &i)
	}
	return list, t.wrap("list inspectors", rows.Err())
}

func (t *Tx) CreateInspectionDraw(ctx context.Context, d *firstset.InspectionDraw) error {
	stamp(&d.CreatedAt, time.Now())
	bodies, err := json.Marshal(d.Bodies)
	if err != nil {
		return fmt.Errorf("inspection draw bodies: %w", err)
	}
	inspectors, err := json.Marshal(d.Inspectors)
	if err != nil {
		return fmt.Errorf("inspection draw inspectors: %w", err)
	}
	err = t.insertID(ctx, &d.ID, `INSERT INTO inspection_draws (number, seed, bodies_sha256, inspectors_sha256, bodies, inspectors,
		drawn_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, d.Number, d.Seed, d.BodiesSHA256, d.InspectorsSHA256,
		string(bodies), string(inspectors), nullID(d.DrawnBy), t.time(d.CreatedAt))
	return t.wrap("create inspection draw", err)
}

const inspectionDrawColumns = `d.id, d.number, d.seed, d.bodies_sha256, d.inspectors_sha256, d.bodies, d.inspectors,
	COALESCE(d.drawn_by, 0), COALESCE(u.name, ''), d.created_at, d.published_at`

const inspectionDrawFrom = ` FROM inspection_draws d LEFT JOIN users u ON u.id = d.drawn_by`

func scanInspectionDraw(sc interface{ Scan(...any) error }) (*firstset.InspectionDraw, error) {
	var d firstset.InspectionDraw
	var bodies, inspectors string
	if err := sc.Scan(&d.ID, &d.Number, &d.Seed, &d.BodiesSHA256, &d.InspectorsSHA256, &bodies, &inspectors,
		&d.DrawnBy, &d.DrawnByName, timeScanner{&d.CreatedAt}, nullTimeScanner{&d.PublishedAt}); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(bodies), &d.Bodies); err != nil {
		return nil, fmt.Errorf("inspection draw %d bodies: %w", d.ID, err)
	}
	if err := json.Unmarshal([]byte(inspectors), &d.Inspectors); err != nil {
		return nil, fmt.Errorf("inspection draw %d inspectors: %w", d.ID, err)
	}
	return &d, nil
}

func (t *Tx) InspectionDrawByID(ctx context.Context, id int64) (*firstset.InspectionDraw, error) {
	d, err := scanInspectionDraw(t.QueryRow(ctx, `SELECT `+inspectionDrawColumns+inspectionDrawFrom+` WHERE d.id = ?`, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("inspection draw %d", id), "抽查记录", err)
	}
	if err := t.loadFindings(ctx, []*firstset.InspectionDraw{d}); err != nil {
		return nil, err
	}
	return d, nil
}

// loadFindings fills in the draws' findings, in the order of their bodies.
func (t *Tx) loadFindings(ctx context.Context, draws []*firstset.InspectionDraw) error {
	if len(draws) == 0 {
		return nil
	}
	byID := map[int64]*firstset.InspectionDraw{}
	ids := make([]int64, len(draws))
	for i, d := range draws {
		byID[d.ID], ids[i] = d, d.ID
		d.Findings = []firstset.InspectionFinding{}
	}
	rows, err := t.Query(ctx, `SELECT f.draw_id, f.body_id, b.name, f.result, f.note, f.recorded_at
		FROM inspection_findings f JOIN evaluation_bodies b ON b.id = f.body_id
		WHERE f.draw_id IN (`+placeholders(len(ids))+`) ORDER BY f.draw_id, f.body_id`, anyList(ids)...)
	if err != nil {
		return t.wrap("list inspection findings", err)
	}
	defer rows.Close()
	for rows.Next() {
		var drawID int64
		var f firstset.InspectionFinding
		if err := rows.Scan(&drawID, &f.BodyID, &f.BodyName, &f.Result, &f.Note, timeScanner{&f.RecordedAt}); err != nil {
			return t.wrap("scan inspection finding", err)
		}
		f.ResultLabel = f.Result.Label()
		byID[drawID].Findings = append(byID[drawID].Findings, f)
	}
	return t.wrap("list inspection findings", rows.Err())
}

// SaveInspectionFinding inserts or rewrites the finding at a body.
func (t *Tx) SaveInspectionFinding(ctx context.Context, drawID int64, f *firstset.InspectionFinding, by int64) error {
	stamp(&f.RecordedAt, time.Now())
	_, err := t.Exec(ctx, `INSERT INTO inspection_findings (draw_id, body_id, result, note, recorded_by, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (draw_id, body_id) DO UPDATE SET result = excluded.result, note = excluded.note,
		recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
		drawID, f.BodyID, f.Result, f.Note, nullID(by), t.time(f.RecordedAt))
	return t.wrap("save inspection finding", err)
}

func (t *Tx) PublishInspectionDraw(ctx context.Context, id int64, at time.Time) error {
	res, err := t.Exec(ctx, `UPDATE inspection_draws SET published_at = ? WHERE id = ? AND published_at IS NULL`, t.time(at), id)
	if err != nil {
		return t.wrap(fmt.Sprintf("publish inspection draw %d", id), err)
	}
	return affected(res, "抽查记录")
}

func (t *Tx) ListInspectionDraws(ctx context.Context, published bool) ([]*firstset.InspectionDraw, error) {
	filter := ""
	if published {
		filter = ` WHERE d.published_at IS NOT NULL`
	}
	rows, err := t.Query(ctx, `SELECT `+inspectionDrawColumns+inspectionDrawFrom+filter+` ORDER BY d.id DESC`)
	if err != nil {
		return nil, t.wrap("list inspection draws", err)
	}
	defer rows.Close()
	list := []*firstset.InspectionDraw{}
	for rows.Next() {
		d, err := scanInspectionDraw(rows)
		if err != nil {
			return nil, t.wrap("scan inspection draw", err)
		}
		list = append(list, d)
	}
	if err := rows.Err(); err != nil {
		return nil, t.wrap("list inspection draws", err)
	}
	rows.Close()
	return list, t.loadFindings(ctx, list)
}
