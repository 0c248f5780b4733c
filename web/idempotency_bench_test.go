package web

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"firstset"
	"firstset/creditcode"
	"firstset/dbtest"
	"firstset/service"
)

// BenchmarkCreateProduct times durable product creates through the whole
// handler (token, services, SQLite with group commit), without and with an
// Idempotency-Key of their own, from as many goroutines as -cpu allows
// times 8, as concurrent API clients would. Over the network: cmd/loadgen
// (docs/BENCHMARKS.md).
func BenchmarkCreateProduct(b *testing.B) {
	for _, keyed := range []bool{false, true} {
		name := "plain"
		if keyed {
			name = "keyed"
		}
		b.Run(name, func(b *testing.B) {
			env := newBenchEnv(b)
			var n atomic.Int64
			b.SetParallelism(8)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					i := n.Add(1)
					body := fmt.Sprintf(`{"name":"基准装备%d","model":"B-%d","category_id":%d,"innovation_level":"provincial",`+
						`"params":[{"name":"功率","value":"%d","unit":"kW"}],"patents":[]}`, i, i, env.category, 10+i%900)
					r := httptest.NewRequest(http.MethodPost, "/api/v1/products", strings.NewReader(body))
					r.Header.Set("Content-Type", "application/json")
					r.Header.Set("Authorization", "Bearer "+env.token)
					if keyed {
						r.Header.Set(idempotencyHeader, fmt.Sprintf("bench-%d", i))
					}
					w := httptest.NewRecorder()
					env.srv.Handler().ServeHTTP(w, r)
					if w.Code != http.StatusCreated {
						b.Errorf("create: %d %s", w.Code, w.Body.String())
						return
					}
				}
			})
		})
	}
}

type benchEnv struct {
	srv      *Server
	token    string
	category int64
}

// newBenchEnv is a server on a fresh SQLite store with one enterprise
// user's products:write token.
func newBenchEnv(b *testing.B) *benchEnv {
	b.Helper()
	store := dbtest.SQLite(b)
	logger := slog.New(slog.DiscardHandler)
	svc := service.New(store, service.DefaultConfig, logger)
	sys := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
	cats, err := svc.Categories(sys)
	if err != nil || len(cats) == 0 {
		b.Fatalf("categories: %v", err)
	}
	e, err := svc.CreateEnterprise(sys, firstset.EnterpriseInput{Name: "重庆基准装备有限公司",
		CreditCode: creditcode.Generate(rand.New(rand.NewPCG(3, 4)), "500107"), DistrictCode: "500107",
		Address: "九龙坡区某路3号", ContactName: "基准联系人", ContactPhone: "023-61234569"})
	if err != nil {
		b.Fatal(err)
	}
	u, err := svc.CreateUser(sys, firstset.UserInput{Username: "bench", Name: "基准", Role: firstset.RoleEnterprise,
		EnterpriseID: e.ID, Password: testPassword})
	if err != nil {
		b.Fatal(err)
	}
	_, secret, err := svc.CreateToken(firstset.NewContextWithActor(context.Background(), &firstset.Actor{User: u}),
		firstset.TokenInput{Name: "基准", Scopes: []firstset.Scope{firstset.ScopeProductsWrite}})
	if err != nil {
		b.Fatal(err)
	}
	return &benchEnv{srv: newTestServer(svc, store, logger), token: secret, category: cats[0].ID}
}
