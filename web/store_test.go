package web

import (
	"testing"

	"firstset"
	"firstset/dbtest"
)

// newTestStore is the store the HTTP tests run on: a fresh, migrated
// SQLite database.
func newTestStore(t *testing.T) firstset.Store {
	t.Helper()
	return dbtest.SQLite(t)
}
