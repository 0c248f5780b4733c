package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"firstset"
	"firstset/search"
)

const productColumns = `p.id, p.enterprise_id, p.name, p.model, p.category_id, p.description,
	p.innovation_level, p.talent_led, p.talent_program, p.status, p.recognized_on, p.valid_until,
	p.created_at, p.updated_at, e.name, e.district_code, c.name,
	CASE WHEN EXISTS (SELECT 1 FROM cases k WHERE k.product_id = p.id) THEN 1 ELSE 0 END`

const productJoins = ` FROM products p
	JOIN enterprises e ON e.id = p.enterprise_id
	JOIN categories c ON c.id = p.category_id`

func scanProduct(sc interface{ Scan(...any) error }) (*firstset.Product, error) {
	var p firstset.Product
	var hasCases int
	err := sc.Scan(&p.ID, &p.EnterpriseID, &p.Name, &p.Model, &p.CategoryID, &p.Description,
		&p.InnovationLevel, &p.TalentLed, &p.TalentProgram, &p.Status, &p.RecognizedOn, &p.ValidUntil,
		timeScanner{&p.CreatedAt}, timeScanner{&p.UpdatedAt}, &p.EnterpriseName, &p.DistrictCode, &p.CategoryName, &hasCases)
	if err != nil {
		return nil, err
	}
	p.HasCases = hasCases == 1
	p.Params, p.Patents = []firstset.Param{}, []string{}
	return &p, nil
}

func (t *Tx) ProductByID(ctx context.Context, id int64) (*firstset.Product, error) {
	p, err := scanProduct(t.QueryRow(ctx, `SELECT `+productColumns+productJoins+` WHERE p.id = ?`, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("product %d", id), "装备", err)
	}
	if err := t.loadProductDetails(ctx, []*firstset.Product{p}); err != nil {
		return nil, err
	}
	return p, nil
}

// loadProductDetails fills in the parameters and patents of list, in their
// stored order, with one query each per chunk of products.
func (t *Tx) loadProductDetails(ctx context.Context, list []*firstset.Product) error {
	return inChunks(list, func(part []*firstset.Product) error { return t.loadProductChunk(ctx, part) })
}

// inChunks calls fn on list a chunk at a time: chunks keep the IN lists
// of the queries fn makes under every database's limit on parameters.
func inChunks[T any](list []T, fn func([]T) error) error { return inChunksOf(list, 500, fn) }

// inChunksOf is inChunks with chunks of a given size.
func inChunksOf[T any](list []T, chunk int, fn func([]T) error) error {
	for len(list) > 0 {
		n := min(len(list), chunk)
		if err := fn(list[:n]); err != nil {
			return err
		}
		list = list[n:]
	}
	return nil
}

