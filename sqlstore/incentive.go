package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"firstset"
	"firstset/money"
)

// The messages of the incentives' uniqueness rules.
const (
	rewardConflict  = "该装备已有首购首用奖励申请，一个装备只能申请一次。"
	subsidyConflict = "该装备在本批次已有保费补贴申请。"
	periodConflict  = "该保险期间已在其他保费补贴申请中补贴，同一保险期间不能重复补贴。"
	voucherConflict = "该凭证号已登记过拨付，同一笔拨付不能重复登记。"
)

func init() {
	for k, v := range map[string]struct{ field, message string }{
		"applications.product_id":                               {"product_id", rewardConflict},
		"applications.round_id":                                 {"product_id", subsidyConflict},
		"applications.round_id, product_id":                     {"product_id", subsidyConflict},
		"subsidy_periods.product_id":                            {"policy_years", periodConflict},
		"subsidy_periods.product_id, starts_on":                 {"policy_years", periodConflict},
		"disbursements.voucher":                                 {"voucher", voucherConflict},
		"subsidy_offers.product_id":                             {"product_id", "该装备在本批次已有补贴测算。"},
		"subsidy_offers.product_id, round_id":                   {"product_id", "该装备在本批次已有补贴测算。"},
		"insurance_policies.insurer_id":                         {"policy_number", "保单版本重复。"},
		"insurance_policies.insurer_id, policy_number, version": {"policy_number", "保单版本重复。"},
		"insurance_policies.insurer_id, policy_number":          {"policy_number", "保单版本重复。"},
	} {
		conflicts[k] = v
	}
}

const incentiveRoundColumns = `id, kind, year, title, budget, method, pass_score, uses_experts, opens_on, closes_on,
	status, frozen_at, allocated, opinion, approved_by, approved_at, notice_starts_on, notice_ends_on, created_by,
	created_at, updated_at`

func scanIncentiveRound(sc interface{ Scan(...any) error }) (*firstset.IncentiveRound, error) {
	var r firstset.IncentiveRound
	var approvedBy, createdBy sql.NullInt64
	err := sc.Scan(&r.ID, &r.Kind, &r.Year, &r.Title, &r.Budget, &r.Method, &r.PassScore, &r.UsesExperts,
		&r.OpensOn, &r.ClosesOn, &r.Status, nullTimeScanner{&r.FrozenAt}, &r.Allocated, &r.Opinion, &approvedBy,
		nullTimeScanner{&r.ApprovedAt}, &r.NoticeStartsOn, &r.NoticeEndsOn, &createdBy, timeScanner{&r.CreatedAt},
		timeScanner{&r.UpdatedAt})
	if err != nil {
		return nil, err
	}
	r.ApprovedBy, r.CreatedBy = approvedBy.Int64, createdBy.Int64
	return &r, nil
}

