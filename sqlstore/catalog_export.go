package sqlstore

import (
	"context"

	"firstset"
	"firstset/search"
)

// An export reads the whole of a search: first the ordered ids of what
// matches (a few bytes a product), then the items a chunk at a time, each
// chunk in a transaction of its own, so that neither every row nor one
// snapshot is held for as long as a large workbook takes to write.

// itemsPerStatement bounds the ids of one IN list, well under either
// database's limit on parameters.
const itemsPerStatement = 500

// CatalogIDs returns the ids of every product matching q, in catalog
// order, from memory when memory holds t's snapshot.
func (t *Tx) CatalogIDs(ctx context.Context, q firstset.CatalogQuery) ([]int64, error) {
	if err := t.flushIndex(ctx); err != nil {
		return nil, err
	}
	q.Offset, q.Limit = 0, 0 // every match
	sq := search.ParseQuery(q.Query)
	ix, release, err := t.memoryIndex(ctx)
	if err != nil {
		return nil, t.wrap("list catalog matches", err)
	}
	if ix != nil {
		defer release()
		found, _ := ix.Search(sq, TagsOrAll(sq, QueryTags(q)), 0, 0)
		return widen(found), nil
	}
	ids, _, err := t.d.SearchProducts(ctx, t, q, sq)
	if err != nil {
		return nil, t.wrap("list catalog matches", err)
	}
	return ids, nil
}

// CatalogItems returns the catalog items of ids in their order, from
// memory when memory holds t's snapshot; ids no longer stored are left
// out. ValidUntil is the stored validity, as SearchCatalog gives it.
func (t *Tx) CatalogItems(ctx context.Context, ids []int64) ([]firstset.CatalogItem, error) {
	if err := t.flushIndex(ctx); err != nil {
		return nil, err
	}
	ix, release, err := t.memoryIndex(ctx)
	if err != nil {
		return nil, t.wrap("read catalog items", err)
	}
	if ix != nil {
		defer release()
		out := make([]firstset.CatalogItem, 0, len(ids))
		for _, id := range ids {
			if it, ok := t.catalog.items[id]; ok {
				out = append(out, it)
			}
		}
		return out, nil
	}
	out := make([]firstset.CatalogItem, 0, len(ids))
	for rest := ids; len(rest) > 0; {
		n := min(len(rest), itemsPerStatement)
		more, err := t.catalogItemsByID(ctx, rest[:n])
		if err != nil {
			return nil, err
		}
		out = append(out, more...)
		rest = rest[n:]
	}
	return out, nil
}

// catalogItemsByID reads the items of ids from the database in the order
// of ids, leaving out those not found.
func (t *Tx) catalogItemsByID(ctx context.Context, ids []int64) ([]firstset.CatalogItem, error) {
	out := make([]firstset.CatalogItem, 0, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := t.Query(ctx, `SELECT `+catalogItemColumns+productJoins+` WHERE p.id IN (`+placeholders(len(ids))+`)`, args...)
	if err != nil {
		return nil, t.wrap("read catalog items", err)
	}
	defer rows.Close()
	byID := make(map[int64]firstset.CatalogItem, len(ids))
	for rows.Next() {
		var it firstset.CatalogItem
		if err := scanCatalogItem(rows, &it); err != nil {
			return nil, t.wrap("scan catalog item", err)
		}
		byID[it.ID] = it
	}
	if err := rows.Err(); err != nil {
		return nil, t.wrap("read catalog items", err)
	}
	for _, id := range ids {
		if it, ok := byID[id]; ok {
			out = append(out, it)
		}
	}
	return out, nil
}
