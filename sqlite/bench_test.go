package sqlite_test

import (
	"sync"
	"testing"

	"firstset/fixture"
	"firstset/sqlite"
	"firstset/storetest"
)

var benchStore struct {
	once sync.Once
	db   *sqlite.DB
	data *fixture.Data
}

// loaded returns a store holding the benchmark fixture, loaded once per run.
func loaded(b *testing.B) (*sqlite.DB, *fixture.Data) {
	benchStore.once.Do(func() {
		benchStore.db = openTemp(b)
		benchStore.data = storetest.LoadFixture(b, benchStore.db, storetest.BenchProducts())
	})
	if benchStore.db == nil {
		b.Fatal("fixture failed to load")
	}
	return benchStore.db, benchStore.data
}

func BenchmarkCatalogSearch(b *testing.B) {
	db, d := loaded(b)
	storetest.BenchSearch(b, db, d)
}

func BenchmarkCreateProduct(b *testing.B) {
	storetest.BenchCreate(b, openTemp(b))
}
