package web

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"firstset"
	"firstset/tender/extract/docxtest"
	"firstset/web/httpx"
	"firstset/web/sheet"
	"firstset/web/ui"
)

// tenderText breaks three rules, one per line; line 2 is a clean line.
const tenderText = "一、投标人须提供产品市场占有率证明。\n二、投标文件应以中文编写。\n三、中标人须按合同价的5%缴纳质量保证金。\n"

// tenderReport is the API's answer, as a client reads it.
type tenderReport struct {
	Findings []struct {
		Rule, Severity, Quote, Suggestion string
		Line, Start, End                  int
		Basis                             []struct{ Cite string }
	}
	Clauses  int
	FirstSet *struct {
		Product struct {
			Name, Certificate string
			Insured           bool
		}
		DeemedMet        []string `json:"deemed_met"`
		NoQualityDeposit bool     `json:"no_quality_deposit"`
		Notes            []string
	} `json:"first_set"`
}

func (r tenderReport) rules() string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, fmt.Sprintf("%s@%d", f.Rule, f.Line))
	}
	return strings.Join(out, ",")
}

// multipartBody encodes fields and, when fileName is set, one file.
func multipartBody(t *testing.T, fields map[string]string, fileName string, file []byte) (*bytes.Buffer, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if fileName != "" {
		fw, err := mw.CreateFormFile("file", fileName)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(file)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return &body, mw.FormDataContentType()
}

// postMultipart posts a multipart form; a browser session puts its CSRF
// token among the fields, as the page's form does.
func (c *client) postMultipart(target string, fields map[string]string, fileName string, file []byte) *httptest.ResponseRecorder {
	c.env.t.Helper()
	if c.csrf != "" {
		fields[httpx.CSRFField] = c.csrf
	}
	body, contentType := multipartBody(c.env.t, fields, fileName, file)
	return c.request(http.MethodPost, target, body, http.Header{"Content-Type": {contentType}})
}

func TestTenderAPIChecksText(t *testing.T) {
	env := newTestEnv(t)
	buyer := env.token("buyer", firstset.ScopeCatalogRead)

	w := buyer.sendJSON(http.MethodPost, "/api/v1/tender/check", httpx.TenderJSONInput{Text: tenderText}, nil)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	var rep tenderReport
	decode(t, w, &rep)
	if got := rep.rules(); got != "MARKET_SHARE@1,QUALITY_DEPOSIT@3" {
		t.Fatalf("findings %s", got)
	}
	lines := strings.Split(tenderText, "\n")
	for _, f := range rep.Findings {
		if got := string([]rune(lines[f.Line-1])[f.Start:f.End]); got != f.Quote || f.Quote == "" {
			t.Errorf("%s: quote %q, offsets give %q", f.Rule, f.Quote, got)
		}
		if len(f.Basis) == 0 || f.Suggestion == "" {
			t.Errorf("%s: no basis or suggestion", f.Rule)
		}
	}
	if rep.FirstSet != nil {
		t.Errorf("first_set without a product: %+v", rep.FirstSet)
	}

	// With an insured catalog product, a reviewer's session (CSRF header).
	w = env.login("reviewer").sendJSON(http.MethodPost, "/api/v1/tender/check",
		httpx.TenderJSONInput{Text: tenderText, ProductID: env.recA.ID, Insured: true}, nil)
	rep = tenderReport{}
	decode(t, w, &rep)
	fs := rep.FirstSet
	if w.Code != http.StatusOK || fs == nil || fs.Product.Name != env.recA.Name || !fs.Product.Insured ||
		!fs.NoQualityDeposit || strings.Join(fs.DeemedMet, ",") != "MARKET_SHARE,PAST_PERFORMANCE" {
		t.Fatalf("with product: %d %s", w.Code, w.Body.String())
	}
	if !strings.HasPrefix(fs.Product.Certificate, "FS-"+httpx.Itoa(env.recA.ID)+"-") {
		t.Errorf("certificate %q", fs.Product.Certificate)
	}

	// A product outside the catalog is refused, naming the field.
	for _, id := range []int64{env.draftA.ID, 999999} {
		w = buyer.sendJSON(http.MethodPost, "/api/v1/tender/check", httpx.TenderJSONInput{Text: tenderText, ProductID: id}, nil)
		var e httpx.APIError
		decode(t, w, &e)
		if w.Code != http.StatusUnprocessableEntity || e.Error.Field != "product_id" {
			t.Errorf("product %d: %d %s", id, w.Code, w.Body.String())
		}
	}
}

func TestTenderAPIChecksDocxUpload(t *testing.T) {
	env := newTestEnv(t)
	api := env.token("buyer", firstset.ScopeCatalogRead)
	doc := docxtest.Paragraphs(t, "第一章 投标人须知", "", "|投标人须提供近三年同类产品业绩证明。", "投标人应具有良好的商业信誉。")
	w := api.postMultipart("/api/v1/tender/check", map[string]string{"product_id": httpx.Itoa(env.recB.ID), "insured": "true"}, "招标文件.docx", doc)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	var rep tenderReport
	decode(t, w, &rep)
	// Paragraph 3 is the table cell: line numbers count paragraphs.
	if got := rep.rules(); got != "PAST_PERFORMANCE@3" {
		t.Errorf("findings %s", got)
	}
	if rep.FirstSet == nil || !rep.FirstSet.NoQualityDeposit || rep.FirstSet.Product.Name != env.recB.Name {
		t.Errorf("first_set %+v", rep.FirstSet)
	}
}

func TestTenderAPIRefusals(t *testing.T) {
	env := newTestEnv(t)
	env.addUsers(firstset.UserInput{Username: "finance", Name: firstset.RoleFinance.Label() + "用户", Role: firstset.RoleFinance})
	buyer := env.token("buyer", firstset.ScopeCatalogRead)
	pdf := []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	cases := []struct {
		name    string
		c       *client
		file    string
		data    []byte
		status  int
		code    string
		message string
	}{
		{"too large", buyer, "big.txt", bytes.Repeat([]byte("投标人须提供市场占有率证明。\n"), (10<<20)/40+1), 413, firstset.ETOOLARGE, "10 MiB"},
		{"broken pdf", buyer, "招标文件.pdf", pdf, 422, firstset.EINVALID, "PDF"},
		{"pdf renamed docx", buyer, "招标文件.docx", pdf, 422, firstset.EINVALID, "PDF"},
		{"image as txt", buyer, "招标文件.txt", png, 415, firstset.EUNSUPPORTED, "不是文本"},
		{"text as docx", buyer, "招标文件.docx", []byte(tenderText), 415, firstset.EUNSUPPORTED, "不是 Word 文档"},
		{"legacy doc", buyer, "招标文件.doc", []byte("\xd0\xcf\x11\xe0"), 415, firstset.EUNSUPPORTED, ".docx"},
		{"no extension", buyer, "招标文件", []byte(tenderText), 415, firstset.EUNSUPPORTED, "扩展名"},
		{"empty text", buyer, "", nil, 422, firstset.EINVALID, "请上传"},
		{"anonymous", env.public(), "a.txt", []byte(tenderText), 401, firstset.EUNAUTHORIZED, "登录"},
		{"finance token", env.token("finance", firstset.ScopeCatalogRead), "a.txt", []byte(tenderText), 403, firstset.EFORBIDDEN, "无权"},
		{"finance session", env.login("finance"), "a.txt", []byte(tenderText), 403, firstset.EFORBIDDEN, "无权"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := c.c.postMultipart("/api/v1/tender/check", map[string]string{}, c.file, c.data)
			var e httpx.APIError
			decode(t, w, &e)
			if w.Code != c.status || e.Error.Code != c.code || !strings.Contains(e.Error.Message, c.message) {
				t.Errorf("%d %s, want %d %s mentioning %q", w.Code, w.Body.String(), c.status, c.code, c.message)
			}
		})
	}
	w := buyer.request(http.MethodPost, "/api/v1/tender/check", strings.NewReader(tenderText),
		http.Header{"Content-Type": {"text/plain"}})
	if w.Code != http.StatusUnsupportedMediaType {
		t.Errorf("text/plain body: %d %s", w.Code, w.Body.String())
	}
}

