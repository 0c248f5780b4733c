// Package sqlstore implements firstset.Store once, on database/sql, for
// every SQL database the platform supports. What differs between databases
// (placeholders, time columns, how a uniqueness error reads, the catalog
// index, locking the audit chain) lives in a Dialect; the sqlite and
// postgres packages supply theirs and open the connections.
package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"firstset"
	"firstset/date"
	"firstset/search"
)

// Dialect is what one database does differently.
type Dialect struct {
	// Name is what Store.Dialect reports: "sqlite" or "postgres".
	Name string
	// Numbered placeholders ($1, $2) replace the ? the queries are written with.
	Numbered bool
	// PrepareInTx prepares each distinct statement once per transaction and
	// reuses it, for drivers that do not cache prepared statements themselves.
	PrepareInTx bool
	// GroupCommit runs concurrent Updates in one transaction, each in a
	// savepoint, committed once (see groupcommit.go); for databases with a
	// single writer, where commits would otherwise queue for the disk.
	GroupCommit bool
	// Time converts a time for a time column.
	Time func(time.Time) any
	// UniqueViolation reports the "table.column" whose uniqueness err broke.
	UniqueViolation func(err error) (string, bool)
	// ForeignKeyViolation reports whether err is a broken reference.
	ForeignKeyViolation func(err error) bool
	// InvalidText reports whether err is the database refusing text it
	// cannot hold (PostgreSQL: a NUL byte, bytes that are not UTF-8); nil
	// where every string is stored. The services refuse such text first;
	// this keeps anything that slips past them from being a 500.
	InvalidText func(err error) bool
	// ForUpdate and ForShare are appended to a query to lock the rows it
	// reads until commit, exclusively (" FOR UPDATE": the audit head, an
	// enterprise being renamed) or shared (" FOR SHARE": the enterprise of a
	// product being written); empty where the database has a single writer
	// anyway.
	ForUpdate, ForShare string
	// LockKey is a statement taking one text argument that locks that key
	// until commit, so writers counting and adding rows under one key (login
	// throttling) take turns; empty where the database has a single writer.
	LockKey string
	// IndexProducts stores the searchable form of products written in this
	// transaction. A transaction gathers them and writes them all at once,
	// before it commits or searches, each product once (see Tx.index).
	IndexProducts func(ctx context.Context, x Querier, entries []IndexEntry) error
	// UnindexProduct removes product id from the index; it runs before the
	// product is rewritten or deleted, so it sees the row as it was indexed.
	UnindexProduct func(ctx context.Context, x Querier, id int64) error
	// SearchProducts returns the ids of one page of the products matching q
	// (and sq, its parsed text), in catalog order: most recently recognised
	// first, never recognised last, then newest first. It also returns how
	// many match in all.
	SearchProducts func(ctx context.Context, x Querier, q firstset.CatalogQuery, sq search.Query) ([]int64, int, error)
	// MatchingProducts returns the ids, in no particular order, of every
	// product whose indexed text contains sq (all products when sq is empty)
	// and that carries every one of tags (see IndexEntry.Tags).
	MatchingProducts func(ctx context.Context, x Querier, sq search.Query, tags []string) ([]int64, error)
	// Contains is a condition that column contains the text of one argument.
	Contains func(column string) string
	// ViewIsolation is the isolation of read-only transactions: one that
	// reads a single snapshot, so a search's version, count and page agree.
	ViewIsolation sql.IsolationLevel
	// LastInsertID reads a new row's id with LastInsertId instead of
	// RETURNING id (see Tx.insertID).
	LastInsertID bool
}

// Querier runs statements, written with ? placeholders, inside the
// current transaction.
type Querier interface {
	Exec(ctx context.Context, query string, args ...any) (sql.Result, error)
	Query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
}

// IndexEntry is what the catalog index holds for one product: its text and
// everything a catalog search filters or orders by.
//
// Both databases keep filters in the index as tag tokens beside the text's
// grams, so one index lookup answers a text query with its filters, and a
// total is counted without reading rows that a filter would drop.
type IndexEntry struct {
	ID              int64
	EnterpriseID    int64
	Doc             search.Doc
	Status          firstset.ProductStatus
	CategoryID      int64
	InnovationLevel firstset.InnovationLevel
	DistrictCode    string
	RecognizedOn    date.Date
}

