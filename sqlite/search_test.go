package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"firstset"
	"firstset/date"
	"firstset/search"
	"firstset/sqlstore"
)

func TestCatalogKeyIsCatalogOrder(t *testing.T) {
	older := sqlstore.CatalogKey(9, date.MustParse("2024-01-01"))
	newer := sqlstore.CatalogKey(3, date.MustParse("2024-06-01"))
	sameDayHigherID := sqlstore.CatalogKey(4, date.MustParse("2024-06-01"))
	never := sqlstore.CatalogKey(1000, date.Date{})
	if !(sameDayHigherID > newer && newer > older && older > never) {
		t.Fatalf("keys out of catalog order: %d %d %d %d", sameDayHigherID, newer, older, never)
	}
	if sameDayHigherID&sqlstore.MaxProductID != 4 {
		t.Fatal("the low bits are the product id")
	}
}

// The planner must answer a catalog search from the FTS5 index alone, in
// its rowid order: no scan of products, no sort.
func TestCatalogQueriesUseTheIndex(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	q := firstset.CatalogQuery{Status: firstset.StatusRecognised, DistrictCode: "LJ"}
	for _, text := range []string{"", "机", "机床", "数控机床"} {
		expr := matchExpr(q, search.ParseQuery(text))
		for _, query := range []struct {
			sql  string
			args []any
		}{{countQuery, []any{expr}}, {pageQuery, []any{expr, 20, 0}}} {
			rows, err := db.ReadDB().Query(`EXPLAIN QUERY PLAN `+query.sql, query.args...)
			if err != nil {
				t.Fatal(err)
			}
			var plan []string
			for rows.Next() {
				var id, parent, unused int
				var detail string
				if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
					t.Fatal(err)
				}
				plan = append(plan, detail)
			}
			rows.Close()
			joined := strings.Join(plan, "; ")
			if !strings.Contains(joined, "VIRTUAL TABLE INDEX") || strings.Contains(joined, "TEMP B-TREE") || len(plan) != 1 {
				t.Fatalf("%q (%s): plan %q", text, query.sql, joined)
			}
		}
	}
}
