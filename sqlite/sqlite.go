// Package sqlite is the embedded store: one database file, nothing to
// install, on the pure-Go modernc.org/sqlite driver (so CGO_ENABLED=0
// builds). Writes go through a single connection, which serialises them
// (and with them the audit chain); reads run on a pool of read-only
// connections beside it, which WAL lets proceed while a write is under way.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"time"

	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"firstset"
	"firstset/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is a firstset.Store on one SQLite file.
type DB struct {
	*sqlstore.DB
	path string
}

var _ firstset.Store = (*DB)(nil)

// pragmas apply to every connection. synchronous=FULL makes a commit wait
// until the WAL is synced: an acknowledged write survives a power cut,
// which NORMAL does not promise in WAL mode. Statement journals stay in
// memory (they are rollback scratch, never needed after a crash). Each
// reading connection may cache up to 32 MB of pages, enough for the
// catalog index of 100,000 products; the writer caches 4 MB: it writes
// attachments in chunks, and a large cache would fill with their pages
// (eight 20 MB uploads at once grew the server by 100 MB, and were half as
// fast, with the writer's cache at 32 MB).
var pragmas = []string{
	"journal_mode(WAL)",
	"synchronous(FULL)",
	"foreign_keys(1)",
	"busy_timeout(10000)",
	"temp_store(MEMORY)",
}

const (
	readerCache = "cache_size(-32768)"
	writerCache = "cache_size(-4096)"
)

func dsn(path string, readOnly bool) string {
	q := url.Values{}
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	if readOnly {
		q.Add("_pragma", readerCache)
		q.Set("_query_only", "1")
	} else {
		q.Add("_pragma", writerCache)
		// Take the write lock when a transaction begins, not on its first
		// write, so another process's writer waits (busy_timeout) instead of
		// failing with SQLITE_BUSY half-way through.
		q.Set("_txlock", "immediate")
	}
	return path + "?" + q.Encode()
}

// Open opens (creating if needed) the database file at path and its parent
// directory. Call Migrate before use.
func Open(path string) (*DB, error) {
	if path == "" || strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("open sqlite: invalid database path %q", path)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("open sqlite: create directory: %w", err)
		}
	}
	write, err := openCaching(dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	// The writer connection creates the file and switches it to WAL before
	// any reader opens it.
	if err := write.PingContext(context.Background()); err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	read, err := openCaching(dsn(path, true))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite %s for reading: %w", path, err)
	}
	n := max(4, runtime.NumCPU())
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	return &DB{DB: sqlstore.New(write, read, Dialect), path: path}, nil
}

// Migrate brings the schema up to date; it changes nothing when it already is.
func (db *DB) Migrate(ctx context.Context) error {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return fmt.Errorf("sqlite migrations: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db.WriteDB(), fsys)
	if err != nil {
		return fmt.Errorf("sqlite migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("sqlite migrate: %w", err)
	}
	return nil
}

// Backup writes a consistent copy of the database to path with VACUUM
// INTO, which reads one snapshot while writers carry on. The copy is made
// beside path and renamed into place, so path is never half-written.
func (db *DB) Backup(ctx context.Context, path string) error {
	if same, err := samePath(path, db.path); err != nil || same {
		return fmt.Errorf("backup: %s is the database itself", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return fmt.Errorf("backup: create directory: %w", err)
	}
	tmp := path + ".partial"
	if err := os.Remove(tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("backup: %w", err)
	}
	// A connection of its own: the read pool is query_only, which forbids
	// VACUUM, and the writer must stay free for Updates.
	conn, err := sql.Open("sqlite", db.path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("backup: open: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// samePath reports whether a and b name the same file, existing or not.
func samePath(a, b string) (bool, error) {
	absA, err := filepath.Abs(a)
	if err != nil {
		return false, err
	}
	absB, err := filepath.Abs(b)
	if err != nil {
		return false, err
	}
	if absA == absB {
		return true, nil
	}
	infoA, errA := os.Stat(absA)
	infoB, errB := os.Stat(absB)
	return errA == nil && errB == nil && os.SameFile(infoA, infoB), nil
}

// Dialect is SQLite's way of doing what differs between databases.
var Dialect = &sqlstore.Dialect{
	Name:        "sqlite",
	PrepareInTx: true,
	GroupCommit: true,
	Time:        func(t time.Time) any { return t.Format(sqlstore.TimeLayout) },
	UniqueViolation: func(err error) (string, bool) {
		m := uniqueRE.FindStringSubmatch(err.Error())
		if m == nil {
			return "", false
		}
		return m[1], true
	},
	ForeignKeyViolation: func(err error) bool {
		return strings.Contains(err.Error(), "FOREIGN KEY constraint failed")
	},
	IndexProducts:    indexProducts,
	UnindexProduct:   unindexProduct,
	SearchProducts:   searchProducts,
	MatchingProducts: matchingProducts,
	Contains:         func(column string) string { return "instr(" + column + ", ?) > 0" },
	LastInsertID:     true,
}

// uniqueRE reads the first column of SQLite's "UNIQUE constraint failed:
// table.column" message.
var uniqueRE = regexp.MustCompile(`UNIQUE constraint failed: ([A-Za-z_]+\.[A-Za-z_]+)`)

// Path is the database file.
func (db *DB) Path() string { return db.path }

// Reopen opens another store on the same file, as another process would.
func (db *DB) Reopen(context.Context) (*DB, error) { return Open(db.path) }
