package service

import (
	"context"
	"fmt"
	"iter"
	"strings"
	"unicode/utf8"

	"firstset"
	"firstset/date"
	"firstset/patent"
	"firstset/plaintext"
	"firstset/policy"
)

// Products implements declarations, recognition, the catalog and its categories.
type Products struct{ *env }

var _ firstset.ProductService = (*Products)(nil)

// FindProductByID returns a product the caller may see, or ENOTFOUND.
func (s *Products) FindProductByID(ctx context.Context, id int64) (*firstset.Product, error) {
	a := actor(ctx)
	if !a.IsPublic() {
		if err := requireScope(a, firstset.ScopeProductsRead); err != nil {
			return nil, err
		}
	}
	var p *firstset.Product
	err := s.store.View(ctx, func(tx firstset.Tx) (err error) {
		p, err = tx.ProductByID(ctx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	if !firstset.CanSeeProduct(a, p) {
		return nil, firstset.NotFound("装备")
	}
	return s.withValidity(p), nil
}

// validUntil is the last day of validity of a recognition on recognizedOn:
// stored when set, else the policy's (catalog.validity_years in force that
// day); zero if never recognised.
func (s *env) validUntil(recognizedOn, stored date.Date) date.Date {
	if !stored.IsZero() || recognizedOn.IsZero() {
		return stored
	}
	until, _ := s.engine().Params().ValidUntil(recognizedOn)
	return until
}

// withValidity fills in p.Validity, which the store does not keep.
func (s *env) withValidity(p *firstset.Product) *firstset.Product {
	p.Validity = s.validUntil(p.RecognizedOn, p.ValidUntil)
	return p
}

// withItemValidity puts the validity in force into each catalog item.
func (s *env) withItemValidity(items []firstset.CatalogItem) {
	for i := range items {
		items[i].ValidUntil = s.validUntil(items[i].RecognizedOn, items[i].ValidUntil)
	}
}

// FindProducts lists the products the caller works with: an enterprise's
// own, a district's enterprises', or all for the city's departments.
func (s *Products) FindProducts(ctx context.Context, f firstset.ProductFilter) ([]*firstset.Product, int, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, 0, err
	}
	if err := requireScope(a, firstset.ScopeProductsRead); err != nil {
		return nil, 0, err
	}
	f.Offset, f.Limit = page(f.Offset, f.Limit, 20, 200)
	f.Query = clean(f.Query)
	if err := checkQuery(f.Query); err != nil {
		return nil, 0, err
	}
	if f.Status != "" && !f.Status.Valid() {
		return nil, 0, firstset.FieldErrorf("status", "invalid_status", "状态 %q 无效。", f.Status)
	}
	var districtCode string
	switch firstset.ProductReachOf(a) {
	case firstset.ReachEnterprise:
		f.EnterpriseID = a.User.EnterpriseID
	case firstset.ReachDistrict:
		districtCode = a.User.DistrictCode
	case firstset.ReachCatalog:
		// Buyers, experts and insurers work from the published catalog: a
		// filter for any other status finds nothing they may see, rather
		// than being replaced by the catalog's own.
		if f.Status != "" && !firstset.SeesStatus(a, f.Status) {
			return []*firstset.Product{}, 0, nil
		}
		f.Status = firstset.StatusRecognised
	}
	var list []*firstset.Product
	var total int
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		list, total, err = tx.ListProducts(ctx, f, districtCode)
		return err
	})
	for _, p := range list {
		s.withValidity(p)
	}
	return list, total, err
}

// CreateProduct stores a new draft declaration.
func (s *Products) CreateProduct(ctx context.Context, in firstset.ProductInput) (*firstset.Product, error) {
	a := actor(ctx)
	if err := firstset.CheckCreateProduct(a); err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeProductsWrite); err != nil {
		return nil, err
	}
	if id, fixed := firstset.ProductEnterpriseFixed(a); fixed {
		in.EnterpriseID = id
	}
	p := &firstset.Product{EnterpriseID: in.EnterpriseID, Status: firstset.StatusDraft}
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		if err := s.applyProductInput(p, in); err != nil {
			return err
		}
		now := s.Now()
		p.CreatedAt, p.UpdatedAt = now, now
		if err := tx.CreateProduct(ctx, p); err != nil {
			return err
		}
		return s.record(ctx, tx, "create", "product", p.ID, nil, p)
	})
	if err != nil {
		return nil, err
	}
	// The store filled in p as it stored it (id, times cut to what the
	// database keeps, the enterprise and category names), so reading it
	// back would only repeat it.
	return s.withValidity(p), nil
}

