package web

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"firstset"
)

// memStore is an in-memory firstset.Store for the HTTP tests, until they
// run on the SQLite store. An Update works on a copy of the state that
// replaces it only when fn succeeds, so failed writes leave nothing behind.
type memStore struct {
	mu    sync.Mutex
	state *memState
}

type memState struct {
	nextID      int64
	enterprises map[int64]firstset.Enterprise
	users       map[int64]firstset.User
	categories  []firstset.Category
	products    map[int64]firstset.Product
	sessions    map[string]firstset.Session
	tokens      map[int64]firstset.APIToken
	failures    map[string][]time.Time
	idempotent  map[string]firstset.IdempotentResponse
	audit       []firstset.AuditEntry
}

func newMemStore() *memStore {
	return &memStore{state: &memState{
		enterprises: map[int64]firstset.Enterprise{}, users: map[int64]firstset.User{},
		products: map[int64]firstset.Product{}, sessions: map[string]firstset.Session{},
		tokens: map[int64]firstset.APIToken{}, failures: map[string][]time.Time{},
		idempotent: map[string]firstset.IdempotentResponse{},
	}}
}

func (m *memStore) View(ctx context.Context, fn func(firstset.Tx) error) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	return fn(&memTx{s: m.state.clone()})
}

func (m *memStore) Update(ctx context.Context, fn func(firstset.Tx) error) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	next := m.state.clone()
	if err := fn(&memTx{s: next}); err != nil {
		return err
	}
	m.state = next
	return nil
}

func (m *memStore) Ping(ctx context.Context) error                { return nil }
func (m *memStore) Backup(ctx context.Context, path string) error { return nil }
func (m *memStore) Dialect() string                               { return "memory" }
func (m *memStore) Close() error                                  { return nil }

func (s *memState) clone() *memState {
	c := *s
	c.enterprises = cloneMap(s.enterprises)
	c.users = cloneMap(s.users)
	c.products = cloneMap(s.products)
	c.sessions = cloneMap(s.sessions)
	c.tokens = cloneMap(s.tokens)
	c.failures = cloneMap(s.failures)
	c.idempotent = cloneMap(s.idempotent)
	c.categories = slices.Clone(s.categories)
	c.audit = slices.Clone(s.audit)
	return &c
}