// Tags are the filter tokens of a product: "all", then its status,
// category, innovation level, district and enterprise as a prefix and the value's
// lower-case letters and digits. Every tag is at least three characters,
// so it never equals a gram (one or two), and holds no query syntax.
func (e IndexEntry) Tags() []string {
	return []string{"all", tag("st", string(e.Status)), tag("ca", strconv.FormatInt(e.CategoryID, 10)),
		tag("lv", string(e.InnovationLevel)), tag("di", e.DistrictCode), tag("en", strconv.FormatInt(e.EnterpriseID, 10))}
}

// QueryTags are the tags a product must carry to pass q's filters; none
// when q does not filter.
func QueryTags(q firstset.CatalogQuery) []string {
	var tags []string
	if q.Status != "" {
		tags = append(tags, tag("st", string(q.Status)))
	}
	if q.CategoryID != 0 {
		tags = append(tags, tag("ca", strconv.FormatInt(q.CategoryID, 10)))
	}
	if q.InnovationLevel != "" {
		tags = append(tags, tag("lv", string(q.InnovationLevel)))
	}
	if q.DistrictCode != "" {
		tags = append(tags, tag("di", q.DistrictCode))
	}
	return tags
}

// listTags are the tags a product must carry to pass a listing's filters.
func listTags(f firstset.ProductFilter, districtCode string) []string {
	var tags []string
	if f.EnterpriseID != 0 {
		tags = append(tags, tag("en", strconv.FormatInt(f.EnterpriseID, 10)))
	}
	if f.Status != "" {
		tags = append(tags, tag("st", string(f.Status)))
	}
	if districtCode != "" {
		tags = append(tags, tag("di", districtCode))
	}
	return tags
}

func tag(prefix, value string) string {
	var b strings.Builder
	b.WriteString(prefix)
	for _, r := range strings.ToLower(value) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// DB is a store on two pools: Read serves View, Write serves Update. They
// may be the same pool.
type DB struct {
	read, write *sql.DB
	d           *Dialect
	group       *groupCommitter // nil unless the dialect asks for group commit
	catalog     *catalogIndex
	articles    *articleIndex
}

// New returns a store over the pools. The caller has migrated them.
func New(write, read *sql.DB, d *Dialect) *DB {
	if read == nil {
		read = write
	}
	db := &DB{read: read, write: write, d: d}
	db.catalog = newCatalogIndex(db)
	db.articles = &articleIndex{}
	if d.GroupCommit {
		db.group = newGroupCommitter(write, d)
	}
	return db
}

// GroupCommitStats reports what group commit has done; zero without it.
func (db *DB) GroupCommitStats() GroupCommitStats {
	if db.group == nil {
		return GroupCommitStats{}
	}
	return db.group.stats()
}

// ReadDB and WriteDB expose the pools to the database packages (migrations,
// backups, benchmarks).
func (db *DB) ReadDB() *sql.DB  { return db.read }
func (db *DB) WriteDB() *sql.DB { return db.write }

// Dialect names the database.
func (db *DB) Dialect() string { return db.d.Name }

// Ping checks both pools.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.write.PingContext(ctx); err != nil {
		return fmt.Errorf("ping %s: %w", db.d.Name, err)
	}
	if err := db.read.PingContext(ctx); err != nil {
		return fmt.Errorf("ping %s read pool: %w", db.d.Name, err)
	}
	return nil
}

// Close closes the pools, after the batch of Updates under way.
func (db *DB) Close() error {
	db.catalog.stop()
	if db.group != nil {
		db.group.stop()
	}
	err := db.write.Close()
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	return err
}

// View runs fn in a read-only transaction.
func (db *DB) View(ctx context.Context, fn func(firstset.Tx) error) error {
	return db.run(ctx, db.read, &sql.TxOptions{ReadOnly: true, Isolation: db.d.ViewIsolation}, fn, nil)
}

