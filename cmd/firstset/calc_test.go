package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