// UpdateProduct rewrites a declaration. Enterprises may only change drafts:
// once declared, the reviewers work from what was submitted.
func (s *Products) UpdateProduct(ctx context.Context, id int64, in firstset.ProductInput) (*firstset.Product, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeProductsWrite); err != nil {
		return nil, err
	}
	var p firstset.Product
	err = s.store.Update(ctx, func(tx firstset.Tx) error {
		old, err := tx.ProductByID(ctx, id)
		if err != nil {
			return err
		}
		if err := firstset.CheckEditProduct(a, old); err != nil {
			return err
		}
		if _, fixed := firstset.ProductEnterpriseFixed(a); fixed || in.EnterpriseID == 0 {
			in.EnterpriseID = old.EnterpriseID
		}
		p = *old
		p.EnterpriseID = in.EnterpriseID
		if err := s.applyProductInput(&p, in); err != nil {
			return err
		}
		p.UpdatedAt = s.Now()
		if err := tx.UpdateProduct(ctx, &p); err != nil {
			return err
		}
		return s.record(ctx, tx, "update", "product", p.ID, old, &p)
	})
	if err != nil {
		return nil, err
	}
	return s.withValidity(&p), nil // filled in by the store as it stored it, as on create
}

// DeleteProduct removes a declaration that never entered the catalog.
func (s *Products) DeleteProduct(ctx context.Context, id int64) error {
	a, err := requireLogin(ctx)
	if err != nil {
		return err
	}
	if err := requireScope(a, firstset.ScopeProductsWrite); err != nil {
		return err
	}
	return s.store.Update(ctx, func(tx firstset.Tx) error {
		old, err := tx.ProductByID(ctx, id)
		if err != nil {
			return err
		}
		if err := firstset.CheckDeleteProduct(a, old); err != nil {
			return err
		}
		if err := tx.DeleteProduct(ctx, id); err != nil {
			return err
		}
		return s.record(ctx, tx, "delete", "product", id, old, nil)
	})
}

// SetRecognition places a product in or out of the catalog directly. The
// recognition workflow will drive this; until then reviewers and
// administrators use it (and the demo data).
func (s *Products) SetRecognition(ctx context.Context, id int64, in firstset.RecognitionInput) (*firstset.Product, error) {
	a := actor(ctx)
	if err := firstset.CheckSetRecognition(a); err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeProductsWrite); err != nil {
		return nil, err
	}
	var p firstset.Problems
	in.Reason = clean(in.Reason)
	switch {
	case !in.Status.Valid():
		p.Add("status", "invalid_status", "请选择有效的状态。")
	case in.Status == firstset.StatusDraft || in.Status == firstset.StatusDeclared:
		if !in.RecognizedOn.IsZero() || !in.ValidUntil.IsZero() {
			p.Add("recognized_on", "not_recognised", "%s状态的装备不应有认定日期。", in.Status.Label())
		}
	default:
		today := date.FromTime(s.Now())
		switch {
		case in.RecognizedOn.IsZero():
			p.Add("recognized_on", "required", "请填写认定日期。")
		case in.RecognizedOn.Before(policy.FirstRecognitionDay):
			p.Add("recognized_on", "too_early", "认定日期 %s 早于本市首台（套）政策印发日 %s。", in.RecognizedOn, policy.FirstRecognitionDay)
		case in.RecognizedOn.After(today):
			// A recognition is recorded once it was decided, never ahead.
			p.Add("recognized_on", "in_future", "认定日期 %s 晚于今天（%s），不能预先登记。", in.RecognizedOn, today)
		}
		if !in.ValidUntil.IsZero() && !in.RecognizedOn.IsZero() && in.ValidUntil.Before(in.RecognizedOn) {
			p.Add("valid_until", "date_order", "有效期至 %s 早于认定日期 %s。", in.ValidUntil, in.RecognizedOn)
		}
	}
	if in.Status == firstset.StatusRevoked && in.Reason == "" {
		p.Add("reason", "required", "撤销认定须填写理由。")
	}
	optionalLines(&p, "reason", "理由", in.Reason, 500)
	if err := p.Err(); err != nil {
		return nil, err
	}
	var np firstset.Product
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		old, err := tx.ProductByID(ctx, id)
		if err != nil {
			return err
		}
		if firstset.InCatalog(old.Status) && !firstset.InCatalog(in.Status) {
			// Once published, a product's record is kept: it can be revoked,
			// restored or expire, never quietly turned back into a draft.
			return firstset.FieldErrorf("status", "catalog_status", "装备已进入目录（%s），只能调整为已认定、已过期或已撤销。", old.Status.Label())
		}
		np = *old
		np.Status, np.RecognizedOn, np.ValidUntil = in.Status, in.RecognizedOn, in.ValidUntil
		np.UpdatedAt = s.Now()
		if err := tx.UpdateProduct(ctx, &np); err != nil {
			return err
		}
		type change struct {
			*firstset.Product
			Reason string `json:"reason,omitempty"`
		}
		if err := s.record(ctx, tx, "set_recognition", "product", id, old, change{&np, in.Reason}); err != nil {
			return err
		}
		if !np.EverRecognised() {
			return nil
		}
		return s.recordSetRecognition(ctx, tx, old, &np, in.Reason)
	})
	if err != nil {
		return nil, err
	}
	return s.withValidity(&np), nil // filled in by the store as it stored it, as on update
}

