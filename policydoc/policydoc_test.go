package policydoc

import (
	"strings"
	"testing"

	"firstset/policy"
)

// TestClausesMatchTheEngine: every clause the engine's registry holds is
// an item (or a paragraph) of a text, under the same title, and holds the
// registry's excerpt word for word; and every item is in the registry.
func TestClausesMatchTheEngine(t *testing.T) {
	reg := policy.DefaultRegistry()
	seen := map[string]bool{}
	for _, c := range reg.All() {
		d, item, ok := FindClause(string(c.ID))
		if !ok {
			t.Errorf("clause %s is in no text", c.ID)
			continue
		}
		seen[item.ID] = true
		if d.Number != c.Document {
			t.Errorf("clause %s: document %s, the registry says %s", c.ID, d.Number, c.Document)
		}
		if item.ID == string(c.ID) && item.Title != c.Title {
			t.Errorf("clause %s: title %q, the registry says %q", c.ID, item.Title, c.Title)
		}
		text := strings.ReplaceAll(item.Text(), " ", "")
		for _, part := range strings.Split(c.Excerpt, "……") {
			if part = strings.ReplaceAll(part, " ", ""); !strings.Contains(text, part) {
				t.Errorf("clause %s: the text lacks the excerpt %q", c.ID, part)
			}
		}
	}
	for _, d := range Documents() {
		for _, c := range d.Clauses {
			if _, ok := reg.Lookup(policy.ClauseID(c.ID)); !ok {
				t.Errorf("item %s is not in the registry", c.ID)
			}
		}
	}
}

// TestTextsAreWhole: the page furniture and the signature are left out,
// sentences broken by a page are joined, and each item keeps its section.
func TestTextsAreWhole(t *testing.T) {
	m24, _ := Lookup("M24")
	if len(m24.Clauses) != 7 {
		t.Fatalf("M24 has %d items", len(m24.Clauses))
	}
	last := m24.Clauses[6].Text()
	if strings.Contains(last, "规范性文件") || !strings.Contains(last, "研发、制造和示范应用。") {
		t.Errorf("M24 （七）: %q", last)
	}
	if got := m24.Clauses[4].Text(); !strings.Contains(got, "询价采购活动。") {
		t.Errorf("M24 （五） is broken at the page: %q", got)
	}
	if p := m24.Clauses[1].Paragraphs; len(p) != 2 || p[1].ID != "M24-2-talent" {
		t.Errorf("M24 （二）'s paragraphs: %+v", p)
	}
	if m24.Clauses[0].Section != "一、资金奖励类" || m24.Clauses[6].Section != "三、金融扶持类" {
		t.Errorf("sections %q %q", m24.Clauses[0].Section, m24.Clauses[6].Section)
	}
	o18, _ := Lookup("O18")
	if len(o18.Clauses) != 19 {
		t.Fatalf("O18 has %d items", len(o18.Clauses))
	}
	if got := o18.Clauses[18].Text(); strings.Contains(got, "办公厅") || strings.Contains(got, "此件公开发布") {
		t.Errorf("O18 （十九） holds the signature: %q", got)
	}
	if got := o18.Clauses[6].Text(); !strings.Contains(got, "推动建立军民融合、产学研一体") {
		t.Errorf("O18 （七） is broken at the page: %q", got)
	}
	if n := len(o18.Clauses[1].Paragraphs); n != 4 {
		t.Errorf("O18 （二） has %d paragraphs, want the four principles", n)
	}
	if DocumentOf("M24-2-talent") != "M24" {
		t.Error("DocumentOf")
	}
}

func TestChineseNumber(t *testing.T) {
	for s, want := range map[string]int{"一": 1, "九": 9, "十": 10, "十四": 14, "十九": 19, "二十": 20, "二十三": 23} {
		if got := chineseNumber(s); got != want {
			t.Errorf("%s: %d, want %d", s, got, want)
		}
	}
}
