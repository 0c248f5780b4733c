package calccli

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"firstset/policy"
)

const p01 = `{"product": {"recognized_on": "2024-06-01", "valid_until": "2027-05-31"},
 "policy_years": [
  {"start": "2024-07-01", "end": "2025-06-30", "insured_amount_yuan": "20000000", "premium_yuan": "500000", "claim": false},
  {"start": "2025-07-01", "end": "2026-06-30", "insured_amount_yuan": "20000000", "premium_yuan": "480000", "claim": false},
  {"start": "2026-07-01", "end": "2027-06-30", "insured_amount_yuan": "20000000", "premium_yuan": "460000", "claim": false}]}`

const reward = `{"product": {"recognized_on": "2024-06-01"},
 "purchase": {"contract_date": "2025-03-10", "paid_yuan": "12000000", "first_purchase": true}}`

const allocation = `{"budget_yuan": "10000000", "method": "rank_order", "pass_score": 60,
 "applications": [{"id": "A1", "max_amount_yuan": "5000000", "score": 91, "talent_led": false,
                   "submitted_at": "2025-04-01T09:00:00+08:00"}]}`

func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func keys(m map[string]any) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, ",")
}

func TestPremiumSubsidyFromStdin(t *testing.T) {
	code, out, errOut := run(t, p01, "premium-subsidy", "-")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var res map[string]any
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, out)
	}
	if keys(res) != "total_subsidy_yuan,version,years" || res["total_subsidy_yuan"] != "989315.07" || res["version"] != policy.DefaultEngine().Version() {
		t.Fatalf("result %v", res)
	}
	years := res["years"].([]any)
	first := years[0].(map[string]any)
	if keys(first) != "eligible,eligible_days,end,explanation,period_days,premium_base_yuan,ratio_percent,reason,start,subsidy_yuan" {
		t.Errorf("period fields %s", keys(first))
	}
	if first["ratio_percent"] != 80.0 || first["premium_base_yuan"] != "500000.00" || first["eligible_days"] != 365.0 || first["reason"] != "" {
		t.Errorf("first period %v", first)
	}
	step := first["explanation"].([]any)[0].(map[string]any)
	if step["clause"] != "M24-2" || !strings.Contains(step["text"].(string), "渝经信规范〔2024〕9号 第（二）条") {
		t.Errorf("explanation step %v", step)
	}
	// Chinese and symbols are written as they are, not escaped.
	if !strings.Contains(out, "保费补贴 = min(") || strings.Contains(out, `\u003c`) {
		t.Error("explanations are escaped in the output")
	}
	if !bytes.HasSuffix([]byte(out), []byte("}\n")) || strings.Count(out, "\n}\n") != 1 {
		t.Error("stdout is not exactly one object")
	}
}

