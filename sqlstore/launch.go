package sqlstore

import (
	"context"
	"fmt"
	"time"

	"firstset"
)

func (t *Tx) CreateLaunchEvent(ctx context.Context, e *firstset.LaunchEvent) error {
	stamp(&e.CreatedAt, time.Now())
	err := t.insertID(ctx, &e.ID, `INSERT INTO launch_events (year, held_on, place, created_by, created_at)
		VALUES (?, ?, ?, ?, ?)`, e.Year, e.HeldOn, e.Place, nullID(e.CreatedBy), t.time(e.CreatedAt))
	if err != nil {
		return t.wrap("create launch event", err)
	}
	for i, p := range e.Products {
		if _, err := t.Exec(ctx, `INSERT INTO launch_products (event_id, product_id, position) VALUES (?, ?, ?)`,
			e.ID, p.ProductID, i+1); err != nil {
			return t.wrap("present product", err)
		}
	}
	return nil
}

const launchEventColumns = `id, year, held_on, place, COALESCE(created_by, 0), created_at`

func scanLaunchEvent(sc interface{ Scan(...any) error }) (*firstset.LaunchEvent, error) {
	var e firstset.LaunchEvent
	err := sc.Scan(&e.ID, &e.Year, &e.HeldOn, &e.Place, &e.CreatedBy, timeScanner{&e.CreatedAt})
	e.Products, e.Plaques, e.Honorees = []*firstset.LaunchProduct{}, []*firstset.Plaque{}, []*firstset.Honoree{}
	return &e, err
}

func (t *Tx) LaunchEventByID(ctx context.Context, id int64) (*firstset.LaunchEvent, error) {
	e, err := scanLaunchEvent(t.QueryRow(ctx, `SELECT `+launchEventColumns+` FROM launch_events WHERE id = ?`, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("launch event %d", id), "发布会", err)
	}
	if err := t.loadLaunchEvent(ctx, e); err != nil {
		return nil, err
	}
	return e, nil
}

