package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// p01Form is the POLICY.md worked example as the premium form posts it,
// with JavaScript off; the first row is left blank, so the case's entries
// and the form's rows are numbered differently.
func p01Form() url.Values {
	return url.Values{
		"kind":                                {"premium-subsidy"},
		"rows":                                {"4"},
		"product.recognized_on":               {"2024-06-01"},
		"product.valid_until":                 {""},
		"policy_years[0].start":               {""},
		"policy_years[1].start":               {"2024-07-01"},
		"policy_years[1].end":                 {"2025-06-30"},
		"policy_years[1].insured_amount_yuan": {"20,000,000"},
		"policy_years[1].premium_yuan":        {"500000"},
		"policy_years[2].start":               {"2025-07-01"},
		"policy_years[2].end":                 {"2026-06-30"},
		"policy_years[2].insured_amount_yuan": {"20000000"},
		"policy_years[2].premium_yuan":        {"480000"},
		"policy_years[3].start":               {"2026-07-01"},
		"policy_years[3].end":                 {"2027-06-30"},
		"policy_years[3].insured_amount_yuan": {"20000000"},
		"policy_years[3].premium_yuan":        {"460000"},
	}
}

func mustContain(t *testing.T, page string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestCalcPageIsPublicAndLinked(t *testing.T) {
	env := newTestEnv(t)
	home := env.public().get("/").Body.String()
	mustContain(t, home, `<a href="/calc">奖补测算</a>`)

	for kind, wants := range map[string][]string{
		"":                            {`name="product.recognized_on"`, `name="policy_years[2].premium_yuan"`, `name="policy_years[0].claim"`, `name="add_row"`},
		"?kind=premium-subsidy":       {`name="policy_years[0].start"`},
		"?kind=first-purchase-reward": {`name="purchase.contract_date"`, `name="purchase.paid_yuan"`, `name="purchase.first_purchase"`},
		"?kind=allocate":              {`<textarea id="case" name="case"`, "rank_order"},
	} {
		w := env.public().get("/calc" + kind)
		if w.Code != http.StatusOK {
			t.Fatalf("GET /calc%s: %d", kind, w.Code)
		}
		page := w.Body.String()
		mustContain(t, page, wants...)
		mustContain(t, page, `<a href="/calc" aria-current="page">奖补测算</a>`, "最终金额以评审结果和年度预算安排为准",
			`href="/calc?kind=first-purchase-reward"`, `href="/calc?kind=allocate"`)
		if strings.Contains(page, "csrf_token") {
			t.Errorf("GET /calc%s: the public page carries a session token", kind)
		}
	}
	if w := env.public().get("/calc?kind=lottery"); w.Code != http.StatusNotFound {
		t.Errorf("unknown kind: %d", w.Code)
	}
}

func TestCalcPagePremiumResult(t *testing.T) {
	env := newTestEnv(t)
	w := env.public().postForm("/calc", p01Form())
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	page := w.Body.String()
	mustContain(t, page,
		"400,000.00 元", "336,000.00 元", "253,315.07 元", "保费补贴合计：<strong>989,315.07 元</strong>",
		"<dd>80%</dd>", "<dd>70%</dd>", "<dd>60%</dd>", "<dd>335 / 365</dd>", "<dd>500,000.00 元</dd>",
		"（渝经信规范〔2024〕9号 第（二）条）", `<span class="tag">M24-2</span>`, "实际保险费率上限 3%",
		// the input is kept as typed
		`value="20,000,000"`, `value="2027-06-30"`, `value="2024-06-01"`)
}

func TestCalcPagePremiumErrorBesideTheRow(t *testing.T) {
	env := newTestEnv(t)
	form := p01Form()
	// The second period (form row 2, case entry 1) ends before it starts.
	form.Set("policy_years[2].end", "2025-06-30")
	w := env.public().postForm("/calc", form)
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", w.Code)
	}
	page := w.Body.String()
	beside := regexp.MustCompile(`name="policy_years\[2\]\.end" type="date" value="2025-06-30"[^>]*aria-invalid="true">\s*<p class="field-error" role="alert">2025-06-30 早于`)
	if !beside.MatchString(page) {
		t.Errorf("no error beside row 2's end date:\n%s", page)
	}
	if strings.Count(page, `aria-invalid="true"`) != 1 {
		t.Errorf("%d inputs marked invalid, want 1", strings.Count(page, `aria-invalid="true"`))
	}
	mustContain(t, page, `value="2026-07-01"`, `value="460000"`, `value="20,000,000"`)
	if strings.Contains(page, `id="result-heading"`) {
		t.Error("a result is shown for a bad case")
	}

	// A money error on the recognition form, and the empty list above the rows.
	form = url.Values{"kind": {"premium-subsidy"}, "rows": {"3"}, "product.recognized_on": {"2024-06-01"}}
	page = env.public().postForm("/calc", form).Body.String()
	mustContain(t, page, `<p class="field-error" role="alert">至少应有一项</p>`)
	form = p01Form()
	form.Set("policy_years[3].premium_yuan", "460000.001")
	page = env.public().postForm("/calc", form).Body.String()
	if !regexp.MustCompile(`name="policy_years\[3\]\.premium_yuan"[^>]*value="460000.001"[^>]*aria-invalid="true">\s*<p class="field-error"`).MatchString(page) {
		t.Errorf("no error beside row 3's premium:\n%s", page)
	}
}

