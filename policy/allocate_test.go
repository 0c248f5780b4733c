package policy

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func app(id, max string, score Score, talent bool, submitted string) Application {
	return Application{ID: id, MaxAmount: yuan(max), Score: score, TalentLed: talent, SubmittedAt: at(submitted)}
}

func summary(res AllocationResult) string {
	var parts []string
	for _, a := range res.Allocations {
		parts = append(parts, fmt.Sprintf("%d:%s:%s:%s", a.Rank, a.ID, a.Reason, a.Amount))
	}
	return strings.Join(parts, " ")
}

func mustAllocate(t *testing.T, eng *Engine, in AllocationInput) AllocationResult {
	t.Helper()
	res, err := eng.Allocate(in, Options{Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range res.Allocations {
		if len(a.Explanation) < 2 {
			t.Errorf("%s: explanation too short:\n%s", a.ID, steps(a.Explanation))
		}
	}
	return res
}

func TestAllocateRankOrder(t *testing.T) {
	in := AllocationInput{
		Budget: yuan("10000000"),
		Applications: []Application{
			app("A5", "1000000", 5500, false, "2025-04-01T09:00:00+08:00"),
			app("A3", "3000000", 8500, false, "2025-04-01T09:00:00+08:00"),
			app("A1", "5000000", 9100, false, "2025-04-01T09:00:00+08:00"),
			app("A4", "1000000", 8000, false, "2025-04-01T09:00:00+08:00"),
			app("A2", "4000000", 8800, false, "2025-04-01T09:00:00+08:00"),
		},
	}
	res := mustAllocate(t, DefaultEngine(), in)
	want := "1:A1:FUNDED:5000000.00 2:A2:FUNDED:4000000.00 3:A3:PARTIAL:1000000.00 4:A4:BUDGET_EXHAUSTED:0.00 5:A5:BELOW_PASS_SCORE:0.00"
	if got := summary(res); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if res.Total.String() != "10000000.00" {
		t.Errorf("total %s", res.Total)
	}
	if s := steps(res.Allocations[2].Explanation); !strings.Contains(s, "预算余额 1,000,000.00 元少于申请上限 3,000,000.00 元，安排剩余预算 1,000,000.00 元") {
		t.Errorf("PARTIAL explanation:\n%s", s)
	}
	if s := steps(res.Allocations[4].Explanation); !strings.Contains(s, "评分 55 分低于合格分 60 分") {
		t.Errorf("BELOW_PASS_SCORE explanation:\n%s", s)
	}
}

func TestAllocateBudgetUsedExactly(t *testing.T) {
	in := AllocationInput{
		Budget: yuan("5000000"),
		Applications: []Application{
			app("A", "5000000", 9000, false, "2025-04-01T09:00:00+08:00"),
			app("B", "1", 8000, false, "2025-04-01T09:00:00+08:00"),
		},
	}
	// Nothing is left for B: exhausted, not a PARTIAL of zero.
	if got := summary(mustAllocate(t, DefaultEngine(), in)); got != "1:A:FUNDED:5000000.00 2:B:BUDGET_EXHAUSTED:0.00" {
		t.Errorf("got %s", got)
	}
	in.Budget = 0
	if got := summary(mustAllocate(t, DefaultEngine(), in)); got != "1:A:BUDGET_EXHAUSTED:0.00 2:B:BUDGET_EXHAUSTED:0.00" {
		t.Errorf("zero budget: %s", got)
	}
}

func TestAllocateTies(t *testing.T) {
	in := AllocationInput{
		Budget: yuan("100"),
		Applications: []Application{
			app("late", "10", 9000, false, "2025-04-02T09:00:00+08:00"),
			app("b-early", "10", 9000, false, "2025-04-01T09:00:00+08:00"),
			app("a-early", "10", 9000, false, "2025-04-01T01:00:00Z"), // the same instant as b-early
			app("talent", "10", 9000, true, "2025-04-03T09:00:00+08:00"),
			app("top", "10", 9000.0+1, false, "2025-04-09T09:00:00+08:00"),
		},
	}
	res := mustAllocate(t, DefaultEngine(), in)
	var ids []string
	for _, a := range res.Allocations {
		ids = append(ids, a.ID)
	}
	if got := strings.Join(ids, " "); got != "top talent a-early b-early late" {
		t.Errorf("ranking %s", got)
	}
	if s := steps(res.Allocations[1].Explanation); !strings.Contains(s, "人才牵头研制的优先") || !strings.Contains(s, "第（二）条后段") {
		t.Errorf("talent explanation:\n%s", s)
	}

	// With talent priority switched off from a date, submission time decides.
	ps, err := DefaultParams().Extend(Change{Param: ParamMeritTalentPriority, From: d("2025-01-01"), Value: Value{Bool: false}, Source: "test"})
	if err != nil {
		t.Fatal(err)
	}
	eng, err := NewEngine(ps, DefaultRegistry())
	if err != nil {
		t.Fatal(err)
	}
	ids = ids[:0]
	for _, a := range mustAllocate(t, eng, in).Allocations {
		ids = append(ids, a.ID)
	}
	if got := strings.Join(ids, " "); got != "top a-early b-early late talent" {
		t.Errorf("ranking without talent priority %s", got)
	}
	// An allocation dated before the change still puts talent first.
	in.AsOf = d("2024-12-31")
	if got := mustAllocate(t, eng, in).Allocations[1].ID; got != "talent" {
		t.Errorf("as of 2024-12-31, rank 2 is %s", got)
	}
}

func TestAllocateProRata(t *testing.T) {
	in := AllocationInput{
		Budget: yuan("10000000"),
		Method: MethodProRata,
		Applications: []Application{
			app("A", "5000000", 9000, false, "2025-04-01T09:00:00+08:00"),
			app("B", "5000000", 8000, false, "2025-04-01T09:00:00+08:00"),
			app("C", "5000000", 7000, false, "2025-04-01T09:00:00+08:00"),
			app("D", "5000000", 5999, false, "2025-04-01T09:00:00+08:00"),
		},
	}
	res := mustAllocate(t, DefaultEngine(), in)
	want := "1:A:SCALED:3333333.33 2:B:SCALED:3333333.33 3:C:SCALED:3333333.33 4:D:BELOW_PASS_SCORE:0.00"
	if got := summary(res); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if res.Total.String() != "9999999.99" {
		t.Errorf("total %s", res.Total)
	}
	if s := steps(res.Allocations[0].Explanation); !strings.Contains(s, "安排额 = 申请上限 5,000,000.00 × 预算 10,000,000.00 ÷ 上限合计 15,000,000.00，向下取整到分 = 3,333,333.33 元") {
		t.Errorf("SCALED explanation:\n%s", s)
	}

	in.Budget = yuan("15000000")
	if got := summary(mustAllocate(t, DefaultEngine(), in)); got != "1:A:FUNDED:5000000.00 2:B:FUNDED:5000000.00 3:C:FUNDED:5000000.00 4:D:BELOW_PASS_SCORE:0.00" {
		t.Errorf("fitting budget: %s", got)
	}

	// A pass score set for the round replaces the default; equal passes.
	ps := Score(5999)
	in.PassScore = &ps
	in.Budget = yuan("10000000")
	if got := summary(mustAllocate(t, DefaultEngine(), in)); got != "1:A:SCALED:2500000.00 2:B:SCALED:2500000.00 3:C:SCALED:2500000.00 4:D:SCALED:2500000.00" {
		t.Errorf("pass score 59.99: %s", got)
	}
}

func TestAllocateDefaultMethodIsDated(t *testing.T) {
	ps, err := DefaultParams().Extend(Change{Param: ParamMeritDefaultMethod, From: d("2026-01-01"), Value: Value{Choice: MethodProRata}, Source: "test"})
	if err != nil {
		t.Fatal(err)
	}
	eng, err := NewEngine(ps, DefaultRegistry())
	if err != nil {
		t.Fatal(err)
	}
	in := AllocationInput{
		Budget: yuan("6"),
		Applications: []Application{
			app("A", "4", 9000, false, "2025-04-01T09:00:00+08:00"),
			app("B", "4", 8000, false, "2025-04-01T09:00:00+08:00"),
		},
	}
	if got := summary(mustAllocate(t, eng, in)); got != "1:A:FUNDED:4.00 2:B:PARTIAL:2.00" {
		t.Errorf("2025 default: %s", got)
	}
	in.Applications[1].SubmittedAt = at("2026-01-02T09:00:00+08:00") // the round now dates from 2026
	if got := summary(mustAllocate(t, eng, in)); got != "1:A:SCALED:3.00 2:B:SCALED:3.00" {
		t.Errorf("2026 default: %s", got)
	}
}

func TestAllocateNoRuleInForce(t *testing.T) {
	in := AllocationInput{Budget: 100, Applications: []Application{app("A", "1", 9000, false, "2023-04-01T09:00:00+08:00")}}
	_, err := DefaultEngine().Allocate(in, Options{})
	if e, ok := AsError(err); !ok || e.Field != "applications[0].submitted_at" || e.Code != CodeNoRuleInForce {
		t.Fatalf("got %v", err)
	}
}
