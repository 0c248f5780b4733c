package service_test

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"firstset"
	"firstset/creditcode"
	"firstset/date"
	"firstset/dbtest"
	"firstset/postgres"
	"firstset/service"
	"firstset/sqlite"
)

// reopen opens a second store on the same database, as another instance.
func reopen(t *testing.T, store firstset.Store) firstset.Store {
	t.Helper()
	var other firstset.Store
	var err error
	switch db := store.(type) {
	case *sqlite.DB:
		other, err = db.Reopen(context.Background())
	case *postgres.DB:
		other, err = db.Reopen(context.Background())
	default:
		t.Fatalf("cannot reopen a %T", store)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	return other
}

// expiryWorld is n products recognised long enough ago to have expired by
// now, of one enterprise with one user, on store.
func expiryWorld(t *testing.T, store firstset.Store, n int, clock func() time.Time) (*service.Services, []int64) {
	t.Helper()
	svc := service.New(store, service.DefaultConfig, slog.New(slog.DiscardHandler))
	svc.Now = clock
	sys := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
	e, err := svc.CreateEnterprise(sys, firstset.EnterpriseInput{Name: "重庆到期装备有限公司",
		CreditCode: creditcode.Generate(rand.New(rand.NewPCG(7, 7)), "500107"), DistrictCode: "500107",
		Address: "重庆市九龙坡区某路1号", ContactName: "张三", ContactPhone: "13800001111"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateUser(sys, firstset.UserInput{Username: "ent", Name: "企业用户", Role: firstset.RoleEnterprise,
		EnterpriseID: e.ID, Password: pw}); err != nil {
		t.Fatal(err)
	}
	cats, err := svc.Categories(sys)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for i := range n {
		p, err := svc.CreateProduct(sys, firstset.ProductInput{EnterpriseID: e.ID, Name: fmt.Sprintf("到期装备%03d", i),
			Model: "X-1", CategoryID: cats[0].ID, Description: "说明", InnovationLevel: firstset.LevelProvincial,
			Params: []firstset.Param{{Name: "额定功率", Value: "100", Unit: "kW"}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.SetRecognition(sys, p.ID, firstset.RecognitionInput{Status: firstset.StatusRecognised,
			RecognizedOn: date.FromTime(clock()).AddDays(-400), ValidUntil: date.FromTime(clock()).AddDays(20 - i%2*40)}); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	return svc, ids
}

// TestExpiryRunsOncePerProduct: two instances on one database expire the
// same products at the same moment; each product gets one expire entry,
// and the enterprise was reminded before.
func TestExpiryRunsOncePerProduct(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		var mu sync.Mutex
		now := time.Date(2026, 6, 1, 1, 0, 0, 0, time.UTC)
		clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
		a, ids := expiryWorld(t, store, 12, clock)
		b := service.New(reopen(t, store), service.DefaultConfig, slog.New(slog.DiscardHandler))
		b.Now = clock
		sys := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())

		// Half end in 20 days (reminded now, at the 30-day mark), half
		// ended 20 days ago.
		sent, err := a.RemindExpiring(sys)
		if err != nil || sent != 6 {
			t.Fatalf("reminders: %d %v", sent, err)
		}
		if again, err := b.RemindExpiring(sys); err != nil || again != 0 {
			t.Fatalf("reminders repeated: %d %v", again, err)
		}
		if _, err := a.ExpireDue(firstset.NewContextWithActor(context.Background(), &firstset.Actor{User: &firstset.User{ID: 1, Role: firstset.RoleAdmin}})); firstset.ErrorCode(err) != firstset.EFORBIDDEN {
			t.Fatalf("an administrator runs expiry: %v", err)
		}

		// A month later every product has expired: run it on both at once,
		// twice each.
		mu.Lock()
		now = now.AddDate(0, 1, 0)
		mu.Unlock()
		var wg sync.WaitGroup
		counts := make([]int, 4)
		for i, svc := range []*service.Services{a, b, a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				n, err := svc.ExpireDue(sys)
				if err != nil {
					t.Errorf("expire: %v", err)
				}
				counts[i] = n
			}()
		}
		wg.Wait()
		if total := counts[0] + counts[1] + counts[2] + counts[3]; total != len(ids) {
			t.Fatalf("expired %v, %d in all, want %d", counts, total, len(ids))
		}
		entries, err := a.FindAuditEntries(sys, firstset.AuditFilter{Action: "expire", Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		per := map[int64]int{}
		for _, e := range entries {
			if e.Entity == "product" && e.ActorName == firstset.SystemActorName {
				per[e.EntityID]++
			}
		}
		for _, id := range ids {
			if per[id] != 1 {
				t.Fatalf("product %d has %d expire entries", id, per[id])
			}
			p, err := a.FindProductByID(sys, id)
			if err != nil || p.Status != firstset.StatusExpired {
				t.Fatalf("product %d: %v %v", id, p.Status, err)
			}
			h, err := a.ProductHistory(sys, id)
			if err != nil || h[len(h)-1].Action != firstset.EventExpire {
				t.Fatalf("history of %d: %v", id, err)
			}
		}
		if n, err := b.ExpireDue(sys); err != nil || n != 0 {
			t.Fatalf("a later run expired %d (%v)", n, err)
		}
	})
}
