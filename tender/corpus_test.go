package tender

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

type labelled struct {
	line int
	want []RuleID
	text string
}

func loadCorpus(t *testing.T, name string) []labelled {
	t.Helper()
	return loadLabelled(t, filepath.Join("testdata", "corpus", name))
}

func loadLabelled(t *testing.T, path string) []labelled {
	t.Helper()
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		labels, text, ok := strings.Cut(line, "\t")
		if !ok || strings.TrimSpace(text) == "" {
			t.Fatalf("%s:%d: want LABELS<TAB>TEXT", name, n)
		}
		var want []RuleID
		if labels != "-" {
			for _, l := range strings.Split(labels, ",") {
				r := RuleID(strings.TrimSpace(l))
				if !slices.Contains(Rules, r) {
					t.Fatalf("%s:%d: unknown rule %q", name, n, r)
				}
				want = append(want, r)
			}
		}
		out = append(out, labelled{line: n, want: want, text: text})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// heldOutFloors are what the held-out sets must reach. clauses.tsv was read
// (its misses) while the clause grammars were written; clauses2.tsv was
// never read until 2026-12-03 (0.945 precision, 0.885 recall then), when its
// misses were read to tune the clause model on more varied wordings: both
// are tuning sets now, and their floors are what the model reached on them,
// less a hair. Any other file (a set nobody tuned on)
// must reach the default target of 0.95.
// Both reached 1.000 / 1.000 on 2026-12-03 (after the labels of seven lines
// were made consistent with the corpus, see their headers); 0.98 leaves one
// error's slack.
//
// clauses3.tsv (a second author) reached 0.909 / 0.916 when first scored,
// and clauses4.tsv (a third) 0.924 / 0.818 (both 2026-12-03, model of
// d405c4a, misses unread). Their misses were then read to model the kinds of
// wording they show (tender/scope.go and the grammars added that day), and
// clauses6.tsv (a fourth author) was scored once with that model: 0.945 /
// 0.911 (0.898 / 0.888 with the model before), misses unread until then.
// Its misses were read next. clauses5.tsv (a fifth author) was then scored
// once: 0.939 / 0.939 (0.870 / 0.883 with the model of the day's start,
// 0.929 / 0.924 after clauses3/4 only), and its misses read in turn. All
// four are tuning sets now, each at 0.99 or more. clauses7.tsv (a sixth
// author, asked for the most varied wordings) scored 0.935 / 0.824 once
// (0.882 / 0.767 with the day's first model); its misses were read next and
// it is a tuning set too (1.000 / 0.983). clauses8.tsv and clauses9.tsv (a
// seventh and an eighth author) were both scored once by the model that
// followed: 0.974 / 0.921 and 0.962 / 0.911 (0.907 / 0.896 and 0.871 / 0.845
// with the day's first model); clauses9's misses were read next, clauses8's
// were not, and the model tuned on clauses9 scored clauses8 the same. Then
// clauses8's misses were read too: both are tuning sets. clauses10.tsv (a
// ninth author) scored 0.976 / 0.938 once with that model (0.896 / 0.881
// with the day's first); its misses were read next. clauses11.tsv (a tenth
// author) is unseen: scored once by the model that followed (eae9ea2),
// 0.994 / 0.956 (0.946 / 0.881 with the day's first model), its misses
// unread. It has no floor of its own: it must meet the target.
var heldOutFloors = map[string][2]float64{
	"clauses.tsv":   {0.98, 0.98},
	"clauses2.tsv":  {0.98, 0.98},
	"clauses3.tsv":  {0.98, 0.98},
	"clauses4.tsv":  {0.98, 0.98},
	"clauses5.tsv":  {0.98, 0.98},
	"clauses6.tsv":  {0.98, 0.98},
	"clauses7.tsv":  {0.98, 0.98},
	"clauses8.tsv":  {0.98, 0.98},
	"clauses9.tsv":  {0.98, 0.98},
	"clauses10.tsv": {0.98, 0.98},
}

type score struct{ tp, fp, fn int }

func (s score) precision() float64 {
	if s.tp+s.fp == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fp)
}

func (s score) recall() float64 {
	if s.tp+s.fn == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fn)
}

// evaluate checks every item as a one-line document and scores the set of
// rules found against the labels, per rule and overall (micro-averaged), plus
// how many benign items came out clean.
func evaluate(t *testing.T, items []labelled, showMisses bool) (map[RuleID]score, score, int, int) {
	per := map[RuleID]score{}
	var all score
	benign, benignClean := 0, 0
	for _, it := range items {
		rep := CheckText(it.text, Options{})
		got := map[RuleID]bool{}
		for _, f := range rep.Findings {
			got[f.Rule] = true
		}
		want := map[RuleID]bool{}
		for _, r := range it.want {
			want[r] = true
		}
		if len(want) == 0 {
			benign++
			if len(got) == 0 {
				benignClean++
			}
		}
		for _, r := range Rules {
			s := per[r]
			switch {
			case got[r] && want[r]:
				s.tp++
				all.tp++
			case got[r]:
				s.fp++
				all.fp++
				if showMisses {
					t.Logf("line %d: false %s: %s", it.line, r, it.text)
				}
			case want[r]:
				s.fn++
				all.fn++
				if showMisses {
					t.Logf("line %d: missed %s: %s", it.line, r, it.text)
				}
			}
			per[r] = s
		}
	}
	return per, all, benign, benignClean
}

