package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"firstset"
	"firstset/date"
)

func init() {
	conflicts["consortium_memberships.institution_id"] = struct{ field, message string }{"institution_id", "该机构已是共保体成员，请先办理退出。"}
}

const membershipColumns = `m.id, m.institution_id, n.name, m.joined_on, m.left_on, m.created_at, m.updated_at`

func scanMembership(sc interface{ Scan(...any) error }) (*firstset.ConsortiumMembership, error) {
	var m firstset.ConsortiumMembership
	if err := sc.Scan(&m.ID, &m.InstitutionID, &m.InstitutionName, &m.JoinedOn, &m.LeftOn,
		timeScanner{&m.CreatedAt}, timeScanner{&m.UpdatedAt}); err != nil {
		return nil, err
	}
	return &m, nil
}

func (t *Tx) ConsortiumMembershipByID(ctx context.Context, id int64) (*firstset.ConsortiumMembership, error) {
	m, err := scanMembership(t.QueryRow(ctx, `SELECT `+membershipColumns+`
		FROM consortium_memberships m JOIN institutions n ON n.id = m.institution_id WHERE m.id = ?`, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("consortium membership %d", id), "共保体成员记录", err)
	}
	return m, nil
}

func (t *Tx) ListConsortiumMemberships(ctx context.Context, institutionID int64) ([]*firstset.ConsortiumMembership, error) {
	var w where
	if institutionID != 0 {
		w.add("m.institution_id = ?", institutionID)
	}
	rows, err := t.Query(ctx, `SELECT `+membershipColumns+`
		FROM consortium_memberships m JOIN institutions n ON n.id = m.institution_id`+w.String()+` ORDER BY m.joined_on, m.id`, w.args...)
	if err != nil {
		return nil, t.wrap("list consortium memberships", err)
	}
	defer rows.Close()
	list := []*firstset.ConsortiumMembership{}
	for rows.Next() {
		m, err := scanMembership(rows)
		if err != nil {
			return nil, t.wrap("scan consortium membership", err)
		}
		list = append(list, m)
	}
	return list, t.wrap("list consortium memberships", rows.Err())
}

// CreateConsortiumMembership is ECONFLICT on "institution_id" while the
// institution has an open stay.
func (t *Tx) CreateConsortiumMembership(ctx context.Context, m *firstset.ConsortiumMembership) error {
	now := time.Now()
	stamp(&m.CreatedAt, now)
	stamp(&m.UpdatedAt, now)
	err := t.insertID(ctx, &m.ID, `INSERT INTO consortium_memberships (institution_id, joined_on, left_on, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?)`, m.InstitutionID, m.JoinedOn, m.LeftOn, t.time(m.CreatedAt), t.time(m.UpdatedAt))
	return t.wrap("create consortium membership", err)
}

func (t *Tx) UpdateConsortiumMembership(ctx context.Context, m *firstset.ConsortiumMembership) error {
	stamp(&m.UpdatedAt, time.Now())
	res, err := t.Exec(ctx, `UPDATE consortium_memberships SET joined_on = ?, left_on = ?, updated_at = ? WHERE id = ?`,
		m.JoinedOn, m.LeftOn, t.time(m.UpdatedAt), m.ID)
	if err != nil {
		return t.wrap(fmt.Sprintf("update consortium membership %d", m.ID), err)
	}
	return affected(res, "共保体成员记录")
}

const policyColumns = `ip.id, ip.insurer_id, u.name, ip.policy_number, ip.version, ip.product_id, ip.enterprise_id,
	ip.starts_on, ip.ends_on, ip.insured_amount, ip.premium, ip.created_at, p.name, e.name`

const policyJoins = ` FROM insurance_policies ip
	JOIN users u ON u.id = ip.insurer_id
	JOIN products p ON p.id = ip.product_id
	JOIN enterprises e ON e.id = ip.enterprise_id`