func TestTenderPageHighlightsFindings(t *testing.T) {
	env := newTestEnv(t)
	buyer := env.login("buyer")

	page := buyer.get("/tender").Body.String()
	for _, want := range []string{`href="/tender" aria-current="page"`, `enctype="multipart/form-data"`,
		`name="insured"`, `<option value="` + httpx.Itoa(env.recA.ID) + `">`} {
		if !strings.Contains(page, want) {
			t.Errorf("form page lacks %q", want)
		}
	}
	if strings.Contains(page, `value="`+httpx.Itoa(env.draftA.ID)+`"`) {
		t.Error("a draft product is offered")
	}
	if w := buyer.get("/tender?product_q=" + "乙认定"); !strings.Contains(w.Body.String(), env.recB.Name) ||
		strings.Contains(w.Body.String(), ">"+env.recA.Name) {
		t.Errorf("product search does not narrow the select")
	}

	w := buyer.postMultipart("/tender", map[string]string{"text": tenderText, "product_id": httpx.Itoa(env.recA.ID), "insured": "true"}, "", nil)
	if w.Code != http.StatusOK {
		t.Fatalf("check: %d %s", w.Code, w.Body.String())
	}
	body := html.UnescapeString(w.Body.String())
	for _, want := range []string{
		`<li id="line-1" value="1" class="flagged"><mark class="sev-high" title="市场占有率或销量要求">一、投标人须提供产品市场占有率证明</mark><a class="ref" href="#finding-1">[1]</a>。</li>`,
		`<li id="line-2" value="2">二、投标文件应以中文编写。</li>`,
		`id="finding-2"`, "修改建议：", "渝经信规范〔2024〕9号", "视同满足市场占有率",
		"已投保首台（套）保险，一般不再收取质量保证金", `<a href="#finding-1">市场占有率或销量要求</a></td><td>1</td>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("result page lacks %q", want)
		}
	}
	if strings.Count(body, "<mark ") != 2 {
		t.Errorf("%d marks, want one per finding", strings.Count(body, "<mark "))
	}

	// A bad upload is shown on the form, which keeps the other choices.
	w = buyer.postMultipart("/tender", map[string]string{"product_id": httpx.Itoa(env.recA.ID)}, "a.pdf", []byte("%PDF-1.4"))
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "PDF 文件已损坏") ||
		!strings.Contains(w.Body.String(), `value="`+httpx.Itoa(env.recA.ID)+`" selected`) {
		t.Errorf("pdf upload: %d %s", w.Code, w.Body.String())
	}
}

func TestTenderPageAccess(t *testing.T) {
	env := newTestEnv(t)
	if w := env.public().get("/tender"); w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/login") {
		t.Errorf("anonymous: %d %s", w.Code, w.Header().Get("Location"))
	}
	if w := env.public().postMultipart("/tender", map[string]string{"text": tenderText}, "", nil); w.Code != http.StatusForbidden &&
		w.Code != http.StatusUnauthorized && w.Code != http.StatusSeeOther {
		t.Errorf("anonymous POST: %d", w.Code)
	}
	for _, role := range []string{"buyer", "reviewer", "admin", "ent-a"} {
		if !strings.Contains(env.login(role).get("/").Body.String(), `href="/tender"`) {
			t.Errorf("the navigation hides the checker from %s", role)
		}
	}
	// Without the session's token the form is refused.
	c := env.login("buyer")
	c.csrf = ""
	if w := c.postMultipart("/tender", map[string]string{"text": tenderText}, "", nil); w.Code != http.StatusForbidden {
		t.Errorf("POST without CSRF token: %d", w.Code)
	}
}

// TestTenderEnterprisesMayCheck: the makers a tender shuts out may check
// it too, on the page (with the checker in their navigation), through the
// export and through the API with a token.
func TestTenderEnterprisesMayCheck(t *testing.T) {
	env := newTestEnv(t)
	ent := env.login("ent-a")
	if w := ent.get("/tender"); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `href="/tender" aria-current="page"`) {
		t.Fatalf("enterprise GET: %d", w.Code)
	}
	w := ent.postMultipart("/tender", map[string]string{"text": tenderText, "product_id": httpx.Itoa(env.recB.ID)}, "", nil)
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `id="result"`) || !strings.Contains(w.Body.String(), "<mark ") {
		t.Fatalf("enterprise check: %d %.500s", w.Code, w.Body.String())
	}
	packed := regexp.MustCompile(`name="packed" value="([^"]*)"`).FindStringSubmatch(w.Body.String())
	if packed == nil {
		t.Fatal("no export form")
	}
	if w := ent.postMultipart("/tender/export.xlsx", map[string]string{"packed": html.UnescapeString(packed[1])}, "", nil); w.Code != http.StatusOK {
		t.Errorf("enterprise export: %d %.300s", w.Code, w.Body.String())
	}
	w = env.token("ent-a", firstset.ScopeCatalogRead).postMultipart("/api/v1/tender/check", map[string]string{}, "a.txt", []byte(tenderText))
	var rep tenderReport
	decode(t, w, &rep)
	if w.Code != http.StatusOK || rep.rules() != "MARKET_SHARE@1,QUALITY_DEPOSIT@3" {
		t.Errorf("enterprise token: %d %s", w.Code, w.Body.String())
	}
	// Another enterprise's draft is as unknown to the check as to the catalog.
	w = ent.sendJSON(http.MethodPost, "/api/v1/tender/check", httpx.TenderJSONInput{Text: tenderText, ProductID: env.draftB.ID}, nil)
	var e httpx.APIError
	decode(t, w, &e)
	if w.Code != http.StatusUnprocessableEntity || e.Error.Field != "product_id" || strings.Contains(e.Error.Message, env.draftB.Name) {
		t.Errorf("other enterprise's draft: %d %s", w.Code, w.Body.String())
	}
}

