package tendercli

import (
	"bytes"
	"encoding/json"
	"errors"
	"firstset/tender/extract/docxtest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"firstset/date"
)

func init() { Today = func() date.Date { return date.MustParse("2025-05-20") } }

func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

type jsonReport struct {
	Findings []struct {
		Rule       string `json:"rule"`
		Severity   string `json:"severity"`
		Line       int    `json:"line"`
		Start      int    `json:"start"`
		End        int    `json:"end"`
		Quote      string `json:"quote"`
		Basis      []struct{ ID, Cite string }
		Suggestion string `json:"suggestion"`
		FirstSet   string `json:"first_set"`
	} `json:"findings"`
	Clauses            int    `json:"clauses"`
	EstimatedPriceYuan string `json:"estimated_price_yuan"`
	FirstSet           *struct {
		ValidUntil       string   `json:"valid_until"`
		Valid            bool     `json:"valid"`
		DeemedMet        []string `json:"deemed_met"`
		NoQualityDeposit bool     `json:"no_quality_deposit"`
	} `json:"first_set"`
}

func TestCheckDocxJSONUsesParagraphNumbers(t *testing.T) {
	path := writeFile(t, "招标文件.docx", docxtest.Paragraphs(t,
		"第一章 招标公告",
		"本项目预算金额为200万元。",
		"",
		"|投标保证金",
		"|人民币8万元",
		"投标人须具有近三年类似业绩，每个得2分。",
	))
	code, out, errs := run(t, "", "check", "--json", path)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	var rep jsonReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if rep.EstimatedPriceYuan != "2000000.00" {
		t.Errorf("estimated price %q", rep.EstimatedPriceYuan)
	}
	got := map[string]int{}
	for _, f := range rep.Findings {
		got[f.Rule] = f.Line
		if len(f.Basis) == 0 || f.Suggestion == "" || f.Quote == "" {
			t.Errorf("finding %+v lacks basis, suggestion or quote", f)
		}
	}
	// The deposit's value sits in the next table cell: paragraph 4 names it.
	want := map[string]int{"EXCESSIVE_DEPOSIT": 4, "PAST_PERFORMANCE": 6}
	if len(got) != len(want) || got["EXCESSIVE_DEPOSIT"] != 4 || got["PAST_PERFORMANCE"] != 6 {
		t.Errorf("findings by paragraph %v, want %v", got, want)
	}
	if rep.Clauses != 5 {
		t.Errorf("clauses %d, want 5", rep.Clauses)
	}
}

func TestCheckHTMLReadableReport(t *testing.T) {
	page := `<html><head><style>.x{}</style></head><body><h2>评标办法</h2>
<p>本项目采用经评审的最低投标价法。</p><script>var s="市场占有率须达到10%";</script>
<p>所投设备须为原装进口产品。</p></body></html>`
	code, out, _ := run(t, "", "check", writeFile(t, "a.html", []byte(page)))
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"发现 2 处问题", "第2行", "第3行", "EVALUATION_METHOD", "BRAND", "依据：", "建议："} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "MARKET_SHARE") {
		t.Errorf("script text was checked:\n%s", out)
	}
}

