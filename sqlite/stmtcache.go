package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
)

// The driver parses a statement again each time it is prepared, and the
// store prepares its statements in every transaction: parsing was a fifth of
// the CPU time of an API create. These connections keep what they prepared
// for the next transaction instead.

// maxCachedStmts bounds the statements one connection keeps; queries built
// with a variable number of placeholders beyond it are prepared each time.
const maxCachedStmts = 256

// openCaching opens a pool on dsn whose connections cache prepared statements.
func openCaching(dsn string) (*sql.DB, error) {
	probe, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	drv := probe.Driver()
	probe.Close()
	return sql.OpenDB(cachingConnector{driver: drv, dsn: dsn}), nil
}

type cachingConnector struct {
	driver driver.Driver
	dsn    string
}

func (c cachingConnector) Connect(context.Context) (driver.Conn, error) {
	conn, err := c.driver.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	full, ok := conn.(fullConn)
	if !ok {
		return conn, nil
	}
	return &cachingConn{fullConn: full, stmts: make(map[string]*cachedStmt)}, nil
}

func (c cachingConnector) Driver() driver.Driver { return c.driver }

// fullConn is what database/sql uses of a SQLite connection; a wrapper must
// pass all of it on, or database/sql falls back to slower paths.
type fullConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

type fullStmt interface {
	driver.Stmt
	driver.StmtExecContext
	driver.StmtQueryContext
}

// cachingConn is used by one goroutine at a time (database/sql locks a
// connection around every call), so its map needs no lock.
type cachingConn struct {
	fullConn
	stmts map[string]*cachedStmt
}

func (c *cachingConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *cachingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if s, ok := c.stmts[query]; ok && !s.inUse {
		s.inUse = true
		return s, nil
	}
	ds, err := c.fullConn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	full, ok := ds.(fullStmt)
	if _, cached := c.stmts[query]; !ok || cached || len(c.stmts) >= maxCachedStmts {
		// A second copy in use at once is closed as usual.
		return ds, nil
	}
	s := &cachedStmt{fullStmt: full, inUse: true}
	c.stmts[query] = s
	return s, nil
}

func (c *cachingConn) Close() error {
	for _, s := range c.stmts {
		s.fullStmt.Close()
	}
	c.stmts = nil
	return c.fullConn.Close()
}

// cachedStmt stays prepared when database/sql closes it, for the next
// transaction on the same connection.
type cachedStmt struct {
	fullStmt
	inUse bool
}

func (s *cachedStmt) Close() error {
	s.inUse = false
	return nil
}
