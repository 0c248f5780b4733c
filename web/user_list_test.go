package web

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"firstset"
	"firstset/creditcode"
	"firstset/dbtest"
)

// enterpriseReads counts the enterprise reads a store serves.
type enterpriseReads struct {
	firstset.Store
	mu            sync.Mutex
	byID, listing int
}

func (s *enterpriseReads) View(ctx context.Context, fn func(firstset.Tx) error) error {
	return s.Store.View(ctx, func(tx firstset.Tx) error { return fn(&enterpriseReadsTx{tx, s}) })
}

func (s *enterpriseReads) reset() { s.mu.Lock(); s.byID, s.listing = 0, 0; s.mu.Unlock() }

type enterpriseReadsTx struct {
	firstset.Tx
	s *enterpriseReads
}

func (t *enterpriseReadsTx) EnterpriseByID(ctx context.Context, id int64) (*firstset.Enterprise, error) {
	t.s.mu.Lock()
	t.s.byID++
	t.s.mu.Unlock()
	return t.Tx.EnterpriseByID(ctx, id)
}

func (t *enterpriseReadsTx) ListEnterprises(ctx context.Context, f firstset.EnterpriseFilter) ([]*firstset.Enterprise, int, error) {
	t.s.mu.Lock()
	t.s.listing++
	t.s.mu.Unlock()
	return t.Tx.ListEnterprises(ctx, f)
}

// TestUserListNamesEnterprises: the user list names each enterprise user's
// enterprise (it showed "企业 #1"), read in one listing for the whole page
// rather than one read per row.
func TestUserListNamesEnterprises(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		counted := &enterpriseReads{Store: store}
		env := newTestEnvOn(t, counted)
		ctx := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
		rng := rand.New(rand.NewPCG(5, 6))
		names := []string{env.entA.Name, env.entB.Name}
		for i := range 2 {
			e, err := env.svc.CreateEnterprise(ctx, firstset.EnterpriseInput{Name: fmt.Sprintf("重庆第%d装备有限公司", i),
				CreditCode: creditcode.Generate(rng, "500112"), DistrictCode: "500112", Address: "渝北区某路",
				ContactName: "联系人", ContactPhone: "023-67000000"})
			if err != nil {
				t.Fatal(err)
			}
			names = append(names, e.Name)
			env.addUsers(firstset.UserInput{Username: fmt.Sprintf("maker%d", i), Name: "企业用户", Role: firstset.RoleEnterprise, EnterpriseID: e.ID})
		}
		admin := env.login("admin")
		counted.reset()
		page := admin.get("/admin/users").Body.String()
		for _, name := range names {
			if !strings.Contains(page, ">"+name+"</a>") {
				t.Errorf("the user list does not name %s", name)
			}
		}
		if strings.Contains(page, "企业 #") {
			t.Errorf("the user list shows enterprise numbers instead of names")
		}
		if counted.byID != 0 || counted.listing != 1 {
			t.Errorf("the user list read enterprises %d times one by one and listed them %d times; want one listing", counted.byID, counted.listing)
		}
	})
}
