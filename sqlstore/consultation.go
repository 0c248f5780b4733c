package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"firstset"
)

func init() {
	conflicts["consultations.number"] = struct{ field, message string }{"number", "会商编号重复。"}
}

func (t *Tx) SetDualUse(ctx context.Context, m *firstset.DualUseMark) error {
	stamp(&m.MarkedAt, time.Now())
	_, err := t.Exec(ctx, `INSERT INTO dual_use_marks (product_id, note, marked_by, marked_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (product_id) DO UPDATE SET note = excluded.note, marked_by = excluded.marked_by, marked_at = excluded.marked_at`,
		m.ProductID, m.Note, nullID(m.MarkedBy), t.time(m.MarkedAt))
	return t.wrap("mark dual use", err)
}

func (t *Tx) ClearDualUse(ctx context.Context, productID int64) error {
	_, err := t.Exec(ctx, `DELETE FROM dual_use_marks WHERE product_id = ?`, productID)
	return t.wrap("clear dual use", err)
}

func (t *Tx) ListDualUse(ctx context.Context, enterpriseID int64) ([]*firstset.DualUseMark, error) {
	var w where
	if enterpriseID != 0 {
		w.add("p.enterprise_id = ?", enterpriseID)
	}
	rows, err := t.Query(ctx, `SELECT m.product_id, p.name, e.name, m.note, COALESCE(m.marked_by, 0), m.marked_at
		FROM dual_use_marks m JOIN products p ON p.id = m.product_id JOIN enterprises e ON e.id = p.enterprise_id`+
		w.String()+` ORDER BY m.product_id`, w.args...)
	if err != nil {
		return nil, t.wrap("list dual use", err)
	}
	defer rows.Close()
	out := []*firstset.DualUseMark{}
	for rows.Next() {
		var m firstset.DualUseMark
		if err := rows.Scan(&m.ProductID, &m.ProductName, &m.EnterpriseName, &m.Note, &m.MarkedBy, timeScanner{&m.MarkedAt}); err != nil {
			return nil, t.wrap("scan dual use", err)
		}
		out = append(out, &m)
	}
	return out, t.wrap("list dual use", rows.Err())
}

func (t *Tx) CreateConsultation(ctx context.Context, c *firstset.Consultation) error {
	stamp(&c.CreatedAt, time.Now())
	deps, err := json.Marshal(c.Departments)
	if err != nil {
		return fmt.Errorf("consultation departments: %w", err)
	}
	if err := t.insertID(ctx, &c.ID, `INSERT INTO consultations (number, held_on, subject, departments, decisions, created_by,
		created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, c.Number, c.HeldOn, c.Subject, string(deps), c.Decisions, nullID(c.CreatedBy),
		t.time(c.CreatedAt)); err != nil {
		return t.wrap("create consultation", err)
	}
	for i, p := range c.Products {
		if _, err := t.Exec(ctx, `INSERT INTO consultation_products (consultation_id, product_id, position) VALUES (?, ?, ?)`,
			c.ID, p.ID, i); err != nil {
			return t.wrap("add consultation product", err)
		}
	}
	return nil
}

const consultationColumns = `c.id, c.number, c.held_on, c.subject, c.departments, c.decisions, COALESCE(c.created_by, 0), c.created_at`

func (t *Tx) consultations(ctx context.Context, q string, args ...any) ([]*firstset.Consultation, error) {
	rows, err := t.Query(ctx, q, args...)
	if err != nil {
		return nil, t.wrap("list consultations", err)
	}
	out := []*firstset.Consultation{}
	for rows.Next() {
		var c firstset.Consultation
		var deps string
		if err := rows.Scan(&c.ID, &c.Number, &c.HeldOn, &c.Subject, &deps, &c.Decisions, &c.CreatedBy, timeScanner{&c.CreatedAt}); err != nil {
			rows.Close()
			return nil, t.wrap("scan consultation", err)
		}
		if err := json.Unmarshal([]byte(deps), &c.Departments); err != nil {
			rows.Close()
			return nil, fmt.Errorf("consultation %d departments: %w", c.ID, err)
		}
		c.Products = []firstset.ProgrammeProduct{}
		out = append(out, &c)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, t.wrap("list consultations", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	ids := make([]int64, len(out))
	for i, c := range out {
		ids[i] = c.ID
	}
	byOwner, err := t.linkedProducts(ctx, "consultation_products", "consultation_id", ids)
	if err != nil {
		return nil, err
	}
	for _, c := range out {
		c.Products = append(c.Products, byOwner[c.ID]...)
	}
	return out, nil
}

func (t *Tx) ConsultationByID(ctx context.Context, id int64) (*firstset.Consultation, error) {
	list, err := t.consultations(ctx, `SELECT `+consultationColumns+` FROM consultations c WHERE c.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, firstset.NotFound("会商记录")
	}
	return list[0], nil
}

func (t *Tx) ListConsultations(ctx context.Context, enterpriseID int64) ([]*firstset.Consultation, error) {
	if enterpriseID == 0 {
		return t.consultations(ctx, `SELECT `+consultationColumns+` FROM consultations c ORDER BY c.held_on DESC, c.id DESC LIMIT 500`)
	}
	return t.consultations(ctx, `SELECT `+consultationColumns+` FROM consultations c WHERE c.id IN (SELECT cp.consultation_id
		FROM consultation_products cp JOIN products p ON p.id = cp.product_id WHERE p.enterprise_id = ?)
		ORDER BY c.held_on DESC, c.id DESC LIMIT 500`, enterpriseID)
}
