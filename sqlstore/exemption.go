package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"firstset"
	"firstset/date"
)

func init() {
	conflicts["exemptions.procurement_id"] = struct{ field, message string }{"procurement_id", "该采购记录已有待认定的容错免责申请。"}
	conflicts["exemptions.number"] = struct{ field, message string }{"number", "申请编号重复。"}
}

const exemptionColumns = `x.id, x.number, x.procurement_id, x.buyer_id, x.account, x.conditions, x.status, x.reason,
	x.requested_on, COALESCE(x.decided_by, 0), x.decided_at, x.decided_on, COALESCE(x.created_by, 0), x.created_at,
	x.updated_at, b.name, b.kind, b.district_code, r.project_name, p.name`

const exemptionFrom = ` FROM exemptions x JOIN buyers b ON b.id = x.buyer_id
	JOIN procurements r ON r.id = x.procurement_id JOIN products p ON p.id = r.product_id`

func scanExemption(sc interface{ Scan(...any) error }) (*firstset.Exemption, error) {
	var e firstset.Exemption
	var conditions string
	err := sc.Scan(&e.ID, &e.Number, &e.ProcurementID, &e.BuyerID, &e.Account, &conditions, &e.Status, &e.Reason,
		&e.RequestedOn, &e.DecidedBy, nullTimeScanner{&e.DecidedAt}, &e.DecidedOn, &e.CreatedBy,
		timeScanner{&e.CreatedAt}, timeScanner{&e.UpdatedAt}, &e.BuyerName, &e.BuyerKind, &e.BuyerDistrict,
		&e.ProjectName, &e.ProductName)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(conditions), &e.Conditions); err != nil {
		return nil, fmt.Errorf("exemption %d conditions: %w", e.ID, err)
	}
	e.StatusLabel = e.Status.Label()
	return &e, nil
}

func (t *Tx) CreateExemption(ctx context.Context, e *firstset.Exemption) error {
	now := time.Now()
	stamp(&e.CreatedAt, now)
	stamp(&e.UpdatedAt, now)
	conditions, err := json.Marshal(e.Conditions)
	if err != nil {
		return fmt.Errorf("exemption conditions: %w", err)
	}
	err = t.insertID(ctx, &e.ID, `INSERT INTO exemptions (number, procurement_id, buyer_id, account, conditions, status,
		reason, requested_on, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Number, e.ProcurementID, e.BuyerID, e.Account, string(conditions), e.Status, e.Reason, e.RequestedOn,
		nullID(e.CreatedBy), t.time(e.CreatedAt), t.time(e.UpdatedAt))
	return t.wrap("create exemption", err)
}

func (t *Tx) ExemptionByID(ctx context.Context, id int64) (*firstset.Exemption, error) {
	e, err := scanExemption(t.QueryRow(ctx, `SELECT `+exemptionColumns+exemptionFrom+` WHERE x.id = ?`, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("exemption %d", id), "容错免责申请", err)
	}
	return e, nil
}

// DecideExemption writes the decision only over a request still
// submitted, so two regulators deciding at once cannot both succeed.
func (t *Tx) DecideExemption(ctx context.Context, e *firstset.Exemption) error {
	stamp(&e.UpdatedAt, time.Now())
	res, err := t.Exec(ctx, `UPDATE exemptions SET status = ?, reason = ?, decided_by = ?, decided_at = ?, decided_on = ?,
		updated_at = ? WHERE id = ? AND status = ?`, e.Status, e.Reason, nullID(e.DecidedBy), t.timePtr(e.DecidedAt),
		e.DecidedOn, t.time(e.UpdatedAt), e.ID, firstset.ExemptionSubmitted)
	if err != nil {
		return t.wrap(fmt.Sprintf("decide exemption %d", e.ID), err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("rows affected: %w", err)
	} else if n == 0 {
		return firstset.Errorf(firstset.ECONFLICT, "该申请已经认定。")
	}
	return nil
}

func exemptionWhere(f firstset.ExemptionFilter) where {
	var w where
	if f.BuyerID != 0 {
		w.add("x.buyer_id = ?", f.BuyerID)
	}
	if f.ProcurementID != 0 {
		w.add("x.procurement_id = ?", f.ProcurementID)
	}
	if f.Status != "" {
		w.add("x.status = ?", f.Status)
	}
	if len(f.BuyerKinds) > 0 {
		cond, args := "b.kind IN (", []any{}
		for i, k := range f.BuyerKinds {
			if i > 0 {
				cond += ", "
			}
			cond += "?"
			args = append(args, k)
		}
		w.add(cond+")", args...)
	}
	if f.DistrictCode != "" {
		w.add("b.district_code = ?", f.DistrictCode)
	}
	return w
}

// ListExemptions lists requests newest first.
func (t *Tx) ListExemptions(ctx context.Context, f firstset.ExemptionFilter) ([]*firstset.Exemption, int, error) {
	w := exemptionWhere(f)
	var total int
	if err := t.QueryRow(ctx, `SELECT COUNT(*)`+exemptionFrom+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, t.wrap("count exemptions", err)
	}
	limit, offset := page(f.Offset, f.Limit)
	rows, err := t.Query(ctx, `SELECT `+exemptionColumns+exemptionFrom+w.String()+` ORDER BY x.id DESC LIMIT ? OFFSET ?`,
		append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, t.wrap("list exemptions", err)
	}
	defer rows.Close()
	list := []*firstset.Exemption{}
	for rows.Next() {
		e, err := scanExemption(rows)
		if err != nil {
			return nil, 0, t.wrap("scan exemption", err)
		}
		list = append(list, e)
	}
	return list, total, t.wrap("list exemptions", rows.Err())
}

func (t *Tx) CountExemptions(ctx context.Context, from, to date.Date) (firstset.ExemptionCount, error) {
	var c firstset.ExemptionCount
	err := t.QueryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM exemptions WHERE requested_on >= ? AND requested_on <= ?),
		(SELECT COUNT(*) FROM exemptions WHERE status = ? AND decided_on >= ? AND decided_on <= ?),
		(SELECT COUNT(*) FROM exemptions WHERE status = ? AND decided_on >= ? AND decided_on <= ?)`,
		from, to, firstset.ExemptionGranted, from, to, firstset.ExemptionRefused, from, to).
		Scan(&c.Requested, &c.Granted, &c.Refused)
	return c, t.wrap("count exemptions", err)
}
