package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"firstset"
	"firstset/postgres"
	"firstset/sqlite"
)

const defaultDB = "./data/firstset.db"

// envOr returns the environment variable name if set, else def.
func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// dbFlag adds --db to fs, defaulting to FIRSTSET_DB or the SQLite file.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", envOr("FIRSTSET_DB", defaultDB), "SQLite file path, or a postgres:// URL (env FIRSTSET_DB)")
}

func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// migrator is a store that can bring its schema up to date.
type migrator interface {
	firstset.Store
	Migrate(ctx context.Context) error
}

// openDB opens the database named by dsn as it is, without touching its
// schema: for commands that only read.
func openDB(ctx context.Context, dsn string) (migrator, error) {
	var db migrator
	var err error
	if isPostgres(dsn) {
		db, err = postgres.Open(ctx, dsn)
	} else {
		db, err = sqlite.Open(dsn)
	}
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	return db, nil
}

// openStore opens the database named by dsn and applies its migrations.
func openStore(ctx context.Context, dsn string) (firstset.Store, error) {
	db, err := openDB(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate database: %w", err)
	}
	return db, nil
}