func printScores(t *testing.T, name string, per map[RuleID]score, all score, benign, clean int) {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%-18s %5s %5s %4s %4s %4s\n", name, "rule", "prec", "rec", "tp", "fp", "fn")
	rules := Rules
	for _, r := range rules {
		s := per[r]
		fmt.Fprintf(&b, "%-18s %5.3f %5.3f %4d %4d %4d\n", r, s.precision(), s.recall(), s.tp, s.fp, s.fn)
	}
	fmt.Fprintf(&b, "%-18s %5.3f %5.3f %4d %4d %4d\n", "overall", all.precision(), all.recall(), all.tp, all.fp, all.fn)
	fmt.Fprintf(&b, "benign items without findings: %d/%d\n", clean, benign)
	t.Log(b.String())
}

func TestCorpusSize(t *testing.T) {
	var items []labelled
	for _, name := range []string{"tuned.tsv", "heldout.tsv", "heldout2.tsv"} {
		items = append(items, loadCorpus(t, name)...)
	}
	violating, benign := 0, 0
	perRule := map[RuleID]int{}
	seen := map[string]bool{}
	for _, it := range items {
		if seen[it.text] {
			t.Errorf("duplicate corpus text: %s", it.text)
		}
		seen[it.text] = true
		if len(it.want) == 0 {
			benign++
		} else {
			violating++
		}
		for _, r := range it.want {
			perRule[r]++
		}
	}
	if len(items) < 300 || violating < 120 || benign < 150 {
		t.Errorf("corpus has %d items, %d violating, %d benign; want at least 300, 120, 150", len(items), violating, benign)
	}
	for _, r := range Rules {
		if perRule[r] < 5 {
			t.Errorf("rule %s has %d labelled examples; want at least 5", r, perRule[r])
		}
	}
}

// TestCorpusTuned is the corpus the rules were tuned on: it must stay at or
// above 0.95 precision and recall overall.
func TestCorpusTuned(t *testing.T) {
	per, all, benign, clean := evaluate(t, loadCorpus(t, "tuned.tsv"), true)
	printScores(t, "tuned corpus", per, all, benign, clean)
	if all.precision() < 0.95 || all.recall() < 0.95 {
		t.Errorf("tuned corpus: precision %.3f recall %.3f, want both ≥ 0.95", all.precision(), all.recall())
	}
}

// TestCorpusHeldOut reports the corpora kept out of tuning. heldout.tsv was
// read after its first run (0.910 precision, 0.968 recall) and the rules were
// then changed, so it is no longer unseen; heldout2.tsv was written after that
// and not tuned on until 2026-12-03, when its two misses were read (0.978
// precision and recall then). Misses are listed only with
// TENDER_SHOW_HELDOUT=1. The floor guards against regressions only.
func TestCorpusHeldOut(t *testing.T) {
	for _, name := range []string{"heldout.tsv", "heldout2.tsv"} {
		per, all, benign, clean := evaluate(t, loadCorpus(t, name), os.Getenv("TENDER_SHOW_HELDOUT") == "1")
		printScores(t, name, per, all, benign, clean)
		if all.precision() < 0.75 || all.recall() < 0.75 {
			t.Errorf("%s: precision %.3f recall %.3f fell below the 0.75 regression floor", name, all.precision(), all.recall())
		}
	}
}

// TestHeldOutClauses scores testdata/heldout: clauses written independently
// of the corpus. clauses.tsv and (since 2026-12-03) clauses2.tsv were read
// and tuned on; a set that was not is scored only: its misses are printed
// only when TENDER_SHOW_HELDOUT names it, so that nobody tunes on it by
// accident.
func TestHeldOutClauses(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "heldout", "*.tsv"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no held-out sets: %v", err)
	}
	for _, path := range paths {
		// Misses are shown only for the set TENDER_SHOW_HELDOUT names: clauses.tsv or clauses2.tsv,
		// which were read; never for a set kept unseen (clauses3.tsv).
		show := os.Getenv("TENDER_SHOW_HELDOUT") == filepath.Base(path)
		per, all, benign, clean := evaluate(t, loadLabelled(t, path), show)
		printScores(t, path, per, all, benign, clean)
		floor, ok := heldOutFloors[filepath.Base(path)]
		if !ok {
			floor = [2]float64{0.95, 0.95}
		}
		if all.precision() < floor[0] || all.recall() < floor[1] {
			t.Errorf("%s: precision %.3f recall %.3f, want ≥ %.2f and ≥ %.2f", path, all.precision(), all.recall(), floor[0], floor[1])
		}
	}
}

// TestCorpusAuthored scores testdata/corpus/authored.tsv: wordings written by
// the author of the clause-model changes of 2026-12-03 and tuned on, so its
// score says the changes cover them, not that the model generalises. Misses
// are always listed.
func TestCorpusAuthored(t *testing.T) {
	per, all, benign, clean := evaluate(t, loadCorpus(t, "authored.tsv"), true)
	printScores(t, "authored.tsv", per, all, benign, clean)
	if all.precision() < authoredFloor[0] || all.recall() < authoredFloor[1] {
		t.Errorf("authored.tsv: precision %.3f recall %.3f, want ≥ %.2f and ≥ %.2f", all.precision(), all.recall(), authoredFloor[0], authoredFloor[1])
	}
}

// authoredFloor is what authored.tsv reached when it was tuned on (1.000 /
// 1.000), less a hair.
var authoredFloor = [2]float64{0.98, 0.98}