// Update runs fn in a read-write transaction committed when fn returns nil.
// The first Update of a request carrying an idempotency claim records the
// claim in the same transaction (see Tx.claimKey).
func (db *DB) Update(ctx context.Context, fn func(firstset.Tx) error) (err error) {
	claim := firstset.IdempotencyClaimFromContext(ctx)
	take, err := claim.Take()
	if err != nil {
		return err
	}
	var cw *claimWrite
	if take {
		cw = &claimWrite{claim: claim}
		returned := false
		defer func() {
			if p := recover(); p != nil || !returned {
				// fn panicked or its goroutine exited (runtime.Goexit, as
				// t.Fatal does): nothing of it committed.
				claim.Settle(errors.New("update did not return"), "", 0)
				if p != nil {
					panic(p)
				}
				return
			}
			claim.Settle(err, cw.entity, cw.entityID)
		}()
		if db.group != nil {
			err = db.group.update(ctx, fn, cw)
		} else {
			err = db.run(ctx, db.write, nil, fn, cw)
		}
		returned = true
		return err
	}
	if db.group != nil {
		return db.group.update(ctx, fn, cw)
	}
	return db.run(ctx, db.write, nil, fn, cw)
}

func (db *DB) run(ctx context.Context, pool *sql.DB, opts *sql.TxOptions, fn func(firstset.Tx) error, cw *claimWrite) (err error) {
	sqlTx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	t := &Tx{tx: sqlTx, d: db.d, catalog: db.catalog, articles: db.articles, readOnly: opts != nil && opts.ReadOnly}
	committed := false
	defer func() {
		// Whatever ended fn (an error, a panic, runtime.Goexit), a
		// transaction not committed is rolled back, freeing its connection.
		if !committed {
			_ = sqlTx.Rollback()
		}
	}()
	if err = t.claimKey(ctx, cw); err != nil {
		return err
	}
	if err = fn(t); err != nil {
		return err
	}
	if err = t.nameClaim(ctx, cw); err != nil {
		return err
	}
	if err = t.flushIndex(ctx); err != nil {
		return err
	}
	committed = true
	if err = sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// Tx is one transaction; it implements firstset.Tx.
type Tx struct {
	tx    *sql.Tx
	d     *Dialect
	stmts map[string]*sql.Stmt
	// pending are the index entries of products written in this transaction
	// and not yet stored in the index, by product id.
	pending map[int64]IndexEntry
	// unindexed are products taken out of the index in this transaction
	// whose change is not yet recorded in the catalog version.
	unindexed map[int64]bool
	// detached runs statements without the caller's cancellation: in a
	// batch, an interrupted statement would roll back everyone's writes.
	detached bool
	// readOnly transactions read one snapshot and write nothing: they may
	// search the in-memory catalog index, and their catalog version, once
	// read, is remembered.
	readOnly bool
	version  int64 // the catalog version, once read (readOnly only)
	catalog  *catalogIndex
	// articles is the in-memory article index (see article.go).
	articles *articleIndex
	// lastAudit is the entity of the last audit entry appended, which an
	// idempotency claim names.
	lastAudit struct {
		entity string
		id     int64
	}
}

// statementContext is the context statements run with.
func (t *Tx) statementContext(ctx context.Context) context.Context {
	if t.detached {
		return context.WithoutCancel(ctx)
	}
	return ctx
}

// index schedules e to be stored in the catalog index. Writing entries
// together lets SQLite append them to its full-text index in order, instead
// of flushing it at every following statement, and PostgreSQL write them in
// a few statements; a product written twice is indexed once.
func (t *Tx) index(e IndexEntry) {
	if t.pending == nil {
		t.pending = make(map[int64]IndexEntry)
	}
	t.pending[e.ID] = e
}

// unindex removes product id from the index, stored or pending.
func (t *Tx) unindex(ctx context.Context, id int64) error {
	delete(t.pending, id)
	if err := t.d.UnindexProduct(ctx, t, id); err != nil {
		return t.wrap(fmt.Sprintf("unindex product %d", id), err)
	}
	if t.unindexed == nil {
		t.unindexed = make(map[int64]bool)
	}
	t.unindexed[id] = true
	return nil
}

// bumpCatalogVersion marks the catalog as changed, in this transaction, so
// that cached search results of the old version are never served again,
// and records which products the new version changed, for instances
// holding the index in memory. The version row is locked until commit, so
// versions commit in the order they are numbered.
func (t *Tx) bumpCatalogVersion(ctx context.Context, ids []int64) error {
	var v int64
	err := t.QueryRow(ctx, `UPDATE catalog_version SET version = version + 1 WHERE id = 1 RETURNING version`).Scan(&v)
	if err != nil {
		return t.wrap("bump catalog version", err)
	}
	const perStatement = 500
	for len(ids) > 0 {
		n := min(len(ids), perStatement)
		args := make([]any, 0, 2*n)
		for _, id := range ids[:n] {
			args = append(args, v, id)
		}
		if _, err := t.Exec(ctx, `INSERT INTO catalog_changes (version, product_id) VALUES `+
			ValueRows(n, "(?, ?)")+` ON CONFLICT DO NOTHING`, args...); err != nil {
			return t.wrap("record catalog changes", err)
		}
		ids = ids[n:]
	}
	if v%pruneEvery == 0 && v > keepChanges {
		through := v - keepChanges
		if _, err := t.Exec(ctx, `DELETE FROM catalog_changes WHERE version <= ?`, through); err != nil {
			return t.wrap("prune catalog changes", err)
		}
		if _, err := t.Exec(ctx, `UPDATE catalog_version SET pruned_through = ? WHERE id = 1`, through); err != nil {
			return t.wrap("prune catalog changes", err)
		}
	}
	return nil
}

// The change log keeps the last keepChanges versions, pruned every
// pruneEvery versions; an instance further behind rebuilds its index.
var (
	keepChanges int64 = 100_000
	pruneEvery  int64 = 1024
)

// flushIndex stores the pending index entries and moves the catalog
// version once for everything this transaction changed in the index;
// searches call it first, so they see this transaction's writes. Doing
// the version last keeps its row locked only from here to commit, and
// after any enterprise a transaction locks, so writers never wait for
// each other in a circle through it.
func (t *Tx) flushIndex(ctx context.Context) error {
	if len(t.pending) == 0 && len(t.unindexed) == 0 {
		return nil
	}
	entries := make([]IndexEntry, 0, len(t.pending))
	for _, e := range t.pending {
		entries = append(entries, e)
	}
	slices.SortFunc(entries, func(a, b IndexEntry) int { return cmp.Compare(a.ID, b.ID) })
	t.pending = nil
	for _, e := range entries {
		if err := checkProductID(e.ID); err != nil {
			return err
		}
	}
	if len(entries) > 0 {
		if err := t.d.IndexProducts(ctx, t, entries); err != nil {
			return t.wrap("index products", err)
		}
	}
	changed := t.unindexed
	t.unindexed = nil
	ids := make([]int64, 0, len(entries)+len(changed))
	for _, e := range entries {
		ids = append(ids, e.ID)
		delete(changed, e.ID)
	}
	for id := range changed {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return t.bumpCatalogVersion(ctx, ids)
}

var _ firstset.Tx = (*Tx)(nil)

var rebound sync.Map // query with ? → query with $n

// rebind rewrites ? placeholders as $1, $2… for databases that number them.
// The queries here never hold a literal question mark.
func (t *Tx) rebind(q string) string {
	if !t.d.Numbered {
		return q
	}
	if v, ok := rebound.Load(q); ok {
		return v.(string)
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	rebound.Store(q, b.String())
	return b.String()
}

func (t *Tx) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	if s, ok := t.stmts[q]; ok {
		return s, nil
	}
	s, err := t.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if t.stmts == nil {
		t.stmts = make(map[string]*sql.Stmt)
	}
	t.stmts[q] = s
	return s, nil
}

// Exec runs a statement written with ? placeholders.
func (t *Tx) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	ctx = t.statementContext(ctx)
	q = t.rebind(q)
	if t.d.PrepareInTx {
		s, err := t.stmt(ctx, q)
		if err != nil {
			return nil, err
		}
		return s.ExecContext(ctx, args...)
	}
	return t.tx.ExecContext(ctx, q, args...)
}

// Query runs a query written with ? placeholders.
func (t *Tx) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	ctx = t.statementContext(ctx)
	q = t.rebind(q)
	if t.d.PrepareInTx {
		s, err := t.stmt(ctx, q)
		if err != nil {
			return nil, err
		}
		return s.QueryContext(ctx, args...)
	}
	return t.tx.QueryContext(ctx, q, args...)
}