func (t *Tx) CreateIncentiveRound(ctx context.Context, r *firstset.IncentiveRound) error {
	now := time.Now()
	stamp(&r.CreatedAt, now)
	stamp(&r.UpdatedAt, now)
	err := t.insertID(ctx, &r.ID, `INSERT INTO incentive_rounds (kind, year, title, budget, method, pass_score,
		uses_experts, opens_on, closes_on, status, frozen_at, allocated, opinion, approved_by, approved_at,
		notice_starts_on, notice_ends_on, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.Kind, r.Year, r.Title, r.Budget, r.Method, r.PassScore, r.UsesExperts, r.OpensOn, r.ClosesOn, r.Status,
		t.timePtr(r.FrozenAt), r.Allocated, r.Opinion, nullID(r.ApprovedBy), t.timePtr(r.ApprovedAt),
		r.NoticeStartsOn, r.NoticeEndsOn, nullID(r.CreatedBy), t.time(r.CreatedAt), t.time(r.UpdatedAt))
	return t.wrap("create incentive round", err)
}

// UpdateIncentiveRound rewrites every field of r but its creator and
// creation time.
func (t *Tx) UpdateIncentiveRound(ctx context.Context, r *firstset.IncentiveRound) error {
	stamp(&r.UpdatedAt, time.Now())
	res, err := t.Exec(ctx, `UPDATE incentive_rounds SET kind = ?, year = ?, title = ?, budget = ?, method = ?,
		pass_score = ?, uses_experts = ?, opens_on = ?, closes_on = ?, status = ?, frozen_at = ?, allocated = ?,
		opinion = ?, approved_by = ?, approved_at = ?, notice_starts_on = ?, notice_ends_on = ?, updated_at = ?
		WHERE id = ?`,
		r.Kind, r.Year, r.Title, r.Budget, r.Method, r.PassScore, r.UsesExperts, r.OpensOn, r.ClosesOn, r.Status,
		t.timePtr(r.FrozenAt), r.Allocated, r.Opinion, nullID(r.ApprovedBy), t.timePtr(r.ApprovedAt),
		r.NoticeStartsOn, r.NoticeEndsOn, t.time(r.UpdatedAt), r.ID)
	if err != nil {
		return t.wrap(fmt.Sprintf("update incentive round %d", r.ID), err)
	}
	return affected(res, "奖补批次")
}

func (t *Tx) IncentiveRoundByID(ctx context.Context, id int64, forUpdate bool) (*firstset.IncentiveRound, error) {
	q := `SELECT ` + incentiveRoundColumns + ` FROM incentive_rounds WHERE id = ?`
	if forUpdate {
		q += t.d.ForUpdate
	}
	r, err := scanIncentiveRound(t.QueryRow(ctx, q, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("incentive round %d", id), "奖补批次", err)
	}
	return r, nil
}

// ListIncentiveRounds lists rounds newest first; OpenOn keeps those open
// for applications that day.
func (t *Tx) ListIncentiveRounds(ctx context.Context, f firstset.IncentiveRoundFilter) ([]*firstset.IncentiveRound, error) {
	var w where
	if f.Kind != "" {
		w.add("kind = ?", f.Kind)
	}
	if f.Year != 0 {
		w.add("year = ?", f.Year)
	}
	if !f.OpenOn.IsZero() {
		w.add("status = ? AND frozen_at IS NULL AND opens_on <= ? AND closes_on >= ?", firstset.RoundOpen, f.OpenOn, f.OpenOn)
	}
	rows, err := t.Query(ctx, `SELECT `+incentiveRoundColumns+` FROM incentive_rounds`+w.String()+
		` ORDER BY year DESC, id DESC`, w.args...)
	if err != nil {
		return nil, t.wrap("list incentive rounds", err)
	}
	defer rows.Close()
	list := []*firstset.IncentiveRound{}
	for rows.Next() {
		r, err := scanIncentiveRound(rows)
		if err != nil {
			return nil, t.wrap("scan incentive round", err)
		}
		list = append(list, r)
	}
	return list, t.wrap("list incentive rounds", rows.Err())
}

const applicationColumns = `a.case_id, a.kind, a.round_id, a.applicant_user_id, a.buyer_name, a.buyer_credit_code,
	a.contract_date, a.contract_paid, a.policy_years, a.offer_id, a.talent_led, a.eligible, a.reason, a.max_amount,
	a.explanation, a.result, a.input, a.engine_version, a.computed_at, a.rank, a.allocated, a.allocation_reason,
	a.allocation_explanation, a.disbursed, a.active, r.title, r.year`

const applicationJoins = ` FROM applications a JOIN incentive_rounds r ON r.id = a.round_id`

// rawJSON reads a JSON column as it is stored.
type rawJSON struct{ v *json.RawMessage }

func (s rawJSON) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*s.v = nil
	case string:
		*s.v = json.RawMessage(v)
	case []byte:
		*s.v = append(json.RawMessage(nil), v...)
	default:
		return fmt.Errorf("cannot read %T as JSON", src)
	}
	return nil
}

// jsonOr is raw JSON for a column, or def when there is none.
func jsonOr(v json.RawMessage, def string) string {
	if len(v) == 0 {
		return def
	}
	return string(v)
}

func scanApplication(sc interface{ Scan(...any) error }, extra ...any) (*firstset.Application, error) {
	var a firstset.Application
	var applicant, offer, allocated sql.NullInt64
	dest := []any{&a.CaseID, &a.Kind, &a.RoundID, &applicant, &a.BuyerName, &a.BuyerCreditCode, &a.ContractDate,
		&a.ContractPaid, jsonList[firstset.PolicyYear]{&a.PolicyYears}, &offer, &a.TalentLed, &a.Eligible, &a.Reason,
		&a.MaxAmount, rawJSON{&a.Explanation}, rawJSON{&a.Result}, rawJSON{&a.Input}, &a.EngineVersion,
		timeScanner{&a.ComputedAt}, &a.Rank, &allocated, &a.AllocationReason, rawJSON{&a.AllocationExplanation},
		&a.Disbursed, &a.Active, &a.RoundTitle, &a.RoundYear}
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	a.ApplicantUserID, a.OfferID = applicant.Int64, offer.Int64
	if allocated.Valid {
		v := money.Fen(allocated.Int64)
		a.Allocated = &v
	}
	return &a, nil
}

func nullFen(v *money.Fen) any {
	if v == nil {
		return nil
	}
	return int64(*v)
}

// CreateApplication stores a's data for its case, which must exist. The
// one-per-product rules are partial unique indexes over active
// applications, so two concurrent applications cannot both pass.
func (t *Tx) CreateApplication(ctx context.Context, a *firstset.Application) error {
	stamp(&a.ComputedAt, time.Now())
	years, err := jsonText(a.PolicyYears)
	if err != nil {
		return fmt.Errorf("application policy years: %w", err)
	}
	var productID int64
	if err := t.QueryRow(ctx, `SELECT product_id FROM cases WHERE id = ?`, a.CaseID).Scan(&productID); err != nil {
		return t.notFound("application case", "办件", err)
	}
	_, err = t.Exec(ctx, `INSERT INTO applications (case_id, kind, round_id, product_id, applicant_user_id,
		buyer_name, buyer_credit_code, contract_date, contract_paid, policy_years, offer_id, talent_led, eligible,
		reason, max_amount, explanation, result, input, engine_version, computed_at, rank, allocated,
		allocation_reason, allocation_explanation, disbursed, active)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.CaseID, a.Kind, a.RoundID, productID, nullID(a.ApplicantUserID), a.BuyerName, a.BuyerCreditCode,
		a.ContractDate, a.ContractPaid, years, nullID(a.OfferID), a.TalentLed, a.Eligible, a.Reason, a.MaxAmount,
		jsonOr(a.Explanation, "[]"), jsonOr(a.Result, "{}"), jsonOr(a.Input, "{}"), a.EngineVersion,
		t.time(a.ComputedAt), a.Rank, nullFen(a.Allocated), a.AllocationReason, jsonOr(a.AllocationExplanation, "[]"),
		a.Disbursed, a.Active)
	return t.wrap("create application", err)
}

