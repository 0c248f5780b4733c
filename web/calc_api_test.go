package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"firstset"
	"firstset/calccli"
	"firstset/date"
	"firstset/policy"
)

// The POLICY.md worked example p01: three policy years down the ladder,
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
		{"empty body", "allocate", ``, 400, "malformed_json", "", "JSON 格式错误"},
		{"bad date", "premium-subsidy", badEnd, 422, "invalid_date", "policy_years[1].end", "不是 YYYY-MM-DD 形式的有效日期"},
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
			var got apiError
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
