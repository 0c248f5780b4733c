package service

import (
	"testing"

	"firstset"
	"firstset/date"
	"firstset/money"
)

func TestLossRatio(t *testing.T) {
	for _, c := range []struct {
		claims, premiums money.Fen
		want             string
	}{
		{0, 100, "0.00"}, {1, 3, "33.33"}, {2, 3, "66.67"}, {1, 8, "12.50"}, {1, 80000, "0.00"}, {1, 20000, "0.01"},
		{3, 2, "150.00"}, {5, 0, ""}, {100_000_000, 30_000_000, "333.33"},
	} {
		if got := lossRatio(c.claims, c.premiums); got != c.want {
			t.Errorf("lossRatio(%d, %d) = %q, want %q", c.claims, c.premiums, got, c.want)
		}
	}
}

// TestSubsidySharesAddUp: an application's payment is shared by premium
// in whole fen that add up to it, the odd fen to the largest remainders.
func TestSubsidySharesAddUp(t *testing.T) {
	got := subsidyShares([]firstset.SubsidyShareRow{
		{CaseID: 1, Disbursed: 100, PolicyID: 10, Premium: 1}, {CaseID: 1, Disbursed: 100, PolicyID: 11, Premium: 1},
		{CaseID: 1, Disbursed: 100, PolicyID: 12, Premium: 1},
		{CaseID: 2, Disbursed: 1000, PolicyID: 20, Premium: 300}, {CaseID: 2, Disbursed: 1000, PolicyID: 21, Premium: 100},
		{CaseID: 3, Disbursed: 7, PolicyID: 30, Premium: 0}, {CaseID: 3, Disbursed: 7, PolicyID: 31, Premium: 0},
	})
	want := map[int64]money.Fen{10: 34, 11: 33, 12: 33, 20: 750, 21: 250, 30: 4, 31: 3}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("policy %d: %d, want %d (all %v)", id, got[id], w, got)
		}
	}
}

func TestSchemeStatisticsByInsurerAndYear(t *testing.T) {
	pols := []firstset.PolicyStatRow{
		{PolicyID: 1, InstitutionID: 7, InstitutionName: "甲保险", Start: date.Of(2025, 3, 1), Insured: 1000, Premium: 300, Claims: 1, ClaimsPaid: 150},
		{PolicyID: 2, InstitutionID: 7, InstitutionName: "甲保险", Start: date.Of(2025, 9, 1), Insured: 1000, Premium: 100},
		{PolicyID: 3, InstitutionID: 8, InstitutionName: "乙保险", Start: date.Of(2025, 1, 1), Insured: 500, Premium: 100, Claims: 2, ClaimsPaid: 300},
		{PolicyID: 4, InstitutionID: 7, InstitutionName: "甲保险", Start: date.Of(2026, 1, 1), Insured: 1000, Premium: 280},
	}
	st := schemeStatistics(pols, []firstset.SubsidyShareRow{{CaseID: 9, Disbursed: 240, PolicyID: 1, Premium: 300}, {CaseID: 9, Disbursed: 240, PolicyID: 2, Premium: 100}})
	if len(st.Items) != 3 || st.Items[0].Year != 2026 || st.Items[1].InstitutionName != "乙保险" && st.Items[1].InstitutionName != "甲保险" {
		t.Fatalf("rows: %+v", st.Items)
	}
	var jia2025 firstset.InsuranceStatistic
	for _, x := range st.Items {
		if x.Year == 2025 && x.InstitutionID == 7 {
			jia2025 = x
		}
	}
	if jia2025.Policies != 2 || jia2025.Premiums != 400 || jia2025.Subsidies != 240 || jia2025.ClaimsPaid != 150 || jia2025.LossRatio != "37.50" {
		t.Errorf("甲保险 2025: %+v", jia2025)
	}
	if len(st.Totals) != 2 || st.Totals[1].Year != 2025 || st.Totals[1].Premiums != 500 || st.Totals[1].LossRatio != "90.00" || st.Totals[1].Claims != 3 {
		t.Errorf("totals: %+v", st.Totals)
	}
}
