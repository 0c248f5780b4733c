package web

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"firstset"
	"firstset/dbtest"
	"firstset/demo"
	"firstset/postgres"
	"firstset/service"
	"firstset/sqlite"
	"firstset/web/httpx"
)

// secondInstance is another server, with services of its own, on a second
// store over env's database, as a second process behind a load balancer
// would be.
func (env *testEnv) secondInstance() *testEnv {
	t := env.t
	t.Helper()
	var store firstset.Store
	var err error
	switch s := env.store.(type) {
	case *sqlite.DB:
		store, err = s.Reopen(context.Background())
	case *postgres.DB:
		store, err = s.Reopen(context.Background())
	default:
		t.Fatalf("no second instance of %T", env.store)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	logger := slog.New(slog.DiscardHandler)
	svc := service.New(store, service.DefaultConfig, logger)
	second := *env
	second.svc, second.store = svc, store
	second.srv = newTestServer(svc, store, logger)
	return &second
}

// on is c sending its requests to another instance.
func (c *client) on(env *testEnv) *client {
	other := *c
	other.env = env
	return &other
}

// productsNamed counts the products of enterprise entID called name, read
// straight from the store.
func productsNamed(t *testing.T, store firstset.Store, entID int64) map[string][]int64 {
	t.Helper()
	ctx := context.Background()
	byName := map[string][]int64{}
	err := store.View(ctx, func(tx firstset.Tx) error {
		list, _, err := tx.ListProducts(ctx, firstset.ProductFilter{EnterpriseID: entID}, "")
		for _, p := range list {
			byName[p.Name] = append(byName[p.Name], p.ID)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return byName
}

func createdID(t *testing.T, w *httptest.ResponseRecorder) int64 {
	t.Helper()
	var p struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil || p.ID == 0 {
		t.Errorf("no id in %d %q (%v)", w.Code, w.Body.String(), err)
	}
	return p.ID
}

// The same keyed create sent at once, twice to each of two instances on
// one database, is stored once: every caller gets the first answer, the
// others marked as replays. Before the key was claimed in the change's own
// transaction, two instances stored most such requests twice, or (with a
// patent) refused the duplicate as a conflict.
func TestIdempotentCreateStoredOnceAcrossInstances(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		second := env.secondInstance()
		api := env.token("ent-a", firstset.ScopeProductsRead, firstset.ScopeProductsWrite)
		callers := []*client{api, api.on(second), api, api.on(second)}

		const keys = 20
		answers := make([][]*httptest.ResponseRecorder, keys)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for k := range keys {
			answers[k] = make([]*httptest.ResponseRecorder, len(callers))
			input := firstset.ProductInput{Name: fmt.Sprintf("并发重试装备%02d", k), Model: "C-1", CategoryID: env.catA.ID,
				InnovationLevel: firstset.LevelNational, Params: []firstset.Param{{Name: "功率", Value: "9", Unit: "kW"}}}
			if k%2 == 0 {
				// A patent of its own: a duplicate must be told of the first
				// request, not refused because the patent is taken.
				input.Patents = []string{demo.NewPatent(rand.New(rand.NewPCG(uint64(k), 9)), 2021)}
			}
			key := http.Header{"Idempotency-Key": {fmt.Sprintf("batch-7-item-%02d", k)}}
			for i, c := range callers {
				wg.Go(func() {
					<-start
					answers[k][i] = c.sendJSON(http.MethodPost, "/api/v1/products", input, key)
				})
			}
		}
		close(start)
		wg.Wait()

		stored := productsNamed(t, store, env.entA.ID)
		for k := range keys {
			name := fmt.Sprintf("并发重试装备%02d", k)
			if ids := stored[name]; len(ids) != 1 {
				t.Errorf("key %d: stored as %v, want once", k, ids)
			}
			first, replays := "", 0
			for i, w := range answers[k] {
				if w.Code != http.StatusCreated {
					t.Errorf("key %d caller %d: %d %s", k, i, w.Code, w.Body.String())
					continue
				}
				if first == "" {
					first = w.Body.String()
				} else if w.Body.String() != first {
					t.Errorf("key %d: answers differ:\n%s\n%s", k, first, w.Body.String())
				}
				if w.Header().Get("Idempotent-Replayed") == "true" {
					replays++
				}
			}
			if replays != len(callers)-1 {
				t.Errorf("key %d: %d of %d answers marked as replays, want %d", k, replays, len(callers), len(callers)-1)
			}
		}
	})
}

// Under one key, a request with another body is refused and stores
// nothing; a refused request leaves the key free, so the corrected request
// goes through under it, once.
func TestIdempotencyKeyMismatchAndCorrectedRetry(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		api := env.token("ent-a", firstset.ScopeProductsRead, firstset.ScopeProductsWrite)
		input := firstset.ProductInput{Name: "键冲突装备", Model: "K-1", CategoryID: env.catA.ID,
			InnovationLevel: firstset.LevelNational, Params: []firstset.Param{{Name: "功率", Value: "9", Unit: "kW"}}}
		key := http.Header{"Idempotency-Key": {"order-9"}}
		first := api.sendJSON(http.MethodPost, "/api/v1/products", input, key)
		if first.Code != http.StatusCreated {
			t.Fatalf("first: %d %s", first.Code, first.Body.String())
		}
		changed := input
		changed.Name = "键冲突装备（改）"
		e := assertAPIError(t, api.sendJSON(http.MethodPost, "/api/v1/products", changed, key), http.StatusUnprocessableEntity, firstset.EIDEMPOTENCYMISMATCH)
		if e.Field != "Idempotency-Key" {
			t.Errorf("mismatch names field %q", e.Field)
		}

		long := http.Header{"Idempotency-Key": {strings.Repeat("k", 201)}}
		e = assertAPIError(t, api.sendJSON(http.MethodPost, "/api/v1/products", input, long), http.StatusUnprocessableEntity, firstset.EINVALID)
		if e.Field != "Idempotency-Key" {
			t.Errorf("an over-long key names field %q", e.Field)
		}

		bad := input
		bad.Name, bad.CategoryID = "待更正装备", 0
		key = http.Header{"Idempotency-Key": {"order-10"}}
		assertAPIError(t, api.sendJSON(http.MethodPost, "/api/v1/products", bad, key), http.StatusUnprocessableEntity, firstset.EINVALID)
		bad.CategoryID = env.catA.ID
		corrected := api.sendJSON(http.MethodPost, "/api/v1/products", bad, key)
		if corrected.Code != http.StatusCreated || corrected.Header().Get("Idempotent-Replayed") != "" {
			t.Fatalf("corrected request under the same key: %d %s", corrected.Code, corrected.Body.String())
		}
		again := api.sendJSON(http.MethodPost, "/api/v1/products", bad, key)
		if again.Code != http.StatusCreated || again.Body.String() != corrected.Body.String() || again.Header().Get("Idempotent-Replayed") != "true" {
			t.Errorf("retry of the corrected request: %d %s", again.Code, again.Body.String())
		}

		stored := productsNamed(t, store, env.entA.ID)
		for _, name := range []string{"键冲突装备", "待更正装备"} {
			if len(stored[name]) != 1 {
				t.Errorf("%s stored as %v, want once", name, stored[name])
			}
		}
		if ids := stored["键冲突装备（改）"]; len(ids) != 0 {
			t.Errorf("the refused body was stored: %v", ids)
		}
	})
}

