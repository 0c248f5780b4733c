package storetest

import (
	"context"
	"fmt"
	"testing"

	"firstset"
	"firstset/fixture"
)

// Fixture returns the benchmark fixture of n products in s: it loads it
// unless s already holds exactly that fixture (a database kept between
// benchmark runs), in which case it only regenerates the data, which the
// same seed makes identical.
func Fixture(tb testing.TB, s firstset.Store, n int) *fixture.Data {
	tb.Helper()
	ctx := context.Background()
	var total int
	err := s.View(ctx, func(tx firstset.Tx) error {
		_, t, err := tx.ListProducts(ctx, firstset.ProductFilter{Limit: 1}, "")
		total = t
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	switch total {
	case 0:
		return LoadFixture(tb, s, n)
	case n:
		d := fixture.Generate(n, 1)
		err := s.View(ctx, func(tx firstset.Tx) error {
			// The data is regenerated; its ids are the stored ones.
			list, _, err := tx.ListEnterprises(ctx, firstset.EnterpriseFilter{})
			if err != nil {
				return err
			}
			ids := make(map[string]int64, len(list))
			for _, e := range list {
				ids[e.CreditCode] = e.ID
			}
			for _, e := range d.Enterprises {
				if e.ID = ids[e.CreditCode]; e.ID == 0 {
					return fmt.Errorf("enterprise %s is missing", e.CreditCode)
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatalf("the database holds %d products but not this fixture: %v", n, err)
		}
		tb.Logf("%s: reusing the fixture of %s", s.Dialect(), d.Summary())
		return d
	}
	tb.Fatalf("the database holds %d products, neither none nor the fixture's %d", total, n)
	return nil
}
