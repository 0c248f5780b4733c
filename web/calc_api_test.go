package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"firstset"
	"firstset/cmd/firstset/calccli"
	"firstset/date"
	"firstset/policy"
	"firstset/web/httpx"
)

// The worked premium example p01: three policy years down the ladder,
// the last cut short by the validity.
const p01Case = `{"product": {"recognized_on": "2024-06-01"},
 "policy_years": [
  {"start": "2024-07-01", "end": "2025-06-30", "insured_amount_yuan": "20000000", "premium_yuan": "500000", "claim": false},
  {"start": "2025-07-01", "end": "2026-06-30", "insured_amount_yuan": "20000000", "premium_yuan": "480000", "claim": false},
  {"start": "2026-07-01", "end": "2027-06-30", "insured_amount_yuan": "20000000", "premium_yuan": "460000", "claim": false}]}`

const rewardCase = `{"product": {"recognized_on": "2024-06-01"},
 "purchase": {"contract_date": "2025-03-10", "paid_yuan": "12000000", "first_purchase": true}}`

const allocateCase = `{"budget_yuan": "10000000", "method": "rank_order", "pass_score": 60,
 "applications": [{"id": "A1", "max_amount_yuan": "5000000", "score": 91, "talent_led": false,
                   "submitted_at": "2025-04-01T09:00:00+08:00"}]}`

// cliOutput is what "firstset calc kind" writes for the case.
func cliOutput(t *testing.T, kind, input string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := calccli.RunWith(policy.DefaultEngine(), []string{kind, "-"}, strings.NewReader(input), &stdout, &stderr); code != calccli.ExitOK {
		t.Fatalf("calc %s: exit %d: %s", kind, code, stderr.String())
	}
	return stdout.Bytes()
}

func compactJSON(t *testing.T, b []byte) string {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		t.Fatalf("not JSON: %v: %s", err, b)
	}
	return buf.String()
}

// exerciseCalcAPI calls each calculation with success, as the OpenAPI
// contract test requires of every documented operation.
func exerciseCalcAPI(t *testing.T, c *client) {
	t.Helper()
	for _, x := range []struct{ kind, input string }{
		{policy.CalcPremiumSubsidy, p01Case},
		{policy.CalcFirstPurchaseReward, rewardCase},
		{policy.CalcAllocate, allocateCase},
	} {
		if w := c.sendJSON(http.MethodPost, "/api/v1/calc/"+x.kind, x.input, nil); w.Code != http.StatusOK {
			t.Errorf("%s: status %d: %s", x.kind, w.Code, w.Body.String())
		}
	}
}

func TestCalcAPIAnswersAsTheCommandLine(t *testing.T) {
	env := newTestEnv(t)
	for _, x := range []struct {
		kind, input string
		want        []string // fragments of the compact answer
	}{
		{policy.CalcPremiumSubsidy, p01Case, []string{
			`"subsidy_yuan":"400000.00"`, `"subsidy_yuan":"336000.00"`, `"subsidy_yuan":"253315.07"`,
			`"eligible_days":335`, `"total_subsidy_yuan":"989315.07"`, `"clause":"M24-2"`}},
		{policy.CalcFirstPurchaseReward, rewardCase, []string{
			`"eligible":true`, `"max_reward_yuan":"3600000.00"`, `"clause":"M24-1"`}},
		{policy.CalcAllocate, allocateCase, []string{
			`"amount_yuan":"5000000.00"`, `"reason":"FUNDED"`, `"total_yuan":"5000000.00"`}},
	} {
		t.Run(x.kind, func(t *testing.T) {
			// No login: the calculator is public.
			w := env.public().sendJSON(http.MethodPost, "/api/v1/calc/"+x.kind, x.input, nil)
			if w.Code != http.StatusOK {
				t.Fatalf("status %d: %s", w.Code, w.Body.String())
			}
			if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
			got := compactJSON(t, w.Body.Bytes())
			if want := compactJSON(t, cliOutput(t, x.kind, x.input)); got != want {
				t.Errorf("API and CLI differ:\napi: %s\ncli: %s", got, want)
			}
			for _, frag := range x.want {
				if !strings.Contains(got, frag) {
					t.Errorf("answer lacks %s: %s", frag, got)
				}
			}
		})
	}
}

