package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"firstset"
)

const roundColumns = `id, title, year, opens_on, closes_on, category_ids, notice_text, checklist, document_number,
	published_on, created_by, created_at, updated_at`

func scanRound(sc interface{ Scan(...any) error }) (*firstset.Round, error) {
	var r firstset.Round
	var by sql.NullInt64
	if err := sc.Scan(&r.ID, &r.Title, &r.Year, &r.OpensOn, &r.ClosesOn, jsonList[int64]{&r.CategoryIDs},
		&r.NoticeText, jsonList[firstset.ChecklistItem]{&r.Checklist}, &r.DocumentNumber, &r.PublishedOn, &by,
		timeScanner{&r.CreatedAt}, timeScanner{&r.UpdatedAt}); err != nil {
		return nil, err
	}
	r.CreatedBy = by.Int64
	return &r, nil
}

// roundJSON is a round's JSON columns.
func roundJSON(r *firstset.Round) (categories, checklist string, err error) {
	if categories, err = jsonText(r.CategoryIDs); err != nil {
		return "", "", fmt.Errorf("round categories: %w", err)
	}
	if checklist, err = jsonText(r.Checklist); err != nil {
		return "", "", fmt.Errorf("round checklist: %w", err)
	}
	return categories, checklist, nil
}

// CreateRound stores r; CategoryIDs and Checklist are kept as JSON and
// read back as written (nil as empty).
func (t *Tx) CreateRound(ctx context.Context, r *firstset.Round) error {
	now := time.Now()
	stamp(&r.CreatedAt, now)
	stamp(&r.UpdatedAt, now)
	categories, checklist, err := roundJSON(r)
	if err != nil {
		return err
	}
	err = t.insertID(ctx, &r.ID, `INSERT INTO rounds (title, year, opens_on, closes_on, category_ids, notice_text, checklist,
		document_number, published_on, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.Title, r.Year, r.OpensOn, r.ClosesOn, categories, r.NoticeText, checklist, r.DocumentNumber,
		r.PublishedOn, nullID(r.CreatedBy), t.time(r.CreatedAt), t.time(r.UpdatedAt))
	return t.wrap("create round", err)
}

// UpdateRound rewrites every field of r but its creator and creation time.
func (t *Tx) UpdateRound(ctx context.Context, r *firstset.Round) error {
	stamp(&r.UpdatedAt, time.Now())
	categories, checklist, err := roundJSON(r)
	if err != nil {
		return err
	}
	res, err := t.Exec(ctx, `UPDATE rounds SET title = ?, year = ?, opens_on = ?, closes_on = ?, category_ids = ?,
		notice_text = ?, checklist = ?, document_number = ?, published_on = ?, updated_at = ? WHERE id = ?`,
		r.Title, r.Year, r.OpensOn, r.ClosesOn, categories, r.NoticeText, checklist, r.DocumentNumber,
		r.PublishedOn, t.time(r.UpdatedAt), r.ID)
	if err != nil {
		return t.wrap(fmt.Sprintf("update round %d", r.ID), err)
	}
	return affected(res, "申报批次")
}

func (t *Tx) RoundByID(ctx context.Context, id int64) (*firstset.Round, error) {
	r, err := scanRound(t.QueryRow(ctx, `SELECT `+roundColumns+` FROM rounds WHERE id = ?`, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("round %d", id), "申报批次", err)
	}
	return r, nil
}

// ListRounds lists every round, newest first.
func (t *Tx) ListRounds(ctx context.Context) ([]*firstset.Round, error) {
	rows, err := t.Query(ctx, `SELECT `+roundColumns+` FROM rounds ORDER BY id DESC`)
	if err != nil {
		return nil, t.wrap("list rounds", err)
	}
	defer rows.Close()
	list := []*firstset.Round{}
	for rows.Next() {
		r, err := scanRound(rows)
		if err != nil {
			return nil, t.wrap("scan round", err)
		}
		list = append(list, r)
	}
	return list, t.wrap("list rounds", rows.Err())
}

const expertColumns = `x.user_id, u.username, u.name, x.employer, x.employer_credit_code, x.district_code, x.active,
	x.conflict_enterprises, x.updated_at`

const expertJoins = ` FROM experts x JOIN users u ON u.id = x.user_id`

func scanExpert(sc interface{ Scan(...any) error }) (*firstset.Expert, error) {
	var e firstset.Expert
	if err := sc.Scan(&e.UserID, &e.Username, &e.Name, &e.Employer, &e.EmployerCreditCode, &e.DistrictCode,
		&e.Active, jsonList[int64]{&e.ConflictEnterprises}, timeScanner{&e.UpdatedAt}); err != nil {
		return nil, err
	}
	e.Categories = []int64{}
	return &e, nil
}

// PutExpert creates or rewrites the expert profile of e.UserID (ENOTFOUND
// when there is no such user) and replaces its categories. e's
// Categories are sorted and made unique, Username and Name filled in from
// the user, so e equals what a later read returns.
func (t *Tx) PutExpert(ctx context.Context, e *firstset.Expert) error {
	if err := t.QueryRow(ctx, `SELECT username, name FROM users WHERE id = ?`, e.UserID).Scan(&e.Username, &e.Name); err != nil {
		return t.notFound(fmt.Sprintf("expert user %d", e.UserID), "用户", err)
	}
	stamp(&e.UpdatedAt, time.Now())
	e.Categories = slices.Compact(slices.Sorted(slices.Values(e.Categories)))
	if e.Categories == nil {
		e.Categories = []int64{}
	}
	conflicts, err := jsonText(e.ConflictEnterprises)
	if err != nil {
		return fmt.Errorf("expert conflicts: %w", err)
	}
	if _, err := t.Exec(ctx, `INSERT INTO experts (user_id, employer, employer_credit_code, district_code, active,
		conflict_enterprises, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET employer = excluded.employer,
		employer_credit_code = excluded.employer_credit_code, district_code = excluded.district_code,
		active = excluded.active, conflict_enterprises = excluded.conflict_enterprises,
		updated_at = excluded.updated_at`,
		e.UserID, e.Employer, e.EmployerCreditCode, e.DistrictCode, e.Active, conflicts, t.time(e.UpdatedAt)); err != nil {
		return t.wrap(fmt.Sprintf("put expert %d", e.UserID), err)
	}
	if _, err := t.Exec(ctx, `DELETE FROM expert_categories WHERE user_id = ?`, e.UserID); err != nil {
		return t.wrap("replace expert categories", err)
	}
	if len(e.Categories) > 0 {
		args := make([]any, 0, 2*len(e.Categories))
		for _, c := range e.Categories {
			args = append(args, e.UserID, c)
		}
		if _, err := t.Exec(ctx, `INSERT INTO expert_categories (user_id, category_id) VALUES `+
			ValueRows(len(e.Categories), "(?, ?)"), args...); err != nil {
			return t.wrap("insert expert categories", err)
		}
	}
	return nil
}

func (t *Tx) ExpertByUserID(ctx context.Context, userID int64) (*firstset.Expert, error) {
	e, err := scanExpert(t.QueryRow(ctx, `SELECT `+expertColumns+expertJoins+` WHERE x.user_id = ?`, userID))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("expert %d", userID), "专家", err)
	}
	if err := t.loadExpertCategories(ctx, []*firstset.Expert{e}); err != nil {
		return nil, err
	}
	return e, nil
}

// ListExperts lists the pool by user id, with how many pass f: CategoryID
// keeps the experts of that category, ActiveOnly those active whose
// account is not disabled, Query a substring of the username or name.
func (t *Tx) ListExperts(ctx context.Context, f firstset.ExpertFilter) ([]*firstset.Expert, int, error) {
	var w where
	if f.CategoryID != 0 {
		w.add(`EXISTS (SELECT 1 FROM expert_categories ec WHERE ec.user_id = x.user_id AND ec.category_id = ?)`, f.CategoryID)
	}
	if f.ActiveOnly {
		w.add("x.active = ? AND u.disabled = ?", true, false)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		w.add("("+t.d.Contains("u.username")+" OR "+t.d.Contains("u.name")+")", q, q)
	}
	var total int
	if err := t.QueryRow(ctx, `SELECT COUNT(*)`+expertJoins+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, t.wrap("count experts", err)
	}
	limit, offset := page(f.Offset, f.Limit)
	rows, err := t.Query(ctx, `SELECT `+expertColumns+expertJoins+w.String()+` ORDER BY x.user_id LIMIT ? OFFSET ?`,
		append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, t.wrap("list experts", err)
	}
	list := []*firstset.Expert{}
	for rows.Next() {
		e, err := scanExpert(rows)
		if err != nil {
			rows.Close()
			return nil, 0, t.wrap("scan expert", err)
		}
		list = append(list, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, t.wrap("list experts", err)
	}
	if err := t.loadExpertCategories(ctx, list); err != nil {
		return nil, 0, err
	}
	return list, total, nil
}

// loadExpertCategories fills in the sorted categories of list.
func (t *Tx) loadExpertCategories(ctx context.Context, list []*firstset.Expert) error {
	const chunk = 500
	for len(list) > 0 {
		n := min(len(list), chunk)
		byID := make(map[int64]*firstset.Expert, n)
		args := make([]any, 0, n)
		for _, e := range list[:n] {
			byID[e.UserID] = e
			args = append(args, e.UserID)
		}
		rows, err := t.Query(ctx, `SELECT user_id, category_id FROM expert_categories WHERE user_id IN (`+
			placeholders(n)+`) ORDER BY user_id, category_id`, args...)
		if err != nil {
			return t.wrap("load expert categories", err)
		}
		for rows.Next() {
			var id, c int64
			if err := rows.Scan(&id, &c); err != nil {
				rows.Close()
				return t.wrap("scan expert category", err)
			}
			byID[id].Categories = append(byID[id].Categories, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return t.wrap("load expert categories", err)
		}
		list = list[n:]
	}
	return nil
}

// CreateDraw stores d; Candidates and Experts are kept as JSON and read
// back as written (nil as empty).
func (t *Tx) CreateDraw(ctx context.Context, d *firstset.Draw) error {
	stamp(&d.CreatedAt, time.Now())
	candidates, err := jsonText(d.Candidates)
	if err != nil {
		return fmt.Errorf("draw candidates: %w", err)
	}
	experts, err := jsonText(d.Experts)
	if err != nil {
		return fmt.Errorf("draw experts: %w", err)
	}
	err = t.insertID(ctx, &d.ID, `INSERT INTO draws (case_id, seed, n, candidates_sha256, candidates, experts, replaces,
		drawn_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.CaseID, d.Seed, d.N, d.CandidatesSHA256, candidates, experts, nullID(d.Replaces), nullID(d.DrawnBy),
		t.time(d.CreatedAt))
	return t.wrap("create draw", err)
}

// Draws lists a case's draws in the order they were made.
func (t *Tx) Draws(ctx context.Context, caseID int64) ([]*firstset.Draw, error) {
	rows, err := t.Query(ctx, `SELECT id, case_id, seed, n, candidates_sha256, candidates, experts, replaces, drawn_by,
		created_at FROM draws WHERE case_id = ? ORDER BY id`, caseID)
	if err != nil {
		return nil, t.wrap("list draws", err)
	}
	defer rows.Close()
	list := []*firstset.Draw{}
	for rows.Next() {
		var d firstset.Draw
		var replaces, by sql.NullInt64
		if err := rows.Scan(&d.ID, &d.CaseID, &d.Seed, &d.N, &d.CandidatesSHA256, jsonList[firstset.Candidate]{&d.Candidates},
			jsonList[firstset.Candidate]{&d.Experts}, &replaces, &by, timeScanner{&d.CreatedAt}); err != nil {
			return nil, t.wrap("scan draw", err)
		}
		d.Replaces, d.DrawnBy = replaces.Int64, by.Int64
		list = append(list, &d)
	}
	return list, t.wrap("list draws", rows.Err())
}

const caseExpertColumns = `ce.case_id, ce.user_id, u.username, u.name, ce.draw_id, ce.status, ce.reason, ce.sheet,
	ce.drawn_at`

const caseExpertJoins = ` FROM case_experts ce JOIN users u ON u.id = ce.user_id`

func scanCaseExpert(sc interface{ Scan(...any) error }) (*firstset.CaseExpert, error) {
	var e firstset.CaseExpert
	var sheet sql.NullString
	if err := sc.Scan(&e.CaseID, &e.UserID, &e.Username, &e.Name, &e.DrawID, &e.Status, &e.Reason, &sheet,
		timeScanner{&e.DrawnAt}); err != nil {
		return nil, err
	}
	if sheet.Valid {
		e.Sheet = &firstset.ScoreSheet{}
		if err := json.Unmarshal([]byte(sheet.String), e.Sheet); err != nil {
			return nil, fmt.Errorf("read score sheet: %w", err)
		}
	}
	return &e, nil
}

// sheetText is a score sheet for its JSON column, NULL for none; the
// sheet's time is cut to the microsecond in UTC first, as every stored
// time is.
func sheetText(s *firstset.ScoreSheet) (any, error) {
	if s == nil {
		return nil, nil
	}
	s.ScoredAt = s.ScoredAt.UTC().Truncate(time.Microsecond)
	b, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("score sheet: %w", err)
	}
	return string(b), nil
}

// AddCaseExpert records e and fills in the expert's username and name;
// the same expert drawn twice for one case is ECONFLICT on "user_id".
func (t *Tx) AddCaseExpert(ctx context.Context, e *firstset.CaseExpert) error {
	stamp(&e.DrawnAt, time.Now())
	sheet, err := sheetText(e.Sheet)
	if err != nil {
		return err
	}
	var added int64
	err = t.QueryRow(ctx, `INSERT INTO case_experts (case_id, user_id, draw_id, status, reason, sheet, drawn_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, user_id) DO NOTHING RETURNING user_id`,
		e.CaseID, e.UserID, e.DrawID, e.Status, e.Reason, sheet, t.time(e.DrawnAt)).Scan(&added)
	if errors.Is(err, sql.ErrNoRows) {
		return &firstset.Error{Code: firstset.ECONFLICT, Field: "user_id", Message: caseExpertConflict}
	}
	if err != nil {
		return t.wrap("add case expert", err)
	}
	err = t.QueryRow(ctx, `SELECT username, name FROM users WHERE id = ?`, e.UserID).Scan(&e.Username, &e.Name)
	return t.wrap("case expert name", err)
}

// UpdateCaseExpert rewrites an assignment's draw, status, reason and sheet.
func (t *Tx) UpdateCaseExpert(ctx context.Context, e *firstset.CaseExpert) error {
	sheet, err := sheetText(e.Sheet)
	if err != nil {
		return err
	}
	res, err := t.Exec(ctx, `UPDATE case_experts SET draw_id = ?, status = ?, reason = ?, sheet = ?
		WHERE case_id = ? AND user_id = ?`, e.DrawID, e.Status, e.Reason, sheet, e.CaseID, e.UserID)
	if err != nil {
		return t.wrap(fmt.Sprintf("update case %d expert %d", e.CaseID, e.UserID), err)
	}
	return affected(res, "评审专家")
}

// CaseExperts lists a case's experts in the order they were drawn (then by
// user id), declined ones too.
func (t *Tx) CaseExperts(ctx context.Context, caseID int64) ([]*firstset.CaseExpert, error) {
	rows, err := t.Query(ctx, `SELECT `+caseExpertColumns+caseExpertJoins+` WHERE ce.case_id = ?
		ORDER BY ce.drawn_at, ce.user_id`, caseID)
	if err != nil {
		return nil, t.wrap("list case experts", err)
	}
	defer rows.Close()
	list := []*firstset.CaseExpert{}
	for rows.Next() {
		e, err := scanCaseExpert(rows)
		if err != nil {
			return nil, t.wrap("scan case expert", err)
		}
		list = append(list, e)
	}
	return list, t.wrap("list case experts", rows.Err())
}

func (t *Tx) CaseExpert(ctx context.Context, caseID, userID int64) (*firstset.CaseExpert, error) {
	e, err := scanCaseExpert(t.QueryRow(ctx, `SELECT `+caseExpertColumns+caseExpertJoins+
		` WHERE ce.case_id = ? AND ce.user_id = ?`, caseID, userID))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("case %d expert %d", caseID, userID), "评审专家", err)
	}
	return e, nil
}