func TestTenderExportRoundTrip(t *testing.T) {
	env := newTestEnv(t)
	buyer := env.login("buyer")
	doc := docxtest.Paragraphs(t, "投标人须提供产品市场占有率证明。", "中标人须按合同价的5%缴纳质量保证金。")
	page := buyer.postMultipart("/tender", map[string]string{}, "招标文件.docx", doc).Body.String()
	m := regexp.MustCompile(`name="packed" value="([^"]*)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no export form on the result page:\n%s", page)
	}
	w := buyer.postMultipart("/tender/export.xlsx", map[string]string{"packed": html.UnescapeString(m[1])}, "", nil)
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != sheet.MediaType {
		t.Fatalf("export: %d %s", w.Code, w.Body.String())
	}
	f, err := excelize.OpenReader(bytes.NewReader(w.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(ui.TenderExportSheet)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"序号", "行号", "规则", "严重程度", "原文", "依据", "修改建议", "出现次数", "其他位置（行号）"},
		{"1", "1", "市场占有率或销量要求", "高", "投标人须提供产品市场占有率证明"},
		{"2", "2", "质量保证金", "中"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d: %q", len(rows), len(want), rows)
	}
	for i, w := range want {
		if len(rows[i]) < 8 {
			t.Errorf("row %d has %d cells: %q", i+1, len(rows[i]), rows[i])
			continue
		}
		for k, cell := range w {
			if rows[i][k] != cell {
				t.Errorf("row %d cell %d = %q, want %q", i+1, k+1, rows[i][k], cell)
			}
		}
	}
	if !strings.Contains(rows[1][5], "渝经信规范〔2024〕9号") || rows[1][6] == "" {
		t.Errorf("basis or suggestion missing: %q", rows[1])
	}

	if rows[1][7] != "1" {
		t.Errorf("count of a single finding: %q", rows[1])
	}

	// Damaged export data is refused rather than exported empty; the plain
	// JSON lines of earlier pages are no longer read (unbounded JSON).
	for _, fields := range []map[string]string{{"lines": `["投标人须提供产品市场占有率证明。"]`}, {"packed": "bm90IGRlZmxhdGU="},
		{"packed": m[1][:len(m[1])/2]}, {"packed": packedJSON(t, `["a"] ["b"]`)}, {"packed": packedJSON(t, `["a", 1]`)}, {}} {
		if w := buyer.postMultipart("/tender/export.xlsx", fields, "", nil); w.Code != http.StatusUnprocessableEntity {
			t.Errorf("damaged lines %v: %d", fields, w.Code)
		}
	}
}

// packedJSON packs raw JSON the way the result page packs its lines.
func packedJSON(t *testing.T, raw string) string {
	t.Helper()
	var out bytes.Buffer
	b64 := base64.NewEncoder(base64.StdEncoding, &out)
	zw, err := flate.NewWriter(b64, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(zw, raw); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	b64.Close()
	return out.String()
}

// TestTenderExportRefusesInflatingLines: a small packed field that
// inflates to millions of empty lines, or to one line past the length
// limit, is refused with 413 and the limit it passed. That the refusal
// comes while decoding, before the lines are held, is what the memory
// benchmark BenchmarkTenderExportInflatingLines (web/ui) measures.
func TestTenderExportRefusesInflatingLines(t *testing.T) {
	env := newTestEnv(t)
	buyer := env.login("buyer")
	var raw strings.Builder
	raw.WriteString("[")
	for i := range 2_000_000 {
		if i > 0 {
			raw.WriteString(",")
		}
		raw.WriteString(`""`)
	}
	raw.WriteString("]")
	packed := packedJSON(t, raw.String())
	if len(packed) > 64<<10 {
		t.Fatalf("packed bomb is %d bytes", len(packed))
	}
	w := buyer.postMultipart("/tender/export.xlsx", map[string]string{"packed": packed}, "", nil)
	if w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(w.Body.String(), "不得超过 500000 行") {
		t.Errorf("inflating lines: %d %s", w.Code, w.Body.String()[:min(200, w.Body.Len())])
	}
	long := packedJSON(t, `["`+strings.Repeat("标", 100_001)+`"]`)
	if w := buyer.postMultipart("/tender/export.xlsx", map[string]string{"packed": long}, "", nil); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("long line: %d", w.Code)
	}
}

// TestTenderAPIBodyLimitIsTheUploadLimit: the tender check takes a whole
// document, so a JSON body streamed without a length is held to the
// upload limit (10 MiB), not the ordinary one (64 KiB here), both when
// the handler reads it and when the idempotency layer does; one over the
// upload limit is refused naming that limit.
func TestTenderAPIBodyLimitIsTheUploadLimit(t *testing.T) {
	env := newTestEnv(t)
	buyer := env.token("buyer", firstset.ScopeCatalogRead)
	// JSON whitespace pads the body without giving the checker more text.
	padded := func(n int) []byte {
		doc, err := json.Marshal(httpx.TenderJSONInput{Text: tenderText})
		if err != nil {
			t.Fatal(err)
		}
		return append(append(doc[:len(doc)-1:len(doc)-1], bytes.Repeat([]byte(" "), n)...), '}')
	}
	post := func(body []byte, idemKey string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodPost, "/api/v1/tender/check", io.MultiReader(bytes.NewReader(body)))
		r.ContentLength = -1 // chunked: only reading finds the size
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Authorization", "Bearer "+buyer.bearer)
		if idemKey != "" {
			r.Header.Set(idempotencyHeader, idemKey)
		}
		w := httptest.NewRecorder()
		env.srv.Handler().ServeHTTP(w, r)
		return w
	}
	for _, key := range []string{"", "tender-limit-1"} {
		if w := post(padded(2<<20), key); w.Code != http.StatusOK {
			t.Errorf("2 MiB body (key %q): %d %.300s", key, w.Code, w.Body.String())
		}
		w := post(padded(10<<20), key)
		e := assertAPIError(t, w, http.StatusRequestEntityTooLarge, firstset.ETOOLARGE)
		if !strings.Contains(e.Message, "10 MiB") {
			t.Errorf("over-limit body (key %q) names the wrong limit: %q", key, e.Message)
		}
	}
}
