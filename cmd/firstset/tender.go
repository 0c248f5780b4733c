package main

import (
	"context"
	"fmt"
	"os"

	"firstset"
	"firstset/cmd/firstset/tendercli"
	"firstset/service"
	"firstset/tender"
)

// tenderProductLookup reads `tender check --product ID` from the platform's
// database: "" means the database serve would use, opened without running
// migrations, so a check never changes the schema. A product that is not
// recognised and in force today is refused as not in the catalog.
func tenderProductLookup(ctx context.Context) tendercli.ProductLookup {
	return func(dsn string, id int64) (tender.Product, error) {
		if dsn == "" {
			dsn = envOr("FIRSTSET_DB", defaultDB)
		}
		// Opening a missing SQLite file would create an empty database;
		// a check only reads, so a mistyped path is an error.
		if !isPostgres(dsn) {
			if _, err := os.Stat(dsn); err != nil {
				return tender.Product{}, fmt.Errorf("open database: %w", err)
			}
		}
		// A check only reads: the schema is left as it is (no migrations).
		store, err := openDB(ctx, dsn)
		if err != nil {
			return tender.Product{}, err
		}
		defer store.Close()
		// Through the services, which work out the validity in force.
		svc := service.New(store, service.DefaultConfig, nil)
		if err := svc.LoadParameters(ctx); err != nil {
			return tender.Product{}, err
		}
		tp, err := svc.CatalogProduct(ctx, id, tendercli.Today())
		switch code := firstset.ErrorCode(err); {
		case code == firstset.ENOTFOUND:
			return tender.Product{}, fmt.Errorf("%w: 编号为 %d 的装备不存在", tendercli.ErrNotInCatalog, id)
		case code == firstset.EINVALID:
			return tender.Product{}, fmt.Errorf("%w: %s", tendercli.ErrNotInCatalog, firstset.ErrorMessage(err))
		case err != nil:
			return tender.Product{}, fmt.Errorf("read product: %w", err)
		}
		return tp, nil
	}
}