const noticeColumns = `id, title, starts_on, ends_on, created_by, created_at`

func scanNotice(sc interface{ Scan(...any) error }) (*firstset.Notice, error) {
	var n firstset.Notice
	var by sql.NullInt64
	if err := sc.Scan(&n.ID, &n.Title, &n.StartsOn, &n.EndsOn, &by, timeScanner{&n.CreatedAt}); err != nil {
		return nil, err
	}
	n.CreatedBy = by.Int64
	n.CaseIDs = []int64{}
	return &n, nil
}

// CreateNotice stores n and puts the cases of n.CaseIDs on it (their
// notice_id; ENOTFOUND when one does not exist). A notice's CaseIDs are
// always read from the cases, in id order, so n.CaseIDs is sorted and made
// unique here.
func (t *Tx) CreateNotice(ctx context.Context, n *firstset.Notice) error {
	stamp(&n.CreatedAt, time.Now())
	n.CaseIDs = slices.Compact(slices.Sorted(slices.Values(n.CaseIDs)))
	if n.CaseIDs == nil {
		n.CaseIDs = []int64{}
	}
	err := t.insertID(ctx, &n.ID, `INSERT INTO notices (title, starts_on, ends_on, created_by, created_at)
		VALUES (?, ?, ?, ?, ?)`,
		n.Title, n.StartsOn, n.EndsOn, nullID(n.CreatedBy), t.time(n.CreatedAt))
	if err != nil {
		return t.wrap("create notice", err)
	}
	const chunk = 500
	for ids := n.CaseIDs; len(ids) > 0; {
		k := min(len(ids), chunk)
		args := []any{n.ID}
		for _, id := range ids[:k] {
			args = append(args, id)
		}
		res, err := t.Exec(ctx, `UPDATE cases SET notice_id = ? WHERE id IN (`+placeholders(k)+`)`, args...)
		if err != nil {
			return t.wrap("put cases on notice", err)
		}
		if m, err := res.RowsAffected(); err != nil {
			return t.wrap("put cases on notice", err)
		} else if m != int64(k) {
			return firstset.NotFound("办件")
		}
		ids = ids[k:]
	}
	return nil
}