func scanPolicy(sc interface{ Scan(...any) error }) (*firstset.InsurancePolicy, error) {
	var p firstset.InsurancePolicy
	err := sc.Scan(&p.ID, &p.InsurerID, &p.InsurerName, &p.PolicyNumber, &p.Version, &p.ProductID, &p.EnterpriseID,
		&p.Start, &p.End, &p.InsuredAmount, &p.Premium, timeScanner{&p.CreatedAt}, &p.ProductName, &p.EnterpriseName)
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// withClaims reads the claims of each policy, one query a chunk of
// policies.
func (t *Tx) withClaims(ctx context.Context, list []*firstset.InsurancePolicy) error {
	return inChunks(list, func(part []*firstset.InsurancePolicy) error { return t.claimsChunk(ctx, part) })
}

func (t *Tx) claimsChunk(ctx context.Context, list []*firstset.InsurancePolicy) error {
	byID := make(map[int64]*firstset.InsurancePolicy, len(list))
	ids := make([]any, 0, len(list))
	for _, p := range list {
		p.Claims = []*firstset.Claim{}
		byID[p.ID] = p
		ids = append(ids, p.ID)
	}
	rows, err := t.Query(ctx, `SELECT ip.id, c.id, c.insurer_id, c.policy_number, c.occurred_on, c.amount, c.created_at
		FROM policy_claims c JOIN insurance_policies ip ON ip.insurer_id = c.insurer_id AND ip.policy_number = c.policy_number
		WHERE ip.id IN (`+placeholders(len(ids))+`) ORDER BY ip.id, c.occurred_on, c.id`, ids...)
	if err != nil {
		return t.wrap("policy claims", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c firstset.Claim
		var policyID int64
		if err := rows.Scan(&policyID, &c.ID, &c.InsurerID, &c.PolicyNumber, &c.OccurredOn, &c.Amount, timeScanner{&c.CreatedAt}); err != nil {
			return t.wrap("scan claim", err)
		}
		byID[policyID].Claims = append(byID[policyID].Claims, &c)
	}
	return t.wrap("policy claims", rows.Err())
}

func (t *Tx) CurrentPolicy(ctx context.Context, insurerID int64, policyNumber string) (*firstset.InsurancePolicy, error) {
	p, err := scanPolicy(t.QueryRow(ctx, `SELECT `+policyColumns+policyJoins+`
		WHERE ip.insurer_id = ? AND ip.policy_number = ? AND ip.current`, insurerID, policyNumber))
	if err != nil {
		return nil, t.notFound("current policy", "保单", err)
	}
	if err := t.withClaims(ctx, []*firstset.InsurancePolicy{p}); err != nil {
		return nil, err
	}
	return p, nil
}

// CreatePolicyVersion stores p as the next version of its number: the
// last version stops being current in the same transaction.
func (t *Tx) CreatePolicyVersion(ctx context.Context, p *firstset.InsurancePolicy) error {
	stamp(&p.CreatedAt, time.Now())
	var last sql.NullInt64
	if err := t.QueryRow(ctx, `SELECT MAX(version) FROM insurance_policies WHERE insurer_id = ? AND policy_number = ?`,
		p.InsurerID, p.PolicyNumber).Scan(&last); err != nil {
		return t.wrap("last policy version", err)
	}
	if _, err := t.Exec(ctx, `UPDATE insurance_policies SET current = ? WHERE insurer_id = ? AND policy_number = ? AND current`,
		false, p.InsurerID, p.PolicyNumber); err != nil {
		return t.wrap("retire policy version", err)
	}
	p.Version = int(last.Int64) + 1
	err := t.insertID(ctx, &p.ID, `INSERT INTO insurance_policies (insurer_id, policy_number, version, product_id,
		enterprise_id, starts_on, ends_on, insured_amount, premium, current, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.InsurerID, p.PolicyNumber, p.Version, p.ProductID, p.EnterpriseID, p.Start, p.End, p.InsuredAmount,
		p.Premium, true, t.time(p.CreatedAt))
	return t.wrap("create policy version", err)
}

func (t *Tx) ListPolicies(ctx context.Context, f firstset.PolicyFilter) ([]*firstset.InsurancePolicy, int, error) {
	var w where
	w.add("ip.current")
	if f.InsurerID != 0 {
		w.add("ip.insurer_id = ?", f.InsurerID)
	}
	if f.ProductID != 0 {
		w.add("ip.product_id = ?", f.ProductID)
	}
	var total int
	if err := t.QueryRow(ctx, `SELECT COUNT(*) FROM insurance_policies ip`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, t.wrap("count policies", err)
	}
	limit, offset := page(f.Offset, f.Limit)
	list, err := t.policies(ctx, `SELECT `+policyColumns+policyJoins+w.String()+` ORDER BY ip.id DESC LIMIT ? OFFSET ?`,
		append(w.args, limit, offset)...)
	return list, total, err
}

func (t *Tx) policies(ctx context.Context, q string, args ...any) ([]*firstset.InsurancePolicy, error) {
	rows, err := t.Query(ctx, q, args...)
	if err != nil {
		return nil, t.wrap("list policies", err)
	}
	list := []*firstset.InsurancePolicy{}
	for rows.Next() {
		p, err := scanPolicy(rows)
		if err != nil {
			rows.Close()
			return nil, t.wrap("scan policy", err)
		}
		list = append(list, p)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, t.wrap("list policies", err)
	}
	return list, t.withClaims(ctx, list)
}

func (t *Tx) ProductPolicies(ctx context.Context, productID int64) ([]*firstset.InsurancePolicy, error) {
	return t.policies(ctx, `SELECT `+policyColumns+policyJoins+` WHERE ip.product_id = ? AND ip.current
		ORDER BY ip.starts_on, ip.id`, productID)
}

func (t *Tx) InsuredProducts(ctx context.Context, after int64, limit int) ([]int64, error) {
	rows, err := t.Query(ctx, `SELECT DISTINCT product_id FROM insurance_policies WHERE current AND product_id > ?
		ORDER BY product_id LIMIT ?`, after, limit)
	if err != nil {
		return nil, t.wrap("insured products", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, t.wrap("scan insured product", err)
		}
		ids = append(ids, id)
	}
	return ids, t.wrap("insured products", rows.Err())
}

func (t *Tx) CreateClaim(ctx context.Context, c *firstset.Claim) (bool, error) {
	stamp(&c.CreatedAt, time.Now())
	err := t.QueryRow(ctx, `INSERT INTO policy_claims (insurer_id, policy_number, occurred_on, amount, created_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (insurer_id, policy_number, occurred_on, amount) DO NOTHING RETURNING id`,
		c.InsurerID, c.PolicyNumber, c.OccurredOn, c.Amount, t.time(c.CreatedAt)).Scan(&c.ID)
	if errors.Is(err, sql.ErrNoRows) {
		err = t.QueryRow(ctx, `SELECT id, created_at FROM policy_claims WHERE insurer_id = ? AND policy_number = ?
			AND occurred_on = ? AND amount = ?`, c.InsurerID, c.PolicyNumber, c.OccurredOn, c.Amount).
			Scan(&c.ID, timeScanner{&c.CreatedAt})
		return false, t.wrap("read claim", err)
	}
	return err == nil, t.wrap("create claim", err)
}

const offerColumns = `o.id, o.product_id, o.round_id, o.enterprise_id, o.amount, o.years, o.policy_years, o.state,
	o.application_id, o.engine_version, o.computed_at, o.decided_by, o.decided_at, o.reason, p.name, p.model, e.name,
	r.title`

const offerJoins = ` FROM subsidy_offers o
	JOIN products p ON p.id = o.product_id
	JOIN enterprises e ON e.id = o.enterprise_id
	JOIN incentive_rounds r ON r.id = o.round_id`

func scanOffer(sc interface{ Scan(...any) error }) (*firstset.SubsidyOffer, error) {
	var o firstset.SubsidyOffer
	var app, by sql.NullInt64
	err := sc.Scan(&o.ID, &o.ProductID, &o.RoundID, &o.EnterpriseID, &o.Amount, rawJSON{&o.Years},
		jsonList[firstset.PolicyYear]{&o.PolicyYears}, &o.State, &app, &o.EngineVersion, timeScanner{&o.ComputedAt},
		&by, nullTimeScanner{&o.DecidedAt}, &o.Reason, &o.ProductName, &o.ProductModel, &o.EnterpriseName, &o.RoundTitle)
	if err != nil {
		return nil, err
	}
	o.ApplicationID, o.DecidedBy = app.Int64, by.Int64
	return &o, nil
}

// SaveOffer inserts the offer of its product and round, or rewrites it.
func (t *Tx) SaveOffer(ctx context.Context, o *firstset.SubsidyOffer) error {
	stamp(&o.ComputedAt, time.Now())
	years, err := jsonText(o.PolicyYears)
	if err != nil {
		return fmt.Errorf("offer policy years: %w", err)
	}
	err = t.QueryRow(ctx, `INSERT INTO subsidy_offers (product_id, round_id, enterprise_id, amount, years,
		policy_years, state, application_id, engine_version, computed_at, decided_by, decided_at, reason)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (product_id, round_id) DO UPDATE SET enterprise_id = excluded.enterprise_id,
		amount = excluded.amount, years = excluded.years, policy_years = excluded.policy_years, state = excluded.state,
		application_id = excluded.application_id, engine_version = excluded.engine_version,
		computed_at = excluded.computed_at, decided_by = excluded.decided_by, decided_at = excluded.decided_at,
		reason = excluded.reason RETURNING id`,
		o.ProductID, o.RoundID, o.EnterpriseID, o.Amount, jsonOr(o.Years, "[]"), years, o.State,
		nullID(o.ApplicationID), o.EngineVersion, t.time(o.ComputedAt), nullID(o.DecidedBy), t.timePtr(o.DecidedAt),
		o.Reason).Scan(&o.ID)
	return t.wrap("save offer", err)
}

func (t *Tx) OfferByID(ctx context.Context, id int64, forUpdate bool) (*firstset.SubsidyOffer, error) {
	q := `SELECT ` + offerColumns + offerJoins + ` WHERE o.id = ?`
	if forUpdate && t.d.ForUpdate != "" {
		q += t.d.ForUpdate + " OF o"
	}
	o, err := scanOffer(t.QueryRow(ctx, q, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("offer %d", id), "补贴测算", err)
	}
	return o, nil
}

func (t *Tx) OfferFor(ctx context.Context, productID, roundID int64) (*firstset.SubsidyOffer, error) {
	o, err := scanOffer(t.QueryRow(ctx, `SELECT `+offerColumns+offerJoins+` WHERE o.product_id = ? AND o.round_id = ?`,
		productID, roundID))
	if err != nil {
		return nil, t.notFound("offer", "补贴测算", err)
	}
	return o, nil
}

func (t *Tx) ListOffers(ctx context.Context, f firstset.OfferFilter) ([]*firstset.SubsidyOffer, int, error) {
	var w where
	if f.ProductID != 0 {
		w.add("o.product_id = ?", f.ProductID)
	}
	if f.RoundID != 0 {
		w.add("o.round_id = ?", f.RoundID)
	}
	if f.EnterpriseID != 0 {
		w.add("o.enterprise_id = ?", f.EnterpriseID)
	}
	if f.State != "" {
		w.add("o.state = ?", f.State)
	}
	var total int
	if err := t.QueryRow(ctx, `SELECT COUNT(*) FROM subsidy_offers o`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, t.wrap("count offers", err)
	}
	limit, offset := page(f.Offset, f.Limit)
	rows, err := t.Query(ctx, `SELECT `+offerColumns+offerJoins+w.String()+` ORDER BY o.id DESC LIMIT ? OFFSET ?`,
		append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, t.wrap("list offers", err)
	}
	defer rows.Close()
	list := []*firstset.SubsidyOffer{}
	for rows.Next() {
		o, err := scanOffer(rows)
		if err != nil {
			return nil, 0, t.wrap("scan offer", err)
		}
		list = append(list, o)
	}
	return list, total, t.wrap("list offers", rows.Err())
}

// OfferBases reads what the offers of products ids are computed from, a
// few queries for them all.
func (t *Tx) OfferBases(ctx context.Context, ids []int64) ([]*firstset.OfferBasis, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	in := placeholders(len(ids))
	out := make([]*firstset.OfferBasis, 0, len(ids))
	byID := make(map[int64]*firstset.OfferBasis, len(ids))
	rows, err := t.Query(ctx, `SELECT `+productColumns+productJoins+` WHERE p.id IN (`+in+`) ORDER BY p.id`, args...)
	if err != nil {
		return nil, t.wrap("offer products", err)
	}
	for rows.Next() {
		p, err := scanProduct(rows)
		if err != nil {
			rows.Close()
			return nil, t.wrap("scan offer product", err)
		}
		b := &firstset.OfferBasis{Product: p}
		out = append(out, b)
		byID[p.ID] = b
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, t.wrap("offer products", err)
	}
	pols, err := t.policies(ctx, `SELECT `+policyColumns+policyJoins+` WHERE ip.product_id IN (`+in+`) AND ip.current
		ORDER BY ip.product_id, ip.starts_on, ip.id`, args...)
	if err != nil {
		return nil, err
	}
	for _, p := range pols {
		if b := byID[p.ProductID]; b != nil {
			b.Policies = append(b.Policies, p)
		}
	}
	rows, err = t.Query(ctx, `SELECT product_id, starts_on, ends_on, case_id FROM subsidy_periods
		WHERE product_id IN (`+in+`) ORDER BY product_id, starts_on`, args...)
	if err != nil {
		return nil, t.wrap("offer claimed periods", err)
	}
	for rows.Next() {
		var id int64
		var cp firstset.ClaimedPeriod
		if err := rows.Scan(&id, &cp.Start, &cp.End, &cp.CaseID); err != nil {
			rows.Close()
			return nil, t.wrap("scan claimed period", err)
		}
		if b := byID[id]; b != nil {
			b.Claimed = append(b.Claimed, cp)
		}
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, t.wrap("offer claimed periods", err)
	}
	rows, err = t.Query(ctx, `SELECT a.product_id, `+applicationColumns+applicationJoins+`
		WHERE a.kind = ? AND a.product_id IN (`+in+`) AND a.active ORDER BY a.case_id`,
		append([]any{firstset.IncentiveSubsidy}, args...)...)
	if err != nil {
		return nil, t.wrap("offer applications", err)
	}
	for rows.Next() {
		var id int64
		a, err := scanApplication(prefixed{rows, &id})
		if err != nil {
			rows.Close()
			return nil, t.wrap("scan offer application", err)
		}
		if b := byID[id]; b != nil {
			b.Active = append(b.Active, a)
		}
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, t.wrap("offer applications", err)
	}
	rows, err = t.Query(ctx, `SELECT `+offerColumns+offerJoins+` WHERE o.product_id IN (`+in+`) ORDER BY o.id`, args...)
	if err != nil {
		return nil, t.wrap("offers of products", err)
	}
	defer rows.Close()
	for rows.Next() {
		o, err := scanOffer(rows)
		if err != nil {
			return nil, t.wrap("scan offer", err)
		}
		if b := byID[o.ProductID]; b != nil {
			b.Offers = append(b.Offers, o)
		}
	}
	return out, t.wrap("offers of products", rows.Err())
}

// prefixed scans one leading column into first, then the rest as sc would.
type prefixed struct {
	sc    interface{ Scan(...any) error }
	first any
}

func (p prefixed) Scan(dest ...any) error { return p.sc.Scan(append([]any{p.first}, dest...)...) }

func (t *Tx) PolicyStatRows(ctx context.Context, from, to date.Date) ([]firstset.PolicyStatRow, error) {
	rows, err := t.Query(ctx, `SELECT ip.id, u.institution_id, i.name, ip.starts_on, ip.insured_amount, ip.premium,
		COUNT(c.id), COALESCE(SUM(c.amount), 0)
		FROM insurance_policies ip JOIN users u ON u.id = ip.insurer_id JOIN institutions i ON i.id = u.institution_id
		LEFT JOIN policy_claims c ON c.insurer_id = ip.insurer_id AND c.policy_number = ip.policy_number
		WHERE ip.current AND ip.starts_on >= ? AND ip.starts_on <= ?
		GROUP BY ip.id, u.institution_id, i.name, ip.starts_on, ip.insured_amount, ip.premium
		ORDER BY ip.id`, from, to)
	if err != nil {
		return nil, t.wrap("policy statistics", err)
	}
	defer rows.Close()
	var out []firstset.PolicyStatRow
	for rows.Next() {
		var r firstset.PolicyStatRow
		if err := rows.Scan(&r.PolicyID, &r.InstitutionID, &r.InstitutionName, &r.Start, &r.Insured, &r.Premium,
			&r.Claims, &r.ClaimsPaid); err != nil {
			return nil, t.wrap("scan policy statistics", err)
		}
		out = append(out, r)
	}
	return out, t.wrap("policy statistics", rows.Err())
}

func (t *Tx) SubsidyShareRows(ctx context.Context, from, to date.Date) ([]firstset.SubsidyShareRow, error) {
	rows, err := t.Query(ctx, `SELECT a.case_id, a.disbursed, ip.id, ip.premium
		FROM applications a JOIN subsidy_periods sp ON sp.case_id = a.case_id
		JOIN insurance_policies ip ON ip.product_id = sp.product_id AND ip.starts_on = sp.starts_on AND ip.current
		WHERE a.kind = ? AND a.disbursed > 0 AND a.case_id IN (SELECT sp2.case_id FROM subsidy_periods sp2
			WHERE sp2.starts_on >= ? AND sp2.starts_on <= ?)
		ORDER BY a.case_id, ip.id`, firstset.IncentiveSubsidy, from, to)
	if err != nil {
		return nil, t.wrap("subsidy shares", err)
	}
	defer rows.Close()
	var out []firstset.SubsidyShareRow
	for rows.Next() {
		var r firstset.SubsidyShareRow
		if err := rows.Scan(&r.CaseID, &r.Disbursed, &r.PolicyID, &r.Premium); err != nil {
			return nil, t.wrap("scan subsidy share", err)
		}
		out = append(out, r)
	}
	return out, t.wrap("subsidy shares", rows.Err())
}