func TestCalcPageAddsRowsWithoutJavaScript(t *testing.T) {
	env := newTestEnv(t)
	form := p01Form()
	form.Set("add_row", "1")
	w := env.public().postForm("/calc", form)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	page := w.Body.String()
	mustContain(t, page, `name="policy_years[4].start"`, `name="rows" value="5"`, `value="2026-07-01"`)
	if strings.Contains(page, `id="result-heading"`) || strings.Contains(page, `name="add_row"`) {
		t.Error("adding a row computed, or offers a sixth row")
	}
	form.Set("rows", "5")
	page = env.public().postForm("/calc", form).Body.String()
	if strings.Contains(page, `name="policy_years[5].start"`) {
		t.Error("more than 5 rows")
	}
}

func TestCalcPageReward(t *testing.T) {
	env := newTestEnv(t)
	form := url.Values{"kind": {"first-purchase-reward"}, "product.recognized_on": {"2024-06-01"},
		"purchase.contract_date": {"2025-03-10"}, "purchase.paid_yuan": {"12000000"}, "purchase.first_purchase": {"1"}}
	w := env.public().postForm("/calc", form)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	mustContain(t, w.Body.String(), "最高奖励 3,600,000.00 元", "渝经信规范〔2024〕9号 第（一）条", `value="12000000"`,
		`name="purchase.first_purchase" value="1" checked`)

	form.Del("purchase.first_purchase")
	mustContain(t, env.public().postForm("/calc", form).Body.String(), "不符合条件（非首购首用）", "<strong>0.00 元</strong>")

	form.Set("purchase.contract_date", "2025-03-32")
	w = env.public().postForm("/calc", form)
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("bad date: status %d", w.Code)
	}
	if !regexp.MustCompile(`name="purchase.contract_date" type="date" value="2025-03-32">\s*<p class="field-error" role="alert">&#34;2025-03-32&#34; 不是`).MatchString(w.Body.String()) {
		t.Errorf("no error beside the contract date:\n%s", w.Body.String())
	}
}

func TestCalcPageAllocation(t *testing.T) {
	env := newTestEnv(t)
	w := env.public().postForm("/calc", url.Values{"kind": {"allocate"}, "case": {allocateCase}})
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	mustContain(t, w.Body.String(), "共安排 5,000,000.00 元", "全额安排")

	bad := strings.Replace(allocateCase, "rank_order", "lottery", 1)
	w = env.public().postForm("/calc", url.Values{"kind": {"allocate"}, "case": {bad}})
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("bad method: status %d", w.Code)
	}
	mustContain(t, w.Body.String(), `<p class="field-error" role="alert">method：`, "lottery")
}

func TestCalcPageFollowsTheFormRules(t *testing.T) {
	env := newTestEnv(t)
	// Another site cannot post it, even anonymously.
	form := p01Form()
	w := env.public().request(http.MethodPost, "/calc", strings.NewReader(form.Encode()), http.Header{
		"Content-Type": {"application/x-www-form-urlencoded"}, "Sec-Fetch-Site": {"cross-site"}})
	if w.Code != http.StatusForbidden {
		t.Errorf("cross-site post: %d", w.Code)
	}
	// A logged-in person posts with the session's token, which the page carries.
	session := env.login("ent-a")
	mustContain(t, session.get("/calc").Body.String(), `name="csrf_token" value="`+session.csrf+`"`)
	if w := session.postForm("/calc", p01Form()); w.Code != http.StatusOK {
		t.Errorf("logged-in post: %d", w.Code)
	}
	form = p01Form()
	form.Set(csrfField, "forged")
	if w := session.postForm("/calc", form); w.Code != http.StatusForbidden {
		t.Errorf("logged-in post with a wrong token: %d", w.Code)
	}
	if w := env.public().postForm("/calc", url.Values{"kind": {"lottery"}}); w.Code != http.StatusBadRequest {
		t.Errorf("unknown kind: %d", w.Code)
	}
}
