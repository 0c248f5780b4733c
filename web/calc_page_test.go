package web

import (
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"firstset/web/httpx"
)

// p01Form is the worked premium example (policy p01) as the premium form posts it,
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
		"（渝经信规范〔2024〕9号 第（二）条）", `<a class="tag" href="/policies/M24#M24-2" title="查看条款原文">给予首台（套）保费补贴奖励</a>`, "实际保险费率上限 3%",
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
	if !regexp.MustCompile(`name="purchase.contract_date" type="date" value="2025-03-32"[^>]*>\s*<p class="field-error" role="alert">&#34;2025-03-32&#34; 不是`).MatchString(w.Body.String()) {
		t.Errorf("no error beside the contract date:\n%s", w.Body.String())
	}
}

func TestCalcPageAllocation(t *testing.T) {
	env := newTestEnv(t)
	w := env.public().postForm("/calc", url.Values{"kind": {"allocate"}, "case": {allocateCase}})
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	mustContain(t, w.Body.String(), "共安排 5,000,000.00 元", "全额安排", "（北京时间）")
	// Each step cites its clauses itself; no single tag names one of them
	// for a budget of either incentive.
	if strings.Contains(w.Body.String(), `class="tag"`) || strings.Contains(w.Body.String(), "T09:00:00+08:00") {
		t.Errorf("the allocation's steps carry a clause tag or a raw time")
	}

	bad := strings.Replace(allocateCase, "rank_order", "lottery", 1)
	w = env.public().postForm("/calc", url.Values{"kind": {"allocate"}, "case": {bad}})
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("bad method: status %d", w.Code)
	}
	mustContain(t, w.Body.String(), `<li>位置 method：&#34;lottery&#34; 不是分配方法`)
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
	form.Set(httpx.CSRFField, "forged")
	if w := session.postForm("/calc", form); w.Code != http.StatusForbidden {
		t.Errorf("logged-in post with a wrong token: %d", w.Code)
	}
	if w := env.public().postForm("/calc", url.Values{"kind": {"lottery"}}); w.Code != http.StatusBadRequest {
		t.Errorf("unknown kind: %d", w.Code)
	}
}

// docs/policy-notes.md, "Dates and parameters", on the page: a product recognised
// 2023-06-01 is valid through 2026-05-31 and its 2025 policy year is
// subsidised; the period before 2024-04-08 is not, in Chinese.
func TestCalcPageRecognisedBeforeTheMeasures(t *testing.T) {
	env := newTestEnv(t)
	form := url.Values{"kind": {"premium-subsidy"}, "rows": {"3"}, "product.recognized_on": {"2023-06-01"},
		"policy_years[0].start": {"2023-07-01"}, "policy_years[0].end": {"2024-06-30"},
		"policy_years[0].insured_amount_yuan": {"20000000"}, "policy_years[0].premium_yuan": {"500000"},
		"policy_years[1].start": {"2025-01-01"}, "policy_years[1].end": {"2025-12-31"},
		"policy_years[1].insured_amount_yuan": {"20000000"}, "policy_years[1].premium_yuan": {"500000"}}
	w := env.public().postForm("/calc", form)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	page := w.Body.String()
	mustContain(t, page, "保费补贴合计：<strong>400,000.00 元</strong>", "产品认定日 2023-06-01，有效期 3 年，至 2026-05-31",
		`<span class="badge badge-revoked">早于本措施施行</span>`, "<dd>365 / 365</dd>")
	if strings.Contains(page, "RULE_NOT_IN_FORCE") {
		t.Error("the page shows a reason code")
	}

	// A purchase before the measures, for the reward.
	w = env.public().postForm("/calc", url.Values{"kind": {"first-purchase-reward"}, "product.recognized_on": {"2023-06-01"},
		"purchase.contract_date": {"2024-04-07"}, "purchase.paid_yuan": {"100"}, "purchase.first_purchase": {"1"}})
	mustContain(t, w.Body.String(), "不符合条件（早于本措施施行）", "早于渝经信规范〔2024〕9号首购首用奖励规定的施行日 2024-04-08")
}

