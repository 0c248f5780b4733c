package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"firstset"
	"firstset/search"
)

// The articles are searched with the catalog's index (search.Index: the
// same grams, so a word like 补贴 finds what it finds in the catalog),
// held in memory by each instance. There are hundreds of articles, not
// tens of thousands of products, so the index is not patched change by
// change as the catalog's is: every write bumps article_version, and a
// reader whose snapshot sees a version the memory does not hold rebuilds
// the whole index inside that snapshot.

const articleColumns = `a.id, a.kind, a.title, a.body, a.publish_on, a.end_on, a.draft, a.clause_ids,
	COALESCE(a.created_by, 0), COALESCE(u.name, ''), a.created_at, a.updated_at`

const articleJoins = ` FROM articles a LEFT JOIN users u ON u.id = a.created_by`

func scanArticle(sc interface{ Scan(...any) error }) (*firstset.Article, error) {
	var x firstset.Article
	if err := sc.Scan(&x.ID, &x.Kind, &x.Title, &x.Body, &x.PublishOn, &x.EndOn, &x.Draft, jsonList[string]{&x.ClauseIDs},
		&x.CreatedBy, &x.CreatedByName, timeScanner{&x.CreatedAt}, timeScanner{&x.UpdatedAt}); err != nil {
		return nil, err
	}
	x.KindLabel = x.Kind.Label()
	return &x, nil
}

