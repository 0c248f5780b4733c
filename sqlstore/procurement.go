package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"firstset"
)

func init() {
	conflicts["equipment_totals.buyer_id"] = struct{ field, message string }{"period", "该期间的采购总额已登记。"}
	conflicts["equipment_totals.buyer_id, period"] = struct{ field, message string }{"period", "该期间的采购总额已登记。"}
}

const procurementColumns = `r.id, r.buyer_id, r.product_id, r.project_name, r.project_kind, r.contract_date, r.amount,
	r.method, r.recommendation, r.delivered_on, r.accepted_on, r.use_status, r.note, COALESCE(r.created_by, 0),
	r.created_at, r.updated_at, b.name, b.kind, b.district_code, p.name, p.enterprise_id, e.name`

const procurementFrom = ` FROM procurements r JOIN buyers b ON b.id = r.buyer_id
	JOIN products p ON p.id = r.product_id JOIN enterprises e ON e.id = p.enterprise_id`

func scanProcurement(sc interface{ Scan(...any) error }) (*firstset.Procurement, error) {
	var p firstset.Procurement
	err := sc.Scan(&p.ID, &p.BuyerID, &p.ProductID, &p.ProjectName, &p.ProjectKind, &p.ContractDate, &p.Amount,
		&p.Method, &p.Recommendation, &p.DeliveredOn, &p.AcceptedOn, &p.UseStatus, &p.Note, &p.CreatedBy,
		timeScanner{&p.CreatedAt}, timeScanner{&p.UpdatedAt}, &p.BuyerName, &p.BuyerKind, &p.BuyerDistrict,
		&p.ProductName, &p.EnterpriseID, &p.EnterpriseName)
	return &p, err
}

const procurementInsert = `INSERT INTO procurements (buyer_id, product_id, project_name, project_kind, contract_date,
	amount, method, recommendation, delivered_on, accepted_on, use_status, note, created_by, created_at, updated_at)
	VALUES `

const procurementRow = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

func (t *Tx) procurementArgs(p *firstset.Procurement) []any {
	now := time.Now()
	stamp(&p.CreatedAt, now)
	stamp(&p.UpdatedAt, now)
	return []any{p.BuyerID, p.ProductID, p.ProjectName, p.ProjectKind, p.ContractDate, p.Amount, p.Method,
		p.Recommendation, p.DeliveredOn, p.AcceptedOn, p.UseStatus, p.Note, nullID(p.CreatedBy),
		t.time(p.CreatedAt), t.time(p.UpdatedAt)}
}

func (t *Tx) CreateProcurement(ctx context.Context, p *firstset.Procurement) error {
	err := t.insertID(ctx, &p.ID, procurementInsert+procurementRow, t.procurementArgs(p)...)
	return t.wrap("create procurement", err)
}

// CreateProcurements inserts 60 rows a statement (15 arguments each, well
// inside both databases' limits on placeholders); ids are not read back.
func (t *Tx) CreateProcurements(ctx context.Context, ps []*firstset.Procurement) error {
	return inChunksOf(ps, 60, func(chunk []*firstset.Procurement) error {
		args := make([]any, 0, 15*len(chunk))
		for _, p := range chunk {
			args = append(args, t.procurementArgs(p)...)
		}
		_, err := t.Exec(ctx, procurementInsert+ValueRows(len(chunk), procurementRow), args...)
		return t.wrap("create procurements", err)
	})
}

func (t *Tx) UpdateProcurement(ctx context.Context, p *firstset.Procurement) error {
	stamp(&p.UpdatedAt, time.Now())
	res, err := t.Exec(ctx, `UPDATE procurements SET product_id = ?, project_name = ?, project_kind = ?, contract_date = ?,
		amount = ?, method = ?, recommendation = ?, delivered_on = ?, accepted_on = ?, use_status = ?, note = ?,
		updated_at = ? WHERE id = ?`, p.ProductID, p.ProjectName, p.ProjectKind, p.ContractDate, p.Amount, p.Method,
		p.Recommendation, p.DeliveredOn, p.AcceptedOn, p.UseStatus, p.Note, t.time(p.UpdatedAt), p.ID)
	if err != nil {
		return t.wrap(fmt.Sprintf("update procurement %d", p.ID), err)
	}
	return affected(res, "采购记录")
}

func (t *Tx) ProcurementByID(ctx context.Context, id int64) (*firstset.Procurement, error) {
	p, err := scanProcurement(t.QueryRow(ctx, `SELECT `+procurementColumns+procurementFrom+` WHERE r.id = ?`, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("procurement %d", id), "采购记录", err)
	}
	return p, nil
}

func (t *Tx) procurementWhere(f firstset.ProcurementFilter) where {
	var w where
	if f.BuyerID != 0 {
		w.add("r.buyer_id = ?", f.BuyerID)
	}
	if f.ProductID != 0 {
		w.add("r.product_id = ?", f.ProductID)
	}
	if f.EnterpriseID != 0 {
		w.add("p.enterprise_id = ?", f.EnterpriseID)
	}
	if f.ProjectKind != "" {
		w.add("r.project_kind = ?", f.ProjectKind)
	}
	if f.DistrictCode != "" {
		w.add("b.district_code = ?", f.DistrictCode)
	}
	if !f.From.IsZero() {
		w.add("r.contract_date >= ?", f.From)
	}
	if !f.To.IsZero() {
		w.add("r.contract_date <= ?", f.To)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		w.add("("+t.d.Contains("r.project_name")+" OR "+t.d.Contains("p.name")+" OR "+t.d.Contains("b.name")+")", q, q, q)
	}
	return w
}