func cloneMap[K comparable, V any](m map[K]V) map[K]V {
	c := make(map[K]V, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

type memTx struct{ s *memState }

func (t *memTx) id() int64 { t.s.nextID++; return t.s.nextID }

func window[T any](list []T, offset, limit int) []T {
	if offset > len(list) {
		return nil
	}
	list = list[offset:]
	if limit > 0 && limit < len(list) {
		list = list[:limit]
	}
	return list
}

func sortedKeys[V any](m map[int64]V) []int64 {
	keys := make([]int64, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func (t *memTx) EnterpriseByID(ctx context.Context, id int64) (*firstset.Enterprise, error) {
	e, ok := t.s.enterprises[id]
	if !ok {
		return nil, firstset.NotFound("企业")
	}
	return &e, nil
}

func (t *memTx) EnterpriseByCreditCode(ctx context.Context, code string) (*firstset.Enterprise, error) {
	for _, e := range t.s.enterprises {
		if e.CreditCode == code {
			return &e, nil
		}
	}
	return nil, firstset.NotFound("企业")
}

func (t *memTx) ListEnterprises(ctx context.Context, f firstset.EnterpriseFilter) ([]*firstset.Enterprise, int, error) {
	var out []*firstset.Enterprise
	for _, id := range sortedKeys(t.s.enterprises) {
		e := t.s.enterprises[id]
		if (f.DistrictCode == "" || e.DistrictCode == f.DistrictCode) &&
			(f.Query == "" || strings.Contains(e.Name, f.Query) || strings.Contains(e.CreditCode, f.Query)) {
			out = append(out, &e)
		}
	}
	return window(out, f.Offset, f.Limit), len(out), nil
}

func (t *memTx) checkCreditCode(e *firstset.Enterprise) error {
	for _, o := range t.s.enterprises {
		if o.ID != e.ID && o.CreditCode == e.CreditCode {
			return &firstset.Error{Code: firstset.ECONFLICT, Field: "credit_code", Message: "该信用代码已登记。"}
		}
	}
	return nil
}

func (t *memTx) CreateEnterprise(ctx context.Context, e *firstset.Enterprise) error {
	if err := t.checkCreditCode(e); err != nil {
		return err
	}
	e.ID = t.id()
	t.s.enterprises[e.ID] = *e
	return nil
}

func (t *memTx) UpdateEnterprise(ctx context.Context, e *firstset.Enterprise) error {
	if _, ok := t.s.enterprises[e.ID]; !ok {
		return firstset.NotFound("企业")
	}
	if err := t.checkCreditCode(e); err != nil {
		return err
	}
	t.s.enterprises[e.ID] = *e
	return nil
}

func (t *memTx) UserByID(ctx context.Context, id int64) (*firstset.User, error) {
	u, ok := t.s.users[id]
	if !ok {
		return nil, firstset.NotFound("用户")
	}
	return &u, nil
}

func (t *memTx) UserByUsername(ctx context.Context, username string) (*firstset.User, error) {
	for _, u := range t.s.users {
		if u.Username == username {
			return &u, nil
		}
	}
	return nil, firstset.NotFound("用户")
}

func (t *memTx) ListUsers(ctx context.Context, f firstset.UserFilter) ([]*firstset.User, int, error) {
	var out []*firstset.User
	for _, id := range sortedKeys(t.s.users) {
		u := t.s.users[id]
		if (f.Role == "" || u.Role == f.Role) && (f.EnterpriseID == 0 || u.EnterpriseID == f.EnterpriseID) &&
			(f.Query == "" || strings.Contains(u.Username, f.Query) || strings.Contains(u.Name, f.Query)) {
			out = append(out, &u)
		}
	}
	return window(out, f.Offset, f.Limit), len(out), nil
}

func (t *memTx) CreateUser(ctx context.Context, u *firstset.User) error {
	if _, err := t.UserByUsername(ctx, u.Username); err == nil {
		return &firstset.Error{Code: firstset.ECONFLICT, Field: "username", Message: "用户名已被使用。"}
	}
	u.ID = t.id()
	t.s.users[u.ID] = *u
	return nil
}

func (t *memTx) UpdateUser(ctx context.Context, u *firstset.User) error {
	if _, ok := t.s.users[u.ID]; !ok {
		return firstset.NotFound("用户")
	}
	t.s.users[u.ID] = *u
	return nil
}

func (t *memTx) Categories(ctx context.Context) ([]firstset.Category, error) {
	return slices.Clone(t.s.categories), nil
}

func (t *memTx) CreateCategory(ctx context.Context, c *firstset.Category) error {
	c.ID = t.id()
	t.s.categories = append(t.s.categories, *c)
	return nil
}

// joined fills in the read-only context storage joins into a product.
func (t *memTx) joined(p firstset.Product) *firstset.Product {
	if e, ok := t.s.enterprises[p.EnterpriseID]; ok {
		p.EnterpriseName, p.DistrictCode = e.Name, e.DistrictCode
	}
	for _, c := range t.s.categories {
		if c.ID == p.CategoryID {
			p.CategoryName = c.Name
		}
	}
	p.Params = slices.Clone(p.Params)
	p.Patents = slices.Clone(p.Patents)
	return &p
}

func (t *memTx) ProductByID(ctx context.Context, id int64) (*firstset.Product, error) {
	p, ok := t.s.products[id]
	if !ok {
		return nil, firstset.NotFound("装备")
	}
	return t.joined(p), nil
}

func (t *memTx) ListProducts(ctx context.Context, f firstset.ProductFilter, districtCode string) ([]*firstset.Product, int, error) {
	var out []*firstset.Product
	for _, id := range sortedKeys(t.s.products) {
		p := t.joined(t.s.products[id])
		if (f.EnterpriseID == 0 || p.EnterpriseID == f.EnterpriseID) && (f.Status == "" || p.Status == f.Status) &&
			(districtCode == "" || p.DistrictCode == districtCode) &&
			(f.Query == "" || strings.Contains(p.Name, f.Query) || strings.Contains(p.Model, f.Query)) {
			out = append(out, p)
		}
	}
	return window(out, f.Offset, f.Limit), len(out), nil
}

func (t *memTx) CreateProduct(ctx context.Context, p *firstset.Product) error {
	p.ID = t.id()
	t.s.products[p.ID] = *p
	return nil
}

func (t *memTx) UpdateProduct(ctx context.Context, p *firstset.Product) error {
	if _, ok := t.s.products[p.ID]; !ok {
		return firstset.NotFound("装备")
	}
	t.s.products[p.ID] = *p
	return nil
}

func (t *memTx) DeleteProduct(ctx context.Context, id int64) error {
	if _, ok := t.s.products[id]; !ok {
		return firstset.NotFound("装备")
	}
	delete(t.s.products, id)
	return nil
}

func (t *memTx) PatentOwner(ctx context.Context, number string) (int64, error) {
	for id, p := range t.s.products {
		if slices.Contains(p.Patents, number) {
			return id, nil
		}
	}
	return 0, nil
}

func (t *memTx) SearchCatalog(ctx context.Context, q firstset.CatalogQuery) (*firstset.CatalogPage, error) {
	var items []firstset.CatalogItem
	for _, id := range sortedKeys(t.s.products) {
		p := t.joined(t.s.products[id])
		if (q.Status != "" && p.Status != q.Status) || (q.CategoryID != 0 && p.CategoryID != q.CategoryID) ||
			(q.DistrictCode != "" && p.DistrictCode != q.DistrictCode) ||
			(q.InnovationLevel != "" && p.InnovationLevel != q.InnovationLevel) ||
			(q.Query != "" && !strings.Contains(p.Name+p.Model+p.EnterpriseName, q.Query)) {
			continue
		}
		items = append(items, firstset.CatalogItem{ID: p.ID, Name: p.Name, Model: p.Model,
			Enterprise: p.EnterpriseName, EnterpriseID: p.EnterpriseID, Category: p.CategoryName,
			CategoryID: p.CategoryID, District: p.DistrictCode, DistrictCode: p.DistrictCode,
			InnovationLevel: p.InnovationLevel, TalentLed: p.TalentLed, Status: p.Status,
			RecognizedOn: p.RecognizedOn, ValidUntil: p.EffectiveValidUntil()})
	}
	page := window(items, q.Offset, q.Limit)
	if page == nil {
		page = []firstset.CatalogItem{}
	}
	return &firstset.CatalogPage{Items: page, Total: len(items)}, nil
}

func (t *memTx) CreateSession(ctx context.Context, s *firstset.Session) error {
	s.ID = t.id()
	t.s.sessions[s.TokenHash] = *s
	return nil
}

func (t *memTx) SessionByTokenHash(ctx context.Context, hash string) (*firstset.Session, error) {
	s, ok := t.s.sessions[hash]
	if !ok {
		return nil, firstset.NotFound("会话")
	}
	return &s, nil
}

func (t *memTx) DeleteSession(ctx context.Context, hash string) error {
	delete(t.s.sessions, hash)
	return nil
}

func (t *memTx) DeleteUserSessions(ctx context.Context, userID int64) error {
	for k, s := range t.s.sessions {
		if s.UserID == userID {
			delete(t.s.sessions, k)
		}
	}
	return nil
}

func (t *memTx) DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error) {
	var n int64
	for k, s := range t.s.sessions {
		if !now.Before(s.ExpiresAt) {
			delete(t.s.sessions, k)
			n++
		}
	}
	return n, nil
}

func (t *memTx) CreateAPIToken(ctx context.Context, tok *firstset.APIToken) error {
	tok.ID = t.id()
	t.s.tokens[tok.ID] = *tok
	return nil
}

func (t *memTx) APITokenByHash(ctx context.Context, hash string) (*firstset.APIToken, error) {
	for _, tok := range t.s.tokens {
		if tok.Hash == hash {
			return &tok, nil
		}
	}
	return nil, firstset.NotFound("访问令牌")
}

func (t *memTx) APITokenByID(ctx context.Context, id int64) (*firstset.APIToken, error) {
	tok, ok := t.s.tokens[id]
	if !ok {
		return nil, firstset.NotFound("访问令牌")
	}
	return &tok, nil
}

func (t *memTx) ListAPITokens(ctx context.Context, userID int64) ([]*firstset.APIToken, error) {
	var out []*firstset.APIToken
	for _, id := range sortedKeys(t.s.tokens) {
		if tok := t.s.tokens[id]; tok.UserID == userID {
			out = append(out, &tok)
		}
	}
	return out, nil
}

func (t *memTx) RevokeAPIToken(ctx context.Context, id int64, at time.Time) error {
	tok, ok := t.s.tokens[id]
	if !ok {
		return firstset.NotFound("访问令牌")
	}
	tok.RevokedAt = &at
	t.s.tokens[id] = tok
	return nil
}

func (t *memTx) TouchAPIToken(ctx context.Context, id int64, at time.Time) error {
	if tok, ok := t.s.tokens[id]; ok {
		tok.LastUsedAt = &at
		t.s.tokens[id] = tok
	}
	return nil
}

func (t *memTx) RecordLoginFailure(ctx context.Context, key string, at time.Time) error {
	t.s.failures[key] = append(slices.Clone(t.s.failures[key]), at)
	return nil
}

func (t *memTx) CountLoginFailures(ctx context.Context, key string, since time.Time) (int, error) {
	n := 0
	for _, at := range t.s.failures[key] {
		if !at.Before(since) {
			n++
		}
	}
	return n, nil
}

func (t *memTx) ClearLoginFailures(ctx context.Context, key string) error {
	delete(t.s.failures, key)
	return nil
}

func (t *memTx) IdempotentResponse(ctx context.Context, key string) (*firstset.IdempotentResponse, error) {
	r, ok := t.s.idempotent[key]
	if !ok {
		return nil, firstset.NotFound("幂等记录")
	}
	return &r, nil
}

func (t *memTx) SaveIdempotentResponse(ctx context.Context, r *firstset.IdempotentResponse) error {
	if _, ok := t.s.idempotent[r.Key]; ok {
		return firstset.Errorf(firstset.ECONFLICT, "幂等键已存在。")
	}
	t.s.idempotent[r.Key] = *r
	return nil
}

func (t *memTx) AppendAudit(ctx context.Context, e *firstset.AuditEntry) error {
	var prev *firstset.AuditEntry
	if n := len(t.s.audit); n > 0 {
		prev = &t.s.audit[n-1]
	}
	e.Seal(prev)
	t.s.audit = append(t.s.audit, *e)
	return nil
}

func (t *memTx) ListAudit(ctx context.Context, f firstset.AuditFilter) ([]*firstset.AuditEntry, error) {
	var out []*firstset.AuditEntry
	for _, e := range t.s.audit {
		if e.Seq > f.AfterSeq && (f.Entity == "" || e.Entity == f.Entity) && (f.EntityID == 0 || e.EntityID == f.EntityID) {
			out = append(out, &e)
		}
	}
	return window(out, 0, f.Limit), nil
}

func (t *memTx) AuditHead(ctx context.Context) (int64, string, error) {
	if n := len(t.s.audit); n > 0 {
		return t.s.audit[n-1].Seq, t.s.audit[n-1].Hash, nil
	}
	return 0, "", nil
}
