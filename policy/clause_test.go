package policy

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestRegistry(t *testing.T) {
	reg := DefaultRegistry()
	if n := len(reg.All()); n != 7+1+19 {
		t.Fatalf("%d clauses, want 27", n)
	}
	cites := map[ClauseID]string{
		"M24-1":        "渝经信规范〔2024〕9号 第（一）条",
		"M24-2":        "渝经信规范〔2024〕9号 第（二）条",
		"M24-7":        "渝经信规范〔2024〕9号 第（七）条",
		"M24-2-talent": "渝经信规范〔2024〕9号 第（二）条后段（同等条件优先）",
		"O18-1":        "渝府办发〔2018〕170号 第（一）条",
		"O18-10":       "渝府办发〔2018〕170号 第（十）条",
		"O18-14":       "渝府办发〔2018〕170号 第（十四）条",
		"O18-19":       "渝府办发〔2018〕170号 第（十九）条",
	}
	for id, want := range cites {
		c, ok := reg.Lookup(id)
		if !ok || c.Citation() != want {
			t.Errorf("%s: %q, %v; want %q", id, c.Citation(), ok, want)
		}
	}
	if c, _ := reg.Lookup("M24-2"); c.Title != "给予首台（套）保费补贴奖励" || !strings.Contains(c.Excerpt, "保险期应连续不间断") {
		t.Errorf("M24-2: %+v", c)
	}
	if _, ok := reg.Lookup("M24-8"); ok {
		t.Error("M24-8 exists")
	}
	if got := reg.Cite("M24-1", "M24-2", "O18-9"); got != "渝经信规范〔2024〕9号 第（一）条、第（二）条；渝府办发〔2018〕170号 第（九）条" {
		t.Errorf("Cite: %s", got)
	}
	if _, err := NewRegistry(append(reg.All(), reg.All()[0])); err == nil {
		t.Error("duplicate id accepted")
	}
	if _, err := NewRegistry([]Clause{{ID: "X-1"}}); err == nil {
		t.Error("empty clause accepted")
	}
}

var clauseIDPattern = regexp.MustCompile(`^(M24|O18)-[0-9]+(-[a-z]+)?$`)

// Every clause id written anywhere in the package's code, every clause a
// parameter rests on and every clause an explanation cites is in the
// registry; a typo in a citation fails here.
func TestEveryCitedClauseExists(t *testing.T) {
	reg := DefaultRegistry()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil || !clauseIDPattern.MatchString(s) {
				return true
			}
			found++
			if _, ok := reg.Lookup(ClauseID(s)); !ok {
				t.Errorf("%s: clause %s is not in the registry", fset.Position(lit.Pos()), s)
			}
			return true
		})
	}
	if found == 0 {
		t.Fatal("found no clause ids in the source; the scan is broken")
	}
	for _, p := range Params() {
		for _, id := range p.Clauses() {
			if _, ok := reg.Lookup(id); !ok {
				t.Errorf("parameter %s cites unknown clause %s", p.ID(), id)
			}
		}
	}
	for _, id := range engineClauses {
		if _, ok := reg.Lookup(id); !ok {
			t.Errorf("engine cites unknown clause %s", id)
		}
	}
	// Every explanation step names a known clause and ends with its
	// citation.
	var all []Step
	pr, _ := DefaultEngine().PremiumSubsidy(p01(), Options{Explain: true})
	for _, y := range pr.Years {
		all = append(all, y.Explanation...)
	}
	rr, _ := DefaultEngine().FirstPurchaseReward(RewardInput{Product: Product{RecognizedOn: d("2024-06-01")},
		Purchase: Purchase{ContractDate: d("2025-03-10"), Paid: yuan("1"), FirstPurchase: true}}, Options{Explain: true})
	all = append(all, rr.Explanation...)
	ar, _ := DefaultEngine().Allocate(AllocationInput{Budget: 1, Applications: []Application{app("A", "1", 9000, true, "2025-04-01T09:00:00+08:00")}}, Options{Explain: true})
	all = append(all, ar.Allocations[0].Explanation...)
	for _, s := range all {
		c, ok := reg.Lookup(s.Clause)
		if !ok {
			t.Errorf("step cites unknown clause %s: %s", s.Clause, s.Text)
			continue
		}
		if !strings.Contains(s.Text, c.Citation()) || !strings.HasSuffix(s.Text, "）") {
			t.Errorf("step text does not end with its citation %q: %s", c.Citation(), s.Text)
		}
	}

	// An engine refuses a registry that lacks a clause it cites.
	var partial []Clause
	for _, c := range reg.All() {
		if c.ID != M24Talent {
			partial = append(partial, c)
		}
	}
	if _, err := NewEngine(DefaultParams(), mustRegistry(t, partial)); err == nil {
		t.Error("engine built without M24-2-talent")
	}
}

// The excerpts are quotations: each part between "……" appears in the
// policy text (ignoring the line breaks and spaces of the files). The texts
// live in shared/policy beside the project root (../../shared/policy from
// this package's folder); FIRSTSET_POLICY_DIR points elsewhere. The test
// skips only when that folder is absent.
func TestExcerptsAreQuotations(t *testing.T) {
	dir := os.Getenv("FIRSTSET_POLICY_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "policy")
	}
	if _, err := os.Stat(dir); err != nil {
		abs, _ := filepath.Abs(dir)
		t.Skipf("policy texts folder not found at %s: %v", abs, err)
	}
	texts := map[string]string{DocM24: "cq-2024-9-measures.txt", DocO18: "cq-2018-170-opinions.txt"}
	squash := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == ' ' || r == '\n' || r == '\r' || r == '\t' || r == '\u3000' {
				return -1
			}
			return r
		}, s)
	}
	loaded := map[string]string{}
	for doc, file := range texts {
		b, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatalf("policy text %s missing from %s: %v", file, dir, err)
		}
		loaded[doc] = squash(string(b))
	}
	for _, c := range DefaultRegistry().All() {
		text := loaded[c.Document]
		for _, part := range strings.Split(c.Excerpt, "……") {
			if !strings.Contains(text, squash(part)) {
				t.Errorf("%s: %q is not in the text of %s", c.ID, part, c.Document)
			}
		}
		// Numbered items quote their heading; the talent paragraph has none.
		if strings.HasSuffix(c.Item, "）条") && !strings.Contains(text, c.Title) {
			t.Errorf("%s: title %q is not in the text", c.ID, c.Title)
		}
	}
}

func TestChineseItem(t *testing.T) {
	want := []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十", "二十一"}
	for i, w := range want {
		if got := chineseItem(i + 1); got != "第（"+w+"）条" {
			t.Errorf("%d: %s", i+1, got)
		}
	}
}