func (t *Tx) loadProductChunk(ctx context.Context, list []*firstset.Product) error {
	byID := make(map[int64]*firstset.Product, len(list))
	ids := make([]any, 0, len(list))
	for _, p := range list {
		byID[p.ID] = p
		ids = append(ids, p.ID)
	}
	in := placeholders(len(ids))
	rows, err := t.Query(ctx, `SELECT product_id, name, value, unit FROM product_params
		WHERE product_id IN (`+in+`) ORDER BY product_id, pos`, ids...)
	if err != nil {
		return t.wrap("load product params", err)
	}
	for rows.Next() {
		var id int64
		var x firstset.Param
		if err := rows.Scan(&id, &x.Name, &x.Value, &x.Unit); err != nil {
			rows.Close()
			return t.wrap("scan product param", err)
		}
		byID[id].Params = append(byID[id].Params, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return t.wrap("load product params", err)
	}
	rows, err = t.Query(ctx, `SELECT product_id, number FROM product_patents
		WHERE product_id IN (`+in+`) ORDER BY product_id, pos`, ids...)
	if err != nil {
		return t.wrap("load product patents", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n string
		if err := rows.Scan(&id, &n); err != nil {
			return t.wrap("scan product patent", err)
		}
		byID[id].Patents = append(byID[id].Patents, n)
	}
	return t.wrap("load product patents", rows.Err())
}

// ListProducts lists products newest first. Query matches the way catalog
// search does: a substring of the name, model, enterprise, category or a
// parameter's name.
func (t *Tx) ListProducts(ctx context.Context, f firstset.ProductFilter, districtCode string) ([]*firstset.Product, int, error) {
	limit, offset := page(f.Offset, f.Limit)
	if q := search.ParseQuery(f.Query); !q.Empty() || districtCode != "" {
		// The catalog index holds the text and the district, so it finds
		// these without joining every product to its enterprise.
		if err := t.flushIndex(ctx); err != nil {
			return nil, 0, err
		}
		tags := listTags(f, districtCode)
		ids, ok, err := t.matchMemory(ctx, q, tags)
		if err == nil && !ok {
			ids, err = t.d.MatchingProducts(ctx, t, q, tags)
		}
		if err != nil {
			return nil, 0, t.wrap("list products", err)
		}
		slices.SortFunc(ids, func(a, b int64) int { return cmp.Compare(b, a) })
		total := len(ids)
		ids = ids[min(offset, total):min(offset+limit, total)]
		list, err := t.productsByID(ctx, ids)
		return list, total, err
	}
	var w where
	if f.EnterpriseID != 0 {
		w.add("p.enterprise_id = ?", f.EnterpriseID)
	}
	if f.Status != "" {
		w.add("p.status = ?", f.Status)
	}
	var total int
	if err := t.QueryRow(ctx, `SELECT COUNT(*) FROM products p`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, t.wrap("count products", err)
	}
	rows, err := t.Query(ctx, `SELECT `+productColumns+productJoins+w.String()+
		` ORDER BY p.id DESC LIMIT ? OFFSET ?`, append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, t.wrap("list products", err)
	}
	list, err := t.scanProducts(ctx, rows)
	return list, total, err
}

// productsByID returns the products of ids, in that order.
func (t *Tx) productsByID(ctx context.Context, ids []int64) ([]*firstset.Product, error) {
	if len(ids) == 0 {
		return []*firstset.Product{}, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := t.Query(ctx, `SELECT `+productColumns+productJoins+` WHERE p.id IN (`+placeholders(len(ids))+`)`, args...)
	if err != nil {
		return nil, t.wrap("products by id", err)
	}
	found, err := t.scanProducts(ctx, rows)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*firstset.Product, len(found))
	for _, p := range found {
		byID[p.ID] = p
	}
	list := make([]*firstset.Product, 0, len(ids))
	for _, id := range ids {
		if p := byID[id]; p != nil {
			list = append(list, p)
		}
	}
	return list, nil
}

// scanProducts reads and closes rows of productColumns, then loads the
// products' parameters and patents.
func (t *Tx) scanProducts(ctx context.Context, rows *sql.Rows) ([]*firstset.Product, error) {
	list := []*firstset.Product{}
	for rows.Next() {
		p, err := scanProduct(rows)
		if err != nil {
			rows.Close()
			return nil, t.wrap("scan product", err)
		}
		list = append(list, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, t.wrap("list products", err)
	}
	if err := t.loadProductDetails(ctx, list); err != nil {
		return nil, err
	}
	return list, nil
}

// productContext looks up the names a product's index needs, which also
// checks that its enterprise and category exist (the services' field codes
// and messages: they do not check it themselves).
func (t *Tx) productContext(ctx context.Context, p *firstset.Product) error {
	if err := t.shareEnterprise(ctx, p.EnterpriseID); err != nil {
		return err
	}
	err := t.QueryRow(ctx, `SELECT e.name, e.district_code, c.name FROM enterprises e, categories c
		WHERE e.id = ? AND c.id = ?`, p.EnterpriseID, p.CategoryID).Scan(&p.EnterpriseName, &p.DistrictCode, &p.CategoryName)
	if !errors.Is(err, sql.ErrNoRows) {
		return t.wrap("product context", err)
	}
	var n int
	if err := t.QueryRow(ctx, `SELECT COUNT(*) FROM enterprises WHERE id = ?`, p.EnterpriseID).Scan(&n); err != nil {
		return t.wrap("product enterprise", err)
	}
	if n == 0 {
		return firstset.FieldErrorf("enterprise_id", "unknown_enterprise", "研制企业不存在。")
	}
	return firstset.FieldErrorf("category_id", "unknown_category", "装备类别不存在。")
}

// shareEnterprise locks enterprise id, if it exists, until this
// transaction ends, so that it cannot be renamed or moved meanwhile: a
// product written with the old name and district while the rename
// re-indexes the enterprise's other products would otherwise keep them in
// the search index for good. Only where writers run side by side
// (PostgreSQL, at READ COMMITTED).
func (t *Tx) shareEnterprise(ctx context.Context, id int64) error {
	if t.d.ForShare == "" {
		return nil
	}
	var found int64
	err := t.QueryRow(ctx, `SELECT id FROM enterprises WHERE id = ?`+t.d.ForShare, id).Scan(&found)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // the caller reports what is missing
	}
	return t.wrap("lock enterprise", err)
}

// shareEnterpriseOf locks the enterprise of product id (see
// shareEnterprise). Only the enterprise: a shared lock on the product row
// would deadlock two writers of the same product.
func (t *Tx) shareEnterpriseOf(ctx context.Context, productID int64) error {
	if t.d.ForShare == "" {
		return nil
	}
	var id int64
	err := t.QueryRow(ctx, `SELECT enterprise_id FROM products WHERE id = ?`, productID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return t.wrap("lock enterprise", err)
	}
	return t.shareEnterprise(ctx, id)
}

// checkPatents refuses a patent held by another product, naming it, before
// the unique index would refuse it without a name. A patent listed twice
// is the services' to refuse (their input check); the index refuses it too.
func (t *Tx) checkPatents(ctx context.Context, p *firstset.Product) error {
	if len(p.Patents) == 0 {
		return nil
	}
	args := make([]any, 0, len(p.Patents)+1)
	for _, n := range p.Patents {
		args = append(args, n)
	}
	args = append(args, p.ID)
	var number string
	err := t.QueryRow(ctx, `SELECT number FROM product_patents WHERE number IN (`+placeholders(len(p.Patents))+
		`) AND product_id <> ? ORDER BY number LIMIT 1`, args...).Scan(&number)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return t.wrap("check patents", err)
	}
	return &firstset.Error{Code: firstset.ECONFLICT, Field: "patents",
		Message: fmt.Sprintf("专利号 %s 已属于其他装备，一项专利只能对应一个装备。", number)}
}

func (t *Tx) CreateProduct(ctx context.Context, p *firstset.Product) error {
	if err := t.productContext(ctx, p); err != nil {
		return err
	}
	if err := t.checkPatents(ctx, p); err != nil {
		return err
	}
	now := time.Now()
	stamp(&p.CreatedAt, now)
	stamp(&p.UpdatedAt, now)
	err := t.insertID(ctx, &p.ID, `INSERT INTO products (enterprise_id, name, model, category_id, description,
		innovation_level, talent_led, talent_program, status, recognized_on, valid_until, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.EnterpriseID, p.Name, p.Model, p.CategoryID, p.Description, p.InnovationLevel, p.TalentLed,
		p.TalentProgram, p.Status, p.RecognizedOn, p.ValidUntil, t.time(p.CreatedAt), t.time(p.UpdatedAt))
	if err != nil {
		return t.wrap("create product", err)
	}
	return t.writeProductDetails(ctx, p)
}

func (t *Tx) UpdateProduct(ctx context.Context, p *firstset.Product) error {
	// The enterprise the product leaves, as well as the one it goes to.
	if err := t.shareEnterpriseOf(ctx, p.ID); err != nil {
		return err
	}
	if err := t.productContext(ctx, p); err != nil {
		return err
	}
	if err := t.checkPatents(ctx, p); err != nil {
		return err
	}
	if err := t.unindex(ctx, p.ID); err != nil {
		return err
	}
	stamp(&p.UpdatedAt, time.Now())
	res, err := t.Exec(ctx, `UPDATE products SET enterprise_id = ?, name = ?, model = ?, category_id = ?,
		description = ?, innovation_level = ?, talent_led = ?, talent_program = ?, status = ?, recognized_on = ?,
		valid_until = ?, updated_at = ? WHERE id = ?`,
		p.EnterpriseID, p.Name, p.Model, p.CategoryID, p.Description, p.InnovationLevel, p.TalentLed,
		p.TalentProgram, p.Status, p.RecognizedOn, p.ValidUntil, t.time(p.UpdatedAt), p.ID)
	if err != nil {
		return t.wrap(fmt.Sprintf("update product %d", p.ID), err)
	}
	if err := affected(res, "装备"); err != nil {
		return err
	}
	if _, err := t.Exec(ctx, `DELETE FROM product_params WHERE product_id = ?`, p.ID); err != nil {
		return t.wrap("replace product params", err)
	}
	if _, err := t.Exec(ctx, `DELETE FROM product_patents WHERE product_id = ?`, p.ID); err != nil {
		return t.wrap("replace product patents", err)
	}
	return t.writeProductDetails(ctx, p)
}

// writeProductDetails inserts the parameters and patents of p in order,
// each list in one statement, and indexes p for search.
func (t *Tx) writeProductDetails(ctx context.Context, p *firstset.Product) error {
	if len(p.Params) > 0 {
		args := make([]any, 0, 5*len(p.Params))
		for i, x := range p.Params {
			args = append(args, p.ID, i, x.Name, x.Value, x.Unit)
		}
		if _, err := t.Exec(ctx, `INSERT INTO product_params (product_id, pos, name, value, unit) VALUES `+
			ValueRows(len(p.Params), "(?, ?, ?, ?, ?)"), args...); err != nil {
			return t.wrap("insert product params", err)
		}
	}
	if len(p.Patents) > 0 {
		args := make([]any, 0, 3*len(p.Patents))
		for i, n := range p.Patents {
			args = append(args, n, p.ID, i)
		}
		if _, err := t.Exec(ctx, `INSERT INTO product_patents (number, product_id, pos) VALUES `+
			ValueRows(len(p.Patents), "(?, ?, ?)"), args...); err != nil {
			return t.wrap("insert product patents", err)
		}
	}
	t.index(IndexEntry{
		ID: p.ID, EnterpriseID: p.EnterpriseID, Doc: productDoc(p.Name, p.Model, p.EnterpriseName, p.CategoryName, p.Params),
		Status: p.Status, CategoryID: p.CategoryID, InnovationLevel: p.InnovationLevel,
		DistrictCode: p.DistrictCode, RecognizedOn: p.RecognizedOn,
	})
	return nil
}

// productDoc is what catalog search looks into: the product's name and
// model, its enterprise, its category and the names of its parameters.
func productDoc(name, model, enterprise, category string, params []firstset.Param) search.Doc {
	fields := []string{name, model, enterprise, category}
	for _, x := range params {
		fields = append(fields, x.Name)
	}
	return search.NewDoc(fields...)
}

// reindexEnterprise rebuilds the index of every product of enterprise id,
// after its name or district changed.
func (t *Tx) reindexEnterprise(ctx context.Context, id int64) error {
	entries, err := t.indexEntries(ctx, `p.enterprise_id = ?`, id)
	if err != nil {
		return err
	}
	for _, r := range entries {
		if err := t.unindex(ctx, r.entry.ID); err != nil {
			return err
		}
		t.index(r.entry)
	}
	return nil
}

func (t *Tx) DeleteProduct(ctx context.Context, id int64) error {
	if err := t.shareEnterpriseOf(ctx, id); err != nil {
		return err
	}
	// Unindexing a product that does not exist does nothing; the DELETE
	// below reports it.
	if err := t.unindex(ctx, id); err != nil {
		return err
	}
	res, err := t.Exec(ctx, `DELETE FROM products WHERE id = ?`, id)
	if err != nil {
		return t.wrap(fmt.Sprintf("delete product %d", id), err)
	}
	return affected(res, "装备")
}

func (t *Tx) PatentOwner(ctx context.Context, number string) (int64, error) {
	var id int64
	err := t.QueryRow(ctx, `SELECT product_id FROM product_patents WHERE number = ?`, number).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, t.wrap("patent owner", err)
}

// SearchCatalog finds products whose name, model, enterprise, category or
// parameter names contain the query, most recently recognised first.
// ValidUntil in each item is the stored validity, zero when none is
// stored (the services derive it then).
func (t *Tx) SearchCatalog(ctx context.Context, q firstset.CatalogQuery) (*firstset.CatalogPage, error) {
	if err := t.flushIndex(ctx); err != nil {
		return nil, err
	}
	sq := search.ParseQuery(q.Query)
	if res, ok, err := t.searchMemory(ctx, q, sq); err != nil || ok {
		if err != nil {
			return nil, t.wrap("search catalog", err)
		}
		return res, nil
	}
	ids, total, err := t.d.SearchProducts(ctx, t, q, sq)
	if err != nil {
		return nil, t.wrap("search catalog", err)
	}
	items, err := t.catalogItemsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	return &firstset.CatalogPage{Items: items, Total: total}, nil
}

// catalogItemColumns are what scanCatalogItem reads, from productJoins.
const catalogItemColumns = `p.id, p.name, p.model, e.name, e.id, c.name, c.id,
	e.district_code, p.innovation_level, p.talent_led, p.status, p.recognized_on, p.valid_until`

// scanCatalogItem reads a row of catalogItemColumns into it, with the
// validity as the catalog shows it.
func scanCatalogItem(rows *sql.Rows, it *firstset.CatalogItem) error {
	if err := rows.Scan(&it.ID, &it.Name, &it.Model, &it.Enterprise, &it.EnterpriseID, &it.Category,
		&it.CategoryID, &it.DistrictCode, &it.InnovationLevel, &it.TalentLed, &it.Status,
		&it.RecognizedOn, &it.ValidUntil); err != nil {
		return err
	}
	it.District = districtName(it.DistrictCode)
	return nil
}

// CatalogVersion is the catalog's change counter.
func (t *Tx) CatalogVersion(ctx context.Context) (int64, error) {
	if t.readOnly && t.version != 0 {
		return t.version, nil
	}
	var v int64
	if err := t.QueryRow(ctx, `SELECT version FROM catalog_version WHERE id = 1`).Scan(&v); err != nil {
		return 0, t.wrap("read catalog version", err)
	}
	if t.readOnly {
		t.version = v
	}
	return v, nil
}

// Where joins conditions into a WHERE clause, empty when there are none.
func Where(conds []string) string {
	w := where{conds: conds}
	return w.String()
}

// Page turns an offset and limit into LIMIT and OFFSET values; no limit
// means all rows.
func Page(offset, limit int) (int, int) { return page(offset, limit) }

func (t *Tx) Categories(ctx context.Context) ([]firstset.Category, error) {
	rows, err := t.Query(ctx, `SELECT id, name, sort FROM categories ORDER BY sort, id`)
	if err != nil {
		return nil, t.wrap("list categories", err)
	}
	defer rows.Close()
	list := []firstset.Category{}
	for rows.Next() {
		var c firstset.Category
		if err := rows.Scan(&c.ID, &c.Name, &c.Sort); err != nil {
			return nil, t.wrap("scan category", err)
		}
		list = append(list, c)
	}
	return list, t.wrap("list categories", rows.Err())
}

func (t *Tx) CreateCategory(ctx context.Context, c *firstset.Category) error {
	err := t.QueryRow(ctx, `INSERT INTO categories (name, sort) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING id`,
		c.Name, c.Sort).Scan(&c.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return &firstset.Error{Code: firstset.ECONFLICT, Field: "name", Message: fmt.Sprintf("类别 %s 已存在。", c.Name)}
	}
	return t.wrap("create category", err)
}
