package sqlstore

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"firstset"
	"firstset/date"
	"firstset/search"
)

// The catalog index also lives in memory, in each instance, because the
// public catalog must answer thousands of searches a second and every
// search page shows how many products match: counting tens of thousands
// of matches in the database's full-text index costs milliseconds, from a
// bitmap microseconds.
//
// The database stays the truth. Every change to what a search can return
// bumps catalog_version and records the changed products in
// catalog_changes, in the changing transaction. A read-only transaction
// searches memory only when the memory holds exactly the version its
// snapshot sees; when memory is behind, it first re-reads the changed
// products inside that snapshot. So no instance returns a result that its
// own transaction could not have produced from the database. When memory
// is not loaded, too far behind, or ahead of a slow reader's snapshot, the
// search goes to the database's index as it always could.

// MaxProductID is the largest product id the catalog indexes hold: the
// low 32 bits of a catalog key.
const MaxProductID = 1<<32 - 1

// CatalogKey orders products in the catalog, largest first: the day of
// recognition (0 when never recognised) in the high 32 bits and the
// product id in the low, so the most recently recognised come first, then
// the newest of a day, and products never recognised last.
func CatalogKey(id int64, on date.Date) int64 {
	var day int64
	if !on.IsZero() {
		day = max(1, on.Time().Unix()/86400+1)
	}
	return day<<32 | id
}

// catchUpLimit is the most changed products a search re-reads itself to
// bring memory up to date; beyond it (a bulk load), memory is rebuilt in
// the background while searches use the database.
const catchUpLimit = 5000

// retryAfter is how long a failed background load waits before another
// search may start one.
const retryAfter = 10 * time.Second

type catalogIndex struct {
	db      *DB
	enabled atomic.Bool

	// mu guards ix, items and version: searches read, catching up writes.
	mu      sync.RWMutex
	ix      *search.Index // nil until loaded
	items   map[int64]firstset.CatalogItem
	version int64

	// catchUp lets one transaction at a time bring memory up to date.
	catchUp sync.Mutex

	// How searches were answered, for tests and metrics.
	fromMemory, fromDatabase atomic.Int64

	// loading counts loads under way; a search starts one only when none is.
	loading    atomic.Int32
	failedAt   atomic.Int64 // unix nanoseconds of the last failed load
	background context.Context
	cancel     context.CancelFunc
	wg         sync.WaitGroup
}

func newCatalogIndex(db *DB) *catalogIndex {
	c := &catalogIndex{db: db}
	c.enabled.Store(true)
	c.background, c.cancel = context.WithCancel(context.Background())
	return c
}

// stop cancels a background load and waits for it.
func (c *catalogIndex) stop() {
	c.cancel()
	c.wg.Wait()
}

// LoadCatalogIndex builds the in-memory catalog index from the database
// now, so that the first searches need not wait for it; the server calls it
// as it starts. Searches load it on their own otherwise, in the background.
func (db *DB) LoadCatalogIndex(ctx context.Context) error {
	c := db.catalog
	c.loading.Add(1)
	defer c.loading.Add(-1)
	// Closing the store stops the load too.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer context.AfterFunc(c.background, cancel)()
	return c.load(ctx)
}

// UseCatalogIndex turns searching the in-memory index on (the default) or
// off, so that the same searches can be checked against the database's
// own index.
func (db *DB) UseCatalogIndex(on bool) { db.catalog.enabled.Store(on) }

// CatalogIndexStats describes the in-memory index.
type CatalogIndexStats struct {
	Loaded   bool
	Version  int64
	Products int
	// Searches and listings answered from memory and from the database.
	FromMemory, FromDatabase int64
}

// CatalogIndexStats reports what the in-memory index holds.
func (db *DB) CatalogIndexStats() CatalogIndexStats {
	c := db.catalog
	st := CatalogIndexStats{FromMemory: c.fromMemory.Load(), FromDatabase: c.fromDatabase.Load()}
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.ix != nil {
		st.Loaded, st.Version, st.Products = true, c.version, c.ix.Len()
	}
	return st
}

// MemoryIndexed is a store that can also answer catalog searches from the
// in-memory index: the server loads it and exports its counts, and
// storetest checks it against the database's own index.
type MemoryIndexed interface {
	UseCatalogIndex(on bool)
	LoadCatalogIndex(ctx context.Context) error
	CatalogIndexStats() CatalogIndexStats
}

var _ MemoryIndexed = (*DB)(nil)

