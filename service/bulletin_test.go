package service_test

import (
	"log/slog"
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"

	"firstset"
	"firstset/date"
	"firstset/dbtest"
	"firstset/document"
	"firstset/money"
	"firstset/service"
)

func bulletinFont(t testing.TB) *document.Font {
	t.Helper()
	path, err := document.FindFont("")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	f, err := document.LoadFont(path)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestQuarterlyBulletin: the quarterly job composes the quarter that has
// ended once, with its purchases, and leaves it alone the next day.
func TestQuarterlyBulletin(t *testing.T) {
	font := bulletinFont(t)
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		w := newIncentiveWorld(t, store)
		cfg := service.DefaultConfig
		cfg.Documents.Font = font
		svc := service.New(store, cfg, slog.New(slog.DiscardHandler))
		svc.Now = w.clock
		w.at("2026-08-20")
		for _, amount := range []int64{1_000_000, 250_000} {
			if _, err := svc.CreateProcurement(w.buyer, firstset.ProcurementInput{ProductID: w.product.ID, ProjectName: "地铁工程",
				ProjectKind: firstset.ProjectKey, ContractDate: date.MustParse("2026-08-10"), Amount: money.Fen(amount * 100),
				Method: firstset.MethodPublicTender}); err != nil {
				t.Fatal(err)
			}
		}
		w.at("2026-10-01")
		n, err := svc.ComposeDueBulletins(w.sys)
		if err != nil || n != 1 {
			t.Fatalf("composed %d: %v", n, err)
		}
		w.at("2026-10-02")
		if n, err := svc.ComposeDueBulletins(w.sys); err != nil || n != 0 {
			t.Fatalf("composed again %d: %v", n, err)
		}
		list, _, err := svc.FindBulletins(w.reviewer, firstset.BulletinFilter{})
		if err != nil || len(list) != 1 || list[0].Period != "2026Q3" || list[0].Purchases != 2 || list[0].AmountFen != 125_000_000 {
			t.Fatalf("bulletins: %+v %v", list, err)
		}
		// A buyer sees no draft; once issued it does.
		if seen, _, _ := svc.FindBulletins(w.buyer, firstset.BulletinFilter{}); len(seen) != 0 {
			t.Errorf("a buyer sees a draft")
		}
		if _, err := svc.IssueBulletin(w.reviewer, list[0].ID, "同意"); err != nil {
			t.Fatal(err)
		}
		if seen, _, _ := svc.FindBulletins(w.buyer, firstset.BulletinFilter{}); len(seen) != 1 {
			t.Errorf("a buyer does not see the issued bulletin")
		}
		if _, err := svc.IssueBulletin(w.buyer, list[0].ID, ""); firstset.ErrorCode(err) != firstset.EFORBIDDEN {
			t.Errorf("a buyer issued a bulletin: %v", err)
		}
	})
}

// BenchmarkBulletin50k composes a quarter's bulletin (its PDF and its
// workbook) over 50,000 purchases; -benchmem and the peak-heap metric say
// what it holds.
func BenchmarkBulletin50k(b *testing.B) {
	font := bulletinFont(b)
	for _, db := range []struct {
		name string
		open func(testing.TB) firstset.Store
	}{{"sqlite", dbtest.SQLite}, {"postgres", dbtest.Postgres}} {
		b.Run(db.name, func(b *testing.B) {
			store := db.open(b)
			w := newIncentiveWorld(b, store)
			cfg := service.DefaultConfig
			cfg.Documents.Font = font
			svc := service.New(store, cfg, slog.New(slog.DiscardHandler))
			svc.Now = w.clock
			w.at("2026-09-30")
			seedPurchases(b, store, w, 50_000)
			b.ResetTimer()
			var peak uint64
			for b.Loop() {
				stop := sampleHeap(&peak)
				bl, err := svc.ComposeBulletin(w.reviewer, firstset.BulletinInput{Period: "2026Q3"})
				stop()
				if err != nil || bl.Purchases != 50_000 {
					b.Fatalf("%+v %v", bl, err)
				}
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}

// sampleHeap records the largest live heap seen until stop is called.
func sampleHeap(peak *uint64) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > *peak {
				*peak = m.HeapAlloc
			}
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return func() { close(done); <-finished }
}

// seedPurchases stores n purchases of the world's buyer in 2026Q3 straight
// through the store, spread over both products, the project kinds and the
// methods.
func seedPurchases(b *testing.B, store firstset.Store, w *incentiveWorld, n int) {
	b.Helper()
	ctx := firstset.BulkWrite(w.sys)
	from := date.MustParse("2026-07-01")
	for done := 0; done < n; {
		batch := make([]*firstset.Procurement, 0, 5000)
		for i := done; i < n && len(batch) < 5000; i++ {
			p := w.product
			if i%3 == 0 {
				p = w.otherProduct
			}
			batch = append(batch, &firstset.Procurement{BuyerID: w.buyerOrg.ID, ProductID: p.ID,
				ProjectName: "项目" + strconv.Itoa(i%97), ProjectKind: firstset.ProjectKinds[i%3],
				ContractDate: from.AddDays(i % 92), Amount: money.Fen(100_000_00 + int64(i%1000)*100),
				Method: firstset.ProcurementMethods[i%4], Recommendation: "书面推荐", UseStatus: firstset.UseInUse})
		}
		if err := store.Update(ctx, func(tx firstset.Tx) error { return tx.CreateProcurements(ctx, batch) }); err != nil {
			b.Fatal(err)
		}
		done += len(batch)
	}
}