// QueryRow runs a query for one row written with ? placeholders.
func (t *Tx) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	ctx = t.statementContext(ctx)
	q = t.rebind(q)
	if t.d.PrepareInTx {
		s, err := t.stmt(ctx, q)
		if err == nil {
			return s.QueryRowContext(ctx, args...)
		}
		// An unpreparable statement reports its error through Scan.
	}
	return t.tx.QueryRowContext(ctx, q, args...)
}

// insertID runs q, an INSERT of one row written without a RETURNING
// clause, and sets *id to the new row's id: RETURNING id, or on SQLite
// (Dialect.LastInsertID) the connection's last insert rowid. On SQLite a
// statement with RETURNING keeps a statement journal of its own, and
// closing one inside a savepoint (every Update runs in one, see
// groupcommit.go) walks the savepoint's journal of every page the
// transaction has changed so far: in a transaction that changed thousands
// of pages each such insert cost about a millisecond (1.25 ms after
// 10,000 pages, against 3 µs without RETURNING), which made allocating a
// round of 10,000 applications take two minutes.
func (t *Tx) insertID(ctx context.Context, id *int64, q string, args ...any) error {
	if !t.d.LastInsertID {
		return t.QueryRow(ctx, q+" RETURNING id", args...).Scan(id)
	}
	res, err := t.Exec(ctx, q, args...)
	if err != nil {
		return err
	}
	*id, err = res.LastInsertId()
	return err
}