func (t *Tx) NoticeByID(ctx context.Context, id int64) (*firstset.Notice, error) {
	n, err := scanNotice(t.QueryRow(ctx, `SELECT `+noticeColumns+` FROM notices WHERE id = ?`, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("notice %d", id), "公示", err)
	}
	if err := t.loadNoticeCases(ctx, []*firstset.Notice{n}); err != nil {
		return nil, err
	}
	return n, nil
}

// ListNotices lists every notice, newest first, each with its cases.
func (t *Tx) ListNotices(ctx context.Context) ([]*firstset.Notice, error) {
	rows, err := t.Query(ctx, `SELECT `+noticeColumns+` FROM notices ORDER BY id DESC`)
	if err != nil {
		return nil, t.wrap("list notices", err)
	}
	list := []*firstset.Notice{}
	for rows.Next() {
		n, err := scanNotice(rows)
		if err != nil {
			rows.Close()
			return nil, t.wrap("scan notice", err)
		}
		list = append(list, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, t.wrap("list notices", err)
	}
	if err := t.loadNoticeCases(ctx, list); err != nil {
		return nil, err
	}
	return list, nil
}

// loadNoticeCases fills in the case ids of list, in id order.
func (t *Tx) loadNoticeCases(ctx context.Context, list []*firstset.Notice) error {
	const chunk = 500
	for len(list) > 0 {
		n := min(len(list), chunk)
		byID := make(map[int64]*firstset.Notice, n)
		args := make([]any, 0, n)
		for _, x := range list[:n] {
			byID[x.ID] = x
			args = append(args, x.ID)
		}
		rows, err := t.Query(ctx, `SELECT notice_id, id FROM cases WHERE notice_id IN (`+placeholders(n)+
			`) ORDER BY id`, args...)
		if err != nil {
			return t.wrap("load notice cases", err)
		}
		for rows.Next() {
			var noticeID, id int64
			if err := rows.Scan(&noticeID, &id); err != nil {
				rows.Close()
				return t.wrap("scan notice case", err)
			}
			byID[noticeID].CaseIDs = append(byID[noticeID].CaseIDs, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return t.wrap("load notice cases", err)
		}
		list = list[n:]
	}
	return nil
}

const objectionColumns = `o.id, o.notice_id, o.case_id, o.name, o.contact, o.text, o.ip, o.status, o.reason,
	o.answered_by, o.answered_at, o.created_at, c.number`

const objectionJoins = ` FROM objections o JOIN cases c ON c.id = o.case_id`

func scanObjection(sc interface{ Scan(...any) error }) (*firstset.Objection, error) {
	var o firstset.Objection
	var by sql.NullInt64
	if err := sc.Scan(&o.ID, &o.NoticeID, &o.CaseID, &o.Name, &o.Contact, &o.Text, &o.IP, &o.Status, &o.Reason,
		&by, nullTimeScanner{&o.AnsweredAt}, timeScanner{&o.CreatedAt}, &o.CaseNumber); err != nil {
		return nil, err
	}
	o.AnsweredBy = by.Int64
	return &o, nil
}

// CreateObjection stores o (an empty Status is open) and fills in its
// case's number.
func (t *Tx) CreateObjection(ctx context.Context, o *firstset.Objection) error {
	stamp(&o.CreatedAt, time.Now())
	o.AnsweredAt = stampPtr(o.AnsweredAt)
	if o.Status == "" {
		o.Status = firstset.ObjectionOpen
	}
	err := t.insertID(ctx, &o.ID, `INSERT INTO objections (notice_id, case_id, name, contact, text, ip, status, reason,
		answered_by, answered_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		o.NoticeID, o.CaseID, o.Name, o.Contact, o.Text, o.IP, o.Status, o.Reason, nullID(o.AnsweredBy),
		t.timePtr(o.AnsweredAt), t.time(o.CreatedAt))
	if err != nil {
		return t.wrap("create objection", err)
	}
	err = t.QueryRow(ctx, `SELECT number FROM cases WHERE id = ?`, o.CaseID).Scan(&o.CaseNumber)
	return t.wrap("objection case number", err)
}

// ObjectionByID reads an objection; forUpdate locks its row (alone) until
// commit.
func (t *Tx) ObjectionByID(ctx context.Context, id int64, forUpdate bool) (*firstset.Objection, error) {
	q := `SELECT ` + objectionColumns + objectionJoins + ` WHERE o.id = ?`
	if forUpdate && t.d.ForUpdate != "" {
		q += t.d.ForUpdate + " OF o"
	}
	o, err := scanObjection(t.QueryRow(ctx, q, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("objection %d", id), "异议", err)
	}
	return o, nil
}

// UpdateObjection writes an objection's answer: status, reason, who and
// when.
func (t *Tx) UpdateObjection(ctx context.Context, o *firstset.Objection) error {
	o.AnsweredAt = stampPtr(o.AnsweredAt)
	res, err := t.Exec(ctx, `UPDATE objections SET status = ?, reason = ?, answered_by = ?, answered_at = ?
		WHERE id = ?`, o.Status, o.Reason, nullID(o.AnsweredBy), t.timePtr(o.AnsweredAt), o.ID)
	if err != nil {
		return t.wrap(fmt.Sprintf("update objection %d", o.ID), err)
	}
	return affected(res, "异议")
}

func (t *Tx) ListObjections(ctx context.Context, noticeID int64, openOnly bool) ([]*firstset.Objection, error) {
	var w where
	if noticeID != 0 {
		w.add("o.notice_id = ?", noticeID)
	}
	if openOnly {
		w.add("o.status = ?", firstset.ObjectionOpen)
	}
	rows, err := t.Query(ctx, `SELECT `+objectionColumns+objectionJoins+w.String()+` ORDER BY o.id`, w.args...)
	if err != nil {
		return nil, t.wrap("list objections", err)
	}
	defer rows.Close()
	list := []*firstset.Objection{}
	for rows.Next() {
		o, err := scanObjection(rows)
		if err != nil {
			return nil, t.wrap("scan objection", err)
		}
		list = append(list, o)
	}
	return list, t.wrap("list objections", rows.Err())
}

// CountObjectionsFrom counts the objections raised from ip at or after
// since. Like CountLoginFailures it first locks the address until commit,
// so concurrent objections from one address that count and then add take
// turns and cannot all pass the limit.
func (t *Tx) CountObjectionsFrom(ctx context.Context, ip string, since time.Time) (int, error) {
	if t.d.LockKey != "" && !t.readOnly {
		if _, err := t.Exec(ctx, t.d.LockKey, "objection:"+ip); err != nil {
			return 0, t.wrap("lock objection address", err)
		}
	}
	var n int
	err := t.QueryRow(ctx, `SELECT COUNT(*) FROM objections WHERE ip = ? AND created_at >= ?`, ip, t.time(since)).Scan(&n)
	return n, t.wrap("count objections", err)
}
