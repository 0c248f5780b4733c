package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"firstset"
	"firstset/date"
)

// The messages of the case model's uniqueness rules.
const (
	openCaseConflict   = "该装备已有未办结的认定办件，请在原办件中继续办理。"
	blobConflict       = "该文件已上传过。"
	ratingConflict     = "该办件的这一环节已评价过。"
	caseExpertConflict = "该专家已被抽取为本办件的评审专家。"
)

// NextCaseSeq takes the next number of prefix in year in one upsert: the
// first is 1. On PostgreSQL the sequence row stays locked until commit, so
// concurrent transactions, of any instance, take turns and never share a
// number; on SQLite writers are serialised anyway.
func (t *Tx) NextCaseSeq(ctx context.Context, prefix string, year int) (int64, error) {
	var n int64
	err := t.QueryRow(ctx, `INSERT INTO case_sequences (prefix, year, last) VALUES (?, ?, 1)
		ON CONFLICT (prefix, year) DO UPDATE SET last = case_sequences.last + 1 RETURNING last`,
		prefix, year).Scan(&n)
	return n, t.wrap("next case number", err)
}

const caseColumns = `c.id, c.number, c.kind, c.year, c.seq, c.round_id, c.enterprise_id, c.product_id,
	c.applicant_user_id, c.stage, c.returned_from, c.next_role, c.next_district, c.stage_since, c.due_on, c.innovation_claim,
	c.technical_comparison, c.first_use, c.score, c.notice_id, c.submitted_at, c.closed_at, c.created_at,
	c.updated_at, e.name, e.credit_code, e.district_code, p.name, p.model, p.category_id, k.name`

const caseJoins = ` FROM cases c
	JOIN enterprises e ON e.id = c.enterprise_id
	JOIN products p ON p.id = c.product_id
	JOIN categories k ON k.id = p.category_id`

// caseRow is where a row of caseColumns is scanned to.
type caseRow struct {
	c                                   firstset.Case
	roundID, noticeID, score, applicant sql.NullInt64
}

func (r *caseRow) dest() []any {
	c := &r.c
	return []any{&c.ID, &c.Number, &c.Kind, &c.Year, &c.Seq, &r.roundID, &c.EnterpriseID, &c.ProductID,
		&r.applicant, &c.Stage, &c.ReturnedFrom, &c.NextRole, &c.NextDistrict, timeScanner{&c.StageSince}, &c.DueOn,
		&c.InnovationClaim, &c.TechnicalComparison, &c.FirstUse, &r.score, &r.noticeID,
		nullTimeScanner{&c.SubmittedAt}, nullTimeScanner{&c.ClosedAt}, timeScanner{&c.CreatedAt},
		timeScanner{&c.UpdatedAt}, &c.EnterpriseName, &c.CreditCode, &c.DistrictCode, &c.ProductName,
		&c.ProductModel, &c.CategoryID, &c.CategoryName}
}

func (r *caseRow) done() *firstset.Case {
	c := &r.c
	c.RoundID, c.NoticeID, c.ApplicantUserID = r.roundID.Int64, r.noticeID.Int64, r.applicant.Int64
	if r.score.Valid {
		s := firstset.Score(r.score.Int64)
		c.Score = &s
	}
	return c
}

func scanCase(sc interface{ Scan(...any) error }) (*firstset.Case, error) {
	r := &caseRow{}
	if err := sc.Scan(r.dest()...); err != nil {
		return nil, err
	}
	return r.done(), nil
}

func nullScore(s *firstset.Score) any {
	if s == nil {
		return nil
	}
	return int64(*s)
}

