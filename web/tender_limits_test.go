package web

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"firstset"
	"firstset/tender/extract/docxtest"
	"firstset/tender/hostile"
	"firstset/web/httpx"
	"firstset/web/ui"
)

// TestTenderHostileUploads: uploads that once took the server minutes and
// gigabytes are answered quickly and small, or refused with the limit they
// went past (413 for size, 422 for structure), on the API and the page.
// The documents are smaller than the ones measured in docs/BENCHMARKS.md
// but have their shape, and go past the same limits.
func TestTenderHostileUploads(t *testing.T) {
	env := newTestEnv(t)
	api := env.token("buyer", firstset.ScopeCatalogRead)
	page := env.login("buyer")
	bomb := func(build func() ([]byte, error)) []byte {
		data, err := build()
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	sentences := hostile.SentenceLines(2 << 20)
	cases := []struct {
		name   string
		file   string
		data   []byte
		status int
		code   string // the limit's code in the error's details
		says   string
	}{
		{"one sentence on every line", "a.txt", sentences, 200, "", ""},
		{"one sentence, one line", "a.txt", hostile.SentenceRun(1 << 20), 413, "line_too_long", "第 1 行过长"},
		{"blank lines", "a.txt", hostile.BlankLines(1 << 20), 413, "too_many_lines", "不得超过 500000 行"},
		{"empty paragraphs", "a.docx", bomb(func() ([]byte, error) { return hostile.ParagraphBomb(hostile.EmptyParagraph, 4<<20) }),
			413, "too_many_lines", "不得超过 500000 段"},
		{"unclosed paragraphs", "a.docx", bomb(func() ([]byte, error) { return hostile.ParagraphBomb(hostile.UnclosedParagraph, 1<<20) }),
			422, "nested_too_deep", "嵌套超过 256 层"},
		{"more text than an upload", "a.docx", bomb(func() ([]byte, error) {
			return hostile.ParagraphBomb("<w:p><w:r><w:t>"+strings.Repeat("投标文件", 250)+"</w:t></w:r></w:p>", 12<<20)
		}), 413, "text_too_large", "不得超过 10 MiB"},
		{"one giant text run", "a.docx", bomb(func() ([]byte, error) { return hostile.TextBomb(12 << 20) }),
			422, "token_too_large", "超过 1 MiB"},
		{"one giant comment", "a.docx", bomb(func() ([]byte, error) { return hostile.CommentBomb(12 << 20) }),
			422, "token_too_large", "超过 1 MiB"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := api.postMultipart("/api/v1/tender/check", map[string]string{}, c.file, c.data)
			if w.Code != c.status {
				t.Fatalf("API: %d %.300s", w.Code, w.Body.String())
			}
			if w.Body.Len() > 64<<10 {
				t.Errorf("API answered %d bytes", w.Body.Len())
			}
			if c.status != 200 {
				e := assertAPIError(t, w, c.status, map[int]string{413: firstset.ETOOLARGE, 422: firstset.EINVALID}[c.status])
				if e.Field != "file" || len(e.Details) != 1 || e.Details[0].Code != c.code || !strings.Contains(e.Message, c.says) {
					t.Errorf("API error %+v, want %s saying %q", e, c.code, c.says)
				}
			}
			p := page.postMultipart("/tender", map[string]string{}, c.file, c.data)
			if p.Code != c.status || p.Body.Len() > 256<<10 {
				t.Errorf("page: %d, %d bytes", p.Code, p.Body.Len())
			}
			if c.status != 200 && !strings.Contains(p.Body.String(), c.says) {
				t.Errorf("page does not say %q", c.says)
			}
		})
	}

	// The repeated sentence is one finding with its count.
	w := api.postMultipart("/api/v1/tender/check", map[string]string{}, "a.txt", sentences)
	var rep struct {
		tenderReport
		Occurrences, Omitted int
	}
	decode(t, w, &rep)
	lines := bytes.Count(sentences, []byte("\n"))
	if len(rep.Findings) != 1 || rep.Occurrences != lines || rep.Omitted != 0 {
		t.Errorf("%d findings, %d occurrences of %d lines", len(rep.Findings), rep.Occurrences, lines)
	}
	body := page.postMultipart("/tender", map[string]string{}, "a.txt", sentences).Body.String()
	for _, want := range []string{fmt.Sprintf("发现 <strong>%d</strong> 处问题，相同的问题合并列出，共列出 1 条", lines),
		fmt.Sprintf("（共 %d 处，另见", lines), "只列出标出问题的行", `<li id="line-5" value="5" class="flagged">`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Count(body, "<mark ") != 5 {
		t.Errorf("%d marks, want the first five places", strings.Count(body, "<mark "))
	}
}

// TestTenderReportSaysWhatWasLeftOut: past the cap on findings, the API,
// the page and the workbook all say how many were left out.
func TestTenderReportSaysWhatWasLeftOut(t *testing.T) {
	env := newTestEnv(t)
	var doc strings.Builder
	for i := range 320 {
		fmt.Fprintf(&doc, "投标人须提供近%d年类似业绩。\n", i+1)
	}
	w := env.token("buyer", firstset.ScopeCatalogRead).sendJSON(http.MethodPost, "/api/v1/tender/check",
		httpx.TenderJSONInput{Text: doc.String()}, nil)
	var rep struct {
		Findings      []struct{ Line int }
		Omitted       int
		OmittedByRule map[string]int `json:"omitted_by_rule"`
		MaxFindings   int            `json:"max_findings"`
	}
	decode(t, w, &rep)
	if w.Code != 200 || len(rep.Findings) != 300 || rep.Omitted != 20 || rep.OmittedByRule["PAST_PERFORMANCE"] != 20 || rep.MaxFindings != 300 {
		t.Fatalf("%d: %d findings, omitted %d %v, max %d", w.Code, len(rep.Findings), rep.Omitted, rep.OmittedByRule, rep.MaxFindings)
	}
	buyer := env.login("buyer")
	page := buyer.postMultipart("/tender", map[string]string{"text": doc.String()}, "", nil).Body.String()
	if !strings.Contains(page, "另有 <strong>20</strong> 处问题未列出") || !strings.Contains(page, "<td>320</td>") {
		t.Errorf("page does not say what was left out")
	}
	m := regexp.MustCompile(`name="packed" value="([^"]*)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no export form")
	}
	x := buyer.postMultipart("/tender/export.xlsx", map[string]string{"packed": html.UnescapeString(m[1])}, "", nil)
	f, err := excelize.OpenReader(bytes.NewReader(x.Body.Bytes()))
	if err != nil {
		t.Fatalf("export: %d %v", x.Code, err)
	}
	defer f.Close()
	rows, err := f.GetRows(ui.TenderExportSheet)
	if err != nil {
		t.Fatal(err)
	}
	if last := rows[len(rows)-1]; len(rows) != 303 || !strings.Contains(last[0], "另有 20 处问题未列出") {
		t.Errorf("%d rows, last %q", len(rows), last)
	}
}

// TestTenderMessagesAreChinese: what the page and the API say about a file
// they cannot read is Chinese, with no English tail.
func TestTenderMessagesAreChinese(t *testing.T) {
	env := newTestEnv(t)
	api := env.token("buyer", firstset.ScopeCatalogRead)
	english := regexp.MustCompile(`[A-Za-z]{3,}`)
	fileWords := strings.NewReplacer("word/document.xml", "", ".docx", "", ".doc", "", ".html", "", ".txt", "", ".xlsx", "", ".pdf", "", "PDF", "", "Word", "", "XML", "", "UTF", "")
	for name, data := range map[string][]byte{
		"a.pdf": []byte("%PDF-1.7"), "a.doc": []byte("\xd0\xcf\x11\xe0"), "a.xlsx": []byte("PK\x03\x04"),
		"a.txt": {0xFF, 0xFE, 'a'}, "b.docx": docxtest.FromXML(t, "<w:p>未闭合"),
	} {
		w := api.postMultipart("/api/v1/tender/check", map[string]string{}, name, data)
		var e httpx.APIError
		decode(t, w, &e)
		if w.Code < 400 || english.MatchString(fileWords.Replace(e.Error.Message)) {
			t.Errorf("%s: %d %q", name, w.Code, e.Error.Message)
		}
	}
}
