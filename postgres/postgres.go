// Package postgres is the store for production and scale: any number of
// stateless server instances on one PostgreSQL database.
//
// It goes through pgx's database/sql adapter (pgx/v5/stdlib) rather than
// pgxpool so that every query is shared with SQLite in package sqlstore;
// pgx still speaks the binary protocol and caches prepared statements per
// connection, which is where pgxpool's speed would come from.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"firstset"
	"firstset/search"
	"firstset/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is a firstset.Store on a PostgreSQL database.
type DB struct {
	*sqlstore.DB
	url string
}

var _ firstset.Store = (*DB)(nil)

// MaxConns is the pool size of one instance; instances × MaxConns must stay
// under the server's max_connections.
const MaxConns = 20

// Open connects to the database at url (postgres://user@host:port/db?sslmode=…)
// and checks that it answers. Call Migrate before use.
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	if _, set := cfg.RuntimeParams["jit"]; !set {
		// Catalog searches are short; compiling them costs more than it
		// saves once the planner's estimates pass jit_above_cost.
		cfg.RuntimeParams["jit"] = "off"
	}
	pool := stdlib.OpenDB(*cfg)
	pool.SetMaxOpenConns(MaxConns)
	pool.SetMaxIdleConns(MaxConns)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	if err := pool.PingContext(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	return &DB{DB: sqlstore.New(pool, pool, Dialect), url: url}, nil
}

// Reopen opens another store on the same database, as another server
// instance would.
func (db *DB) Reopen(ctx context.Context) (*DB, error) { return Open(ctx, db.url) }