// CreateCase stores c and fills in its id and joined context (enterprise,
// product, category). Zero times are stamped with the current time. The
// open-case rule is a partial unique index on (kind, product_id) for
// recognition cases not closed: a second open case is refused inside the
// insert, so two concurrent declarations cannot both succeed. Incentive
// cases are held to their applications' rules instead (CreateApplication).
func (t *Tx) CreateCase(ctx context.Context, c *firstset.Case) error {
	now := time.Now()
	stamp(&c.CreatedAt, now)
	stamp(&c.UpdatedAt, now)
	stamp(&c.StageSince, now)
	c.SubmittedAt, c.ClosedAt = stampPtr(c.SubmittedAt), stampPtr(c.ClosedAt)
	err := t.QueryRow(ctx, `INSERT INTO cases (number, kind, year, seq, round_id, enterprise_id, product_id,
		applicant_user_id, stage, returned_from, next_role, next_district, stage_since, due_on, innovation_claim,
		technical_comparison, first_use, score, notice_id, submitted_at, closed_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (kind, product_id) WHERE closed_at IS NULL AND kind = 'recognition' DO NOTHING RETURNING id`,
		c.Number, c.Kind, c.Year, c.Seq, nullID(c.RoundID), c.EnterpriseID, c.ProductID, nullID(c.ApplicantUserID), c.Stage,
		c.ReturnedFrom, c.NextRole, c.NextDistrict, t.time(c.StageSince), c.DueOn, c.InnovationClaim,
		c.TechnicalComparison, c.FirstUse, nullScore(c.Score), nullID(c.NoticeID), t.timePtr(c.SubmittedAt),
		t.timePtr(c.ClosedAt), t.time(c.CreatedAt), t.time(c.UpdatedAt)).Scan(&c.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return &firstset.Error{Code: firstset.ECONFLICT, Field: "product_id", Message: openCaseConflict}
	}
	if err != nil {
		return t.wrap("create case", err)
	}
	err = t.QueryRow(ctx, `SELECT e.name, e.credit_code, e.district_code, p.name, p.model, p.category_id, k.name
		`+caseJoins+` WHERE c.id = ?`, c.ID).Scan(&c.EnterpriseName, &c.CreditCode, &c.DistrictCode,
		&c.ProductName, &c.ProductModel, &c.CategoryID, &c.CategoryName)
	return t.wrap("read case context", err)
}

// CaseByID reads case id with its context. forUpdate locks the case's row
// alone (FOR UPDATE OF c), not its enterprise's or product's, which
// product writes share-lock.
func (t *Tx) CaseByID(ctx context.Context, id int64, forUpdate bool) (*firstset.Case, error) {
	q := `SELECT ` + caseColumns + caseJoins + ` WHERE c.id = ?`
	if forUpdate && t.d.ForUpdate != "" {
		q += t.d.ForUpdate + " OF c"
	}
	c, err := scanCase(t.QueryRow(ctx, q, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("case %d", id), "办件", err)
	}
	return c, nil
}

func (t *Tx) CaseByNumber(ctx context.Context, number string) (*firstset.Case, error) {
	c, err := scanCase(t.QueryRow(ctx, `SELECT `+caseColumns+caseJoins+` WHERE c.number = ?`, number))
	if err != nil {
		return nil, t.notFound("case by number", "办件", err)
	}
	return c, nil
}

// UpdateCase rewrites what changes over a case's life: its round, stage,
// returned-from stage, who acts next, stage start and deadline, texts,
// score, notice, submission and end, and updated_at (stamped when zero).
// Its number, kind, year, sequence, enterprise, product and creation time
// never change. Reopening a closed case while another open case of its
// kind holds the product is ECONFLICT on "product_id".
func (t *Tx) UpdateCase(ctx context.Context, c *firstset.Case) error {
	stamp(&c.UpdatedAt, time.Now())
	stamp(&c.StageSince, c.UpdatedAt)
	c.SubmittedAt, c.ClosedAt = stampPtr(c.SubmittedAt), stampPtr(c.ClosedAt)
	res, err := t.Exec(ctx, `UPDATE cases SET round_id = ?, stage = ?, returned_from = ?, next_role = ?,
		next_district = ?, stage_since = ?, due_on = ?, innovation_claim = ?, technical_comparison = ?,
		first_use = ?, score = ?, notice_id = ?, submitted_at = ?, closed_at = ?, updated_at = ? WHERE id = ?`,
		nullID(c.RoundID), c.Stage, c.ReturnedFrom, c.NextRole, c.NextDistrict, t.time(c.StageSince), c.DueOn,
		c.InnovationClaim, c.TechnicalComparison, c.FirstUse, nullScore(c.Score), nullID(c.NoticeID),
		t.timePtr(c.SubmittedAt), t.timePtr(c.ClosedAt), t.time(c.UpdatedAt), c.ID)
	if err != nil {
		return t.wrap(fmt.Sprintf("update case %d", c.ID), err)
	}
	return affected(res, "办件")
}