// ListLaunchEvents lists the events newest year first, each with its
// products and plaques (there is one a year).
func (t *Tx) ListLaunchEvents(ctx context.Context) ([]*firstset.LaunchEvent, error) {
	rows, err := t.Query(ctx, `SELECT `+launchEventColumns+` FROM launch_events ORDER BY year DESC`)
	if err != nil {
		return nil, t.wrap("list launch events", err)
	}
	list := []*firstset.LaunchEvent{}
	for rows.Next() {
		e, err := scanLaunchEvent(rows)
		if err != nil {
			rows.Close()
			return nil, t.wrap("scan launch event", err)
		}
		list = append(list, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, t.wrap("list launch events", err)
	}
	for _, e := range list {
		if err := t.loadLaunchEvent(ctx, e); err != nil {
			return nil, err
		}
	}
	return list, nil
}

func (t *Tx) loadLaunchEvent(ctx context.Context, e *firstset.LaunchEvent) error {
	rows, err := t.Query(ctx, `SELECT p.id, p.name, p.model, p.enterprise_id, e.name, p.recognized_on
		FROM launch_products lp JOIN products p ON p.id = lp.product_id JOIN enterprises e ON e.id = p.enterprise_id
		WHERE lp.event_id = ? ORDER BY lp.position`, e.ID)
	if err != nil {
		return t.wrap("launch products", err)
	}
	for rows.Next() {
		var p firstset.LaunchProduct
		if err := rows.Scan(&p.ProductID, &p.Name, &p.Model, &p.EnterpriseID, &p.EnterpriseName, &p.RecognizedOn); err != nil {
			rows.Close()
			return t.wrap("scan launch product", err)
		}
		e.Products = append(e.Products, &p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return t.wrap("launch products", err)
	}
	rows, err = t.Query(ctx, `SELECT `+plaqueColumns+plaqueJoins+` WHERE l.event_id = ? ORDER BY l.id`, e.ID)
	if err != nil {
		return t.wrap("plaques", err)
	}
	defer rows.Close()
	for rows.Next() {
		p, err := scanPlaque(rows)
		if err != nil {
			return t.wrap("scan plaque", err)
		}
		for _, lp := range e.Products {
			if lp.EnterpriseID == p.EnterpriseID {
				p.Products = append(p.Products, lp.Name)
			}
		}
		e.Plaques = append(e.Plaques, p)
	}
	return t.wrap("plaques", rows.Err())
}

const plaqueColumns = `l.id, l.event_id, l.enterprise_id, e.name, e.credit_code, l.number, l.key_id, l.token, l.issued_at`

const plaqueJoins = ` FROM launch_plaques l JOIN enterprises e ON e.id = l.enterprise_id`

func scanPlaque(sc interface{ Scan(...any) error }) (*firstset.Plaque, error) {
	var p firstset.Plaque
	err := sc.Scan(&p.ID, &p.EventID, &p.EnterpriseID, &p.EnterpriseName, &p.CreditCode, &p.Number, &p.KeyID, &p.Token,
		timeScanner{&p.IssuedAt})
	p.Products = []string{}
	return &p, err
}

func (t *Tx) UpdateLaunchSchedule(ctx context.Context, e *firstset.LaunchEvent) error {
	_, err := t.Exec(ctx, `UPDATE launch_events SET held_on = ?, place = ? WHERE id = ?`, e.HeldOn, e.Place, e.ID)
	return t.wrap(fmt.Sprintf("reschedule launch event %d", e.ID), err)
}

func (t *Tx) ReissuePlaque(ctx context.Context, p *firstset.Plaque) error {
	_, err := t.Exec(ctx, `UPDATE launch_plaques SET key_id = ?, token = ?, issued_at = ? WHERE id = ?`,
		p.KeyID, p.Token, t.time(p.IssuedAt), p.ID)
	return t.wrap(fmt.Sprintf("reissue plaque %s", p.Number), err)
}

func (t *Tx) ReissueHonour(ctx context.Context, h *firstset.Honoree) error {
	_, err := t.Exec(ctx, `UPDATE launch_honorees SET key_id = ?, token = ? WHERE id = ? AND status = ?`,
		h.Certificate.KeyID, h.Certificate.Token, h.ID, firstset.HonoreeConfirmed)
	return t.wrap(fmt.Sprintf("reissue honour %s", h.Certificate.Number), err)
}

func (t *Tx) CreatePlaque(ctx context.Context, p *firstset.Plaque) error {
	stamp(&p.IssuedAt, time.Now())
	err := t.insertID(ctx, &p.ID, `INSERT INTO launch_plaques (event_id, enterprise_id, number, key_id, token, issued_at)
		VALUES (?, ?, ?, ?, ?, ?)`, p.EventID, p.EnterpriseID, p.Number, p.KeyID, p.Token, t.time(p.IssuedAt))
	return t.wrap("create plaque", err)
}

func (t *Tx) PlaqueByNumber(ctx context.Context, number string) (*firstset.Plaque, error) {
	p, err := scanPlaque(t.QueryRow(ctx, `SELECT `+plaqueColumns+plaqueJoins+` WHERE l.number = ?`, number))
	if err != nil {
		return nil, t.notFound("plaque "+number, "牌匾", err)
	}
	return p, nil
}

const honoreeColumns = `h.id, h.event_id, v.year, h.product_id, p.name, p.enterprise_id, e.name, h.name, h.id_number,
	h.role, h.status, COALESCE(h.entered_by, 0), h.created_at, COALESCE(h.confirmed_by, 0), h.confirmed_at,
	COALESCE(h.number, ''), h.key_id, h.token`

const honoreeJoins = ` FROM launch_honorees h JOIN launch_events v ON v.id = h.event_id
	JOIN products p ON p.id = h.product_id JOIN enterprises e ON e.id = p.enterprise_id`

func scanHonoree(sc interface{ Scan(...any) error }) (*firstset.Honoree, error) {
	var h firstset.Honoree
	var c firstset.HonourCertificate
	err := sc.Scan(&h.ID, &h.EventID, &h.EventYear, &h.ProductID, &h.ProductName, &h.EnterpriseID, &h.EnterpriseName,
		&h.Name, &h.IDNumber, &h.Role, &h.Status, &h.EnteredBy, timeScanner{&h.CreatedAt}, &h.ConfirmedBy,
		nullTimeScanner{&h.ConfirmedAt}, &c.Number, &c.KeyID, &c.Token)
	if c.Number != "" {
		h.Certificate = &c
	}
	return &h, err
}

func (t *Tx) CreateHonoree(ctx context.Context, h *firstset.Honoree) error {
	stamp(&h.CreatedAt, time.Now())
	err := t.insertID(ctx, &h.ID, `INSERT INTO launch_honorees (event_id, product_id, name, id_number, role, status,
		entered_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, h.EventID, h.ProductID, h.Name, h.IDNumber, h.Role,
		h.Status, nullID(h.EnteredBy), t.time(h.CreatedAt))
	return t.wrap("create honoree", err)
}

func (t *Tx) HonoreeByID(ctx context.Context, id int64) (*firstset.Honoree, error) {
	h, err := scanHonoree(t.QueryRow(ctx, `SELECT `+honoreeColumns+honoreeJoins+` WHERE h.id = ?`, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("honoree %d", id), "研发人员", err)
	}
	return h, nil
}

func (t *Tx) HonoreeByNumber(ctx context.Context, number string) (*firstset.Honoree, error) {
	h, err := scanHonoree(t.QueryRow(ctx, `SELECT `+honoreeColumns+honoreeJoins+` WHERE h.number = ?`, number))
	if err != nil {
		return nil, t.notFound("honour "+number, "荣誉证书", err)
	}
	return h, nil
}

func (t *Tx) ListHonorees(ctx context.Context, eventID, productID int64, confirmedOnly bool) ([]*firstset.Honoree, error) {
	var w where
	if eventID > 0 {
		w.add("h.event_id = ?", eventID)
	}
	if productID > 0 {
		w.add("h.product_id = ?", productID)
	}
	if confirmedOnly {
		w.add("h.status = ?", firstset.HonoreeConfirmed)
	}
	rows, err := t.Query(ctx, `SELECT `+honoreeColumns+honoreeJoins+w.String()+` ORDER BY v.year DESC, h.id`, w.args...)
	if err != nil {
		return nil, t.wrap("list honorees", err)
	}
	defer rows.Close()
	list := []*firstset.Honoree{}
	for rows.Next() {
		h, err := scanHonoree(rows)
		if err != nil {
			return nil, t.wrap("scan honoree", err)
		}
		list = append(list, h)
	}
	return list, t.wrap("list honorees", rows.Err())
}

func (t *Tx) DeletePendingHonoree(ctx context.Context, id int64) error {
	res, err := t.Exec(ctx, `DELETE FROM launch_honorees WHERE id = ? AND status = ?`, id, firstset.HonoreePending)
	if err != nil {
		return t.wrap("delete honoree", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("rows affected: %w", err)
	} else if n == 0 {
		return &firstset.Error{Code: firstset.ECONFLICT, Field: "status", Message: "该研发人员已确认，荣誉证书已颁发，不能撤回。"}
	}
	return nil
}

func (t *Tx) ConfirmHonoree(ctx context.Context, h *firstset.Honoree) error {
	res, err := t.Exec(ctx, `UPDATE launch_honorees SET status = ?, confirmed_by = ?, confirmed_at = ?, number = ?,
		key_id = ?, token = ? WHERE id = ? AND status = ?`, firstset.HonoreeConfirmed, nullID(h.ConfirmedBy),
		t.timePtr(h.ConfirmedAt), h.Certificate.Number, h.Certificate.KeyID, h.Certificate.Token, h.ID, firstset.HonoreePending)
	if err != nil {
		return t.wrap("confirm honoree", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("rows affected: %w", err)
	} else if n == 0 {
		return &firstset.Error{Code: firstset.ECONFLICT, Field: "status", Message: "该研发人员已确认，荣誉证书已颁发。"}
	}
	h.Status = firstset.HonoreeConfirmed
	return nil
}

func (t *Tx) LaunchCandidateStats(ctx context.Context) ([]firstset.LaunchCandidateStat, error) {
	rows, err := t.Query(ctx, `SELECT p.id, p.recognized_on, p.valid_until,
		(SELECT COUNT(*) FROM procurements r WHERE r.product_id = p.id),
		(SELECT COALESCE(SUM(r.amount), 0) FROM procurements r WHERE r.product_id = p.id),
		(SELECT COALESCE(MAX(v.year), 0) FROM launch_products lp JOIN launch_events v ON v.id = lp.event_id
			WHERE lp.product_id = p.id)
		FROM products p WHERE p.status = ? ORDER BY p.id`, firstset.StatusRecognised)
	if err != nil {
		return nil, t.wrap("launch candidates", err)
	}
	defer rows.Close()
	var list []firstset.LaunchCandidateStat
	for rows.Next() {
		var s firstset.LaunchCandidateStat
		if err := rows.Scan(&s.ProductID, &s.RecognizedOn, &s.ValidUntil, &s.Purchases, &s.AmountFen, &s.Presented); err != nil {
			return nil, t.wrap("scan launch candidate", err)
		}
		list = append(list, s)
	}
	return list, t.wrap("launch candidates", rows.Err())
}