// Migrate brings the schema up to date; it changes nothing when it already
// is. An advisory lock keeps instances starting together from migrating at
// once.
func (db *DB) Migrate(ctx context.Context) error {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return fmt.Errorf("postgres migrations: %w", err)
	}
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return fmt.Errorf("postgres migration lock: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db.WriteDB(), fsys, goose.WithSessionLocker(locker))
	if err != nil {
		return fmt.Errorf("postgres migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("postgres migrate: %w", err)
	}
	return nil
}

// Backup runs pg_dump (which must be on PATH, at least as new as the
// server) to write a custom-format archive to path, restorable with
// pg_restore. pg_dump reads one snapshot, so the copy is consistent while
// the store keeps serving.
func (db *DB) Backup(ctx context.Context, path string) error {
	bin, err := exec.LookPath("pg_dump")
	if err != nil {
		return fmt.Errorf("backup: pg_dump is not on PATH; install the PostgreSQL client tools or back up with the database's own tooling: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return fmt.Errorf("backup: create directory: %w", err)
	}
	tmp := path + ".partial"
	cmd := exec.CommandContext(ctx, bin, "--format=custom", "--no-owner", "--file="+tmp, "--dbname="+db.url)
	if out, err := cmd.CombinedOutput(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup: pg_dump: %w: %s", err, out)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// Dialect is PostgreSQL's way of doing what differs between databases.
var Dialect = &sqlstore.Dialect{
	Name:     "postgres",
	Numbered: true,
	Time:     func(t time.Time) any { return t },
	UniqueViolation: func(err error) (string, bool) {
		var pe *pgconn.PgError
		if !errors.As(err, &pe) || pe.Code != "23505" {
			return "", false
		}
		col := pe.ConstraintName
		if m := keyRE.FindStringSubmatch(pe.Detail); m != nil {
			col = m[1]
		}
		return pe.TableName + "." + col, true
	},
	ForeignKeyViolation: func(err error) bool {
		var pe *pgconn.PgError
		return errors.As(err, &pe) && pe.Code == "23503"
	},
	InvalidText: func(err error) bool {
		// character_not_in_repertoire (a NUL byte in text, bytes that are
		// not UTF-8), untranslatable_character (\u0000 in JSON).
		var pe *pgconn.PgError
		return errors.As(err, &pe) && (pe.Code == "22021" || pe.Code == "22P05")
	},
	ForUpdate: " FOR UPDATE",
	ForShare:  " FOR SHARE",
	LockKey:   `SELECT pg_advisory_xact_lock(hashtextextended(?, 0))`,
	// One snapshot per read-only transaction: a search's version, total and
	// page then come from the same moment.
	ViewIsolation: sql.LevelRepeatableRead,
	IndexProducts: indexProducts,
	// IndexProducts overwrites the row, and it goes with its product.
	UnindexProduct:   func(context.Context, sqlstore.Querier, int64) error { return nil },
	SearchProducts:   searchProducts,
	MatchingProducts: matchingProducts,
	Contains:         func(column string) string { return "strpos(" + column + ", ?) > 0" },
}

// indexProducts upserts the entries' rows, many to a statement.
func indexProducts(ctx context.Context, x sqlstore.Querier, entries []sqlstore.IndexEntry) error {
	const perStatement = 500 // 8 parameters each, well under the protocol's 65535
	for len(entries) > 0 {
		n := min(len(entries), perStatement)
		args := make([]any, 0, 8*n)
		for _, e := range entries[:n] {
			args = append(args, e.ID, e.Status, e.CategoryID, e.InnovationLevel, e.DistrictCode, e.RecognizedOn,
				e.Doc.Text(), append(e.Doc.Grams(), e.Tags()...))
		}
		values := sqlstore.ValueRows(n, "(?, ?, ?, ?, ?, ?, ?, ?)")
		if _, err := x.Exec(ctx, `INSERT INTO product_search (product_id, status, category_id, innovation_level,
			district_code, recognized_on, text, grams) VALUES `+values+`
			ON CONFLICT (product_id) DO UPDATE SET status = excluded.status, category_id = excluded.category_id,
			innovation_level = excluded.innovation_level, district_code = excluded.district_code,
			recognized_on = excluded.recognized_on, text = excluded.text, grams = excluded.grams`, args...); err != nil {
			return err
		}
		entries = entries[n:]
	}
	return nil
}

// textMatch is a condition on product_search aliased s: the GIN index
// finds the rows holding every gram and tag, and for three characters or
// more strpos confirms the grams are adjacent. One or two characters are
// one gram (and no text no gram), which the index answers exactly.
func textMatch(q search.Query, tags []string) (string, []any) {
	grams := append(q.DistinctGrams(), tags...)
	if len(q.Grams) <= 1 {
		return `s.grams @> ?`, []any{grams}
	}
	return `s.grams @> ? AND strpos(s.text, ?) > 0`, []any{grams, q.Norm}
}

func matchingProducts(ctx context.Context, x sqlstore.Querier, sq search.Query, tags []string) ([]int64, error) {
	cond, args := textMatch(sq, sqlstore.TagsOrAll(sq, tags))
	rows, err := x.Query(ctx, `SELECT s.product_id FROM product_search s WHERE `+cond, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// searchProducts answers a text query, filters included, from the GIN
// index; a search without text (browsing) uses the B-tree indexes on the
// filter columns, whose order is the catalog's.
func searchProducts(ctx context.Context, x sqlstore.Querier, q firstset.CatalogQuery, sq search.Query) ([]int64, int, error) {
	var conds []string
	var args []any
	add := func(cond string, more ...any) {
		conds, args = append(conds, cond), append(args, more...)
	}
	if sq.Empty() {
		if q.Status != "" {
			add(`s.status = ?`, q.Status)
		}
		if q.CategoryID != 0 {
			add(`s.category_id = ?`, q.CategoryID)
		}
		if q.InnovationLevel != "" {
			add(`s.innovation_level = ?`, q.InnovationLevel)
		}
		if q.DistrictCode != "" {
			add(`s.district_code = ?`, q.DistrictCode)
		}
	} else {
		cond, more := textMatch(sq, sqlstore.QueryTags(q))
		add(cond, more...)
	}
	from := ` FROM product_search s` + sqlstore.Where(conds)
	var total int
	if err := x.QueryRow(ctx, `SELECT COUNT(*)`+from, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count catalog: %w", err)
	}
	limit, offset := sqlstore.Page(q.Offset, q.Limit)
	if total <= offset {
		return nil, total, nil
	}
	rows, err := x.Query(ctx, `SELECT s.product_id`+from+
		` ORDER BY s.recognized_on DESC NULLS LAST, s.product_id DESC LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("search catalog: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, 0, fmt.Errorf("search catalog: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, total, rows.Err()
}

// keyRE reads the column from "Key (column)=(value) already exists."
var keyRE = regexp.MustCompile(`^Key \(([^)]+)\)=`)
