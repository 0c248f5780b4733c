package tender

import (
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
)

// naiveScan is the obvious quadratic search the automaton must agree with.
func naiveScan(keywords []string, text string) []match {
	var out []match
	for id, kw := range keywords {
		for i := 0; i+len(kw) <= len(text); i++ {
			if text[i:i+len(kw)] == kw {
				out = append(out, match{start: i, end: i + len(kw), kw: int32(id)})
			}
		}
	}
	return out
}

func sortMatches(m []match) {
	sort.Slice(m, func(i, j int) bool {
		if m[i].start != m[j].start {
			return m[i].start < m[j].start
		}
		if m[i].end != m[j].end {
			return m[i].end < m[j].end
		}
		return m[i].kw < m[j].kw
	})
}

func TestAutomatonAgreesWithNaiveSearch(t *testing.T) {
	keywords := []string{"业绩", "类似业绩", "不得", "不得分", "得分", "分", "he", "she", "his", "hers", "市场占有率", "占有"}
	texts := []string{
		"投标人须具有类似业绩，否则不得分。",
		"ushers and his hers",
		"市场占有率不得作为得分因素",
		"",
	}
	// Random strings over the keywords' own runes find overlap bugs quickly.
	alphabet := []rune("业绩类似不得分市场占有率hers ")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	a := newAutomaton(keywords)
	for _, text := range texts {
		got := a.scan(text, nil)
		want := naiveScan(keywords, text)
		sortMatches(got)
		sortMatches(want)
		if len(got) != len(want) {
			t.Fatalf("%q: got %d matches, want %d", text, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%q: match %d got %+v want %+v", text, i, got[i], want[i])
			}
		}
	}
}