// load reads every product's index entry in one snapshot and replaces the
// index with them, unless the index has meanwhile moved past it.
func (c *catalogIndex) load(ctx context.Context) error {
	return c.db.View(ctx, func(ftx firstset.Tx) error {
		t := ftx.(*Tx)
		v, err := t.CatalogVersion(ctx)
		if err != nil {
			return err
		}
		// A range of ids at a time, so that only one range's rows are
		// held on the way into the index.
		var last int64
		if err := t.QueryRow(ctx, `SELECT COALESCE(MAX(id), 0) FROM products`).Scan(&last); err != nil {
			return t.wrap("load catalog index", err)
		}
		ix, items := search.NewIndex(), make(map[int64]firstset.CatalogItem)
		names := interner{}
		const perRange = 5000
		for from := int64(0); from < last; from += perRange {
			rows, err := t.indexEntries(ctx, `p.id > ? AND p.id <= ?`, from, from+perRange)
			if err != nil {
				return err
			}
			ix.Load(memoryEntries(rows))
			for _, r := range rows {
				items[r.entry.ID] = names.item(r.item)
			}
		}
		ix.Prepare()
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.ix == nil || v > c.version {
			c.ix, c.items, c.version = ix, items, v
		}
		return nil
	})
}

// loadInBackground starts a load unless one is under way or one failed
// moments ago.
func (c *catalogIndex) loadInBackground() {
	if time.Since(time.Unix(0, c.failedAt.Load())) < retryAfter || !c.loading.CompareAndSwap(0, 1) {
		return
	}
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		defer c.loading.Add(-1)
		if err := c.load(c.background); err != nil {
			c.failedAt.Store(time.Now().UnixNano())
		}
	}()
}

func memoryEntries(rows []catalogRow) []search.Entry {
	out := make([]search.Entry, len(rows))
	for i, r := range rows {
		out[i] = memoryEntry(r.entry)
	}
	return out
}

// interner keeps one copy of the enterprise, category and district names
// repeated across products.
type interner map[string]string

func (in interner) string(s string) string {
	if v, ok := in[s]; ok {
		return v
	}
	in[s] = s
	return s
}

func (in interner) item(it firstset.CatalogItem) firstset.CatalogItem {
	it.Enterprise, it.Category, it.District = in.string(it.Enterprise), in.string(it.Category), in.string(it.District)
	return it
}

func memoryEntry(e IndexEntry) search.Entry {
	return search.Entry{Key: uint64(CatalogKey(e.ID, e.RecognizedOn)), Doc: e.Doc, Tags: e.Tags()}
}

// memoryIndex returns the in-memory index at exactly the version t's
// snapshot sees, read-locked (the caller must call release), or nil when
// t must search the database instead.
func (t *Tx) memoryIndex(ctx context.Context) (ix *search.Index, release func(), err error) {
	c := t.catalog
	if c == nil {
		return nil, nil, nil
	}
	defer func() {
		if ix != nil {
			c.fromMemory.Add(1)
		} else {
			c.fromDatabase.Add(1)
		}
	}()
	if !t.readOnly || len(t.pending) > 0 || !c.enabled.Load() {
		return nil, nil, nil
	}
	v, err := t.CatalogVersion(ctx)
	if err != nil {
		return nil, nil, err
	}
	if err := c.bringUpTo(ctx, t, v); err != nil {
		return nil, nil, err
	}
	c.mu.RLock()
	if c.ix == nil || c.version != v {
		c.mu.RUnlock()
		return nil, nil, nil
	}
	return c.ix, c.mu.RUnlock, nil
}

