package search

import (
	"reflect"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	cases := map[string]string{
		"数控机床":         "数控机床",
		"ＶＭＣ－８５０":      "vmc850",
		"VMC-850 型":    "vmc850型",
		"五轴  联动，加工中心！": "五轴联动加工中心",
		"Φ1200 ㎜":      "φ1200mm",
		"":             "",
		"——":           "",
	}
	for in, want := range cases {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDocGramsStayInsideFields(t *testing.T) {
	d := NewDoc("机床", "", "床身-A")
	if got, want := d.Text(), "机床|床身a"; got != want {
		t.Fatalf("Text = %q, want %q", got, want)
	}
	want := []string{"a", "床", "床身", "机", "机床", "身", "身a"}
	if got := d.Grams(); !reflect.DeepEqual(got, want) {
		t.Fatalf("Grams = %q, want %q", got, want)
	}
	for _, g := range d.Grams() {
		if strings.Contains(g, Separator) {
			t.Fatalf("gram %q spans fields", g)
		}
	}
	if got, want := d.BigramText(), "机床 brk 床身 身a"; got != want {
		t.Fatalf("BigramText = %q, want %q", got, want)
	}
	if got, want := d.UnigramText(), "机 床 身 a"; got != want {
		t.Fatalf("UnigramText = %q, want %q", got, want)
	}
}

func TestParseQuery(t *testing.T) {
	if q := ParseQuery(" ，"); !q.Empty() || q.Grams != nil {
		t.Fatalf("punctuation only should be empty: %+v", q)
	}
	q := ParseQuery("泵")
	if !q.Single() || !reflect.DeepEqual(q.Grams, []string{"泵"}) {
		t.Fatalf("one character: %+v", q)
	}
	q = ParseQuery("机床")
	if q.Single() || !reflect.DeepEqual(q.Grams, []string{"机床"}) {
		t.Fatalf("two characters: %+v", q)
	}
	q = ParseQuery("哈哈哈")
	if !reflect.DeepEqual(q.Grams, []string{"哈哈", "哈哈"}) {
		t.Fatalf("repeats must stay for phrases: %+v", q)
	}
	if !reflect.DeepEqual(q.DistinctGrams(), []string{"哈哈"}) {
		t.Fatalf("DistinctGrams = %q", q.DistinctGrams())
	}
	q = ParseQuery("Ｖmc-85")
	if q.Norm != "vmc85" || !reflect.DeepEqual(q.Grams, []string{"vm", "mc", "c8", "85"}) {
		t.Fatalf("model query: %+v", q)
	}
}

// Every substring of a document's field is found through its grams: the
// property the index relies on.
func TestSubstringGramsAreInDoc(t *testing.T) {
	d := NewDoc("重庆机床集团", "YK3610 数控滚齿机")
	have := map[string]bool{}
	for _, g := range d.Grams() {
		have[g] = true
	}
	for _, f := range d.Fields {
		rs := []rune(f)
		for i := range rs {
			for j := i + 1; j <= len(rs); j++ {
				q := ParseQuery(string(rs[i:j]))
				for _, g := range q.Grams {
					if !have[g] {
						t.Fatalf("query %q needs gram %q the doc lacks", q.Norm, g)
					}
				}
				if !strings.Contains(d.Text(), q.Norm) {
					t.Fatalf("text lacks %q", q.Norm)
				}
			}
		}
	}
}