func TestCalcAPIWorksWithATokenAndASession(t *testing.T) {
	env := newTestEnv(t)
	for name, c := range map[string]*client{
		"token":   env.token("ent-a", firstset.ScopeCatalogRead),
		"session": env.login("ent-a"),
	} {
		w := c.sendJSON(http.MethodPost, "/api/v1/calc/first-purchase-reward", rewardCase, nil)
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"max_reward_yuan":"3600000.00"`) {
			t.Errorf("%s: %d %s", name, w.Code, w.Body.String())
		}
	}
	// A session without its CSRF token is refused, as on every write.
	session := env.login("ent-a")
	w := session.request(http.MethodPost, "/api/v1/calc/first-purchase-reward", strings.NewReader(rewardCase),
		http.Header{"Content-Type": {"application/json"}})
	if w.Code != http.StatusForbidden {
		t.Errorf("session without CSRF header: %d %s", w.Code, w.Body.String())
	}
}

func TestCalcAPIRefusesBadCases(t *testing.T) {
	env := newTestEnv(t)
	pub := env.public()
	badEnd := strings.Replace(p01Case, `"end": "2026-06-30"`, `"end": "2026-02-30"`, 1)
	for _, x := range []struct {
		name, path, body  string
		status            int
		code, field, text string
	}{
		{"malformed JSON", "premium-subsidy", `{"product": {`, 400, "malformed_json", "", "JSON 格式错误"},
		{"empty body", "allocate", ``, 400, "malformed_json", "", "内容为空"},
		{"bad date", "premium-subsidy", badEnd, 422, "invalid_date", "policy_years[1].end", "不是有效的日期：2026 年 2 月没有 30 日"},
		{"end before start", "premium-subsidy", strings.Replace(p01Case, `"end": "2026-06-30"`, `"end": "2025-06-30"`, 1),
			422, "end_before_start", "policy_years[1].end", "早于"},
		{"unknown method", "allocate", strings.Replace(allocateCase, "rank_order", "lottery", 1), 422, "unknown_method", "method", "lottery"},
		{"unknown field", "first-purchase-reward", strings.Replace(rewardCase, `"paid_yuan"`, `"paid"`, 1), 422, "unknown_field", "purchase.paid", "未知字段"},
		{"money as a number", "first-purchase-reward", strings.Replace(rewardCase, `"12000000"`, `12000000`, 1), 422, "wrong_type", "purchase.paid_yuan", "应为以元计的字符串"},
	} {
		t.Run(x.name, func(t *testing.T) {
			w := pub.sendJSON(http.MethodPost, "/api/v1/calc/"+x.path, x.body, nil)
			if w.Code != x.status {
				t.Fatalf("status %d, want %d: %s", w.Code, x.status, w.Body.String())
			}
			var got httpx.APIError
			decode(t, w, &got)
			if got.Error.Code != x.code || got.Error.Field != x.field || !strings.Contains(got.Error.Message, x.text) {
				t.Errorf("error %+v, want code %s, field %q, message with %q", got.Error, x.code, x.field, x.text)
			}
		})
	}

	// Not JSON, not POST, not a calculation.
	w := pub.request(http.MethodPost, "/api/v1/calc/allocate", strings.NewReader(allocateCase),
		http.Header{"Content-Type": {"text/plain"}})
	if w.Code != http.StatusUnsupportedMediaType {
		t.Errorf("text/plain body: %d", w.Code)
	}
	if w := pub.get("/api/v1/calc/allocate"); w.Code != http.StatusNotFound {
		t.Errorf("GET: %d", w.Code)
	}
	if w := pub.sendJSON(http.MethodPost, "/api/v1/calc/lottery", allocateCase, nil); w.Code != http.StatusNotFound {
		t.Errorf("unknown calculation: %d", w.Code)
	}
}

func TestCalcAPIBodyLimit(t *testing.T) {
	env := newTestEnv(t) // 64 KiB bodies
	big := `{"budget_yuan": "1", "applications": [` + strings.Repeat(`{"id": "A", "max_amount_yuan": "1", "score": 60, "submitted_at": "2025-04-01T09:00:00+08:00"},`, 1000) + `]}`
	w := env.public().sendJSON(http.MethodPost, "/api/v1/calc/allocate", big, nil)
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized case: %d %s", w.Code, w.Body.String())
	}
}

func TestServerUsesTheEngineItIsGiven(t *testing.T) {
	// An engine whose validity is one year from 2024-05-01: a contract
	// 2025-06-10 is then outside the validity of a product recognised
	// 2024-06-01.
	ps := policy.DefaultParams()
	validity, _ := policy.ParamByID("catalog.validity_years")
	one, err := validity.ParseValue("1")
	if err != nil {
		t.Fatal(err)
	}
	ps, err = ps.Extend(policy.Change{Param: validity, From: date.MustParse("2024-05-01"), Value: one, Source: "测试"})
	if err != nil {
		t.Fatal(err)
	}
	eng, err := policy.NewEngine(ps, policy.DefaultRegistry())
	if err != nil {
		t.Fatal(err)
	}
	srv := New(Options{Policy: eng})
	in := strings.Replace(rewardCase, "2025-03-10", "2025-06-10", 1)
	for e, want := range map[*Server]string{srv: `"reason":"OUTSIDE_VALIDITY"`, New(Options{}): `"eligible":true`} {
		r := httptest.NewRequest(http.MethodPost, "/api/v1/calc/first-purchase-reward", strings.NewReader(in))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		e.Handler().ServeHTTP(w, r)
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), want) {
			t.Errorf("status %d, want %s in %s", w.Code, want, w.Body.String())
		}
	}
}

// docs/policy-notes.md, "Dates and parameters", over HTTP: a product recognised 2023-06-01
// is valid through 2026-05-31 and its 2025 policy year is subsidised; a
// period or a purchase before 2024-04-08 is RULE_NOT_IN_FORCE; a
// recognition before 2018-11-23 is refused on the date itself.
func TestCalcAPIRecognisedBeforeTheMeasures(t *testing.T) {
	pub := newTestEnv(t).public()
	premium := `{"product": {"recognized_on": "2023-06-01"}, "policy_years": [
	  {"start": "2023-07-01", "end": "2024-06-30", "insured_amount_yuan": "20000000", "premium_yuan": "500000", "claim": true},
	  {"start": "2025-01-01", "end": "2025-12-31", "insured_amount_yuan": "20000000", "premium_yuan": "500000", "claim": false}]}`
	w := pub.sendJSON(http.MethodPost, "/api/v1/calc/premium-subsidy", premium, nil)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	var res policyResult
	decode(t, w, &res)
	if y := res.Years[0]; y.Reason != "RULE_NOT_IN_FORCE" || y.Eligible || y.Subsidy != "0.00" {
		t.Errorf("period before the measures: %+v", y)
	}
	if y := res.Years[1]; !y.Eligible || y.Ratio != 80 || y.EligibleDays != 365 || y.Subsidy != "400000.00" || res.Total != "400000.00" {
		t.Errorf("2025 policy year: %+v, total %s", y, res.Total)
	}
	if !strings.Contains(w.Body.String(), "产品认定日 2023-06-01，有效期 3 年，至 2026-05-31") {
		t.Errorf("the derived validity is not explained: %s", w.Body.String())
	}

	reward := `{"product": {"recognized_on": "2023-06-01"}, "purchase": {"contract_date": "2024-04-07", "paid_yuan": "100", "first_purchase": false}}`
	w = pub.sendJSON(http.MethodPost, "/api/v1/calc/first-purchase-reward", reward, nil)
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"reason":"RULE_NOT_IN_FORCE"`) {
		t.Errorf("purchase before the measures: %d %s", w.Code, w.Body.String())
	}

	early := strings.Replace(premium, "2023-06-01", "2010-05-01", 1)
	w = pub.sendJSON(http.MethodPost, "/api/v1/calc/premium-subsidy", early, nil)
	var bad httpx.APIError
	decode(t, w, &bad)
	if w.Code != http.StatusUnprocessableEntity || bad.Error.Code != "too_early" || bad.Error.Field != "product.recognized_on" ||
		!strings.Contains(bad.Error.Message, "早于本市首台（套）政策（渝府办发〔2018〕170号）印发日 2018-11-23") || strings.Contains(bad.Error.Message, "必填") {
		t.Errorf("recognised 2010: %d %+v", w.Code, bad.Error)
	}
}

// policyResult is the part of a premium answer the tests read.
type policyResult struct {
	Years []struct {
		Reason       string  `json:"reason"`
		Eligible     bool    `json:"eligible"`
		Ratio        float64 `json:"ratio_percent"`
		EligibleDays int     `json:"eligible_days"`
		Subsidy      string  `json:"subsidy_yuan"`
	} `json:"years"`
	Total string `json:"total_subsidy_yuan"`
}

// A bad case answers with every problem in details, the first one also as
// the error itself, as the command line names it.
func TestCalcAPIListsEveryProblem(t *testing.T) {
	pub := newTestEnv(t).public()
	in := `{"product": {"recognized_on": "2024-06-01"}, "policy_years": [
	  {"start": "2024-07-01", "end": "2024-06-30", "insured_amount_yuan": "20000000", "premium_yuan": "0", "claim": false},
	  {"start": "2025-07-01", "end": "2026-06-30", "insured_amount_yuan": 20000000, "premium_yuan": "480000"}]}`
	w := pub.sendJSON(http.MethodPost, "/api/v1/calc/premium-subsidy", in, nil)
	var got httpx.APIError
	decode(t, w, &got)
	want := []string{
		"policy_years[0].end end_before_start",
		"policy_years[0].premium_yuan not_positive",
		"policy_years[1].insured_amount_yuan wrong_type",
		"policy_years[1].claim missing_field",
	}
	var details []string
	for _, d := range got.Error.Details {
		details = append(details, d.Field+" "+d.Code)
		if d.Message == "" {
			t.Errorf("%s: no message", d.Field)
		}
	}
	if w.Code != http.StatusUnprocessableEntity || got.Error.Field != "policy_years[0].end" || got.Error.Code != "end_before_start" ||
		strings.Join(details, "\n") != strings.Join(want, "\n") {
		t.Errorf("status %d, error %+v\n details %q\n want    %q", w.Code, got.Error, details, want)
	}
	var stdout, stderr bytes.Buffer
	if code := calccli.Run([]string{"premium-subsidy", "-"}, strings.NewReader(in), &stdout, &stderr); code != calccli.ExitBadInput ||
		!strings.HasPrefix(stderr.String(), "policy_years[0].end: ") || strings.Count(stderr.String(), "\n") != 1 {
		t.Errorf("command line: exit %d, stderr %q", code, stderr.String())
	}
}
