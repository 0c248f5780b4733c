package search

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
)

// Index is a catalog index held in memory: for every gram and tag, the set
// of documents carrying it, as a compressed bitmap. A search intersects
// the sets of its grams and tags, so counting tens of thousands of matches
// costs microseconds, and confirms longer phrases against each candidate's
// text, so results are exact substrings as in the databases' indexes.
//
// Documents are ordered by a key the caller chooses, largest first; the
// low 32 bits of the key must be the document's id.
//
// An Index is not safe for concurrent use while it is changed; any number
// of searches may run together.
type Index struct {
	docs     map[uint32]indexedDoc
	postings map[string]*roaring.Bitmap
	// order is every key, largest first; sorted is false after a bulk Put
	// until the next search sorts it.
	order  []uint64
	sorted bool
	// interned keeps one copy of each tag string: a handful of values
	// repeated across every document.
	interned map[string]string
}

type indexedDoc struct {
	key  uint64
	text string
	tags []string
}

// Entry is one document as the index takes it.
type Entry struct {
	// Key orders documents (largest first); its low 32 bits are the id.
	Key  uint64
	Doc  Doc
	Tags []string
}

// ID is the document id the key carries.
func (e Entry) ID() uint32 { return uint32(e.Key) }

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{
		docs:     make(map[uint32]indexedDoc),
		postings: make(map[string]*roaring.Bitmap),
		interned: make(map[string]string),
		sorted:   true,
	}
}

// Len is the number of documents.
func (ix *Index) Len() int { return len(ix.docs) }

// Load adds many documents at once, faster than Put because the order is
// sorted once afterwards. Documents already present are replaced.
func (ix *Index) Load(entries []Entry) {
	for _, e := range entries {
		if _, ok := ix.docs[e.ID()]; ok {
			ix.Put(e)
			continue
		}
		ix.add(e)
		ix.order = append(ix.order, e.Key)
		ix.sorted = false
	}
}

// Put adds or replaces one document.
func (ix *Index) Put(e Entry) { ix.Apply([]uint32{e.ID()}, []Entry{e}) }

// Delete removes document id; an absent id is ignored.
func (ix *Index) Delete(id uint32) { ix.Apply([]uint32{id}, nil) }

// Apply removes the documents of ids (absent ones are ignored), then adds
// put, replacing documents of the same id; of entries in put with the same
// id, the last counts.
func (ix *Index) Apply(ids []uint32, put []Entry) {
	ix.sortOrder()
	last := make(map[uint32]int, len(put))
	for i, e := range put {
		last[e.ID()] = i
	}
	var gone []uint64
	remove := func(id uint32) {
		d, ok := ix.docs[id]
		if !ok {
			return
		}
		Doc{Fields: strings.Split(d.text, Separator)}.eachGram(func(g string) { ix.unpost(g, id) })
		for _, t := range d.tags {
			ix.unpost(t, id)
		}
		delete(ix.docs, id)
		gone = append(gone, d.key)
	}
	for _, id := range ids {
		remove(id)
	}
	added := make([]uint64, 0, len(put))
	for i, e := range put {
		if last[e.ID()] != i {
			continue
		}
		remove(e.ID())
		ix.add(e)
		added = append(added, e.Key)
	}
	// A few keys are moved in place; more, in one pass over the order.
	if len(gone)+len(added) <= 16 {
		for _, key := range gone {
			if i, found := slices.BinarySearchFunc(ix.order, key, descending); found {
				ix.order = slices.Delete(ix.order, i, i+1)
			}
		}
		for _, key := range added {
			i, _ := slices.BinarySearchFunc(ix.order, key, descending)
			ix.order = slices.Insert(ix.order, i, key)
		}
		return
	}
	slices.SortFunc(gone, descending)
	slices.SortFunc(added, descending)
	merged := make([]uint64, 0, len(ix.order)-len(gone)+len(added))
	for _, key := range ix.order {
		if len(gone) > 0 && gone[0] == key {
			gone = gone[1:]
			continue
		}
		for len(added) > 0 && added[0] > key {
			merged = append(merged, added[0])
			added = added[1:]
		}
		merged = append(merged, key)
	}
	ix.order = append(merged, added...)
}