// A date that is there but outside what the rules accept is not called
// missing: the message says what is wrong with it.
func TestCalcPageSaysWhatIsWrongWithADate(t *testing.T) {
	env := newTestEnv(t)
	for _, kind := range []string{"premium-subsidy", "first-purchase-reward"} {
		form := url.Values{"kind": {kind}, "rows": {"1"}, "product.recognized_on": {"2010-05-01"},
			"policy_years[0].start": {"2024-07-01"}, "policy_years[0].end": {"2025-06-30"},
			"policy_years[0].insured_amount_yuan": {"20000000"}, "policy_years[0].premium_yuan": {"500000"},
			"purchase.contract_date": {"2025-03-10"}, "purchase.paid_yuan": {"100"}}
		w := env.public().postForm("/calc", form)
		page := w.Body.String()
		if w.Code != http.StatusUnprocessableEntity ||
			!regexp.MustCompile(`name="product.recognized_on" type="date" value="2010-05-01"[^>]*>\s*<p class="field-error" role="alert">认定日期 2010-05-01 早于本市首台（套）政策（渝府办发〔2018〕170号）印发日 2018-11-23`).MatchString(page) {
			t.Errorf("%s: status %d, no reason beside the recognition date:\n%s", kind, w.Code, page)
		}
		if strings.Contains(page, "必填") {
			t.Errorf("%s: a date that is there is called missing", kind)
		}
	}
}

// Every problem of a submission is shown at once, each beside its input.
func TestCalcPageShowsEveryProblemAtOnce(t *testing.T) {
	env := newTestEnv(t)
	form := p01Form()
	form.Set("policy_years[1].end", "2024-06-30")                // before its start
	form.Set("policy_years[2].premium_yuan", "0")                // not positive
	form.Set("policy_years[3].insured_amount_yuan", "2000,0000") // the page cannot read it
	w := env.public().postForm("/calc", form)
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", w.Code)
	}
	page := w.Body.String()
	for _, beside := range []string{
		`name="policy_years\[1\]\.end"[^>]*aria-invalid="true">\s*<p class="field-error" role="alert">2024-06-30 早于起始日 2024-07-01`,
		`name="policy_years\[2\]\.premium_yuan"[^>]*aria-invalid="true">\s*<p class="field-error" role="alert">0.00 应大于 0`,
		`name="policy_years\[3\]\.insured_amount_yuan"[^>]*value="2000,0000"[^>]*aria-invalid="true">\s*<p class="field-error" role="alert">逗号位置不对`,
	} {
		if !regexp.MustCompile(beside).MatchString(page) {
			t.Errorf("no %s", beside)
		}
	}
	if n := strings.Count(page, `aria-invalid="true"`); n != 3 {
		t.Errorf("%d inputs marked invalid, want 3", n)
	}
	mustContain(t, page, "输入有误，共 3 处，请按提示修改后重新测算。")

	// The reward form: both bad inputs at once.
	w = env.public().postForm("/calc", url.Values{"kind": {"first-purchase-reward"}, "product.recognized_on": {"2024-06-01"},
		"purchase.contract_date": {"2025-02-30"}, "purchase.paid_yuan": {"五千万"}})
	page = w.Body.String()
	mustContain(t, page, `&#34;2025-02-30&#34; 不是有效的日期：2025 年 2 月没有 30 日`, "请用阿拉伯数字书写金额", "输入有误，共 2 处")
}

// The page accepts amounts as people write them, exactly in fen, and
// refuses forms it cannot read for sure, saying why.
func TestCalcPageReadsWanAndYi(t *testing.T) {
	env := newTestEnv(t)
	reward := func(paid string) (int, string) {
		w := env.public().postForm("/calc", url.Values{"kind": {"first-purchase-reward"}, "product.recognized_on": {"2024-06-01"},
			"purchase.contract_date": {"2025-03-10"}, "purchase.paid_yuan": {paid}, "purchase.first_purchase": {"1"}})
		return w.Code, w.Body.String()
	}
	for paid, want := range map[string]string{
		"1200万":        "实际支付额 12,000,000.00 × 30%",
		"500万元":        "实际支付额 5,000,000.00 × 30%",
		"3,000万元":      "实际支付额 30,000,000.00 × 30%",
		"5000万":        "实际支付额 50,000,000.00 × 30%",
		"1.2亿":         "实际支付额 120,000,000.00 × 30%",
		"0.000001万":    "实际支付额 0.01 × 30%",
		"１２００万":        "实际支付额 12,000,000.00 × 30%",
		"12,000,000.5": "实际支付额 12,000,000.50 × 30%",
	} {
		code, page := reward(paid)
		if code != http.StatusOK || !strings.Contains(page, want) {
			t.Errorf("%q: status %d, page lacks %q", paid, code, want)
		}
		if !strings.Contains(page, `value="`+paid+`"`) {
			t.Errorf("%q: the input is not kept as typed", paid)
		}
	}
	for paid, why := range map[string]string{
		"1亿2000万":      "请只用一个单位书写",
		"5000万万":       "请只用一个单位书写",
		"2000,0000":    "逗号位置不对",
		"1,5万":         "逗号位置不对",
		"1.2.3万":       "小数点多于一个",
		"0.0000001万":   "以“万”为单位最多 6 位小数",
		"5000w":        "请把“w”写成“万”",
		"5千万":          "不支持“千”“百”等单位",
		"-5000万":       "金额不能为负数",
		"$5000":        "无法识别的字符“$”",
		"99999999999亿": "金额过大",
	} {
		code, page := reward(paid)
		if code != http.StatusUnprocessableEntity ||
			!regexp.MustCompile(`name="purchase.paid_yuan" type="text" value="`+regexp.QuoteMeta(template.HTMLEscapeString(paid))+`"[^>]*>\s*<p class="field-error" role="alert">[^<]*`+regexp.QuoteMeta(why)).MatchString(page) {
			t.Errorf("%q: status %d, no %q beside the amount", paid, code, why)
		}
	}
}