// UpdateApplication rewrites everything of a but its case, kind, round
// and product.
func (t *Tx) UpdateApplication(ctx context.Context, a *firstset.Application) error {
	stamp(&a.ComputedAt, time.Now())
	years, err := jsonText(a.PolicyYears)
	if err != nil {
		return fmt.Errorf("application policy years: %w", err)
	}
	res, err := t.Exec(ctx, `UPDATE applications SET applicant_user_id = ?, buyer_name = ?, buyer_credit_code = ?,
		contract_date = ?, contract_paid = ?, policy_years = ?, offer_id = ?, talent_led = ?, eligible = ?, reason = ?,
		max_amount = ?, explanation = ?, result = ?, input = ?, engine_version = ?, computed_at = ?, rank = ?,
		allocated = ?, allocation_reason = ?, allocation_explanation = ?, disbursed = ?, active = ?
		WHERE case_id = ?`,
		nullID(a.ApplicantUserID), a.BuyerName, a.BuyerCreditCode, a.ContractDate, a.ContractPaid, years,
		nullID(a.OfferID), a.TalentLed, a.Eligible, a.Reason, a.MaxAmount, jsonOr(a.Explanation, "[]"),
		jsonOr(a.Result, "{}"), jsonOr(a.Input, "{}"), a.EngineVersion, t.time(a.ComputedAt), a.Rank,
		nullFen(a.Allocated), a.AllocationReason, jsonOr(a.AllocationExplanation, "[]"), a.Disbursed, a.Active,
		a.CaseID)
	if err != nil {
		return t.wrap(fmt.Sprintf("update application %d", a.CaseID), err)
	}
	return affected(res, "奖补申请")
}

