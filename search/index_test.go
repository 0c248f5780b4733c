package search

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// model is the index's specification: a list of documents searched one by
// one.
type model map[uint32]Entry

func (m model) search(q Query, tags []string, offset, limit int) ([]uint32, int) {
	var keys []uint64
	for _, e := range m {
		if !strings.Contains(e.Doc.Text(), q.Norm) {
			continue
		}
		if slices.ContainsFunc(tags, func(t string) bool { return !slices.Contains(e.Tags, t) }) {
			continue
		}
		keys = append(keys, e.Key)
	}
	slices.SortFunc(keys, func(a, b uint64) int { return cmp.Compare(b, a) })
	total := len(keys)
	if limit <= 0 {
		limit = total
	}
	var ids []uint32
	for i := offset; i < min(offset+limit, total); i++ {
		ids = append(ids, uint32(keys[i]))
	}
	return ids, total
}

var words = []string{"数控", "机床", "滚齿", "机器人", "重庆", "智能", "焊接", "血液", "净化", "vmc", "850", "工作站", "加工中心", "齿轮", "机"}

func randomEntry(r *rand.Rand, id uint32) Entry {
	field := func() string {
		var b strings.Builder
		for range 1 + r.IntN(4) {
			b.WriteString(words[r.IntN(len(words))])
		}
		return b.String()
	}
	day := uint64(r.IntN(5)) // 0: never recognised
	return Entry{
		Key:  day<<32 | uint64(id),
		Doc:  NewDoc(field(), field(), field()),
		Tags: []string{"all", fmt.Sprintf("st%d", r.IntN(3)), fmt.Sprintf("ca%d", r.IntN(4))},
	}
}

// TestIndexMatchesModel changes an index and a model alike and compares
// every kind of search, paging included, after each round.
func TestIndexMatchesModel(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	ix, m := NewIndex(), model{}
	var bulk []Entry
	for id := uint32(1); id <= 400; id++ {
		e := randomEntry(r, id)
		bulk = append(bulk, e)
		m[id] = e
	}
	ix.Load(bulk)
	ix.Prepare()
	queries := []string{"", "机", "数控", "机床", "数控机床", "床数", "机器人焊接", "vmc850", "850工作", "重庆重庆", "不存在", "控机床滚"}
	tagSets := [][]string{nil, {"all"}, {"st1"}, {"st2", "ca3"}, {"ca0", "st0"}, {"st9"}}
	for round := range 6 {
		for _, text := range queries {
			q := ParseQuery(text)
			for _, tags := range tagSets {
				for _, pg := range [][2]int{{0, 0}, {0, 5}, {3, 7}, {40, 20}, {390, 20}, {1000, 5}} {
					gotIDs, gotTotal := ix.Search(q, tags, pg[0], pg[1])
					wantIDs, wantTotal := m.search(q, tags, pg[0], pg[1])
					if gotTotal != wantTotal || !slices.Equal(gotIDs, wantIDs) {
						t.Fatalf("round %d: search %q %v page %v:\n got %v (total %d)\nwant %v (total %d)",
							round, text, tags, pg, gotIDs, gotTotal, wantIDs, wantTotal)
					}
				}
				got := ix.Match(q, tags)
				want, _ := m.search(q, tags, 0, 0)
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Fatalf("round %d: match %q %v: got %v, want %v", round, text, tags, got, want)
				}
			}
		}
		// Change a quarter of the documents (rewrite, delete, add), one by
		// one in even rounds and in one batch in odd ones.
		var removed []uint32
		var put []Entry
		for range 100 {
			id := uint32(1 + r.IntN(450))
			switch r.IntN(3) {
			case 0:
				delete(m, id)
				if round%2 == 0 {
					ix.Delete(id)
				} else {
					removed = append(removed, id)
					put = slices.DeleteFunc(put, func(e Entry) bool { return e.ID() == id })
				}
			default:
				e := randomEntry(r, id)
				m[id] = e
				if round%2 == 0 {
					ix.Put(e)
				} else {
					put = append(slices.DeleteFunc(put, func(e Entry) bool { return e.ID() == id }), e)
				}
			}
		}
		ix.Apply(removed, put)
		if ix.Len() != len(m) {
			t.Fatalf("round %d: %d documents, want %d", round, ix.Len(), len(m))
		}
	}
}

func TestIndexApplyTakesTheLastOfRepeatedEntries(t *testing.T) {
	ix := NewIndex()
	var put []Entry
	for id := uint32(1); id <= 20; id++ {
		put = append(put, Entry{Key: uint64(id), Doc: NewDoc("机床"), Tags: []string{"all"}})
	}
	// The same ids again, recognised now: only these may remain.
	for id := uint32(1); id <= 20; id++ {
		put = append(put, Entry{Key: 5<<32 | uint64(id), Doc: NewDoc("数控机床"), Tags: []string{"all"}})
	}
	ix.Apply(nil, put)
	ids, total := ix.Search(ParseQuery("机床"), nil, 0, 0)
	if total != 20 || len(ids) != 20 || len(ix.order) != 20 || ids[0] != 20 || ids[19] != 1 {
		t.Fatalf("total %d, ids %v, %d keys", total, ids, len(ix.order))
	}
	if _, n := ix.Search(ParseQuery("数控"), nil, 0, 0); n != 20 {
		t.Fatalf("%d documents carry the later text", n)
	}
}

func TestIndexDeleteLeavesNoPostings(t *testing.T) {
	ix := NewIndex()
	ix.Put(Entry{Key: 1<<32 | 1, Doc: NewDoc("数控机床"), Tags: []string{"all", "st1"}})
	ix.Put(Entry{Key: 2, Doc: NewDoc("数控机床"), Tags: []string{"all", "st1"}})
	ix.Delete(1)
	ix.Delete(2)
	ix.Delete(3)
	if len(ix.postings) != 0 || len(ix.order) != 0 || ix.Len() != 0 {
		t.Fatalf("after deleting everything: %d postings, %d keys, %d documents", len(ix.postings), len(ix.order), ix.Len())
	}
}