func TestProductFileDeemsRequirementsMet(t *testing.T) {
	product := writeFile(t, "p.json", []byte(`{"name":"盾构机","model":"CQ-9","enterprise":"某装备公司",
		"certificate":"CQSTT-2024-001","recognized_on":"2024-06-01","insured":true}`))
	doc := "投标人须提供产品市场占有率证明。\n中标人须按合同价的5%缴纳质量保证金。\n"
	code, out, errs := run(t, doc, "check", "--product-file", product, "--json", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep jsonReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.FirstSet == nil || !rep.FirstSet.Valid || !rep.FirstSet.NoQualityDeposit ||
		strings.Join(rep.FirstSet.DeemedMet, ",") != "MARKET_SHARE,PAST_PERFORMANCE" {
		t.Fatalf("first_set %+v", rep.FirstSet)
	}
	// Recognised 2024-06-01 with no stored end: three years less a day.
	if rep.FirstSet.ValidUntil != "2027-05-31" {
		t.Errorf("valid_until %q, want 2027-05-31", rep.FirstSet.ValidUntil)
	}
	for _, f := range rep.Findings {
		if f.FirstSet == "" {
			t.Errorf("%s finding carries no first-set note", f.Rule)
		}
		if f.Rule == "QUALITY_DEPOSIT" && f.Severity != "high" {
			t.Errorf("quality deposit on an insured product is %s, want high", f.Severity)
		}
	}

	// The same product after its validity: nothing is deemed met.
	Today = func() date.Date { return date.MustParse("2027-06-01") }
	defer func() { Today = func() date.Date { return date.MustParse("2025-05-20") } }()
	_, out, _ = run(t, doc, "check", "--json", "--product-file", product, "-")
	rep = jsonReport{}
	json.Unmarshal([]byte(out), &rep)
	if rep.FirstSet == nil || rep.FirstSet.Valid || len(rep.FirstSet.DeemedMet) != 0 {
		t.Errorf("expired product: first_set %+v", rep.FirstSet)
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	pdf := filepath.Join(dir, "a.pdf")
	os.WriteFile(pdf, []byte("%PDF-1.7"), 0o600)
	badProduct := filepath.Join(dir, "p.json")
	os.WriteFile(badProduct, []byte(`{"name":"x","recognized_on":"2024-06-01","insurd":true}`), 0o600)
	clean := filepath.Join(dir, "ok.txt")
	os.WriteFile(clean, []byte("投标文件应以中文编写。\n"), 0o600)
	cases := []struct {
		args    []string
		code    int
		message string
	}{
		{[]string{"check", pdf}, 2, "PDF"},
		{[]string{"check", filepath.Join(dir, "missing.docx")}, 2, "missing.docx"},
		{[]string{"check", writeFile(t, "bad.docx", []byte("not a zip"))}, 2, "docx"},
		{[]string{"check"}, 2, "FILE"},
		{[]string{"check", clean, clean}, 2, "FILE"},
		{[]string{"check", "--bogus", clean}, 2, "bogus"},
		{[]string{"verify", clean}, 2, "unknown command"},
		{[]string{}, 2, "用法"},
		{[]string{"check", "--product-file", badProduct, clean}, 2, "insurd"},
		{[]string{"check", clean, "--json"}, 0, ""},
	}
	for _, c := range cases {
		code, out, errs := run(t, "", c.args...)
		if code != c.code || !strings.Contains(errs, c.message) {
			t.Errorf("%v: exit %d stderr %q, want exit %d mentioning %q", c.args, code, errs, c.code, c.message)
		}
		if code != 0 && out != "" {
			t.Errorf("%v: failed run wrote to stdout: %q", c.args, out)
		}
	}
	code, out, _ := run(t, "", "check", clean)
	if code != 0 || !strings.Contains(out, "未发现") {
		t.Errorf("clean document: exit %d\n%s", code, out)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// A report that cannot be written is a failure (1), not a usage error.
func TestUnwritableJSONReportFails(t *testing.T) {
	var errb bytes.Buffer
	code := Run([]string{"check", "--json", "-"}, strings.NewReader("投标人须提供产品市场占有率证明。\n"), failingWriter{}, &errb)
	if code != ExitFailure || !strings.Contains(errb.String(), "disk full") {
		t.Errorf("exit %d, want %d: %s", code, ExitFailure, errb.String())
	}
}

// TestHostileFileIsRefusedOrGrouped: the command line reads with the same
// limits as the server: a repeated clause is one finding with its count,
// a file past a limit exits 2 naming it, in Chinese.
func TestHostileFileIsRefusedOrGrouped(t *testing.T) {
	doc := strings.Repeat("投标人须提供近三年类似业绩。\n", 5000)
	code, out, errs := run(t, doc, "check", "-")
	if code != 0 || !strings.Contains(out, "发现 5000 处问题，相同的问题合并列出，共列出 1 条") ||
		!strings.Contains(out, "共 5000 处：另见第2行、第3行、第4行、第5行等") {
		t.Errorf("exit %d %s\n%s", code, errs, out)
	}
	code, out, _ = run(t, doc, "check", "--json", "-")
	var rep struct {
		Findings    []struct{ Count int }
		Occurrences int
	}
	if json.Unmarshal([]byte(out), &rep); code != 0 || len(rep.Findings) != 1 || rep.Findings[0].Count != 5000 || rep.Occurrences != 5000 {
		t.Errorf("--json: exit %d %+v", code, rep)
	}
	blank := writeFile(t, "blank.txt", []byte(strings.Repeat("\n", 600_000)))
	code, _, errs = run(t, "", "check", blank)
	if code != ExitUsage || !strings.Contains(errs, "不得超过 500000 行") || strings.Contains(errs, "unsupported") {
		t.Errorf("blank lines: exit %d %q", code, errs)
	}
}