func (t *Tx) ApplicationByCase(ctx context.Context, caseID int64) (*firstset.Application, error) {
	a, err := scanApplication(t.QueryRow(ctx, `SELECT `+applicationColumns+applicationJoins+` WHERE a.case_id = ?`, caseID))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("application %d", caseID), "奖补申请", err)
	}
	return a, nil
}

func (t *Tx) ActiveApplications(ctx context.Context, kind string, productID int64) ([]*firstset.Application, error) {
	rows, err := t.Query(ctx, `SELECT `+applicationColumns+applicationJoins+`
		WHERE a.kind = ? AND a.product_id = ? AND a.active ORDER BY a.case_id`, kind, productID)
	if err != nil {
		return nil, t.wrap("active applications", err)
	}
	defer rows.Close()
	list := []*firstset.Application{}
	for rows.Next() {
		a, err := scanApplication(rows)
		if err != nil {
			return nil, t.wrap("scan application", err)
		}
		list = append(list, a)
	}
	return list, t.wrap("active applications", rows.Err())
}

// RoundApplications lists a round's applications and their cases, by case id.
func (t *Tx) RoundApplications(ctx context.Context, roundID int64) ([]*firstset.Application, []*firstset.Case, error) {
	list, cs, _, err := t.ListApplications(ctx, firstset.ApplicationFilter{IncentiveRoundID: roundID,
		CaseFilter: firstset.CaseFilter{Limit: 1 << 30}})
	return list, cs, err
}

// ListApplications lists applications with their cases, passing the case
// filter (see ListCases) and the round; newest first, or with Waiting
// soonest due first.
func (t *Tx) ListApplications(ctx context.Context, f firstset.ApplicationFilter) ([]*firstset.Application, []*firstset.Case, int, error) {
	w, err := t.caseWhere(f.CaseFilter)
	if err != nil {
		return nil, nil, 0, err
	}
	if f.IncentiveRoundID != 0 {
		w.add("a.round_id = ?", f.IncentiveRoundID)
	}
	joins := caseJoins + ` JOIN applications a ON a.case_id = c.id JOIN incentive_rounds r ON r.id = a.round_id`
	var total int
	if err := t.QueryRow(ctx, `SELECT COUNT(*)`+joins+w.String(), w.args...).Scan(&total); err != nil {
		return nil, nil, 0, t.wrap("count applications", err)
	}
	order := ` ORDER BY c.id DESC`
	if f.Waiting {
		order = ` ORDER BY c.due_on IS NULL, c.due_on, c.id`
	}
	if f.IncentiveRoundID != 0 && !f.Waiting {
		order = ` ORDER BY c.id`
	}
	limit, offset := page(f.Offset, f.Limit)
	rows, err := t.Query(ctx, `SELECT `+applicationColumns+`, `+caseColumns+joins+w.String()+order+` LIMIT ? OFFSET ?`,
		append(w.args, limit, offset)...)
	if err != nil {
		return nil, nil, 0, t.wrap("list applications", err)
	}
	defer rows.Close()
	apps, cs := []*firstset.Application{}, []*firstset.Case{}
	for rows.Next() {
		c := &caseRow{}
		a, err := scanApplication(rows, c.dest()...)
		if err != nil {
			return nil, nil, 0, t.wrap("scan application", err)
		}
		apps, cs = append(apps, a), append(cs, c.done())
	}
	return apps, cs, total, t.wrap("list applications", rows.Err())
}