// SearchCatalog searches the published catalog. The public and every role
// outside the city's departments see recognised products only.
func (s *Products) SearchCatalog(ctx context.Context, q firstset.CatalogQuery) (*firstset.CatalogPage, error) {
	q, err := catalogQuery(ctx, q)
	if err != nil {
		return nil, err
	}
	q.Offset, q.Limit = page(q.Offset, q.Limit, 20, 100)
	if q.Offset > 10000 {
		msg := "结果页数过深，请缩小搜索范围。"
		return nil, &firstset.Error{Code: firstset.EBADREQUEST, Field: "page", Message: msg,
			Fields: []firstset.FieldError{{Field: "page", Code: "too_deep", Message: msg}}}
	}
	var res *firstset.CatalogPage
	err = s.store.View(ctx, func(tx firstset.Tx) (err error) {
		res, err = tx.SearchCatalog(ctx, q)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.withItemValidity(res.Items)
	return res, nil
}

// catalogQuery checks a catalog search for the caller and narrows it to
// what the caller may see.
func catalogQuery(ctx context.Context, q firstset.CatalogQuery) (firstset.CatalogQuery, error) {
	a := actor(ctx)
	if !a.IsPublic() {
		if err := requireScope(a, firstset.ScopeCatalogRead); err != nil {
			return q, err
		}
	}
	q.Query = clean(q.Query)
	var p firstset.Problems
	optionalText(&p, "q", "搜索词", q.Query, 50)
	if q.InnovationLevel != "" && !q.InnovationLevel.Valid() {
		p.Add("level", "invalid_level", "创新水平 %q 无效。", q.InnovationLevel)
	}
	if q.Status != "" && !q.Status.Valid() {
		p.Add("status", "invalid_status", "状态 %q 无效。", q.Status)
	}
	if err := p.Err(); err != nil {
		return q, err
	}
	if !firstset.CanFilterCatalogByStatus(a) {
		q.Status = firstset.StatusRecognised
	}
	return q, nil
}

// exportChunk is how many items an export reads in one transaction: few
// enough that the transaction is short, enough that the round trips do
// not dominate.
const exportChunk = 500

// ExportCatalog lists every product the catalog search finds for q, with
// the same checks and visibility, without the search's depth limit: the
// ordered ids in one read, then the items a chunk per read.
func (s *Products) ExportCatalog(ctx context.Context, q firstset.CatalogQuery) (int, iter.Seq2[firstset.CatalogItem, error], error) {
	q, err := catalogQuery(ctx, q)
	if err != nil {
		return 0, nil, err
	}
	q.Offset, q.Limit = 0, 0
	var ids []int64
	err = s.store.View(ctx, func(tx firstset.Tx) (err error) {
		ids, err = tx.CatalogIDs(ctx, q)
		return err
	})
	if err != nil {
		return 0, nil, err
	}
	items := func(yield func(firstset.CatalogItem, error) bool) {
		for rest := ids; len(rest) > 0; {
			n := min(len(rest), exportChunk)
			var chunk []firstset.CatalogItem
			err := s.store.View(ctx, func(tx firstset.Tx) (err error) {
				chunk, err = tx.CatalogItems(ctx, rest[:n])
				return err
			})
			if err != nil {
				yield(firstset.CatalogItem{}, fmt.Errorf("export catalog: %w", err))
				return
			}
			s.withItemValidity(chunk)
			for _, it := range chunk {
				// A later snapshot than the ids': a product revoked since
				// must not reach the public.
				if passesFilters(q, it) && !yield(it, nil) {
					return
				}
			}
			rest = rest[n:]
		}
	}
	return len(ids), items, nil
}

// passesFilters reports whether it still passes q's filters other than
// the text, which the ids were found by.
func passesFilters(q firstset.CatalogQuery, it firstset.CatalogItem) bool {
	return (q.Status == "" || it.Status == q.Status) &&
		(q.CategoryID == 0 || it.CategoryID == q.CategoryID) &&
		(q.DistrictCode == "" || it.DistrictCode == q.DistrictCode) &&
		(q.InnovationLevel == "" || it.InnovationLevel == q.InnovationLevel)
}

// Categories lists the managed equipment categories.
func (s *Products) Categories(ctx context.Context) ([]firstset.Category, error) {
	var list []firstset.Category
	err := s.store.View(ctx, func(tx firstset.Tx) (err error) {
		list, err = tx.Categories(ctx)
		return err
	})
	return list, err
}

// CreateCategory adds an entry to the managed category list (administrators).
func (s *Products) CreateCategory(ctx context.Context, name string, sort int) (*firstset.Category, error) {
	a := actor(ctx)
	if err := firstset.CheckManageCategories(a); err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeProductsWrite); err != nil {
		return nil, err
	}
	var p firstset.Problems
	name = clean(name)
	requireText(&p, "name", "类别名称", name, 50)
	if sort < 0 || sort > firstset.MaxCategorySort {
		p.Add("sort", firstset.EINVALID, "排序须为 0 至 %d 之间的整数。", firstset.MaxCategorySort)
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	c := &firstset.Category{Name: name, Sort: sort}
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		if err := tx.CreateCategory(ctx, c); err != nil {
			return err
		}
		return s.record(ctx, tx, "create", "category", c.ID, nil, c)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// applyProductInput validates in and copies it onto p. That its enterprise
// and category exist, and that no other product holds its patents, the
// store checks as it writes.
func (s *Products) applyProductInput(p *firstset.Product, in firstset.ProductInput) error {
	var pr firstset.Problems
	in.Name, in.Model, in.Description = clean(in.Name), clean(in.Model), clean(in.Description)
	in.TalentProgram = clean(in.TalentProgram)
	requireText(&pr, "name", "装备名称", in.Name, 100)
	requireText(&pr, "model", "型号", in.Model, 100)
	optionalLines(&pr, "description", "装备简介", in.Description, 2000)
	if in.EnterpriseID == 0 {
		pr.Add("enterprise_id", "required", "请选择研制企业。")
	}
	if in.CategoryID == 0 {
		pr.Add("category_id", "required", "请选择装备类别。")
	}
	if !in.InnovationLevel.Valid() {
		pr.Add("innovation_level", "required", "请选择创新水平（国际、国内或省内首台（套））。")
	}
	if in.TalentLed {
		requireText(&pr, "talent_program", "引才计划名称", in.TalentProgram, 100)
	} else {
		in.TalentProgram = ""
	}
	params := checkParams(&pr, in.Params)
	// A patent held by another product is refused by the store, in one
	// query, as it writes (ECONFLICT on "patents").
	patents := checkPatents(&pr, in.Patents)
	if err := pr.Err(); err != nil {
		return err
	}
	p.EnterpriseID, p.Name, p.Model, p.CategoryID = in.EnterpriseID, in.Name, in.Model, in.CategoryID
	p.Description, p.Params, p.InnovationLevel = in.Description, params, in.InnovationLevel
	p.TalentLed, p.TalentProgram, p.Patents = in.TalentLed, in.TalentProgram, patents
	return nil
}

// checkParams drops rows left entirely blank (forms offer spare rows) and
// checks the rest; at least one key parameter is required.
func checkParams(pr *firstset.Problems, in []firstset.Param) []firstset.Param {
	out := make([]firstset.Param, 0, len(in))
	for i, x := range in {
		x.Name, x.Value, x.Unit = clean(x.Name), clean(x.Value), clean(x.Unit)
		if !plaintext.Valid(x.Name, plaintext.OneLine) || !plaintext.Valid(x.Value, plaintext.OneLine) ||
			!plaintext.Valid(x.Unit, plaintext.OneLine) {
			// Fields are named by the index the caller sent: forms send no
			// blank rows before filled ones, so theirs match the rows shown.
			at, n := fmt.Sprintf("params[%d].", i), i+1
			checkText(pr, at+"name", fmt.Sprintf("第%d项技术参数的名称", n), x.Name, plaintext.OneLine)
			checkText(pr, at+"value", fmt.Sprintf("第%d项技术参数的数值", n), x.Value, plaintext.OneLine)
			checkText(pr, at+"unit", fmt.Sprintf("第%d项技术参数的单位", n), x.Unit, plaintext.OneLine)
			out = append(out, x) // refused already; kept so the row is counted
			continue
		}
		if x.Name == "" && x.Value == "" && x.Unit == "" {
			continue
		}
		n := len(out) + 1
		if x.Name == "" || x.Value == "" {
			pr.Add("params", "incomplete_param", "第%d项技术参数须同时填写名称和数值。", n)
		}
		if utf8.RuneCountInString(x.Name) > 50 || utf8.RuneCountInString(x.Value) > 100 || utf8.RuneCountInString(x.Unit) > 20 {
			pr.Add("params", "too_long", "第%d项技术参数过长（名称≤50、数值≤100、单位≤20个字符）。", n)
		}
		out = append(out, x)
	}
	switch {
	case len(out) == 0:
		pr.Add("params", "required", "请至少填写一项关键技术参数。")
	case len(out) > 50:
		pr.Add("params", "too_many", "关键技术参数最多50项。")
	}
	return out
}

func checkPatents(pr *firstset.Problems, in []string) []string {
	out := make([]string, 0, len(in))
	seen := map[string]bool{}
	for i, raw := range in {
		if strings.TrimSpace(raw) == "" {
			continue
		}
		if !plaintext.Valid(raw, plaintext.OneLine) {
			checkText(pr, fmt.Sprintf("patents[%d]", i), fmt.Sprintf("第%d项专利号", i+1), raw, plaintext.OneLine)
			continue
		}
		n, err := patent.Normalize(raw)
		if err != nil {
			pr.Add("patents", "invalid_patent", "%s", patent.Message(err))
			continue
		}
		if seen[n] {
			pr.Add("patents", "duplicate_patent", "专利号 %s 重复填写。", n)
			continue
		}
		seen[n] = true
		out = append(out, n)
	}
	if len(out) > 100 {
		pr.Add("patents", "too_many", "专利最多填写100项。")
	}
	return out
}

// recordSetRecognition keeps the certificate and the public history in
// step with a recognition set directly: a certificate is issued when the
// product has none or its dates changed, and the change is recorded.
func (s *env) recordSetRecognition(ctx context.Context, tx firstset.Tx, old, np *firstset.Product, reason string) error {
	cert, err := tx.CurrentCertificate(ctx, np.ID)
	if err != nil && !isNotFound(err) {
		return err
	}
	until := s.validUntil(np.RecognizedOn, np.ValidUntil)
	if cert == nil || cert.RecognizedOn != np.RecognizedOn || cert.ValidUntil != until {
		key, err := s.signingKey(ctx, tx)
		if err != nil {
			return err
		}
		if cert, err = s.issueCertificate(ctx, tx, key, np, ""); err != nil {
			return err
		}
	}
	e := &firstset.ProductEvent{ProductID: np.ID, Action: firstset.EventSetRecognition, Reason: reason,
		StatusAfter: np.Status, ValidUntilAfter: until, Certificate: cert.Number}
	if firstset.InCatalog(old.Status) {
		e.StatusBefore, e.ValidUntilBefore = old.Status, s.validUntil(old.RecognizedOn, old.ValidUntil)
	} else {
		e.Action = firstset.EventRecognise
	}
	return s.appendProductEvent(ctx, tx, e)
}