func (ix *Index) add(e Entry) {
	id := e.ID()
	tags := make([]string, len(e.Tags))
	for i, t := range e.Tags {
		if s, ok := ix.interned[t]; ok {
			t = s
		} else {
			t = strings.Clone(t)
			ix.interned[t] = t
		}
		tags[i] = t
		ix.post(t, id)
	}
	e.Doc.eachGram(func(g string) { ix.post(g, id) })
	ix.docs[id] = indexedDoc{key: e.Key, text: e.Doc.Text(), tags: tags}
}

func (ix *Index) post(term string, id uint32) {
	b := ix.postings[term]
	if b == nil {
		b = roaring.New()
		// term may be a slice of a document's text; keep a copy of its own.
		ix.postings[strings.Clone(term)] = b
	}
	b.Add(id)
}

func (ix *Index) unpost(term string, id uint32) {
	if b := ix.postings[term]; b != nil {
		b.Remove(id)
		if b.IsEmpty() {
			delete(ix.postings, term)
		}
	}
}

func descending(a, b uint64) int { return cmp.Compare(b, a) }

func (ix *Index) sortOrder() {
	if !ix.sorted {
		slices.SortFunc(ix.order, descending)
		ix.sorted = true
	}
}

// Prepare finishes the work a bulk Load left, so that searches, which may
// run concurrently, only read.
func (ix *Index) Prepare() {
	ix.sortOrder()
	for _, b := range ix.postings {
		b.RunOptimize()
	}
}

// Match returns the ids of every document containing q (every document
// when q is empty) and carrying every one of tags, in no particular order.
func (ix *Index) Match(q Query, tags []string) []uint32 {
	return ix.match(q, tags).ToArray()
}

// Search returns the ids of the documents Match finds from offset, at most
// limit of them (all when limit is 0), largest key first, and how many
// match in all. Call Prepare after Load before searching.
func (ix *Index) Search(q Query, tags []string, offset, limit int) ([]uint32, int) {
	found := ix.match(q, tags)
	total := int(found.GetCardinality())
	if limit <= 0 {
		limit = total
	}
	if offset >= total {
		return nil, total
	}
	need := min(offset+limit, total)
	// Walking the catalog order and keeping members costs about need ×
	// (documents ÷ matches) membership tests; sorting the matches costs
	// about matches × log2(matches) comparisons. Take the cheaper.
	walk := uint64(need) * uint64(len(ix.docs)) / uint64(total)
	sort := uint64(total) * uint64(bits.Len(uint(total)))
	var ids []uint32
	if walk <= sort {
		ids = make([]uint32, 0, need-offset)
		seen := 0
		for _, key := range ix.order {
			id := uint32(key)
			if !found.Contains(id) {
				continue
			}
			if seen >= offset {
				ids = append(ids, id)
			}
			if seen++; seen == need {
				break
			}
		}
		return ids, total
	}
	keys := make([]uint64, 0, total)
	found.Iterate(func(id uint32) bool {
		keys = append(keys, ix.docs[id].key)
		return true
	})
	slices.SortFunc(keys, descending)
	ids = make([]uint32, 0, need-offset)
	for _, key := range keys[offset:need] {
		ids = append(ids, uint32(key))
	}
	return ids, total
}

// match is the set of documents containing q and carrying tags. Grams
// answer one and two characters exactly; a longer phrase is confirmed in
// the text of each document holding all its grams.
func (ix *Index) match(q Query, tags []string) *roaring.Bitmap {
	terms := append(q.DistinctGrams(), tags...)
	if len(terms) == 0 {
		// Every document: the union of one tag every document carries is
		// not known here, so gather the keys.
		all := roaring.New()
		for id := range ix.docs {
			all.Add(id)
		}
		return all
	}
	sets := make([]*roaring.Bitmap, 0, len(terms))
	for _, t := range terms {
		b := ix.postings[t]
		if b == nil {
			return roaring.New()
		}
		sets = append(sets, b)
	}
	slices.SortFunc(sets, func(a, b *roaring.Bitmap) int { return cmp.Compare(a.GetCardinality(), b.GetCardinality()) })
	found := sets[0].Clone()
	for _, b := range sets[1:] {
		if found.IsEmpty() {
			break
		}
		found.And(b)
	}
	if len(q.Grams) > 1 {
		var wrong []uint32
		found.Iterate(func(id uint32) bool {
			if !strings.Contains(ix.docs[id].text, q.Norm) {
				wrong = append(wrong, id)
			}
			return true
		})
		for _, id := range wrong {
			found.Remove(id)
		}
	}
	return found
}