// Nothing on the page is English or an internal code: reasons, clauses
// and parameter values are in Chinese (the JSON API keeps the codes).
func TestCalcPageShowsNoCodes(t *testing.T) {
	env := newTestEnv(t)
	pages := []string{env.public().postForm("/calc", p01Form()).Body.String()}
	form := url.Values{"kind": {"allocate"}, "case": {strings.Replace(allocateCase, `"method": "rank_order", `, "", 1)}}
	pages = append(pages, env.public().postForm("/calc", form).Body.String())
	for i, page := range pages {
		result := page[strings.Index(page, `id="result-heading"`):]
		// A clause's link to the library is no text on the page.
		result = regexp.MustCompile(` href="/policies/[^"]*"`).ReplaceAllString(result, "")
		for _, code := range []string{"same_proportion", "rank_order", "FUNDED", "M24-", "O18-", "premium.", "merit.", "catalog."} {
			if strings.Contains(result, code) {
				t.Errorf("result %d shows %q", i, code)
			}
		}
	}
	mustContain(t, pages[0], "“实际投保费率同比例下降”除外的读法 同比例下降（本期费率不高于上一年度费率按补贴比例同比例下降后的值）")
	mustContain(t, pages[1], "预算内默认分配方法 按名次顺序安排")
}

// The allocation form says in Chinese what is wrong with the JSON, never
// the parser's English, and lists every problem of the case.
func TestCalcPageAllocationProblemsInChinese(t *testing.T) {
	env := newTestEnv(t)
	for input, want := range map[string]string{
		``:                     "内容为空，应为一个 JSON 对象",
		allocateCase[:40]:      "内容意外结束，括号或引号没有成对闭合",
		`{"budget_yuan": '1'}`: "字符串和字段名须用英文双引号",
	} {
		w := env.public().postForm("/calc", url.Values{"kind": {"allocate"}, "case": {input}})
		page := w.Body.String()
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(page, want) {
			t.Errorf("%q: status %d, page lacks %q", input, w.Code, want)
		}
		for _, english := range []string{"unexpected end of JSON input", "invalid character", "looking for"} {
			if strings.Contains(page, english) {
				t.Errorf("%q: the page shows %q", input, english)
			}
		}
	}
	bad := strings.NewReplacer(`"method": "rank_order"`, `"method": "lottery"`, `"score": 91`, `"score": 191`).Replace(allocateCase)
	page := env.public().postForm("/calc", url.Values{"kind": {"allocate"}, "case": {bad}}).Body.String()
	mustContain(t, page, "分配方案有误，共 2 处：", "<li>位置 method：&#34;lottery&#34; 不是分配方法",
		"<li>位置 applications[0].score：191 不在 0～100 分之间</li>", `aria-invalid="true" aria-describedby="case-errors"`)
}

// A message about two periods names them by the form's rows, not by
// their place in the JSON case.
func TestCalcPageNamesPeriodsByRow(t *testing.T) {
	env := newTestEnv(t)
	form := p01Form() // row 1 (the first) is blank: case entry 0 is row 2
	form.Set("policy_years[2].start", "2025-06-30")
	page := env.public().postForm("/calc", form).Body.String()
	mustContain(t, page, "2025-06-30 与 第 2 行保险期（止于 2025-06-30）重叠")
	form = p01Form()
	form.Set("policy_years[2].start", "2024-01-01")
	form.Set("policy_years[2].end", "2024-06-30")
	page = env.public().postForm("/calc", form).Body.String()
	mustContain(t, page, "2024-01-01 早于 第 2 行保险期的起始日 2024-07-01，保险期应按时间顺序列出")
	for _, line := range strings.Split(page, "\n") {
		if strings.Contains(line, `class="field-error"`) && strings.Contains(line, "policy_years[") {
			t.Errorf("a message names a JSON path: %s", line)
		}
	}
}
