package sqlstore

import (
	"context"
	"fmt"
	"time"

	"firstset"
)

func init() {
	conflicts["financing_requests.number"] = struct{ field, message string }{"number", "融资需求编号重复。"}
}

const financingColumns = `x.id, x.number, x.enterprise_id, e.name, x.kind, x.amount, x.purpose, x.status,
	COALESCE(x.accepted_offer_id, 0), x.reason, COALESCE(x.created_by, 0), x.created_at, x.updated_at`

const financingFrom = ` FROM financing_requests x JOIN enterprises e ON e.id = x.enterprise_id`

func scanFinancing(sc interface{ Scan(...any) error }) (*firstset.FinancingRequest, error) {
	var r firstset.FinancingRequest
	err := sc.Scan(&r.ID, &r.Number, &r.EnterpriseID, &r.EnterpriseName, &r.Kind, &r.Amount, &r.Purpose, &r.Status,
		&r.AcceptedOfferID, &r.Reason, &r.CreatedBy, timeScanner{&r.CreatedAt}, timeScanner{&r.UpdatedAt})
	if err != nil {
		return nil, err
	}
	r.KindLabel, r.StatusLabel = r.Kind.Label(), r.Status.Label()
	return &r, nil
}

func (t *Tx) CreateFinancingRequest(ctx context.Context, r *firstset.FinancingRequest) error {
	now := time.Now()
	stamp(&r.CreatedAt, now)
	stamp(&r.UpdatedAt, now)
	err := t.insertID(ctx, &r.ID, `INSERT INTO financing_requests (number, enterprise_id, kind, amount, purpose, status,
		created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.Number, r.EnterpriseID, r.Kind, r.Amount,
		r.Purpose, r.Status, nullID(r.CreatedBy), t.time(r.CreatedAt), t.time(r.UpdatedAt))
	if err != nil {
		return t.wrap("create financing request", err)
	}
	for _, id := range r.ProductIDs {
		if _, err := t.Exec(ctx, `INSERT INTO financing_request_products (request_id, product_id) VALUES (?, ?)`, r.ID, id); err != nil {
			return t.wrap("create financing request product", err)
		}
	}
	for _, o := range r.Offers {
		o.RequestID = r.ID
		stamp(&o.CreatedAt, now)
		stamp(&o.UpdatedAt, now)
		err := t.insertID(ctx, &o.ID, `INSERT INTO financing_offers (request_id, institution_id, status, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?)`, o.RequestID, o.InstitutionID, o.Status, t.time(o.CreatedAt), t.time(o.UpdatedAt))
		if err != nil {
			return t.wrap("create financing offer", err)
		}
	}
	return nil
}

func (t *Tx) FinancingRequestByID(ctx context.Context, id int64) (*firstset.FinancingRequest, error) {
	r, err := scanFinancing(t.QueryRow(ctx, `SELECT `+financingColumns+financingFrom+` WHERE x.id = ?`, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("financing request %d", id), "融资需求", err)
	}
	return r, t.financingDetails(ctx, r)
}

// financingDetails reads r's products and answers.
func (t *Tx) financingDetails(ctx context.Context, r *firstset.FinancingRequest) error {
	rows, err := t.Query(ctx, `SELECT p.id, p.name, p.model FROM financing_request_products x
		JOIN products p ON p.id = x.product_id WHERE x.request_id = ? ORDER BY p.id`, r.ID)
	if err != nil {
		return t.wrap("financing request products", err)
	}
	r.ProductIDs, r.Products = []int64{}, []firstset.FinancingProduct{}
	for rows.Next() {
		var p firstset.FinancingProduct
		if err := rows.Scan(&p.ID, &p.Name, &p.Model); err != nil {
			rows.Close()
			return t.wrap("scan financing request product", err)
		}
		r.ProductIDs, r.Products = append(r.ProductIDs, p.ID), append(r.Products, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return t.wrap("financing request products", err)
	}
	rows, err = t.Query(ctx, `SELECT o.id, o.request_id, o.institution_id, n.name, n.kind, o.status, o.amount, o.rate_bp,
		o.term_months, o.policy_number, o.note, COALESCE(o.responded_by, 0), o.responded_at, o.created_at, o.updated_at
		FROM financing_offers o JOIN institutions n ON n.id = o.institution_id WHERE o.request_id = ? ORDER BY o.id`, r.ID)
	if err != nil {
		return t.wrap("financing offers", err)
	}
	defer rows.Close()
	r.InstitutionIDs, r.Offers = []int64{}, []*firstset.FinancingOffer{}
	for rows.Next() {
		var o firstset.FinancingOffer
		if err := rows.Scan(&o.ID, &o.RequestID, &o.InstitutionID, &o.InstitutionName, &o.InstitutionKind, &o.Status,
			&o.Amount, &o.Rate, &o.TermMonths, &o.PolicyNumber, &o.Note, &o.RespondedBy, nullTimeScanner{&o.RespondedAt},
			timeScanner{&o.CreatedAt}, timeScanner{&o.UpdatedAt}); err != nil {
			return t.wrap("scan financing offer", err)
		}
		o.StatusLabel = o.Status.Label()
		r.InstitutionIDs, r.Offers = append(r.InstitutionIDs, o.InstitutionID), append(r.Offers, &o)
	}
	return t.wrap("financing offers", rows.Err())
}

func financingWhere(f firstset.FinancingFilter) where {
	var w where
	if f.EnterpriseID != 0 {
		w.add("x.enterprise_id = ?", f.EnterpriseID)
	}
	if f.InstitutionID != 0 {
		if f.Awaiting {
			w.add(`x.status = ? AND EXISTS (SELECT 1 FROM financing_offers o WHERE o.request_id = x.id
				AND o.institution_id = ? AND o.status IN (?, ?))`, firstset.FinancingOpen, f.InstitutionID,
				firstset.AnswerPending, firstset.AnswerInterested)
		} else {
			w.add("EXISTS (SELECT 1 FROM financing_offers o WHERE o.request_id = x.id AND o.institution_id = ?)", f.InstitutionID)
		}
	}
	if f.Status != "" {
		w.add("x.status = ?", f.Status)
	}
	return w
}

func (t *Tx) ListFinancingRequests(ctx context.Context, f firstset.FinancingFilter) ([]*firstset.FinancingRequest, int, error) {
	w := financingWhere(f)
	var total int
	if err := t.QueryRow(ctx, `SELECT COUNT(*) FROM financing_requests x`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, t.wrap("count financing requests", err)
	}
	limit, offset := page(f.Offset, f.Limit)
	rows, err := t.Query(ctx, `SELECT `+financingColumns+financingFrom+w.String()+` ORDER BY x.id DESC LIMIT ? OFFSET ?`,
		append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, t.wrap("list financing requests", err)
	}
	list := []*firstset.FinancingRequest{}
	for rows.Next() {
		r, err := scanFinancing(rows)
		if err != nil {
			rows.Close()
			return nil, 0, t.wrap("scan financing request", err)
		}
		list = append(list, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, t.wrap("list financing requests", err)
	}
	// A page is at most a hundred requests, each with a few answers.
	for _, r := range list {
		if err := t.financingDetails(ctx, r); err != nil {
			return nil, 0, err
		}
	}
	return list, total, nil
}

// UpdateFinancingRequest moves a request on only from the status its
// caller read, so that an acceptance and a withdrawal cannot both succeed.
func (t *Tx) UpdateFinancingRequest(ctx context.Context, r *firstset.FinancingRequest, from firstset.FinancingStatus) error {
	stamp(&r.UpdatedAt, time.Now())
	res, err := t.Exec(ctx, `UPDATE financing_requests SET status = ?, accepted_offer_id = ?, reason = ?, updated_at = ?
		WHERE id = ? AND status = ?`, r.Status, nullID(r.AcceptedOfferID), r.Reason, t.time(r.UpdatedAt), r.ID, from)
	return t.oneRow(res, err, fmt.Sprintf("update financing request %d", r.ID), "该融资需求已有变化，请刷新后查看。")
}

// UpdateFinancingOffer writes an answer only from the status its caller
// read.
func (t *Tx) UpdateFinancingOffer(ctx context.Context, o *firstset.FinancingOffer, from firstset.FinancingOfferStatus) error {
	stamp(&o.UpdatedAt, time.Now())
	res, err := t.Exec(ctx, `UPDATE financing_offers SET status = ?, amount = ?, rate_bp = ?, term_months = ?, policy_number = ?,
		note = ?, responded_by = ?, responded_at = ?, updated_at = ? WHERE id = ? AND status = ?`, o.Status, o.Amount, o.Rate,
		o.TermMonths, o.PolicyNumber, o.Note, nullID(o.RespondedBy), t.timePtr(o.RespondedAt), t.time(o.UpdatedAt), o.ID, from)
	return t.oneRow(res, err, fmt.Sprintf("update financing offer %d", o.ID), "该答复已有变化，请刷新后查看。")
}

// oneRow is the answer of an update that must change exactly one row:
// ECONFLICT when the row moved on meanwhile.
func (t *Tx) oneRow(res interface{ RowsAffected() (int64, error) }, err error, what, conflict string) error {
	if err != nil {
		return t.wrap(what, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("rows affected: %w", err)
	} else if n == 0 {
		return firstset.Errorf(firstset.ECONFLICT, "%s", conflict)
	}
	return nil
}