// time converts t for a time column at the microsecond precision every
// supported database keeps.
func (t *Tx) time(v time.Time) any { return t.d.Time(v.UTC().Truncate(time.Microsecond)) }

func (t *Tx) timePtr(v *time.Time) any {
	if v == nil {
		return nil
	}
	return t.time(*v)
}

// stamp fills a zero time with now and cuts it to what the database keeps,
// so the struct the caller holds equals what a later read returns.
func stamp(v *time.Time, now time.Time) {
	if v.IsZero() {
		*v = now
	}
	*v = v.UTC().Truncate(time.Microsecond)
}

func stampPtr(v *time.Time) *time.Time {
	if v == nil {
		return nil
	}
	c := v.UTC().Truncate(time.Microsecond)
	return &c
}

// TimeLayout is how SQLite stores times: fixed width, so text order is time order.
const TimeLayout = "2006-01-02T15:04:05.000000Z"

// timeScanner reads a time column stored as a database time or as TimeLayout text.
type timeScanner struct{ t *time.Time }

func (s timeScanner) Scan(src any) error {
	var err error
	switch v := src.(type) {
	case nil:
		*s.t = time.Time{}
	case time.Time:
		*s.t = v.UTC()
	case string:
		*s.t, err = time.Parse(TimeLayout, v)
	case []byte:
		*s.t, err = time.Parse(TimeLayout, string(v))
	default:
		err = fmt.Errorf("cannot read %T as a time", src)
	}
	return err
}

// nullTimeScanner reads a nullable time column into a *time.Time.
type nullTimeScanner struct{ t **time.Time }

func (s nullTimeScanner) Scan(src any) error {
	if src == nil {
		*s.t = nil
		return nil
	}
	var v time.Time
	if err := (timeScanner{&v}).Scan(src); err != nil {
		return err
	}
	*s.t = &v
	return nil
}

// nullID stores 0 as NULL for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// jsonText is a list for a JSON column; a nil list is written as [], so it
// reads back empty rather than null.
func jsonText[T any](list []T) (string, error) {
	if list == nil {
		list = []T{}
	}
	b, err := json.Marshal(list)
	return string(b), err
}

// jsonList reads a JSON array column (stored as text) into *list; an
// empty array, null or NULL reads as an empty, non-nil list.
type jsonList[T any] struct{ list *[]T }

func (s jsonList[T]) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case nil:
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		return fmt.Errorf("cannot read %T as a JSON list", src)
	}
	*s.list = []T{}
	if len(b) == 0 {
		return nil
	}
	if err := json.Unmarshal(b, s.list); err != nil {
		return fmt.Errorf("read JSON list: %w", err)
	}
	if *s.list == nil {
		*s.list = []T{}
	}
	return nil
}

