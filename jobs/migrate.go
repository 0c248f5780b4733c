package jobs

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
)

// migrateLock is the PostgreSQL advisory lock held while river's tables are
// migrated (goose holds its own for the application's).
const migrateLock = 0x6669727374736a62 // "firstsjb"

// Migrate installs or upgrades river's tables (river_job, river_leader, …)
// beside the application's; it changes nothing when they are up to date.
// On PostgreSQL it holds an advisory lock meanwhile; on SQLite it runs in
// one transaction, which on the writer begins IMMEDIATE. So instances
// starting together migrate one after the other, and the second finds
// nothing to do.
func Migrate(ctx context.Context, db *sql.DB, dialect string) error {
	var driver riverdriver.Driver[*sql.Tx]
	switch dialect {
	case "sqlite":
		driver = riversqlite.New(db)
	case "postgres":
		driver = riverdatabasesql.New(db)
	default:
		return fmt.Errorf("jobs: unknown dialect %q", dialect)
	}
	m, err := rivermigrate.New(driver, nil)
	if err != nil {
		return fmt.Errorf("jobs: migrate: %w", err)
	}
	if dialect == "postgres" {
		return migratePostgres(ctx, db, m)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("jobs: migrate: %w", err)
	}
	defer func() { _ = tx.Rollback() }() // after Commit it does nothing
	if _, err := m.MigrateTx(ctx, tx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("jobs: migrate: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("jobs: migrate: %w", err)
	}
	return nil
}

// migratePostgres holds a session advisory lock on a connection of its own
// while river migrates on the pool: one transaction cannot hold them all
// (a migration adds an enum value a later one uses, which PostgreSQL
// refuses in the transaction that added it).
func migratePostgres(ctx context.Context, db *sql.DB, m *rivermigrate.Migrator[*sql.Tx]) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("jobs: migrate: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, int64(migrateLock)); err != nil {
		return fmt.Errorf("jobs: migrate: lock: %w", err)
	}
	defer func() {
		// Closing the session would release it too, but the pool keeps
		// the connection.
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(migrateLock))
	}()
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("jobs: migrate: %w", err)
	}
	return nil
}