// caseWhere is the conditions of a case listing (see ListCases).
func (t *Tx) caseWhere(f firstset.CaseFilter) (where, error) {
	var w where
	if f.Kind != "" {
		w.add("c.kind = ?", f.Kind)
	}
	if len(f.Kinds) > 0 {
		args := make([]any, len(f.Kinds))
		for i, k := range f.Kinds {
			args[i] = k
		}
		w.add("c.kind IN ("+placeholders(len(args))+")", args...)
	}
	if f.ApplicantUserID != 0 {
		w.add("c.applicant_user_id = ?", f.ApplicantUserID)
	}
	if f.EnterpriseID != 0 {
		w.add("c.enterprise_id = ?", f.EnterpriseID)
	}
	if f.ProductID != 0 {
		w.add("c.product_id = ?", f.ProductID)
	}
	if f.RoundID != 0 {
		w.add("c.round_id = ?", f.RoundID)
	}
	if f.NoticeID != 0 {
		w.add("c.notice_id = ?", f.NoticeID)
	}
	if f.DistrictCode != "" {
		w.add("e.district_code = ?", f.DistrictCode)
	}
	if f.NextRole != "" {
		w.add("c.next_role = ?", f.NextRole)
	}
	if f.NextDistrict != "" {
		w.add("c.next_district = ?", f.NextDistrict)
	}
	if len(f.Stages) > 0 {
		args := make([]any, len(f.Stages))
		for i, s := range f.Stages {
			args[i] = s
		}
		w.add("c.stage IN ("+placeholders(len(args))+")", args...)
	}
	if f.ExcludeDrafts {
		w.add("c.submitted_at IS NOT NULL")
	}
	if f.ExcludeOthersDrafts {
		w.add("(c.applicant_user_id IS NULL OR c.submitted_at IS NOT NULL)")
	}
	if f.ExpertID != 0 {
		if f.Waiting {
			w.add(`EXISTS (SELECT 1 FROM case_experts x WHERE x.case_id = c.id AND x.user_id = ? AND x.status = ?)`,
				f.ExpertID, firstset.AssignmentDrawn)
		} else {
			w.add(`EXISTS (SELECT 1 FROM case_experts x WHERE x.case_id = c.id AND x.user_id = ? AND x.status IN (?, ?))`,
				f.ExpertID, firstset.AssignmentDrawn, firstset.AssignmentScored)
		}
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		if utf8.RuneCountInString(q) > firstset.MaxListQuery {
			return w, firstset.FieldErrorf("q", "too_long", "搜索词不能超过 %d 个字。", firstset.MaxListQuery)
		}
		w.add("("+t.d.Contains("c.number")+" OR "+t.d.Contains("p.name")+" OR "+t.d.Contains("e.name")+")",
			strings.ToUpper(q), q, q)
	}
	return w, nil
}

// ListCases lists the cases passing every filter of f that is set, with
// how many pass in all:
//   - Kind, EnterpriseID, RoundID, NoticeID, NextRole and NextDistrict are
//     equalities; DistrictCode is the applicant enterprise's district;
//     Stages is any of them;
//   - ExcludeDrafts keeps the cases submitted at least once;
//   - ExpertID keeps the cases that expert is assigned to, drawn or scored
//     (with Waiting, drawn only: waiting for their score);
//   - Query (at most firstset.MaxListQuery characters) is a substring of
//     the number, the product's name or the enterprise's name.
//
// With Waiting the order is the soonest due first (no deadline last), then
// by id; otherwise newest first.
func (t *Tx) ListCases(ctx context.Context, f firstset.CaseFilter) ([]*firstset.Case, int, error) {
	w, err := t.caseWhere(f)
	if err != nil {
		return nil, 0, err
	}
	var total int
	if err := t.QueryRow(ctx, `SELECT COUNT(*)`+caseJoins+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, t.wrap("count cases", err)
	}
	order := ` ORDER BY c.id DESC`
	if f.Waiting {
		order = ` ORDER BY c.due_on IS NULL, c.due_on, c.id`
	}
	limit, offset := page(f.Offset, f.Limit)
	rows, err := t.Query(ctx, `SELECT `+caseColumns+caseJoins+w.String()+order+` LIMIT ? OFFSET ?`,
		append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, t.wrap("list cases", err)
	}
	defer rows.Close()
	list := []*firstset.Case{}
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, 0, t.wrap("scan case", err)
		}
		list = append(list, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, t.wrap("list cases", err)
	}
	return list, total, nil
}