// bringUpTo applies the changes of the versions after memory's up to v,
// re-reading the changed products in t's snapshot. It leaves memory as it
// is when memory is not loaded (starting a load), already at or past v, or
// too far behind (starting a rebuild).
func (c *catalogIndex) bringUpTo(ctx context.Context, t *Tx, v int64) error {
	c.mu.RLock()
	loaded, have := c.ix != nil, c.version
	c.mu.RUnlock()
	if !loaded {
		c.loadInBackground()
		return nil
	}
	if have >= v || c.loading.Load() > 0 {
		return nil // a load under way brings memory up to date
	}
	c.catchUp.Lock()
	defer c.catchUp.Unlock()
	c.mu.RLock()
	have = c.version
	c.mu.RUnlock()
	if have >= v {
		return nil
	}
	var pruned int64
	if err := t.QueryRow(ctx, `SELECT pruned_through FROM catalog_version WHERE id = 1`).Scan(&pruned); err != nil {
		return t.wrap("read catalog changes", err)
	}
	if have < pruned {
		c.loadInBackground() // the changes since have are no longer known
		return nil
	}
	rows, err := t.Query(ctx, `SELECT DISTINCT product_id FROM catalog_changes WHERE version > ? AND version <= ? LIMIT ?`,
		have, v, catchUpLimit+1)
	if err != nil {
		return t.wrap("read catalog changes", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return t.wrap("read catalog changes", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return t.wrap("read catalog changes", err)
	}
	if len(ids) > catchUpLimit {
		c.loadInBackground()
		return nil
	}
	var changed []catalogRow
	const perStatement = 500
	for rest := ids; len(rest) > 0; {
		n := min(len(rest), perStatement)
		args := make([]any, n)
		for i, id := range rest[:n] {
			args[i] = id
		}
		more, err := t.indexEntries(ctx, `p.id IN (`+placeholders(n)+`)`, args...)
		if err != nil {
			return err
		}
		changed = append(changed, more...)
		rest = rest[n:]
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != have {
		return nil // a rebuild landed meanwhile
	}
	gone := make([]uint32, len(ids))
	for i, id := range ids {
		gone[i] = uint32(id)
		delete(c.items, id)
	}
	c.ix.Apply(gone, memoryEntries(changed))
	names := interner{}
	for _, r := range changed {
		c.items[r.entry.ID] = names.item(r.item)
	}
	c.version = v
	return nil
}

// catalogRow is what one product gives the catalog: its index entry and
// the item a search shows.
type catalogRow struct {
	entry IndexEntry
	item  firstset.CatalogItem
}

// indexEntries reads the index entries and catalog items of the products
// satisfying cond (a condition on products p; every product when empty),
// as writing them would have made them.
func (t *Tx) indexEntries(ctx context.Context, cond string, args ...any) ([]catalogRow, error) {
	where := ""
	if cond != "" {
		where = ` WHERE ` + cond
	}
	var list []*catalogRow
	params := map[int64][]firstset.Param{}
	rows, err := t.Query(ctx, `SELECT `+catalogItemColumns+productJoins+where, args...)
	if err != nil {
		return nil, t.wrap("read index entries", err)
	}
	for rows.Next() {
		r := &catalogRow{}
		if err := scanCatalogItem(rows, &r.item); err != nil {
			rows.Close()
			return nil, t.wrap("read index entries", err)
		}
		it := &r.item
		r.entry = IndexEntry{ID: it.ID, EnterpriseID: it.EnterpriseID, Status: it.Status, CategoryID: it.CategoryID,
			InnovationLevel: it.InnovationLevel, DistrictCode: it.DistrictCode, RecognizedOn: it.RecognizedOn}
		list = append(list, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, t.wrap("read index entries", err)
	}
	if len(list) == 0 {
		return nil, nil
	}
	rows, err = t.Query(ctx, `SELECT pp.product_id, pp.name FROM product_params pp
		JOIN products p ON p.id = pp.product_id`+where+` ORDER BY pp.product_id, pp.pos`, args...)
	if err != nil {
		return nil, t.wrap("read index entry params", err)
	}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return nil, t.wrap("read index entry params", err)
		}
		params[id] = append(params[id], firstset.Param{Name: name})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, t.wrap("read index entry params", err)
	}
	out := make([]catalogRow, len(list))
	for i, r := range list {
		it := &r.item
		r.entry.Doc = productDoc(it.Name, it.Model, it.Enterprise, it.Category, params[it.ID])
		out[i] = *r
	}
	return out, nil
}

// searchMemory answers a catalog search from memory, items included; ok
// is false when the database must answer it.
func (t *Tx) searchMemory(ctx context.Context, q firstset.CatalogQuery, sq search.Query) (res *firstset.CatalogPage, ok bool, err error) {
	ix, release, err := t.memoryIndex(ctx)
	if err != nil || ix == nil {
		return nil, false, err
	}
	defer release()
	limit, offset := page(q.Offset, q.Limit)
	found, total := ix.Search(sq, TagsOrAll(sq, QueryTags(q)), offset, limit)
	res = &firstset.CatalogPage{Items: make([]firstset.CatalogItem, 0, len(found)), Total: total}
	for _, id := range found {
		res.Items = append(res.Items, t.catalog.items[int64(id)])
	}
	return res, true, nil
}

// matchMemory returns every product matching sq and tags from memory; ok
// is false when the database must answer.
func (t *Tx) matchMemory(ctx context.Context, sq search.Query, tags []string) (ids []int64, ok bool, err error) {
	ix, release, err := t.memoryIndex(ctx)
	if err != nil || ix == nil {
		return nil, false, err
	}
	defer release()
	return widen(ix.Match(sq, TagsOrAll(sq, tags))), true, nil
}

// TagsOrAll is tags, or the tag every product carries when a search has
// neither text nor filters: what an index lookup needs to match anything.
func TagsOrAll(sq search.Query, tags []string) []string {
	if sq.Empty() && len(tags) == 0 {
		return []string{"all"}
	}
	return tags
}

func widen(ids []uint32) []int64 {
	out := make([]int64, len(ids))
	for i, id := range ids {
		out[i] = int64(id)
	}
	return out
}

// checkProductID refuses ids the catalog key cannot carry.
func checkProductID(id int64) error {
	if id < 1 || id > MaxProductID {
		return fmt.Errorf("product id %d is outside the catalog index's range", id)
	}
	return nil
}