func TestFromFile(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		cmd, input, keys, field, want string
	}{
		{"first-purchase-reward", reward, "eligible,explanation,max_reward_yuan,reason,version", "max_reward_yuan", "3600000.00"},
		{"allocate", allocation, "allocations,total_yuan,version", "total_yuan", "5000000.00"},
	}
	for _, c := range cases {
		path := filepath.Join(dir, c.cmd+".json")
		if err := os.WriteFile(path, []byte(c.input), 0o600); err != nil {
			t.Fatal(err)
		}
		code, out, errOut := run(t, "", c.cmd, path)
		if code != 0 || errOut != "" {
			t.Fatalf("%s: exit %d, stderr %q", c.cmd, code, errOut)
		}
		var res map[string]any
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		if keys(res) != c.keys || res[c.field] != c.want {
			t.Errorf("%s: %v", c.cmd, res)
		}
	}
	_, out, _ := run(t, allocation, "allocate", "-")
	var res struct {
		Allocations []map[string]any `json:"allocations"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"id": "A1", "rank": 1.0, "amount_yuan": "5000000.00", "reason": "FUNDED"}
	got := res.Allocations[0]
	delete(got, "explanation")
	if !reflect.DeepEqual(got, want) {
		t.Errorf("allocation %v", got)
	}
}

func TestBadInputs(t *testing.T) {
	endBeforeStart := `{"product": {"recognized_on": "2024-06-01"}, "policy_years": [
	 {"start": "2024-07-01", "end": "2025-06-30", "insured_amount_yuan": "1", "premium_yuan": "1", "claim": false},
	 {"start": "2025-07-01", "end": "2025-06-30", "insured_amount_yuan": "1", "premium_yuan": "1", "claim": false}]}`
	cases := []struct {
		name, stdin string
		args        []string
		stderr      string // the whole line, or a prefix ending in "…"
	}{
		{"end before start", endBeforeStart, []string{"premium-subsidy", "-"}, "policy_years[1].end: 2025-06-30 is before start 2025-07-01"},
		{"malformed JSON", `{"product": {`, []string{"premium-subsidy", "-"}, "malformed JSON at line 1, column 14: …"},
		{"empty input", ``, []string{"first-purchase-reward", "-"}, "malformed JSON…"},
		{"unknown field", `{"budget_yuan": "1", "applicaitons": []}`, []string{"allocate", "-"}, "applicaitons: unknown field…"},
		{"negative money", strings.Replace(reward, `"12000000"`, `"-5"`, 1), []string{"first-purchase-reward", "-"}, `purchase.paid_yuan: "-5" is negative`},
		{"over-precise money", strings.Replace(reward, `"12000000"`, `"1.001"`, 1), []string{"first-purchase-reward", "-"}, `purchase.paid_yuan: "1.001" has more than two decimals`},
		{"bad date", strings.Replace(reward, `2025-03-10`, `2025-13-10`, 1), []string{"first-purchase-reward", "-"}, `purchase.contract_date: "2025-13-10" is not a calendar date of the form YYYY-MM-DD`},
		{"unknown method", strings.Replace(allocation, `rank_order`, `first_come`, 1), []string{"allocate", "-"}, `method: "first_come" is not a method; use rank_order or pro_rata`},
		{"score out of range", strings.Replace(allocation, `"score": 91`, `"score": 191`, 1), []string{"allocate", "-"}, "applications[0].score: 191 is outside 0…100"},
		{"missing field", strings.Replace(reward, `, "first_purchase": true`, ``, 1), []string{"first-purchase-reward", "-"}, "purchase.first_purchase: is required"},
		{"no arguments", "", nil, usage},
		{"one argument", "", []string{"allocate"}, usage},
		{"three arguments", "", []string{"allocate", "a", "b"}, usage},
		{"unknown calculation", "", []string{"tax", "-"}, `calc: unknown calculation "tax"; ` + usage},
		{"unknown option", "", []string{"allocate", "--explain"}, `calc: unknown option "--explain"; ` + usage},
		{"missing file", "", []string{"allocate", filepath.Join(t.TempDir(), "none.json")}, "calc: cannot read …"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := run(t, c.stdin, c.args...)
			if code != ExitBadInput {
				t.Errorf("exit %d, want 2", code)
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
			if strings.Count(errOut, "\n") != 1 || !strings.HasSuffix(errOut, "\n") {
				t.Errorf("stderr is not one line: %q", errOut)
			}
			line := strings.TrimSuffix(errOut, "\n")
			if prefix, ok := strings.CutSuffix(c.stderr, "…"); ok {
				if !strings.HasPrefix(line, prefix) {
					t.Errorf("stderr %q, want it to start with %q", line, prefix)
				}
			} else if line != c.stderr {
				t.Errorf("stderr %q, want %q", line, c.stderr)
			}
		})
	}
}

// docs/policy-notes.md, "Dates and parameters": a product recognised 2023-06-01 is valid
// through 2026-05-31 and its 2025 policy year is subsidised; a period that
// starts before 2024-04-08 is RULE_NOT_IN_FORCE and starts neither the
// ladder nor the window.
func TestRecognisedBeforeTheMeasures(t *testing.T) {
	premium := `{"product": {"recognized_on": "2023-06-01"}, "policy_years": [
	  {"start": "2023-07-01", "end": "2024-06-30", "insured_amount_yuan": "20000000", "premium_yuan": "500000", "claim": false},
	  {"start": "2025-01-01", "end": "2025-12-31", "insured_amount_yuan": "20000000", "premium_yuan": "500000", "claim": false}]}`
	code, out, errOut := run(t, premium, "premium-subsidy", "-")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var res struct {
		Years []struct {
			Reason       string  `json:"reason"`
			Eligible     bool    `json:"eligible"`
			Ratio        float64 `json:"ratio_percent"`
			EligibleDays int     `json:"eligible_days"`
			Subsidy      string  `json:"subsidy_yuan"`
			Explanation  []struct {
				Text string `json:"text"`
			} `json:"explanation"`
		} `json:"years"`
		Total string `json:"total_subsidy_yuan"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	before, in2025 := res.Years[0], res.Years[1]
	if before.Reason != "RULE_NOT_IN_FORCE" || before.Eligible || before.Subsidy != "0.00" {
		t.Errorf("period before the measures: %+v", before)
	}
	if !in2025.Eligible || in2025.Ratio != 80 || in2025.EligibleDays != 365 || in2025.Subsidy != "400000.00" || res.Total != "400000.00" {
		t.Errorf("2025 policy year: %+v, total %s", in2025, res.Total)
	}
	if !strings.Contains(out, "产品认定日 2023-06-01，有效期 3 年，至 2026-05-31") {
		t.Errorf("the derived validity is not explained:\n%s", out)
	}

	// A purchase before 2024-04-08 is not eligible, for a rule not in force.
	reward := `{"product": {"recognized_on": "2023-06-01"}, "purchase": {"contract_date": "2024-04-07", "paid_yuan": "100", "first_purchase": true}}`
	code, out, errOut = run(t, reward, "first-purchase-reward", "-")
	if code != 0 || !strings.Contains(out, `"reason": "RULE_NOT_IN_FORCE"`) || !strings.Contains(out, `"eligible": false`) {
		t.Errorf("purchase before the measures: exit %d %s %s", code, out, errOut)
	}
	reward = strings.Replace(reward, "2024-04-07", "2026-05-31", 1)
	if code, out, _ = run(t, reward, "first-purchase-reward", "-"); code != 0 || !strings.Contains(out, `"max_reward_yuan": "30.00"`) {
		t.Errorf("purchase on the last day of the derived validity: exit %d %s", code, out)
	}
}

// A recognition before the 2018 opinions is refused on the date itself.
func TestRecognisedBeforeTheOpinions(t *testing.T) {
	in := strings.Replace(reward, "2024-06-01", "2010-05-01", 1)
	code, out, errOut := run(t, in, "first-purchase-reward", "-")
	want := "product.recognized_on: 2010-05-01 is before 2018-11-23, the day 渝府办发〔2018〕170号 was issued: the platform accepts no earlier recognition\n"
	if code != ExitBadInput || out != "" || errOut != want {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// The command line keeps its contract (docs/policy-notes.md, "Input
// strictness") however many problems a case has: one line, the first
// problem's field path and what is wrong.
func TestOneLineForManyProblems(t *testing.T) {
	in := `{"product": {"recognized_on": "2024-06-01"}, "policy_years": [
	 {"start": "2024-07-01", "end": "2025-06-30", "insured_amount_yuan": "1", "premium_yuan": "1", "claim": false},
	 {"start": "2025-07-01", "end": "2025-06-30", "insured_amount_yuan": "-1", "premium_yuan": "0", "claim": false},
	 {"start": "2026-07-01", "end": "2026-02-30", "insured_amount_yuan": "1", "premium_yuan": "1"}]}`
	code, out, errOut := run(t, in, "premium-subsidy", "-")
	if code != ExitBadInput || out != "" || errOut != "policy_years[1].insured_amount_yuan: \"-1\" is negative\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestHelp(t *testing.T) {
	code, out, errOut := run(t, "", "--help")
	if code != 0 || errOut != "" || !strings.HasPrefix(out, usage) {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

type brokenWriter struct{}

func (brokenWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteFailure(t *testing.T) {
	var errOut bytes.Buffer
	code := Run([]string{"first-purchase-reward", "-"}, strings.NewReader(reward), brokenWriter{}, &errOut)
	if code != ExitFailure || !strings.Contains(errOut.String(), "disk full") {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
}

func TestTooLargeInput(t *testing.T) {
	big := strings.NewReader(strings.Repeat(" ", MaxInputBytes+1))
	var out, errOut bytes.Buffer
	code := Run([]string{"allocate", "-"}, big, &out, &errOut)
	if code != ExitBadInput || out.Len() != 0 || !strings.Contains(errOut.String(), "larger than 64 MiB") {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
}
