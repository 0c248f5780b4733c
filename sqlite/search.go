package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"firstset"
	"firstset/date"
	"firstset/search"
	"firstset/sqlstore"
)

// The catalog index is the FTS5 table product_fts. Each product is one row:
//
//   - bi: each searchable field's character bigrams in order, fields
//     separated by a break token, so a phrase of a query's consecutive
//     bigrams matches exactly where the query is a substring of one field;
//   - uni: the distinct characters, for one-character queries;
//   - tags: the filter tokens of sqlstore.IndexEntry.Tags.
//
// Its rowid is the catalog order itself (sqlstore.CatalogKey: the day of
// recognition in the high 32 bits, the product id in the low). A
// page of results is then read straight off the index in rowid order, and
// a total is counted without touching the products table, however many
// products match.

// indexProducts inserts entries in rowid order, which FTS5 appends to its
// pending data; an insert below the last rowid would make it flush first.
func indexProducts(ctx context.Context, x sqlstore.Querier, entries []sqlstore.IndexEntry) error {
	slices.SortFunc(entries, func(a, b sqlstore.IndexEntry) int {
		return cmp.Compare(sqlstore.CatalogKey(a.ID, a.RecognizedOn), sqlstore.CatalogKey(b.ID, b.RecognizedOn))
	})
	for _, e := range entries {
		if _, err := x.Exec(ctx, `INSERT INTO product_fts (rowid, bi, uni, tags) VALUES (?, ?, ?, ?)`,
			sqlstore.CatalogKey(e.ID, e.RecognizedOn), e.Doc.BigramText(), e.Doc.UnigramText(), strings.Join(e.Tags(), " ")); err != nil {
			return err
		}
	}
	return nil
}

// unindexProduct finds the product's index row from its recognition date as
// still stored.
func unindexProduct(ctx context.Context, x sqlstore.Querier, id int64) error {
	var on date.Date
	err := x.QueryRow(ctx, `SELECT recognized_on FROM products WHERE id = ?`, id).Scan(&on)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	_, err = x.Exec(ctx, `DELETE FROM product_fts WHERE rowid = ?`, sqlstore.CatalogKey(id, on))
	return err
}

// textMatch is the FTS5 expression for a non-empty query. Grams hold only
// letters and digits, so they need no escaping inside an FTS5 string.
func textMatch(q search.Query) string {
	if q.Single() {
		return `uni : "` + q.Grams[0] + `"`
	}
	return `bi : "` + strings.Join(q.Grams, " ") + `"`
}

// The catalog's two queries: the total, and a page in catalog order.
const (
	countQuery = `SELECT COUNT(*) FROM product_fts WHERE product_fts MATCH ?`
	pageQuery  = `SELECT rowid FROM product_fts WHERE product_fts MATCH ? ORDER BY rowid DESC LIMIT ? OFFSET ?`
)

// matchExpr is the FTS5 expression for a catalog search: its text and its
// filters, or every product.
func matchExpr(q firstset.CatalogQuery, sq search.Query) string {
	return expr(sq, sqlstore.QueryTags(q))
}

// expr is the FTS5 expression for text sq (if any) and tags, or every
// product.
func expr(sq search.Query, tags []string) string {
	var parts []string
	if !sq.Empty() {
		parts = append(parts, textMatch(sq))
	}
	for _, t := range sqlstore.TagsOrAll(sq, tags) {
		parts = append(parts, `tags : "`+t+`"`)
	}
	return strings.Join(parts, " AND ")
}

func matchingProducts(ctx context.Context, x sqlstore.Querier, sq search.Query, tags []string) ([]int64, error) {
	rows, err := x.Query(ctx, `SELECT rowid FROM product_fts WHERE product_fts MATCH ?`, expr(sq, tags))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var key int64
		if err := rows.Scan(&key); err != nil {
			return nil, err
		}
		ids = append(ids, key&sqlstore.MaxProductID)
	}
	return ids, rows.Err()
}

func searchProducts(ctx context.Context, x sqlstore.Querier, q firstset.CatalogQuery, sq search.Query) ([]int64, int, error) {
	expr := matchExpr(q, sq)
	var total int
	if err := x.QueryRow(ctx, countQuery, expr).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count catalog: %w", err)
	}
	limit, offset := sqlstore.Page(q.Offset, q.Limit)
	if total <= offset {
		return nil, total, nil
	}
	rows, err := x.Query(ctx, pageQuery, expr, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("search catalog: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var key int64
		if err := rows.Scan(&key); err != nil {
			return nil, 0, fmt.Errorf("search catalog: %w", err)
		}
		ids = append(ids, key&sqlstore.MaxProductID)
	}
	return ids, total, rows.Err()
}