func (t *Tx) ClaimPeriods(ctx context.Context, caseID, productID int64, periods []firstset.PolicyYear) error {
	for _, p := range periods {
		if _, err := t.Exec(ctx, `INSERT INTO subsidy_periods (product_id, starts_on, ends_on, case_id) VALUES (?, ?, ?, ?)`,
			productID, p.Start, p.End, caseID); err != nil {
			return t.wrap("claim subsidy period", err)
		}
	}
	return nil
}

func (t *Tx) ReleasePeriods(ctx context.Context, caseID int64) error {
	_, err := t.Exec(ctx, `DELETE FROM subsidy_periods WHERE case_id = ?`, caseID)
	return t.wrap("release subsidy periods", err)
}

func (t *Tx) ClaimedPeriods(ctx context.Context, productID int64) ([]firstset.ClaimedPeriod, error) {
	rows, err := t.Query(ctx, `SELECT starts_on, ends_on, case_id FROM subsidy_periods WHERE product_id = ? ORDER BY starts_on`, productID)
	if err != nil {
		return nil, t.wrap("claimed periods", err)
	}
	defer rows.Close()
	var list []firstset.ClaimedPeriod
	for rows.Next() {
		var p firstset.ClaimedPeriod
		if err := rows.Scan(&p.Start, &p.End, &p.CaseID); err != nil {
			return nil, t.wrap("scan claimed period", err)
		}
		list = append(list, p)
	}
	return list, t.wrap("claimed periods", rows.Err())
}

const disbursementColumns = `d.id, d.case_id, d.kind, d.round_id, d.year, d.product_id, d.enterprise_id, d.amount,
	d.paid_on, d.voucher, d.bank_reference, d.payee, d.recorded_by, d.created_at, c.number, p.name, e.name, r.title`

const disbursementJoins = ` FROM disbursements d
	JOIN cases c ON c.id = d.case_id
	JOIN products p ON p.id = d.product_id
	JOIN enterprises e ON e.id = d.enterprise_id
	JOIN incentive_rounds r ON r.id = d.round_id`

