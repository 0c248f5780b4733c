package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"firstset"
	"firstset/date"
	"firstset/service"
)

// startDemoAt runs `firstset serve --demo --now day` on dsn in a process of
// its own (the database already holds the demo, so nothing is seeded).
func startDemoAt(t *testing.T, dsn, day string) *server {
	t.Helper()
	return startServerArgs(t, []string{"--db", dsn, "--demo", "--now", day})
}

func catalogTotal(t *testing.T, base string) int {
	t.Helper()
	resp, err := http.Get(base + "/api/v1/catalog")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var page struct{ Total int }
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil {
		t.Fatal(err)
	}
	return page.Total
}

// TestTwoServersExpireOnce starts two servers at the same moment on one
// database, their clock moved past every demo product's validity: the
// expiry job empties the public catalog, and each product has exactly one
// expire entry, written by the system.
func TestTwoServersExpireOnce(t *testing.T) {
	for _, db := range databases() {
		t.Run(db.name, func(t *testing.T) {
			dsn := seeded(t, db)
			store, err := openStore(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			// A product recognised before certificates existed: stored
			// straight, with no certificate.
			var legacy int64
			if err := store.Update(context.Background(), func(tx firstset.Tx) error {
				old, err := tx.ProductByID(context.Background(), 1)
				if err != nil {
					return err
				}
				p := &firstset.Product{EnterpriseID: old.EnterpriseID, Name: "早年认定的装备", Model: "OLD-1", CategoryID: old.CategoryID,
					InnovationLevel: firstset.LevelProvincial, Status: firstset.StatusRecognised, RecognizedOn: date.MustParse("2025-01-10"),
					Params: []firstset.Param{{Name: "功率", Value: "1", Unit: "kW"}}}
				err = tx.CreateProduct(context.Background(), p)
				legacy = p.ID
				return err
			}); err != nil {
				t.Fatal(err)
			}
			var recognised []firstset.RecognitionDates
			if err := store.View(context.Background(), func(tx firstset.Tx) (err error) {
				recognised, err = tx.RecognisedProducts(context.Background())
				return err
			}); err != nil {
				t.Fatal(err)
			}
			store.Close()
			if len(recognised) < 5 {
				t.Fatalf("the demo has %d recognised products", len(recognised))
			}
			servers := make([]*server, 2)
			done := make(chan int, 2)
			for i := range servers {
				go func() { servers[i] = startDemoAt(t, dsn, "2030-06-01"); done <- i }()
			}
			<-done
			<-done
			for deadline := time.Now().Add(60 * time.Second); catalogTotal(t, servers[0].base) != 0 || catalogTotal(t, servers[1].base) != 0; time.Sleep(100 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatalf("the catalog still lists products: %s", servers[0].out.String())
				}
			}
			// The legacy product got its certificate, once, from whichever
			// server's start-up job ran.
			for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
				resp, err := http.Get(fmt.Sprintf("%s/api/v1/products/%d/certificate", servers[1].base, legacy))
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("no certificate for the product recognised before certificates: %d", resp.StatusCode)
				}
			}
			// The key ring the API serves is byte for byte what cert key prints.
			resp, err := http.Get(servers[0].base + "/api/v1/certificates/key")
			if err != nil {
				t.Fatal(err)
			}
			served, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			for _, s := range servers {
				s.kill()
			}
			if code, printed := cli(t, "cert", "key", "--db", dsn); code != 0 || printed != string(served) {
				t.Fatalf("cert key (exit %d) prints %q, the API serves %q", code, printed, served)
			}
			store, err = openStore(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer store.Close()
			svc := service.New(store, service.DefaultConfig, nil)
			sys := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
			entries, err := svc.FindAuditEntries(sys, firstset.AuditFilter{Action: "expire", Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			per := map[int64]int{}
			for _, e := range entries {
				if e.Entity == "product" && e.ActorName == firstset.SystemActorName {
					per[e.EntityID]++
				}
			}
			var missing []int64
			if err := store.View(context.Background(), func(tx firstset.Tx) (err error) {
				missing, err = tx.ProductsWithoutCertificate(context.Background(), 100)
				return err
			}); err != nil || len(missing) != 0 {
				t.Fatalf("products ever recognised without a certificate: %v %v", missing, err)
			}
			if len(per) != len(recognised) || len(entries) != len(recognised) {
				t.Fatalf("%d expire entries for %d products, %d recognised before", len(entries), len(per), len(recognised))
			}
			for _, r := range recognised {
				if per[r.ProductID] != 1 {
					t.Fatalf("product %d has %d expire entries", r.ProductID, per[r.ProductID])
				}
			}
		})
	}
}
