package sqlstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"firstset"
	"firstset/dbtest"
	"firstset/postgres"
	"firstset/sqlite"
	"firstset/sqlstore"
)

// indexed is a store with the catalog index in memory.
type indexed interface {
	firstset.Store
	LoadCatalogIndex(ctx context.Context) error
	CatalogIndexStats() sqlstore.CatalogIndexStats
	ReadDB() *sql.DB
}

// another opens a second store on s's database, as another instance would.
func another(t *testing.T, s firstset.Store) indexed {
	t.Helper()
	var db indexed
	var err error
	switch s := s.(type) {
	case *sqlite.DB:
		db, err = s.Reopen(context.Background())
	case *postgres.DB:
		db, err = s.Reopen(context.Background())
	default:
		t.Fatalf("no second instance of %T", s)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func search(t *testing.T, db firstset.Store, text string) int {
	t.Helper()
	var total int
	err := db.View(context.Background(), func(tx firstset.Tx) error {
		page, err := tx.SearchCatalog(context.Background(), firstset.CatalogQuery{Query: text})
		if page != nil {
			total = page.Total
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return total
}

// An instance that falls further behind than the change log reaches
// rebuilds its index instead of missing changes; meanwhile the database
// answers.
func TestPrunedChangesRebuildTheIndex(t *testing.T) {
	defer sqlstore.KeepChanges(6, 4)()
	dbtest.Run(t, func(t *testing.T, writer firstset.Store) {
		ctx := context.Background()
		reader := another(t, writer)
		var product *firstset.Product
		err := writer.Update(ctx, func(tx firstset.Tx) error {
			e := &firstset.Enterprise{Name: "重庆测试装备有限公司", CreditCode: "91500000MA00000001", DistrictCode: "500112"}
			if err := tx.CreateEnterprise(ctx, e); err != nil {
				return err
			}
			cats, err := tx.Categories(ctx)
			if err != nil {
				return err
			}
			product = &firstset.Product{EnterpriseID: e.ID, CategoryID: cats[0].ID, Name: "第0代滚齿机",
				InnovationLevel: firstset.LevelNational, Status: firstset.StatusDraft}
			return tx.CreateProduct(ctx, product)
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := reader.LoadCatalogIndex(ctx); err != nil {
			t.Fatal(err)
		}
		loaded := reader.CatalogIndexStats().Version

		for i := 1; i <= 20; i++ {
			err := writer.Update(ctx, func(tx firstset.Tx) error {
				product.Name = fmt.Sprintf("第%d代滚齿机", i)
				return tx.UpdateProduct(ctx, product)
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		var kept, pruned int64
		if err := reader.ReadDB().QueryRow(`SELECT COUNT(*), (SELECT pruned_through FROM catalog_version) FROM catalog_changes`).Scan(&kept, &pruned); err != nil {
			t.Fatal(err)
		}
		if pruned <= loaded || kept > 6+4 {
			t.Fatalf("change log: %d kept, pruned through %d (the reader loaded version %d)", kept, pruned, loaded)
		}

		before := reader.CatalogIndexStats()
		if n := search(t, reader, "第20代"); n != 1 {
			t.Fatalf("found %d of the product's newest name", n)
		}
		if st := reader.CatalogIndexStats(); st.FromDatabase != before.FromDatabase+1 {
			t.Fatal("behind the change log, the search did not go to the database")
		}
		if n := search(t, reader, "第0代"); n != 0 {
			t.Fatalf("found %d of the product's first name", n)
		}
		// The rebuild started in the background; then memory answers again.
		deadline := time.Now().Add(10 * time.Second)
		for reader.CatalogIndexStats().Version < pruned && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		before = reader.CatalogIndexStats()
		if n := search(t, reader, "第20代"); n != 1 {
			t.Fatalf("after the rebuild, found %d of the product's newest name", n)
		}
		if st := reader.CatalogIndexStats(); st.FromMemory != before.FromMemory+1 {
			t.Fatalf("after the rebuild, the search did not come from memory: %+v", st)
		}
	})
}