// AppendEvent adds e to its case's timeline; a zero At is stamped with the
// current time.
func (t *Tx) AppendEvent(ctx context.Context, e *firstset.Event) error {
	stamp(&e.At, time.Now())
	items, err := jsonText(e.Items)
	if err != nil {
		return fmt.Errorf("event items: %w", err)
	}
	ids, err := jsonText(e.AttachmentIDs)
	if err != nil {
		return fmt.Errorf("event attachments: %w", err)
	}
	err = t.insertID(ctx, &e.ID, `INSERT INTO case_events (case_id, at, actor_id, actor, actor_role, action, from_stage,
		to_stage, opinion, items, attachment_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.CaseID, t.time(e.At), nullID(e.ActorID), e.Actor, e.ActorRole, e.Action, e.FromStage, e.ToStage,
		e.Opinion, items, ids)
	return t.wrap("append case event", err)
}

// Events is a case's timeline in the order it was written; Items and
// AttachmentIDs read as empty lists when there are none.
func (t *Tx) Events(ctx context.Context, caseID int64) ([]*firstset.Event, error) {
	rows, err := t.Query(ctx, `SELECT id, case_id, at, actor_id, actor, actor_role, action, from_stage, to_stage,
		opinion, items, attachment_ids FROM case_events WHERE case_id = ? ORDER BY id`, caseID)
	if err != nil {
		return nil, t.wrap("list case events", err)
	}
	defer rows.Close()
	list := []*firstset.Event{}
	for rows.Next() {
		var e firstset.Event
		var actorID sql.NullInt64
		if err := rows.Scan(&e.ID, &e.CaseID, timeScanner{&e.At}, &actorID, &e.Actor, &e.ActorRole, &e.Action,
			&e.FromStage, &e.ToStage, &e.Opinion, jsonList[string]{&e.Items},
			jsonList[int64]{&e.AttachmentIDs}); err != nil {
			return nil, t.wrap("scan case event", err)
		}
		e.ActorID = actorID.Int64
		list = append(list, &e)
	}
	return list, t.wrap("list case events", rows.Err())
}

const blobColumns = `id, enterprise_id, sha256, size, content_type, chunks`

func scanBlob(sc interface{ Scan(...any) error }) (*firstset.Blob, error) {
	var b firstset.Blob
	if err := sc.Scan(&b.ID, &b.EnterpriseID, &b.SHA256, &b.Size, &b.ContentType, &b.Chunks); err != nil {
		return nil, err
	}
	return &b, nil
}

func (t *Tx) BlobByHash(ctx context.Context, enterpriseID int64, sha256 string) (*firstset.Blob, error) {
	b, err := scanBlob(t.QueryRow(ctx, `SELECT `+blobColumns+` FROM blobs WHERE enterprise_id = ? AND sha256 = ?`,
		enterpriseID, sha256))
	if err != nil {
		return nil, t.notFound("blob by hash", "文件", err)
	}
	return b, nil
}

func (t *Tx) BlobByID(ctx context.Context, id int64) (*firstset.Blob, error) {
	b, err := scanBlob(t.QueryRow(ctx, `SELECT `+blobColumns+` FROM blobs WHERE id = ?`, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("blob %d", id), "文件", err)
	}
	return b, nil
}

// CreateBlob stores b's row, then r's content in chunks of
// firstset.BlobChunkSize read into one buffer, so at most one chunk is held
// at a time; it reads at most b.Size+1 bytes. Content of another length
// than b.Size is EINVALID on "file", and the caller's transaction must then
// roll back (the rows written so far are its). It sets b.ID and b.Chunks.
// The same enterprise and SHA-256 stored twice is ECONFLICT on "file"
// (BlobByHash finds the first).
func (t *Tx) CreateBlob(ctx context.Context, b *firstset.Blob, r io.Reader) error {
	if b.Size < 0 {
		return firstset.FieldErrorf("file", "size_mismatch", "文件大小无效。")
	}
	err := t.QueryRow(ctx, `INSERT INTO blobs (enterprise_id, sha256, size, content_type, chunks, created_at)
		VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (enterprise_id, sha256) DO NOTHING RETURNING id`,
		b.EnterpriseID, b.SHA256, b.Size, b.ContentType, t.time(time.Now())).Scan(&b.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return &firstset.Error{Code: firstset.ECONFLICT, Field: "file", Message: blobConflict}
	}
	if err != nil {
		return t.wrap("create blob", err)
	}
	buf := make([]byte, min(int64(firstset.BlobChunkSize), b.Size+1))
	lr := io.LimitReader(r, b.Size+1)
	var read int64
	n := 0
	for {
		m, err := io.ReadFull(lr, buf)
		if m > 0 {
			read += int64(m)
			if read > b.Size {
				break
			}
			if _, err := t.Exec(ctx, `INSERT INTO blob_chunks (blob_id, n, data) VALUES (?, ?, ?)`,
				b.ID, n, buf[:m]); err != nil {
				return t.wrap(fmt.Sprintf("store chunk %d of blob %d", n, b.ID), err)
			}
			n++
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("read blob content: %w", err)
		}
	}
	if read != b.Size {
		return &firstset.Error{Code: firstset.EINVALID, Field: "file", Message: "文件内容与其大小不符，请重新上传。",
			Err: fmt.Errorf("blob of %d bytes, read %d or more", b.Size, read)}
	}
	b.Chunks = n
	_, err = t.Exec(ctx, `UPDATE blobs SET chunks = ? WHERE id = ?`, n, b.ID)
	return t.wrap("count blob chunks", err)
}

// BlobChunk reads chunk n of a blob; ENOTFOUND past the last (and for an
// empty blob, which has none).
func (t *Tx) BlobChunk(ctx context.Context, blobID int64, n int) ([]byte, error) {
	var data []byte
	err := t.QueryRow(ctx, `SELECT data FROM blob_chunks WHERE blob_id = ? AND n = ?`, blobID, n).Scan(&data)
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("chunk %d of blob %d", n, blobID), "文件", err)
	}
	return data, nil
}

const attachmentColumns = `a.id, a.case_id, a.item, a.blob_id, a.filename, b.size, b.sha256, b.content_type,
	a.reused, a.uploaded_by, a.uploaded_at`

const attachmentJoins = ` FROM case_attachments a JOIN blobs b ON b.id = a.blob_id`

func scanAttachment(sc interface{ Scan(...any) error }) (*firstset.Attachment, error) {
	var a firstset.Attachment
	var by sql.NullInt64
	if err := sc.Scan(&a.ID, &a.CaseID, &a.Item, &a.BlobID, &a.Filename, &a.Size, &a.SHA256, &a.ContentType,
		&a.Reused, &by, timeScanner{&a.UploadedAt}); err != nil {
		return nil, err
	}
	a.UploadedBy = by.Int64
	return &a, nil
}

// CreateAttachment stores a; its Size, SHA256 and ContentType are filled in
// from its blob (ENOTFOUND when there is none), Reused is kept as given.
func (t *Tx) CreateAttachment(ctx context.Context, a *firstset.Attachment) error {
	b, err := t.BlobByID(ctx, a.BlobID)
	if err != nil {
		return err
	}
	a.Size, a.SHA256, a.ContentType = b.Size, b.SHA256, b.ContentType
	stamp(&a.UploadedAt, time.Now())
	err = t.insertID(ctx, &a.ID, `INSERT INTO case_attachments (case_id, item, blob_id, filename, reused, uploaded_by,
		uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		a.CaseID, a.Item, a.BlobID, a.Filename, a.Reused, nullID(a.UploadedBy), t.time(a.UploadedAt))
	return t.wrap("create attachment", err)
}

func (t *Tx) AttachmentByID(ctx context.Context, id int64) (*firstset.Attachment, error) {
	a, err := scanAttachment(t.QueryRow(ctx, `SELECT `+attachmentColumns+attachmentJoins+` WHERE a.id = ?`, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("attachment %d", id), "附件", err)
	}
	return a, nil
}

// Attachments lists a case's attachments in the order they were added.
func (t *Tx) Attachments(ctx context.Context, caseID int64) ([]*firstset.Attachment, error) {
	rows, err := t.Query(ctx, `SELECT `+attachmentColumns+attachmentJoins+` WHERE a.case_id = ? ORDER BY a.id`, caseID)
	if err != nil {
		return nil, t.wrap("list attachments", err)
	}
	defer rows.Close()
	list := []*firstset.Attachment{}
	for rows.Next() {
		a, err := scanAttachment(rows)
		if err != nil {
			return nil, t.wrap("scan attachment", err)
		}
		list = append(list, a)
	}
	return list, t.wrap("list attachments", rows.Err())
}

// DeleteAttachment removes an attachment; its blob stays, for the
// enterprise's next upload of the same content.
func (t *Tx) DeleteAttachment(ctx context.Context, id int64) error {
	res, err := t.Exec(ctx, `DELETE FROM case_attachments WHERE id = ?`, id)
	if err != nil {
		return t.wrap(fmt.Sprintf("delete attachment %d", id), err)
	}
	return affected(res, "附件")
}

const notificationColumns = `id, user_id, case_id, title, body, link, created_at, read_at, email, emailed_at`

func scanNotification(sc interface{ Scan(...any) error }) (*firstset.Notification, error) {
	var n firstset.Notification
	var caseID sql.NullInt64
	if err := sc.Scan(&n.ID, &n.UserID, &caseID, &n.Title, &n.Body, &n.Link, timeScanner{&n.CreatedAt},
		nullTimeScanner{&n.ReadAt}, &n.Email, nullTimeScanner{&n.EmailedAt}); err != nil {
		return nil, err
	}
	n.CaseID = caseID.Int64
	return &n, nil
}

func (t *Tx) notifications(ctx context.Context, what, query string, args ...any) ([]*firstset.Notification, error) {
	rows, err := t.Query(ctx, query, args...)
	if err != nil {
		return nil, t.wrap(what, err)
	}
	defer rows.Close()
	list := []*firstset.Notification{}
	for rows.Next() {
		n, err := scanNotification(rows)
		if err != nil {
			return nil, t.wrap("scan notification", err)
		}
		list = append(list, n)
	}
	return list, t.wrap(what, rows.Err())
}

func (t *Tx) CreateNotification(ctx context.Context, n *firstset.Notification) error {
	stamp(&n.CreatedAt, time.Now())
	n.ReadAt, n.EmailedAt = stampPtr(n.ReadAt), stampPtr(n.EmailedAt)
	err := t.insertID(ctx, &n.ID, `INSERT INTO notifications (user_id, case_id, title, body, link, created_at, read_at,
		email, emailed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		n.UserID, nullID(n.CaseID), n.Title, n.Body, n.Link, t.time(n.CreatedAt), t.timePtr(n.ReadAt),
		n.Email, t.timePtr(n.EmailedAt))
	return t.wrap("create notification", err)
}

// ListNotifications lists a user's notifications, newest (the last
// created) first, with how many there are.
func (t *Tx) ListNotifications(ctx context.Context, userID int64, unreadOnly bool, offset, limit int) ([]*firstset.Notification, int, error) {
	cond := ` WHERE user_id = ?`
	if unreadOnly {
		cond += ` AND read_at IS NULL`
	}
	var total int
	if err := t.QueryRow(ctx, `SELECT COUNT(*) FROM notifications`+cond, userID).Scan(&total); err != nil {
		return nil, 0, t.wrap("count notifications", err)
	}
	limit, offset = page(offset, limit)
	list, err := t.notifications(ctx, "list notifications", `SELECT `+notificationColumns+` FROM notifications`+
		cond+` ORDER BY id DESC LIMIT ? OFFSET ?`, userID, limit, offset)
	if err != nil {
		return nil, 0, err
	}
	return list, total, nil
}

func (t *Tx) CountUnread(ctx context.Context, userID int64) (int, error) {
	var n int
	err := t.QueryRow(ctx, `SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL`, userID).Scan(&n)
	return n, t.wrap("count unread notifications", err)
}

// MarkRead marks userID's unread notifications of ids read at at (all of
// them when ids is empty). Ids of other users' notifications are passed
// over; a notification already read keeps its first time.
func (t *Tx) MarkRead(ctx context.Context, userID int64, ids []int64, at time.Time) error {
	const q = `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL`
	if len(ids) == 0 {
		_, err := t.Exec(ctx, q, t.time(at), userID)
		return t.wrap("mark notifications read", err)
	}
	const chunk = 500
	for len(ids) > 0 {
		n := min(len(ids), chunk)
		args := []any{t.time(at), userID}
		for _, id := range ids[:n] {
			args = append(args, id)
		}
		if _, err := t.Exec(ctx, q+` AND id IN (`+placeholders(n)+`)`, args...); err != nil {
			return t.wrap("mark notifications read", err)
		}
		ids = ids[n:]
	}
	return nil
}

func (t *Tx) PendingEmails(ctx context.Context, limit int) ([]*firstset.Notification, error) {
	limit, _ = page(0, limit)
	return t.notifications(ctx, "pending emails", `SELECT `+notificationColumns+` FROM notifications
		WHERE email <> '' AND emailed_at IS NULL ORDER BY id LIMIT ?`, limit)
}

func (t *Tx) MarkEmailed(ctx context.Context, id int64, at time.Time) error {
	res, err := t.Exec(ctx, `UPDATE notifications SET emailed_at = ? WHERE id = ?`, t.time(at), id)
	if err != nil {
		return t.wrap(fmt.Sprintf("mark notification %d emailed", id), err)
	}
	return affected(res, "通知")
}

const ratingColumns = `r.id, r.case_id, r.stage, r.score, r.comment, r.rated_by, r.rated_at, r.follow_up, r.due_on,
	r.answer, r.answered_by, r.answered_at, c.number`

const ratingJoins = ` FROM ratings r JOIN cases c ON c.id = r.case_id`

func scanRating(sc interface{ Scan(...any) error }) (*firstset.Rating, error) {
	var r firstset.Rating
	var by, answeredBy sql.NullInt64
	if err := sc.Scan(&r.ID, &r.CaseID, &r.Stage, &r.Score, &r.Comment, &by, timeScanner{&r.RatedAt}, &r.FollowUp,
		&r.DueOn, &r.Answer, &answeredBy, nullTimeScanner{&r.AnsweredAt}, &r.CaseNumber); err != nil {
		return nil, err
	}
	r.RatedBy, r.AnsweredBy = by.Int64, answeredBy.Int64
	return &r, nil
}

func (t *Tx) ratings(ctx context.Context, what, query string, args ...any) ([]*firstset.Rating, error) {
	rows, err := t.Query(ctx, query, args...)
	if err != nil {
		return nil, t.wrap(what, err)
	}
	defer rows.Close()
	list := []*firstset.Rating{}
	for rows.Next() {
		r, err := scanRating(rows)
		if err != nil {
			return nil, t.wrap("scan rating", err)
		}
		list = append(list, r)
	}
	return list, t.wrap(what, rows.Err())
}

// CreateRating stores r and fills in its case's number; one rating per
// case and stage, a second is ECONFLICT on "stage".
func (t *Tx) CreateRating(ctx context.Context, r *firstset.Rating) error {
	stamp(&r.RatedAt, time.Now())
	r.AnsweredAt = stampPtr(r.AnsweredAt)
	err := t.QueryRow(ctx, `INSERT INTO ratings (case_id, stage, score, comment, rated_by, rated_at, follow_up,
		due_on, answer, answered_by, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (case_id, stage) DO NOTHING RETURNING id`,
		r.CaseID, r.Stage, r.Score, r.Comment, nullID(r.RatedBy), t.time(r.RatedAt), r.FollowUp, r.DueOn,
		r.Answer, nullID(r.AnsweredBy), t.timePtr(r.AnsweredAt)).Scan(&r.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return &firstset.Error{Code: firstset.ECONFLICT, Field: "stage", Message: ratingConflict}
	}
	if err != nil {
		return t.wrap("create rating", err)
	}
	err = t.QueryRow(ctx, `SELECT number FROM cases WHERE id = ?`, r.CaseID).Scan(&r.CaseNumber)
	return t.wrap("rating case number", err)
}

func (t *Tx) RatingByID(ctx context.Context, id int64) (*firstset.Rating, error) {
	r, err := scanRating(t.QueryRow(ctx, `SELECT `+ratingColumns+ratingJoins+` WHERE r.id = ?`, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("rating %d", id), "评价", err)
	}
	return r, nil
}

// RatingsOfCase lists a case's ratings in the order they were given.
func (t *Tx) RatingsOfCase(ctx context.Context, caseID int64) ([]*firstset.Rating, error) {
	return t.ratings(ctx, "ratings of case", `SELECT `+ratingColumns+ratingJoins+` WHERE r.case_id = ? ORDER BY r.id`, caseID)
}

// monthRange is the span of month ("2026-12", in Shanghai) as UTC times,
// from its first instant to the next month's.
func monthRange(month string) (time.Time, time.Time, error) {
	m, err := time.ParseInLocation("2006-01", month, date.Shanghai)
	if err != nil {
		return time.Time{}, time.Time{}, firstset.FieldErrorf("month", "invalid_month", "月份应写作 YYYY-MM，如 2026-12。")
	}
	return m, m.AddDate(0, 1, 0), nil
}

// ListRatings lists ratings newest first, with how many pass f: Month is
// the month of rated_at in Shanghai time, FollowUps the bad ratings not
// yet answered.
func (t *Tx) ListRatings(ctx context.Context, f firstset.RatingFilter) ([]*firstset.Rating, int, error) {
	var w where
	if f.Month != "" {
		from, to, err := monthRange(f.Month)
		if err != nil {
			return nil, 0, err
		}
		w.add("r.rated_at >= ? AND r.rated_at < ?", t.time(from), t.time(to))
	}
	if f.FollowUps {
		w.add("r.follow_up = ? AND r.answered_at IS NULL", true)
	}
	var total int
	if err := t.QueryRow(ctx, `SELECT COUNT(*) FROM ratings r`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, t.wrap("count ratings", err)
	}
	limit, offset := page(f.Offset, f.Limit)
	list, err := t.ratings(ctx, "list ratings", `SELECT `+ratingColumns+ratingJoins+w.String()+
		` ORDER BY r.rated_at DESC, r.id DESC LIMIT ? OFFSET ?`, append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, err
	}
	return list, total, nil
}

// RatingSummaries counts the ratings of each month (of rated_at, in
// Shanghai time) and stage: how many, their mean in hundredths rounded
// half up, and how many are bad (score ≤ 2); the latest month first, then
// by stage. The months are computed here, the same on every database.
func (t *Tx) RatingSummaries(ctx context.Context) ([]firstset.RatingSummary, error) {
	rows, err := t.Query(ctx, `SELECT stage, score, rated_at FROM ratings`)
	if err != nil {
		return nil, t.wrap("rating summaries", err)
	}
	defer rows.Close()
	type key struct{ month, stage string }
	type sum struct{ count, total, bad int64 }
	sums := map[key]*sum{}
	for rows.Next() {
		var stage string
		var score int64
		var at time.Time
		if err := rows.Scan(&stage, &score, timeScanner{&at}); err != nil {
			return nil, t.wrap("scan rating", err)
		}
		k := key{at.In(date.Shanghai).Format("2006-01"), stage}
		s := sums[k]
		if s == nil {
			s = &sum{}
			sums[k] = s
		}
		s.count++
		s.total += score
		if score <= 2 {
			s.bad++
		}
	}
	if err := rows.Err(); err != nil {
		return nil, t.wrap("rating summaries", err)
	}
	list := make([]firstset.RatingSummary, 0, len(sums))
	for k, s := range sums {
		// total/count in hundredths, half up: (200·total + count) / (2·count).
		mean := (200*s.total + s.count) / (2 * s.count)
		list = append(list, firstset.RatingSummary{Month: k.month, Stage: k.stage, Count: int(s.count),
			Mean: firstset.Score(mean), Bad: int(s.bad)})
	}
	slices.SortFunc(list, func(a, b firstset.RatingSummary) int {
		if c := strings.Compare(b.Month, a.Month); c != 0 {
			return c
		}
		return strings.Compare(a.Stage, b.Stage)
	})
	return list, nil
}

// UpdateRating rewrites a rating's follow-up, deadline and answer (what
// changes once it is given).
func (t *Tx) UpdateRating(ctx context.Context, r *firstset.Rating) error {
	r.AnsweredAt = stampPtr(r.AnsweredAt)
	res, err := t.Exec(ctx, `UPDATE ratings SET follow_up = ?, due_on = ?, answer = ?, answered_by = ?,
		answered_at = ? WHERE id = ?`,
		r.FollowUp, r.DueOn, r.Answer, nullID(r.AnsweredBy), t.timePtr(r.AnsweredAt), r.ID)
	if err != nil {
		return t.wrap(fmt.Sprintf("update rating %d", r.ID), err)
	}
	return affected(res, "评价")
}