func (t *Tx) CreateArticle(ctx context.Context, x *firstset.Article) error {
	now := time.Now()
	stamp(&x.CreatedAt, now)
	stamp(&x.UpdatedAt, now)
	clauses, err := jsonText(x.ClauseIDs)
	if err != nil {
		return fmt.Errorf("article clauses: %w", err)
	}
	err = t.insertID(ctx, &x.ID, `INSERT INTO articles (kind, title, body, publish_on, end_on, draft, clause_ids, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, x.Kind, x.Title, x.Body, x.PublishOn, x.EndOn, x.Draft, clauses,
		nullID(x.CreatedBy), t.time(x.CreatedAt), t.time(x.UpdatedAt))
	if err != nil {
		return t.wrap("create article", err)
	}
	if err := checkArticleID(x.ID); err != nil {
		return err
	}
	return t.bumpArticleVersion(ctx)
}

func (t *Tx) UpdateArticle(ctx context.Context, x *firstset.Article) error {
	stamp(&x.UpdatedAt, time.Now())
	clauses, err := jsonText(x.ClauseIDs)
	if err != nil {
		return fmt.Errorf("article clauses: %w", err)
	}
	res, err := t.Exec(ctx, `UPDATE articles SET kind = ?, title = ?, body = ?, publish_on = ?, end_on = ?, draft = ?, clause_ids = ?,
		updated_at = ? WHERE id = ?`, x.Kind, x.Title, x.Body, x.PublishOn, x.EndOn, x.Draft, clauses, t.time(x.UpdatedAt), x.ID)
	if err != nil {
		return t.wrap(fmt.Sprintf("update article %d", x.ID), err)
	}
	if err := affected(res, "文章"); err != nil {
		return err
	}
	return t.bumpArticleVersion(ctx)
}

func (t *Tx) bumpArticleVersion(ctx context.Context) error {
	_, err := t.Exec(ctx, `UPDATE article_version SET version = version + 1 WHERE id = 1`)
	return t.wrap("bump article version", err)
}

func (t *Tx) ArticleByID(ctx context.Context, id int64) (*firstset.Article, error) {
	x, err := scanArticle(t.QueryRow(ctx, `SELECT `+articleColumns+articleJoins+` WHERE a.id = ?`, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("article %d", id), "文章", err)
	}
	return x, nil
}

func (t *Tx) ListArticles(ctx context.Context, f firstset.ArticleFilter) ([]*firstset.Article, int, error) {
	snap, err := t.articleSnapshot(ctx)
	if err != nil {
		return nil, 0, err
	}
	sq := search.ParseQuery(f.Query)
	var tags []string
	if f.Kind != "" {
		tags = append(tags, "kind:"+string(f.Kind))
	}
	if f.ClauseID != "" {
		tags = append(tags, "clause:"+f.ClauseID)
	}
	if sq.Empty() && len(tags) == 0 {
		tags = []string{"all"}
	}
	// Every match, newest publish day first; then the day's filter.
	ids, _ := snap.ix.Search(sq, tags, 0, 0)
	limit, offset := page(f.Offset, f.Limit)
	list := []*firstset.Article{}
	total := 0
	for _, id := range ids {
		x := snap.byID[int64(id)]
		if !f.PublicOn.IsZero() && !x.PublicOn(f.PublicOn) {
			continue
		}
		if total >= offset && len(list) < limit {
			c := *x
			c.ClauseIDs = append([]string{}, x.ClauseIDs...)
			list = append(list, &c)
		}
		total++
	}
	return list, total, nil
}

// articleSnapshot is the index of every article as t's snapshot sees
// them: memory's, when it holds that version, else one built now (and
// kept for the next readers when t is read-only, so nothing a write
// transaction has not yet committed is kept).
func (t *Tx) articleSnapshot(ctx context.Context) (*articleSnapshot, error) {
	var v int64
	if err := t.QueryRow(ctx, `SELECT version FROM article_version WHERE id = 1`).Scan(&v); err != nil {
		return nil, t.wrap("read article version", err)
	}
	c := t.articles
	if c == nil || !t.readOnly {
		return t.buildArticleSnapshot(ctx, v)
	}
	if s := c.at(v); s != nil {
		return s, nil
	}
	// One reader builds; the others of the same version wait for it.
	c.build.Lock()
	defer c.build.Unlock()
	if s := c.at(v); s != nil {
		return s, nil
	}
	s, err := t.buildArticleSnapshot(ctx, v)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.snap == nil || v > c.snap.version {
		c.snap = s
	}
	c.mu.Unlock()
	return s, nil
}

func (t *Tx) buildArticleSnapshot(ctx context.Context, v int64) (*articleSnapshot, error) {
	rows, err := t.Query(ctx, `SELECT `+articleColumns+articleJoins)
	if err != nil {
		return nil, t.wrap("read articles", err)
	}
	defer rows.Close()
	s := &articleSnapshot{version: v, ix: search.NewIndex(), byID: map[int64]*firstset.Article{}}
	var entries []search.Entry
	for rows.Next() {
		x, err := scanArticle(rows)
		if err != nil {
			return nil, t.wrap("scan article", err)
		}
		s.byID[x.ID] = x
		entries = append(entries, articleEntry(x))
	}
	if err := rows.Err(); err != nil {
		return nil, t.wrap("read articles", err)
	}
	s.ix.Load(entries)
	s.ix.Prepare()
	return s, nil
}

// articleEntry is an article as the index takes it: the title and each
// paragraph a field (so a phrase never spans two), its kind and clauses
// as tags, ordered by its publish day as the catalog by recognition.
func articleEntry(x *firstset.Article) search.Entry {
	fields := append([]string{x.Title}, strings.Split(x.Body, "\n")...)
	tags := []string{"all", "kind:" + string(x.Kind)}
	for _, c := range x.ClauseIDs {
		tags = append(tags, "clause:"+c)
	}
	return search.Entry{Key: uint64(CatalogKey(x.ID, x.PublishOn)), Doc: search.NewDoc(fields...), Tags: tags}
}

// checkArticleID refuses ids the index's key cannot carry.
func checkArticleID(id int64) error {
	if id < 1 || id > MaxProductID {
		return fmt.Errorf("article id %d is outside the search index's range", id)
	}
	return nil
}

// articleIndex is the in-memory article index of one instance.
type articleIndex struct {
	mu    sync.Mutex // guards snap
	snap  *articleSnapshot
	build sync.Mutex // one rebuild at a time
}

// articleSnapshot is every article of one version, indexed; read only.
type articleSnapshot struct {
	version int64
	ix      *search.Index
	byID    map[int64]*firstset.Article
}

// at is memory's snapshot if it is of version v.
func (c *articleIndex) at(v int64) *articleSnapshot {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.snap != nil && c.snap.version == v {
		return c.snap
	}
	return nil
}