// answerLosingStore is a store whose transactions cannot store the answer
// to a keyed request, as when the server dies between committing the
// change and saving what it answered.
type answerLosingStore struct{ firstset.Store }

func (s answerLosingStore) Update(ctx context.Context, fn func(firstset.Tx) error) error {
	return s.Store.Update(ctx, func(tx firstset.Tx) error { return fn(answerLosingTx{tx}) })
}

type answerLosingTx struct{ firstset.Tx }

var errAnswerLost = fmt.Errorf("the answer was lost")

func (answerLosingTx) SaveIdempotentResponse(context.Context, *firstset.IdempotentResponse) error {
	return errAnswerLost
}

func (answerLosingTx) AnswerIdempotencyClaim(context.Context, string, string, string, int, []byte) error {
	return errAnswerLost
}

// A keyed create whose change committed but whose answer was never saved
// is not run again: the retry learns, with its own code, that the request
// was carried out and what it stored. Before, the retry stored a second
// product.
func TestIdempotentRetryAfterLostAnswerIsNotRunAgain(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, answerLosingStore{store})
		api := env.token("ent-a", firstset.ScopeProductsRead, firstset.ScopeProductsWrite)
		input := firstset.ProductInput{Name: "应答丢失装备", Model: "L-1", CategoryID: env.catA.ID,
			InnovationLevel: firstset.LevelNational, Params: []firstset.Param{{Name: "功率", Value: "9", Unit: "kW"}}}
		key := http.Header{"Idempotency-Key": {"lost-1"}}
		first := api.sendJSON(http.MethodPost, "/api/v1/products", input, key)
		if first.Code != http.StatusCreated {
			t.Fatalf("first: %d %s", first.Code, first.Body.String())
		}
		id := createdID(t, first)

		// Long after: no request can still be answering it.
		later := time.Now().Add(time.Minute)
		env.svc.Now = func() time.Time { return later }
		retry := api.sendJSON(http.MethodPost, "/api/v1/products", input, key)
		e := assertAPIError(t, retry, http.StatusConflict, "idempotency_unfinished")
		if !strings.Contains(e.Message, "装备") || !strings.Contains(e.Message, httpx.Itoa(id)) {
			t.Errorf("the refusal does not name what was stored (装备 %d): %q", id, e.Message)
		}
		if ids := productsNamed(t, store, env.entA.ID)["应答丢失装备"]; len(ids) != 1 {
			t.Errorf("stored as %v, want once", ids)
		}
	})
}

// newTestServer is a server like newTestEnv's on svc and store.
func newTestServer(svc *service.Services, store firstset.Store, logger *slog.Logger) *Server {
	return New(Options{
		Services: ServicesOf(svc),
		Ready:    store.Ping, Logger: logger, MaxBodyBytes: 64 << 10,
	})
}