// CreateDisbursement stores d, copying its application's round, year,
// product, enterprise and buyer, and adds it to the application's total.
func (t *Tx) CreateDisbursement(ctx context.Context, d *firstset.Disbursement) error {
	stamp(&d.CreatedAt, time.Now())
	var applicant sql.NullInt64
	err := t.QueryRow(ctx, `SELECT a.kind, a.round_id, r.year, c.product_id, c.enterprise_id, a.applicant_user_id
		FROM applications a JOIN cases c ON c.id = a.case_id JOIN incentive_rounds r ON r.id = a.round_id
		WHERE a.case_id = ?`, d.ApplicationID).Scan(&d.Kind, &d.RoundID, &d.Year, &d.ProductID, &d.EnterpriseID, &applicant)
	if err != nil {
		return t.notFound("disbursement application", "奖补申请", err)
	}
	err = t.insertID(ctx, &d.ID, `INSERT INTO disbursements (case_id, kind, round_id, year, product_id, enterprise_id,
		applicant_user_id, amount, paid_on, voucher, bank_reference, payee, recorded_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.ApplicationID, d.Kind, d.RoundID, d.Year, d.ProductID, d.EnterpriseID, applicant, d.Amount, d.PaidOn,
		d.Voucher, d.BankReference, d.Payee, nullID(d.RecordedBy), t.time(d.CreatedAt))
	if err != nil {
		return t.wrap("create disbursement", err)
	}
	_, err = t.Exec(ctx, `UPDATE applications SET disbursed = disbursed + ? WHERE case_id = ?`, d.Amount, d.ApplicationID)
	return t.wrap("add disbursement", err)
}

func ledgerWhere(f firstset.LedgerFilter) where {
	var w where
	if f.ProductID != 0 {
		w.add("d.product_id = ?", f.ProductID)
	}
	if f.EnterpriseID != 0 {
		w.add("d.enterprise_id = ?", f.EnterpriseID)
	}
	if f.RoundID != 0 {
		w.add("d.round_id = ?", f.RoundID)
	}
	if f.ApplicationID != 0 {
		w.add("d.case_id = ?", f.ApplicationID)
	}
	if f.Year != 0 {
		w.add("d.year = ?", f.Year)
	}
	if f.Kind != "" {
		w.add("d.kind = ?", f.Kind)
	}
	if f.ApplicantUserID != 0 {
		w.add("d.applicant_user_id = ?", f.ApplicantUserID)
	}
	return w
}

// ListDisbursements lists a page of the ledger, newest first, with the
// count and the total paid of every payment passing f.
func (t *Tx) ListDisbursements(ctx context.Context, f firstset.LedgerFilter) ([]*firstset.Disbursement, int, money.Fen, error) {
	w := ledgerWhere(f)
	var total int
	var paid money.Fen
	if err := t.QueryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(d.amount), 0) FROM disbursements d`+w.String(),
		w.args...).Scan(&total, &paid); err != nil {
		return nil, 0, 0, t.wrap("sum ledger", err)
	}
	limit, offset := page(f.Offset, f.Limit)
	rows, err := t.Query(ctx, `SELECT `+disbursementColumns+disbursementJoins+w.String()+` ORDER BY d.id DESC LIMIT ? OFFSET ?`,
		append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, 0, t.wrap("list ledger", err)
	}
	defer rows.Close()
	list := []*firstset.Disbursement{}
	for rows.Next() {
		var d firstset.Disbursement
		var by sql.NullInt64
		if err := rows.Scan(&d.ID, &d.ApplicationID, &d.Kind, &d.RoundID, &d.Year, &d.ProductID, &d.EnterpriseID,
			&d.Amount, &d.PaidOn, &d.Voucher, &d.BankReference, &d.Payee, &by, timeScanner{&d.CreatedAt}, &d.Number,
			&d.ProductName, &d.EnterpriseName, &d.RoundTitle); err != nil {
			return nil, 0, 0, t.wrap("scan disbursement", err)
		}
		d.RecordedBy = by.Int64
		list = append(list, &d)
	}
	return list, total, paid, t.wrap("list ledger", rows.Err())
}

// SumDisbursements sums the payments passing f by product, enterprise,
// round or year, largest total first.
func (t *Tx) SumDisbursements(ctx context.Context, by string, f firstset.LedgerFilter) ([]firstset.LedgerSummary, error) {
	var key, label, join string
	switch by {
	case "product":
		key, label, join = "d.product_id", "p.name", " JOIN products p ON p.id = d.product_id"
	case "enterprise":
		key, label, join = "d.enterprise_id", "e.name", " JOIN enterprises e ON e.id = d.enterprise_id"
	case "round":
		key, label, join = "d.round_id", "r.title", " JOIN incentive_rounds r ON r.id = d.round_id"
	case "year":
		key, label = "d.year", "d.year"
	default:
		return nil, firstset.FieldErrorf("by", "invalid", "汇总方式应为 product、enterprise、round 或 year。")
	}
	w := ledgerWhere(f)
	rows, err := t.Query(ctx, `SELECT `+key+`, `+label+`, COUNT(*), SUM(d.amount) FROM disbursements d`+join+
		w.String()+` GROUP BY `+key+`, `+label+` ORDER BY SUM(d.amount) DESC, `+key, w.args...)
	if err != nil {
		return nil, t.wrap("sum ledger", err)
	}
	defer rows.Close()
	list := []firstset.LedgerSummary{}
	for rows.Next() {
		var s firstset.LedgerSummary
		var id int64
		var name any
		if err := rows.Scan(&id, &name, &s.Count, &s.Paid); err != nil {
			return nil, t.wrap("scan ledger sum", err)
		}
		s.Key = fmt.Sprint(id)
		switch v := name.(type) {
		case []byte:
			s.Label = string(v)
		default:
			s.Label = fmt.Sprint(v)
		}
		list = append(list, s)
	}
	return list, t.wrap("sum ledger", rows.Err())
}
