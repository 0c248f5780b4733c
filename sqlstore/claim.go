package sqlstore

import (
	"context"
	"fmt"
	"time"

	"firstset"
)

func init() {
	conflicts["claim_cases.number"] = struct{ field, message string }{"number", "理赔案件编号重复。"}
}

const claimColumns = `x.id, x.number, x.policy_number, x.insurer_id, x.institution_id, i.name, x.product_id, x.enterprise_id,
	COALESCE(x.buyer_id, 0), x.occurred_on, x.description, x.status, x.reported_on, x.due_on, x.assessed_amount,
	x.approved_amount, x.paid_amount, x.paid_on, COALESCE(x.created_by, 0), x.created_at, x.updated_at, p.name, e.name,
	COALESCE(b.name, '')`

const claimFrom = ` FROM claim_cases x JOIN institutions i ON i.id = x.institution_id
	JOIN products p ON p.id = x.product_id JOIN enterprises e ON e.id = x.enterprise_id
	LEFT JOIN buyers b ON b.id = x.buyer_id`

func scanClaimCase(sc interface{ Scan(...any) error }) (*firstset.ClaimCase, error) {
	var c firstset.ClaimCase
	err := sc.Scan(&c.ID, &c.Number, &c.PolicyNumber, &c.InsurerID, &c.InstitutionID, &c.InstitutionName, &c.ProductID,
		&c.EnterpriseID, &c.BuyerID, &c.OccurredOn, &c.Description, &c.Status, &c.ReportedOn, &c.DueOn, &c.AssessedAmount,
		&c.ApprovedAmount, &c.PaidAmount, &c.PaidOn, &c.CreatedBy, timeScanner{&c.CreatedAt}, timeScanner{&c.UpdatedAt},
		&c.ProductName, &c.EnterpriseName, &c.BuyerName)
	if err != nil {
		return nil, err
	}
	c.StatusLabel = c.Status.Label()
	c.Steps = []*firstset.ClaimStep{}
	return &c, nil
}

// CreateClaimCase stores c with its report as the first step (c.Steps[0]).
func (t *Tx) CreateClaimCase(ctx context.Context, c *firstset.ClaimCase) error {
	now := time.Now()
	stamp(&c.CreatedAt, now)
	stamp(&c.UpdatedAt, now)
	err := t.insertID(ctx, &c.ID, `INSERT INTO claim_cases (number, policy_number, insurer_id, institution_id, product_id,
		enterprise_id, buyer_id, occurred_on, description, status, reported_on, due_on, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Number, c.PolicyNumber, c.InsurerID, c.InstitutionID, c.ProductID, c.EnterpriseID, nullID(c.BuyerID),
		c.OccurredOn, c.Description, c.Status, c.ReportedOn, c.DueOn, nullID(c.CreatedBy), t.time(c.CreatedAt),
		t.time(c.UpdatedAt))
	if err != nil {
		return t.wrap("create claim case", err)
	}
	for _, st := range c.Steps {
		if err := t.addClaimStep(ctx, c.ID, st); err != nil {
			return err
		}
	}
	return nil
}

func (t *Tx) addClaimStep(ctx context.Context, claimID int64, st *firstset.ClaimStep) error {
	var id int64
	err := t.insertID(ctx, &id, `INSERT INTO claim_steps (claim_id, action, by_user, at, due_on, late, opinion, amount)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, claimID, st.Action, nullID(st.By), t.time(st.At), st.DueOn, st.Late,
		st.Opinion, st.Amount)
	return t.wrap("add claim step", err)
}

