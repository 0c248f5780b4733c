package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"firstset"
	"firstset/tender/extract/docxtest"
	"firstset/web/httpx"
)

// TestTenderFormFieldsAreStrict: a value the form never sends is refused
// beside its field instead of read as "no" or dropped, on the API and on
// the page, and a refused file is named as the field at fault.
func TestTenderFormFieldsAreStrict(t *testing.T) {
	env := newTestEnv(t)
	api := env.token("buyer", firstset.ScopeCatalogRead)
	page := env.login("buyer")

	cases := []struct {
		name   string
		fields map[string]string
		file   string
		data   []byte
		status int
		field  string
		says   string
	}{
		{"insured=maybe", map[string]string{"text": tenderText, "insured": "maybe"}, "", nil, 422, "insured", "只能填“是”"},
		{"pasted NUL", map[string]string{"text": "投标人须提供\x00业绩。"}, "", nil, 422, "text", "文本"},
		{"renamed pdf", map[string]string{}, "a.docx", []byte("GIF89a not a word file"), 415, "file", "不是 Word 文档"},
		{"binary txt", map[string]string{}, "a.txt", []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0}, 415, "file", "不是文本"},
	}
	for _, c := range cases {
		w := api.postMultipart("/api/v1/tender/check", c.fields, c.file, c.data)
		var e httpx.APIError
		decode(t, w, &e)
		if w.Code != c.status || e.Error.Field != c.field || !strings.Contains(e.Error.Message, c.says) {
			t.Errorf("API %s: %d field %q %q", c.name, w.Code, e.Error.Field, e.Error.Message)
		}
		fields := map[string]string{}
		for k, v := range c.fields {
			fields[k] = v
		}
		p := page.postMultipart("/tender", fields, c.file, c.data)
		if p.Code != c.status || !strings.Contains(p.Body.String(), c.says) {
			t.Errorf("page %s: %d", c.name, p.Code)
		}
	}

	// Two files, or two texts, in one request: which one was meant?
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, name := range []string{"a.txt", "b.txt"} {
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write([]byte(tenderText))
	}
	mw.Close()
	w := api.request(http.MethodPost, "/api/v1/tender/check", &body, http.Header{"Content-Type": {mw.FormDataContentType()}})
	var e httpx.APIError
	decode(t, w, &e)
	if w.Code != 422 || e.Error.Field != "file" || !strings.Contains(e.Error.Message, "只能上传一个文件") {
		t.Errorf("two files: %d %+v", w.Code, e.Error)
	}

	// The product search shows a bad product id beside its field.
	s := page.postMultipart("/tender", map[string]string{"text": tenderText, "product_id": "abc", "product_search": "1"}, "", nil)
	if s.Code != http.StatusOK || !strings.Contains(s.Body.String(), "装备编号无效") {
		t.Errorf("product search with a bad id: %d", s.Code)
	}

	// A .docx is numbered by paragraph in the export's headers too.
	doc := docxtest.FromXML(t, "<w:p><w:r><w:t>投标人须提供产品市场占有率证明。</w:t></w:r></w:p>")
	res := page.postMultipart("/tender", map[string]string{}, "a.docx", doc).Body.String()
	if !strings.Contains(res, `name="paragraphs" value="true"`) {
		t.Fatalf("export form does not say the lines are paragraphs")
	}

	// The extractor's stable code is the field's code; a vertical tab
	// (Word's manual line break) is text, a NUL past the sniffed bytes is not.
	for _, c := range []struct {
		file   string
		data   []byte
		status int
		code   string
	}{
		{"a.txt", []byte(strings.Repeat("说明。\n", 200) + "投标人须提供\x00业绩。"), 415, "binary_content"},
		{"a.docx", docxtest.FromXML(t, `<!DOCTYPE x [<!ENTITY a "aaaa">]><w:p><w:r><w:t>&a;</w:t></w:r></w:p>`), 422, "dtd_refused"},
		{"a.pdf", []byte("%PDF-1.7"), 422, "malformed_pdf"},
		{"a.txt", []byte("投标人须提供产品市场占有率证明。\v第二行。"), 200, ""},
	} {
		w := api.postMultipart("/api/v1/tender/check", map[string]string{}, c.file, c.data)
		if w.Code != c.status {
			t.Errorf("%s %q: %d %s", c.file, c.code, w.Code, w.Body.String())
			continue
		}
		if c.code == "" {
			continue
		}
		var e httpx.APIError
		decode(t, w, &e)
		if len(e.Error.Details) != 1 || e.Error.Details[0].Code != c.code || e.Error.Field != "file" {
			t.Errorf("%s: %+v", c.code, e.Error)
		}
	}
}