// ListProcurements lists purchases newest contract first.
func (t *Tx) ListProcurements(ctx context.Context, f firstset.ProcurementFilter) ([]*firstset.Procurement, int, error) {
	w := t.procurementWhere(f)
	var total int
	if err := t.QueryRow(ctx, `SELECT COUNT(*)`+procurementFrom+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, t.wrap("count procurements", err)
	}
	limit, offset := page(f.Offset, f.Limit)
	rows, err := t.Query(ctx, `SELECT `+procurementColumns+procurementFrom+w.String()+
		` ORDER BY r.contract_date DESC, r.id DESC LIMIT ? OFFSET ?`, append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, t.wrap("list procurements", err)
	}
	defer rows.Close()
	list := []*firstset.Procurement{}
	for rows.Next() {
		p, err := scanProcurement(rows)
		if err != nil {
			return nil, 0, t.wrap("scan procurement", err)
		}
		list = append(list, p)
	}
	return list, total, t.wrap("list procurements", rows.Err())
}

// EachProcurement reads 2,000 rows a query, keyed on id, so a bulletin
// over a year of purchases never holds them all.
func (t *Tx) EachProcurement(ctx context.Context, f firstset.ProcurementFilter, fn func(*firstset.Procurement) error) error {
	var after int64
	for {
		w := t.procurementWhere(f)
		w.add("r.id > ?", after)
		rows, err := t.Query(ctx, `SELECT `+procurementColumns+procurementFrom+w.String()+` ORDER BY r.id LIMIT 2000`, w.args...)
		if err != nil {
			return t.wrap("each procurement", err)
		}
		var batch []*firstset.Procurement
		for rows.Next() {
			p, err := scanProcurement(rows)
			if err != nil {
				rows.Close()
				return t.wrap("scan procurement", err)
			}
			batch = append(batch, p)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return t.wrap("each procurement", err)
		}
		for _, p := range batch {
			if err := fn(p); err != nil {
				return err
			}
		}
		if len(batch) < 2000 {
			return nil
		}
		after = batch[len(batch)-1].ID
	}
}

func (t *Tx) PutEquipmentTotal(ctx context.Context, e *firstset.EquipmentTotal) error {
	now := time.Now()
	stamp(&e.CreatedAt, now)
	stamp(&e.UpdatedAt, now)
	var id int64
	err := t.QueryRow(ctx, `SELECT id FROM equipment_totals WHERE buyer_id = ? AND period = ?`, e.BuyerID, e.Period).Scan(&id)
	if err == nil {
		e.ID, e.Replaced = id, true
		_, err = t.Exec(ctx, `UPDATE equipment_totals SET amount = ?, created_by = ?, updated_at = ? WHERE id = ?`,
			e.Amount, nullID(e.CreatedBy), t.time(e.UpdatedAt), id)
		return t.wrap("update equipment total", err)
	}
	if err := t.notFound("equipment total", "", err); firstset.ErrorCode(err) != firstset.ENOTFOUND {
		return err
	}
	err = t.insertID(ctx, &e.ID, `INSERT INTO equipment_totals (buyer_id, period, amount, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)`, e.BuyerID, e.Period, e.Amount, nullID(e.CreatedBy), t.time(e.CreatedAt), t.time(e.UpdatedAt))
	return t.wrap("create equipment total", err)
}

// EquipmentTotals lists the totals of a buyer (0: every buyer) and of a
// period ("": every period), by buyer and period.
func (t *Tx) EquipmentTotals(ctx context.Context, buyerID int64, period string) ([]*firstset.EquipmentTotal, error) {
	var w where
	if buyerID != 0 {
		w.add("t.buyer_id = ?", buyerID)
	}
	if period != "" {
		w.add("t.period = ?", period)
	}
	rows, err := t.Query(ctx, `SELECT t.id, t.buyer_id, t.period, t.amount, COALESCE(t.created_by, 0), t.created_at,
		t.updated_at, b.name FROM equipment_totals t JOIN buyers b ON b.id = t.buyer_id`+w.String()+
		` ORDER BY t.buyer_id, t.period`, w.args...)
	if err != nil {
		return nil, t.wrap("equipment totals", err)
	}
	defer rows.Close()
	list := []*firstset.EquipmentTotal{}
	for rows.Next() {
		var e firstset.EquipmentTotal
		if err := rows.Scan(&e.ID, &e.BuyerID, &e.Period, &e.Amount, &e.CreatedBy, timeScanner{&e.CreatedAt},
			timeScanner{&e.UpdatedAt}, &e.BuyerName); err != nil {
			return nil, t.wrap("scan equipment total", err)
		}
		list = append(list, &e)
	}
	return list, t.wrap("equipment totals", rows.Err())
}