func (t *Tx) ClaimCaseByID(ctx context.Context, id int64) (*firstset.ClaimCase, error) {
	c, err := scanClaimCase(t.QueryRow(ctx, `SELECT `+claimColumns+claimFrom+` WHERE x.id = ?`, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("claim case %d", id), "理赔案件", err)
	}
	rows, err := t.Query(ctx, `SELECT s.action, COALESCE(s.by_user, 0), COALESCE(u.name, ''), s.at, s.due_on, s.late,
		s.opinion, s.amount FROM claim_steps s LEFT JOIN users u ON u.id = s.by_user WHERE s.claim_id = ? ORDER BY s.id`, id)
	if err != nil {
		return nil, t.wrap("claim steps", err)
	}
	defer rows.Close()
	for rows.Next() {
		var st firstset.ClaimStep
		if err := rows.Scan(&st.Action, &st.By, &st.ByName, timeScanner{&st.At}, &st.DueOn, &st.Late, &st.Opinion,
			&st.Amount); err != nil {
			return nil, t.wrap("scan claim step", err)
		}
		c.Steps = append(c.Steps, &st)
	}
	return c, t.wrap("claim steps", rows.Err())
}

// UpdateClaimCase moves a claim on only from the stage its caller read,
// so that two of the insurer's users acting at once cannot both succeed.
func (t *Tx) UpdateClaimCase(ctx context.Context, c *firstset.ClaimCase, from firstset.ClaimStatus, step *firstset.ClaimStep) error {
	stamp(&c.UpdatedAt, time.Now())
	res, err := t.Exec(ctx, `UPDATE claim_cases SET status = ?, due_on = ?, assessed_amount = ?, approved_amount = ?,
		paid_amount = ?, paid_on = ?, updated_at = ? WHERE id = ? AND status = ?`, c.Status, c.DueOn, c.AssessedAmount,
		c.ApprovedAmount, c.PaidAmount, c.PaidOn, t.time(c.UpdatedAt), c.ID, from)
	if err != nil {
		return t.wrap(fmt.Sprintf("update claim case %d", c.ID), err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("rows affected: %w", err)
	} else if n == 0 {
		return firstset.Errorf(firstset.ECONFLICT, "该理赔案件已由他人办理，请刷新后查看。")
	}
	return t.addClaimStep(ctx, c.ID, step)
}

func claimWhere(f firstset.ClaimCaseFilter) where {
	var w where
	if f.EnterpriseID != 0 {
		w.add("x.enterprise_id = ?", f.EnterpriseID)
	}
	if f.BuyerID != 0 {
		w.add("x.buyer_id = ?", f.BuyerID)
	}
	if f.InstitutionID != 0 {
		w.add("x.institution_id = ?", f.InstitutionID)
	}
	if f.Status != "" {
		w.add("x.status = ?", f.Status)
	}
	if f.Open || f.Overdue {
		w.add("x.status IN (?, ?, ?, ?)", firstset.ClaimReported, firstset.ClaimAcknowledged, firstset.ClaimAssessed,
			firstset.ClaimApproved)
	}
	if f.Overdue {
		w.add("x.due_on < ?", f.Today)
	}
	return w
}

// ListClaimCases lists claims newest first; the open ones by their time
// limit when only those are asked for. The listing leaves out the steps.
func (t *Tx) ListClaimCases(ctx context.Context, f firstset.ClaimCaseFilter) ([]*firstset.ClaimCase, int, error) {
	w := claimWhere(f)
	var total int
	if err := t.QueryRow(ctx, `SELECT COUNT(*) FROM claim_cases x`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, t.wrap("count claim cases", err)
	}
	order := ` ORDER BY x.id DESC`
	if f.Open || f.Overdue {
		order = ` ORDER BY x.due_on IS NULL, x.due_on, x.id`
	}
	limit, offset := page(f.Offset, f.Limit)
	rows, err := t.Query(ctx, `SELECT `+claimColumns+claimFrom+w.String()+order+` LIMIT ? OFFSET ?`,
		append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, t.wrap("list claim cases", err)
	}
	defer rows.Close()
	list := []*firstset.ClaimCase{}
	for rows.Next() {
		c, err := scanClaimCase(rows)
		if err != nil {
			return nil, 0, t.wrap("scan claim case", err)
		}
		list = append(list, c)
	}
	return list, total, t.wrap("list claim cases", rows.Err())
}

func (t *Tx) PoliciesByNumber(ctx context.Context, number string) ([]*firstset.InsurancePolicy, error) {
	return t.policies(ctx, `SELECT `+policyColumns+policyJoins+` WHERE ip.policy_number = ? AND ip.current
		ORDER BY ip.id`, number)
}
