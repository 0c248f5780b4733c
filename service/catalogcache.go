package service

import (
	"fmt"
	"sync"

	"firstset"
)

// catalogCache keeps search results of one catalog version. The store's
// version grows with every committed change searches can see, so a result
// is reused only while nothing it could show has changed, and every
// instance sharing the database stops using old results at the same moment.
type catalogCache struct {
	max     int
	mu      sync.Mutex
	version int64
	pages   map[string]*firstset.CatalogPage
}

func newCatalogCache(max int) *catalogCache {
	if max <= 0 {
		return nil
	}
	return &catalogCache{max: max, pages: make(map[string]*firstset.CatalogPage)}
}

func catalogKey(q firstset.CatalogQuery) string {
	return fmt.Sprintf("%q|%d|%q|%q|%q|%d|%d", q.Query, q.CategoryID, q.DistrictCode, q.InnovationLevel, q.Status, q.Offset, q.Limit)
}

func (c *catalogCache) get(version int64, key string) (*firstset.CatalogPage, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version {
		return nil, false
	}
	p, ok := c.pages[key]
	return p, ok
}

func (c *catalogCache) put(version int64, key string, p *firstset.CatalogPage) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case version > c.version:
		// The catalog changed: every kept result is out of date.
		clear(c.pages)
		c.version = version
	case version < c.version:
		return // a slow reader's result of an older catalog
	}
	if len(c.pages) >= c.max {
		// Dropping all is crude but bounded; the next searches refill it.
		clear(c.pages)
	}
	c.pages[key] = p
}
