package storetest

import (
	"context"
	"encoding/json"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"firstset"
	"firstset/fixture"
	"firstset/sqlstore"
)

// BenchProducts is how many products the benchmarks load:
// FIRSTSET_BENCH_PRODUCTS, 100,000 by default.
func BenchProducts() int {
	if n, err := strconv.Atoi(os.Getenv("FIRSTSET_BENCH_PRODUCTS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// LoadFixture fills s with n generated products in one transaction and
// logs how long it took.
func LoadFixture(tb testing.TB, s firstset.Store, n int) *fixture.Data {
	tb.Helper()
	d := fixture.Generate(n, 1)
	start := time.Now()
	if err := fixture.Load(context.Background(), s, d); err != nil {
		tb.Fatal(err)
	}
	tb.Logf("%s: loaded %s in %s", s.Dialect(), d.Summary(), time.Since(start).Round(time.Millisecond))
	return d
}

// SearchCases are the catalog searches the benchmark times: the public's
// (recognised only) with queries of every length and frequency, and
// staff's across all statuses.
func SearchCases(d *fixture.Data) []struct {
	Name  string
	Query firstset.CatalogQuery
} {
	rec := firstset.StatusRecognised
	e := d.Enterprises[0]
	return []struct {
		Name  string
		Query firstset.CatalogQuery
	}{
		{"browse", firstset.CatalogQuery{Status: rec, Limit: 20}},
		{"1char_机", firstset.CatalogQuery{Query: "机", Status: rec, Limit: 20}},
		{"2char_智能", firstset.CatalogQuery{Query: "智能", Status: rec, Limit: 20}},
		{"2char_机床", firstset.CatalogQuery{Query: "机床", Status: rec, Limit: 20}},
		{"3char_机器人", firstset.CatalogQuery{Query: "机器人", Status: rec, Limit: 20}},
		{"4char_血液净化", firstset.CatalogQuery{Query: "血液净化", Status: rec, Limit: 20}},
		{"long_丘陵山区履带拖拉机", firstset.CatalogQuery{Query: "丘陵山区履带拖拉机", Status: rec, Limit: 20}},
		{"model_VMC-12", firstset.CatalogQuery{Query: "VMC-12", Status: rec, Limit: 20}},
		{"enterprise", firstset.CatalogQuery{Query: e.Name, Status: rec, Limit: 20}},
		{"absent_量子计算机", firstset.CatalogQuery{Query: "量子计算机", Status: rec, Limit: 20}},
		{"filters_智能_district_level", firstset.CatalogQuery{Query: "智能", Status: rec, DistrictCode: "LJ",
			InnovationLevel: firstset.LevelNational, Limit: 20}},
		{"staff_all_statuses_系统", firstset.CatalogQuery{Query: "系统", Limit: 20}},
		{"deep_page_智能", firstset.CatalogQuery{Query: "智能", Status: rec, Offset: 2000, Limit: 20}},
	}
}

// BenchSearch times each of SearchCases on s, which holds d, and reports
// the number of matches as total/op.
func BenchSearch(b *testing.B, s firstset.Store, d *fixture.Data) {
	ctx := context.Background()
	eachBenchIndex(b, s, func(b *testing.B) {
		for _, c := range SearchCases(d) {
			b.Run(c.Name, func(b *testing.B) {
				var total int
				for b.Loop() {
					err := s.View(ctx, func(tx firstset.Tx) error {
						page, err := tx.SearchCatalog(ctx, c.Query)
						if err == nil {
							total = page.Total
						}
						return err
					})
					if err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(total), "total/op")
			})
		}
	})
}

// eachBenchIndex runs fn as sub-benchmark "database" with the database's
// own catalog index and, for a store that also keeps one in memory, as
// "memory" answered from it.
func eachBenchIndex(b *testing.B, s firstset.Store, fn func(b *testing.B)) {
	m, ok := s.(sqlstore.MemoryIndexed)
	if !ok {
		b.Run("database", fn)
		return
	}
	m.UseCatalogIndex(false)
	b.Run("database", fn)
	m.UseCatalogIndex(true)
	start := time.Now()
	if err := m.LoadCatalogIndex(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: catalog index of %d products loaded into memory in %s", s.Dialect(),
		m.CatalogIndexStats().Products, time.Since(start).Round(time.Millisecond))
	before := m.CatalogIndexStats()
	b.Run("memory", fn)
	if after := m.CatalogIndexStats(); after.FromDatabase != before.FromDatabase {
		b.Fatalf("%d searches went to the database", after.FromDatabase-before.FromDatabase)
	}
}

// BenchCreate times durable product creates as the services make them:
// one transaction per product, with its audit entry.
func BenchCreate(b *testing.B, s firstset.Store) {
	ctx := context.Background()
	d := fixture.Generate(1, 2)
	var cat int64
	err := s.Update(ctx, func(tx firstset.Tx) error {
		cats, err := tx.Categories(ctx)
		cat = cats[0].ID
		if err != nil {
			return err
		}
		return tx.CreateEnterprise(ctx, d.Enterprises[0])
	})
	if err != nil {
		b.Fatal(err)
	}
	tmpl := *d.Products[0]
	tmpl.EnterpriseID, tmpl.CategoryID, tmpl.Patents = d.Enterprises[0].ID, cat, nil
	i := 0
	for b.Loop() {
		i++
		err := s.Update(ctx, func(tx firstset.Tx) error {
			p := tmpl
			p.ID, p.CreatedAt, p.UpdatedAt = 0, time.Time{}, time.Time{}
			p.Patents = []string{"ZLB" + strconv.Itoa(i)}
			if err := tx.CreateProduct(ctx, &p); err != nil {
				return err
			}
			after, err := json.Marshal(&p)
			if err != nil {
				return err
			}
			return tx.AppendAudit(ctx, &firstset.AuditEntry{At: time.Now(), ActorName: "bench", Action: "create",
				Entity: "product", EntityID: p.ID, After: after})
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchList times the staff's product listings on s, which holds d.
func BenchList(b *testing.B, s firstset.Store, d *fixture.Data) {
	ctx := context.Background()
	cases := []struct {
		name     string
		filter   firstset.ProductFilter
		district string
	}{
		{"all", firstset.ProductFilter{Limit: 20}, ""},
		{"status", firstset.ProductFilter{Status: firstset.StatusDeclared, Limit: 20}, ""},
		{"enterprise", firstset.ProductFilter{EnterpriseID: d.Enterprises[0].ID, Limit: 20}, ""},
		{"district", firstset.ProductFilter{Limit: 20}, "LJ"},
		{"query_智能", firstset.ProductFilter{Query: "智能", Limit: 20}, ""},
		{"district_query_机床", firstset.ProductFilter{Query: "机床", Limit: 20}, "500112"},
	}
	eachBenchIndex(b, s, func(b *testing.B) {
		for _, c := range cases {
			b.Run(c.name, func(b *testing.B) {
				var total int
				for b.Loop() {
					err := s.View(ctx, func(tx firstset.Tx) error {
						_, n, err := tx.ListProducts(ctx, c.filter, c.district)
						total = n
						return err
					})
					if err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(total), "total/op")
			})
		}
	})
}

// BenchLoadIndex times building the in-memory catalog index from s and
// reports the heap it keeps as MB-live.
func BenchLoadIndex(b *testing.B, s firstset.Store) {
	m, ok := s.(sqlstore.MemoryIndexed)
	if !ok {
		b.Skip("the store keeps no catalog index in memory")
	}
	ctx := context.Background()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if err := m.LoadCatalogIndex(ctx); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	for b.Loop() {
		if err := m.LoadCatalogIndex(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20), "MB-live")
	b.ReportMetric(float64(m.CatalogIndexStats().Products), "products")
}

// BenchSearchWhileWriting times catalog searches (two-character words, a
// different one each time, from every core) while one writer renames a
// product every writeEvery, each rename a new catalog version that every
// search must catch up with. It reports the writes made as writes/s and,
// for a store with an in-memory index, the share of searches it answered.
func BenchSearchWhileWriting(b *testing.B, s firstset.Store) {
	const writeEvery = 2 * time.Millisecond
	ctx := context.Background()
	words := []string{"智能", "机床", "数控", "机器", "检测", "系统", "装备", "焊接", "重庆", "设备", "轨道", "医疗"}
	m, indexed := s.(sqlstore.MemoryIndexed)
	if indexed {
		if err := m.LoadCatalogIndex(ctx); err != nil {
			b.Fatal(err)
		}
	}
	var ids []int64
	err := s.View(ctx, func(tx firstset.Tx) error {
		list, _, err := tx.ListProducts(ctx, firstset.ProductFilter{Limit: 1000}, "")
		for _, p := range list {
			ids = append(ids, p.ID)
		}
		return err
	})
	if err != nil || len(ids) == 0 {
		b.Fatalf("no products to rename: %v", err)
	}
	var before indexCounts
	if indexed {
		before = counts(m)
	}
	stop := make(chan struct{})
	done := make(chan int)
	go func() {
		writes := 0
		tick := time.NewTicker(writeEvery)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				done <- writes
				return
			case <-tick.C:
			}
			id := ids[writes%len(ids)]
			err := s.Update(ctx, func(tx firstset.Tx) error {
				p, err := tx.ProductByID(ctx, id)
				if err != nil {
					return err
				}
				p.Name = strings.TrimSuffix(p.Name, "（改）") + "（改）"
				return tx.UpdateProduct(ctx, p)
			})
			if err != nil {
				b.Error(err)
			}
			writes++
		}
	}()
	start := time.Now()
	var n atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			q := firstset.CatalogQuery{Query: words[i%int64(len(words))], Status: firstset.StatusRecognised,
				Offset: int(i/int64(len(words))%5) * 20, Limit: 20}
			err := s.View(ctx, func(tx firstset.Tx) error {
				_, err := tx.SearchCatalog(ctx, q)
				return err
			})
			if err != nil {
				b.Error(err)
			}
		}
	})
	close(stop)
	writes := <-done
	b.ReportMetric(float64(writes)/time.Since(start).Seconds(), "writes/s")
	if indexed {
		after := counts(m)
		mem, db := after.memory-before.memory, after.database-before.database
		b.ReportMetric(100*float64(mem)/float64(max(1, mem+db)), "%memory")
	}
}

// indexCounts are how many searches memory and the database answered.
type indexCounts struct{ memory, database int64 }

func counts(m sqlstore.MemoryIndexed) indexCounts {
	st := m.CatalogIndexStats()
	return indexCounts{st.FromMemory, st.FromDatabase}
}
