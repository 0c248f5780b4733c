package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"firstset"
	"firstset/date"
)

// "firstset calc" with a product recognised before the 2024 measures
// (docs/policy-notes.md, "Dates and parameters"): valid through 2026-05-31, its 2025 policy
// year subsidised; a recognition before 2018-11-23 is one line naming the
// date, exit 2.
func TestCalcRecognisedBeforeTheMeasures(t *testing.T) {
	in := filepath.Join(t.TempDir(), "case.json")
	write := func(s string) {
		if err := os.WriteFile(in, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(`{"product": {"recognized_on": "2023-06-01"}, "policy_years": [
	  {"start": "2025-01-01", "end": "2025-12-31", "insured_amount_yuan": "20000000", "premium_yuan": "500000", "claim": false}]}`)
	code, out := cli(t, "calc", "premium-subsidy", in)
	if code != 0 || !strings.Contains(out, `"subsidy_yuan": "400000.00"`) || !strings.Contains(out, "有效期 3 年，至 2026-05-31") {
		t.Fatalf("exit %d: %s", code, out)
	}
	write(`{"product": {"recognized_on": "2010-05-01"}, "purchase": {"contract_date": "2025-03-10", "paid_yuan": "1", "first_purchase": true}}`)
	code, out = cli(t, "calc", "first-purchase-reward", in)
	if code != 2 || !strings.HasPrefix(out, "product.recognized_on: 2010-05-01 is before 2018-11-23") || strings.Count(out, "\n") != 1 {
		t.Fatalf("exit %d: %q", code, out)
	}
}

// "firstset calc --db" computes with the parameters stored in the
// database: after an administrator's change of the first year's ratio
// from 2026-01-01, a period from that day is subsidised at 90%, an
// earlier one still at 80%; without --db the policy's own 80% applies.
func TestCalcWithStoredParameters(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "fs.db")
	store, err := openStore(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	err = store.Update(context.Background(), func(tx firstset.Tx) error {
		return tx.CreateParameterChange(context.Background(), &firstset.ParameterChange{Param: "premium.ratio_first_year",
			From: date.MustParse("2026-01-01"), Value: "9/10", Source: "测试文件", Version: "test"})
	})
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(t.TempDir(), "case.json")
	caseOf := func(start, end string) {
		t.Helper()
		if err := os.WriteFile(in, []byte(`{"product": {"recognized_on": "2025-06-01"}, "policy_years": [
		  {"start": "`+start+`", "end": "`+end+`", "insured_amount_yuan": "20000000", "premium_yuan": "500000", "claim": false}]}`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	caseOf("2026-01-01", "2026-12-31")
	if code, out := cli(t, "calc", "--db", dsn, "premium-subsidy", in); code != 0 || !strings.Contains(out, `"subsidy_yuan": "450000.00"`) {
		t.Fatalf("with the stored change: exit %d: %s", code, out)
	}
	if code, out := cli(t, "calc", "premium-subsidy", in); code != 0 || !strings.Contains(out, `"subsidy_yuan": "400000.00"`) {
		t.Fatalf("with the policy's own: exit %d: %s", code, out)
	}
	caseOf("2025-07-01", "2025-12-31")
	if code, out := cli(t, "calc", "--db", dsn, "premium-subsidy", in); code != 0 || !strings.Contains(out, `"subsidy_yuan": "400000.00"`) {
		t.Fatalf("a period before the change: exit %d: %s", code, out)
	}
	if code, out := cli(t, "calc", "--db", filepath.Join(t.TempDir(), "missing.db"), "premium-subsidy", in); code != 2 || !strings.Contains(out, "open database") {
		t.Fatalf("a missing database: exit %d: %s", code, out)
	}
}
