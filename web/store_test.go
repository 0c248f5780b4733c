package web

import (
	"testing"

	"firstset"
)

// newTestStore is the store the HTTP tests run on.
func newTestStore(t *testing.T) firstset.Store {
	t.Helper()
	return newMemStore()
}
