package tender

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"firstset/tender/hostile"
)

// TestRepeatedFindingsAreGrouped: a clause said ten thousand times is one
// finding with its count and its first places, not ten thousand.
func TestRepeatedFindingsAreGrouped(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(string(hostile.SentenceLines(10_000*(len(hostile.Sentence)+1))), "\n"), "\n")
	lines = append([]string{"投标人须为在重庆市注册的企业。"}, lines...)
	rep := Check(lines, Options{})
	if len(rep.Findings) != 2 || rep.Occurrences != 10_001 || rep.Omitted != 0 {
		t.Fatalf("%d findings, %d occurrences, %d omitted", len(rep.Findings), rep.Occurrences, rep.Omitted)
	}
	f := rep.Findings[1]
	if f.Rule != PastPerformance || f.Count != 10_000 || f.Line != 2 || f.Quote != strings.TrimSuffix(hostile.Sentence, "。") {
		t.Errorf("grouped finding %+v", f)
	}
	want := []Place{{3, 0, 13}, {4, 0, 13}, {5, 0, 13}, {6, 0, 13}}
	if fmt.Sprint(f.Repeats) != fmt.Sprint(want) {
		t.Errorf("repeats %v, want %v", f.Repeats, want)
	}
	if rep.Findings[0].Count != 1 || rep.Findings[0].Repeats != nil {
		t.Errorf("a single finding %+v", rep.Findings[0])
	}
	// Different text is a different finding, even under the same rule.
	rep = Check([]string{"投标人须提供近三年类似业绩。", "投标人须提供近五年类似业绩。"}, Options{})
	if len(rep.Findings) != 2 {
		t.Errorf("two different clauses grouped: %+v", rep.Findings)
	}
}

// TestFindingsAreCapped: past MaxFindings, findings are counted, by rule,
// not listed; the listed ones are the first in the document.
func TestFindingsAreCapped(t *testing.T) {
	var lines []string
	for i := range 30 {
		lines = append(lines, fmt.Sprintf("投标人须提供近%d年类似业绩。", i+1), fmt.Sprintf("投标人注册资本须在%d万元以上。", i+1))
	}
	rep := Check(lines, Options{MaxFindings: 5})
	if len(rep.Findings) != 5 || rep.Occurrences != 60 || rep.Omitted != 55 || rep.MaxFindings != 5 {
		t.Fatalf("%d findings, %d occurrences, %d omitted, max %d", len(rep.Findings), rep.Occurrences, rep.Omitted, rep.MaxFindings)
	}
	if rep.OmittedByRule[PastPerformance] != 27 || rep.OmittedByRule[Scale] != 28 {
		t.Errorf("omitted by rule %v", rep.OmittedByRule)
	}
	for i, f := range rep.Findings {
		if f.Line != i+1 {
			t.Errorf("finding %d is on line %d, want the document's first findings", i+1, f.Line)
		}
	}
	// Repeats of a listed finding are still counted with it after the cap.
	rep = Check(append(lines, lines[0]), Options{MaxFindings: 5})
	if rep.Findings[0].Count != 2 || rep.Omitted != 55 {
		t.Errorf("repeat after the cap: count %d, omitted %d", rep.Findings[0].Count, rep.Omitted)
	}
	b, err := json.Marshal(rep)
	if err != nil || !strings.Contains(string(b), `"omitted":55,"omitted_by_rule":{"PAST_PERFORMANCE":27,"SCALE":28},"max_findings":5`) {
		t.Errorf("JSON %s", b)
	}
}

// TestDepositJudgedAgainstALaterBudget: the estimated value may come after
// the deposit; the finding is made where the deposit is, in order.
func TestDepositJudgedAgainstALaterBudget(t *testing.T) {
	rep := Check([]string{"履约保证金为200万元。", "投标人须提供近三年类似业绩。", "本项目招标控制价为1000万元。"}, Options{})
	if len(rep.Findings) != 2 || rep.Findings[0].Rule != ExcessiveDeposit || rep.Findings[0].Line != 1 ||
		!strings.Contains(rep.Findings[0].Reason, "20.00%") || rep.EstimatedPriceYuan != "10000000.00" {
		t.Errorf("%+v", rep)
	}
}

// TestBudgetAnchors: a budget keyword without an anchor would never be
// looked for.
func TestBudgetAnchors(t *testing.T) {
	v := defaultChecker().vocab
	for id, tags := range v.tags {
		for _, tg := range tags {
			if tg.kind == kBudget && !containsAny(v.words[id], budgetAnchors...) {
				t.Errorf("budget keyword %q holds none of %q", v.words[id], budgetAnchors)
			}
		}
	}
	for _, a := range budgetAnchors {
		if !slices.ContainsFunc(budgetChars, func(c string) bool { return len(c) == 3 && holdsChar(a, c) }) {
			t.Errorf("budget anchor %q holds none of %q", a, budgetChars)
		}
	}
	for _, c := range []struct {
		s, c string
		want bool
	}{{"预算金额", "算", true}, {"算", "算", true}, {"xx算", "算", true}, {"预测", "算", false}, {"", "算", false}, {"价格", "算", false}} {
		if got := holdsChar(c.s, c.c); got != c.want {
			t.Errorf("holdsChar(%q, %q) = %v", c.s, c.c, got)
		}
	}
}

// TestLongClausesAreQuotedShort: a clause with no sentence end in
// thousands of characters is read in pieces, and a finding in it quotes at
// most maxQuoteRunes around its topic, with offsets that still hold.
func TestLongClausesAreQuotedShort(t *testing.T) {
	filler := strings.Repeat("设备应符合国家标准", 300) // no comma, no sentence end
	lines := []string{
		filler + "投标人须提供近三年类似业绩" + filler,
		strings.Repeat("设备应符合国家标准，", 300) + "投标人须提供近三年类似业绩，" + strings.Repeat("设备应符合国家标准，", 300),
		strings.Repeat("设备", 2000) + "履约保证金为合同金额的30%" + strings.Repeat("设备", 2000),
	}
	rep := Check(lines, Options{})
	if len(rep.Findings) != 3 {
		t.Fatalf("%d findings: %+v", len(rep.Findings), rep.Findings)
	}
	for _, f := range rep.Findings {
		n := utf8.RuneCountInString(f.Quote)
		if n == 0 || n > maxQuoteRunes || string([]rune(lines[f.Line-1])[f.Start:f.End]) != f.Quote {
			t.Errorf("line %d: quote of %d runes at %d–%d: %q", f.Line, n, f.Start, f.End, f.Quote)
		}
	}
	if q := rep.Findings[1].Quote; q != "投标人须提供近三年类似业绩" {
		t.Errorf("a long clause with commas is quoted by the part holding the topic: %q", q)
	}
}