// conflicts names, for each unique column, the input field a person fixes
// and what they are told. A unique index over several columns is named by
// its first column on SQLite ("cases.kind") and by all of them on
// PostgreSQL ("cases.kind, product_id").
var conflicts = map[string]struct{ field, message string }{
	"enterprises.credit_code":         {"credit_code", "该统一社会信用代码已登记，同一企业不能重复登记。"},
	"users.username":                  {"username", "用户名已存在，请换一个。"},
	"users.oidc_issuer":               {"oidc_subject", oidcSubjectConflict},
	"users.oidc_issuer, oidc_subject": {"oidc_subject", oidcSubjectConflict},
	"categories.name":                 {"name", "类别名称已存在。"},
	"product_patents.number":          {"patents", "专利号已属于其他装备，一项专利只能对应一个装备。"},
	"sessions.token_hash":             {"token", "会话令牌重复。"},
	"api_tokens.hash":                 {"token", "访问令牌重复。"},
	"idempotency.key":                 {"key", "该幂等键已被使用。"},
	"cases.number":                    {"number", "办件编号重复。"},
	"cases.kind":                      {"product_id", openCaseConflict},
	"cases.kind, product_id":          {"product_id", openCaseConflict},
	"blobs.enterprise_id":             {"file", blobConflict},
	"blobs.enterprise_id, sha256":     {"file", blobConflict},
	"ratings.case_id":                 {"stage", ratingConflict},
	"ratings.case_id, stage":          {"stage", ratingConflict},
	"case_experts.case_id":            {"user_id", caseExpertConflict},
	"certificates.number":             {"number", "证书编号重复。"},
	"certificates.product_id":         {"product_id", "该装备已有现行证书。"},
	"signing_keys.active":             {"active", "已有正在使用的签名密钥。"},
	"signing_keys.id":                 {"id", "签名密钥已存在。"},
	"case_experts.case_id, user_id":   {"user_id", caseExpertConflict},
}

// wrap turns a constraint error into the domain's error, and wraps any
// other with what was being done.
func (t *Tx) wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := firstset.AsError(err); ok {
		return err
	}
	if key, ok := t.d.UniqueViolation(err); ok {
		c, known := conflicts[key]
		if !known {
			c.field, c.message = key[strings.IndexByte(key, '.')+1:], "与已有记录重复。"
		}
		return &firstset.Error{Code: firstset.ECONFLICT, Field: c.field, Message: c.message, Err: fmt.Errorf("%s: %w", what, err)}
	}
	if t.d.ForeignKeyViolation(err) {
		return &firstset.Error{Code: firstset.EINVALID, Message: "引用的记录不存在。", Err: fmt.Errorf("%s: %w", what, err)}
	}
	if t.d.InvalidText != nil && t.d.InvalidText(err) {
		return &firstset.Error{Code: firstset.EINVALID, Err: fmt.Errorf("%s: %w", what, err),
			Message: "提交的文字含有无法保存的字符（如空字符 U+0000）或不是有效的 UTF-8 编码，请删除后重试。"}
	}
	return fmt.Errorf("%s: %w", what, err)
}

// notFound maps no rows to ENOTFOUND for what, in Chinese.
func (t *Tx) notFound(what, label string, err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return firstset.NotFound(label)
	}
	return t.wrap(what, err)
}

// affected returns ENOTFOUND when a write by id changed no row.
func affected(res sql.Result, label string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("rows affected: %w", err)
	}
	if n == 0 {
		return firstset.NotFound(label)
	}
	return nil
}

// page turns a listing's offset and limit into LIMIT and OFFSET values; no
// limit means all rows.
func page(offset, limit int) (int, int) {
	if offset < 0 {
		offset = 0
	}
	if limit <= 0 {
		limit = 1<<31 - 1
	}
	return limit, offset
}

// where collects the conditions and arguments of a listing.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// ValueRows repeats one row of placeholders n times for a multi-row INSERT.
func ValueRows(n int, row string) string {
	return strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}

// placeholders is "?, ?, ?" for n arguments.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// anyList is list as the arguments of an IN (…) condition.
func anyList[T any](list []T) []any {
	out := make([]any, len(list))
	for i, v := range list {
		out[i] = v
	}
	return out
}
