package extract

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"firstset/tender/extract/docxtest"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// wantRefused fails unless err is refused with code, of kind (ErrUnsupported,
// ErrMalformed or ErrTooLarge), with a message naming mention.
func wantRefused(t *testing.T, what string, err error, code string, kind error, mention string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: read, want %s", what, code)
		return
	}
	if Code(err) != code || !errors.Is(err, kind) || !strings.Contains(Message(err), mention) {
		t.Errorf("%s: got %v (code %q), want %s (%v) mentioning %q", what, err, Code(err), code, kind, mention)
	}
}

// xmlns declares n namespace prefixes.
func xmlns(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, ` xmlns:n%d="urn:n%d"`, i, i)
	}
	return b.String()
}

// TestDocxAttributesBounded: an element with more attributes than Word
// ever writes is refused with its own code, by the token guard before
// encoding/xml has built them; one at the limit is read.
func TestDocxAttributesBounded(t *testing.T) {
	lim := Limits{Attributes: 40}
	at := `<w:document xmlns:w="` + wordNS + `"` + xmlns(39) + `><w:body><w:p><w:t>正文</w:t></w:p></w:body></w:document>`
	if got, err := lim.Docx(rawDocx(t, at)); err != nil || !reflect.DeepEqual(got, []string{"正文"}) {
		t.Errorf("at the limit: %q %v", got, err)
	}
	for name, xml := range map[string]string{
		"declarations": `<w:document xmlns:w="` + wordNS + `"` + xmlns(40) + `><w:body/></w:document>`,
		"attributes": `<w:document xmlns:w="` + wordNS + `"><w:body><w:p><w:pPr ` +
			strings.Repeat(`w:val="1" `, 41) + `/></w:p></w:body></w:document>`,
	} {
		_, err := lim.Docx(rawDocx(t, xml))
		wantRefused(t, name, err, LimitAttributes, ErrMalformed, "超过 40 个属性")
	}
	if _, err := Docx(docxtest.FromXML(t, `<w:p`+xmlns(257)+`/>`)); Code(err) != LimitAttributes {
		t.Errorf("default limit: %v", err)
	}
	g := &tokenGuard{r: strings.NewReader(`<a` + xmlns(5) + `>` + strings.Repeat("x", 100)), max: 1 << 10, maxAttrs: 4}
	buf := make([]byte, 1<<10)
	if n, err := g.Read(buf); n != 0 || Code(err) != LimitAttributes {
		t.Errorf("guard passed %d bytes: %v", n, err)
	}
}

// TestDocxManyDeclarationsCostTheirBytes: namespace declarations in scope
// do not make each later one dearer (they were all looked at again for
// every element that declared one, and at its end).
func TestDocxManyDeclarationsCostTheirBytes(t *testing.T) {
	const depth, decls, leaves = 200, 200, 20_000
	var b strings.Builder
	b.WriteString(`<w:document xmlns:w="` + wordNS + `"><w:body><w:p><w:t>甲</w:t></w:p>`)
	for range depth {
		b.WriteString(`<x` + xmlns(decls) + `>`)
	}
	for range leaves {
		b.WriteString(`<y xmlns:w="urn:other"/>`)
	}
	for range depth {
		b.WriteString(`</x>`)
	}
	b.WriteString(`<w:p><w:t>乙</w:t></w:p></w:body></w:document>`)
	start := time.Now()
	got, err := Docx(rawDocx(t, b.String()))
	if err != nil || !reflect.DeepEqual(got, []string{"甲", "乙"}) {
		t.Fatalf("%q %v", got, err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}

// TestDTDRefused: Word's XML never has a document type declaration; one
// in word/document.xml is refused before it is read, entities or not.
// HTML's <!DOCTYPE html> is normal.
func TestDTDRefused(t *testing.T) {
	root := `<w:document xmlns:w="` + wordNS + `"><w:body><w:p><w:t>正文</w:t></w:p></w:body></w:document>`
	for name, doctype := range map[string]string{
		"plain":    `<!DOCTYPE w:document>`,
		"entities": `<!DOCTYPE w:document [<!ENTITY a "甲甲甲甲"><!ENTITY b "&a;&a;&a;&a;">]>`,
		"huge":     `<!DOCTYPE w:document [` + strings.Repeat(`<!-- > -->`, 300_000) + `]>`,
		"entity":   `<!ENTITY a "甲">`,
	} {
		_, err := Docx(rawDocx(t, `<?xml version="1.0"?>`+doctype+root))
		wantRefused(t, name, err, CodeDTD, ErrMalformed, "文档类型声明")
	}
	for _, page := range []string{
		"<!DOCTYPE html><p>正文</p>",
		`<!doctype html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><p>正文</p>`,
	} {
		if got, err := HTMLText([]byte(page)); err != nil || !reflect.DeepEqual(got, []string{"正文"}) {
			t.Errorf("%s: %q %v", page, got, err)
		}
	}
}

// countdown is a context that ends after its Err has been asked left times.
type countdown struct {
	context.Context
	left int
}

func (c *countdown) Err() error {
	if c.left--; c.left < 0 {
		return context.Canceled
	}
	return nil
}

// TestContextStopsReading: a context that ends while a document is read
// stops the reading, whatever its format, with the context's error.
func TestContextStopsReading(t *testing.T) {
	docs := map[string][]byte{
		"a.txt":  []byte(strings.Repeat("投标人须提供业绩。\n", 50_000)),
		"a.html": []byte(strings.Repeat("<p>投标人须提供业绩。</p>", 50_000)),
		"a.docx": docxtest.FromXML(t, strings.Repeat(para(`<w:t>投标人须提供业绩。</w:t>`), 50_000)),
	}
	for name, data := range docs {
		if _, err := BytesContext(&countdown{Context: context.Background(), left: 1 << 30}, name, data); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, left := range []int{0, 2} {
			ctx := &countdown{Context: context.Background(), left: left}
			_, err := BytesContext(ctx, name, data)
			if !errors.Is(err, context.Canceled) || Code(err) != CodeCanceled || !strings.Contains(Message(err), "已中止") {
				t.Errorf("%s, ended after %d looks: %v", name, left, err)
			}
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := FileContext(ctx, filepath.Join("..", "testdata", "corpus", "tuned.tsv")); !errors.Is(err, context.Canceled) {
		t.Errorf("FileContext: %v", err)
	}
}

// TestBinaryAnywhereRefused: a text or HTML file with binary bytes is
// refused wherever they are, past what a content sniff looks at too; text
// in no encoding the checker reads is refused, not decoded to garbage.
func TestBinaryAnywhereRefused(t *testing.T) {
	prose := strings.Repeat("投标人须提供近三年类似业绩。\n", 100) // well past 512 bytes
	utf16le := func(s string) []byte {
		out := []byte{0xFF, 0xFE}
		for _, r := range s {
			out = append(out, byte(r), byte(r>>8))
		}
		return out
	}
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(prose))
	for name, c := range map[string]struct {
		file string
		data []byte
	}{
		"nul at the end":         {"a.txt", []byte(prose + "\x00")},
		"controls at the end":    {"a.txt", []byte(prose + "\x01\x02\x03\x04")},
		"gbk with a binary tail": {"a.txt", append(gbk, 0x89, 'P', 'N', 'G', 0x1A, 0x0A)},
		"utf-16 with a nul":      {"a.txt", utf16le(prose + "\x00")},
		"html nul past a sniff":  {"a.html", []byte("<p>" + prose + "\x00</p>")},
		"html control":           {"a.html", []byte("<p>" + prose + "</p>\x1F")},
	} {
		_, err := Bytes(c.file, c.data)
		wantRefused(t, name, err, CodeBinary, ErrUnsupported, "二进制")
	}
	_, err := Text([]byte(prose + "\xff\xfe\x80 乱码"))
	wantRefused(t, "neither utf-8 nor gb18030", err, CodeEncoding, ErrUnsupported, "GB18030")
	// What text files do hold is read: tabs, form feeds, ESC, VT.
	if got, err := Text([]byte("甲\t乙\f丙\x1b[0m\v丁")); err != nil || len(got) != 1 {
		t.Errorf("control characters of text: %q %v", got, err)
	}
}

// TestHTMLEncodings: an HTML file that declares no charset is UTF-8 when
// its bytes are (even when its first 1024 bytes are ASCII), GB18030
// otherwise; a declared charset is followed.
func TestHTMLEncodings(t *testing.T) {
	const clause = "投标人须提供近三年类似业绩。"
	style := "<style>" + strings.Repeat("p { margin: 0; }\n", 100) + "</style>"
	gb := func(s string) string {
		out, err := simplifiedchinese.GB18030.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for name, page := range map[string]string{
		"utf-8 after ascii head":   "<html><head>" + style + "</head><body><p>" + clause + "</p></body></html>",
		"utf-8 at once":            "<p>" + clause + "</p>",
		"undeclared gbk":           "<p>" + gb(clause) + "</p>",
		"undeclared gbk after css": "<html><head>" + style + "</head><body><p>" + gb(clause) + "</p>",
		"declared gbk":             `<meta charset="gbk">` + style + "<p>" + gb(clause) + "</p>",
		"declared gb2312":          `<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>` + gb(clause) + "</p>",
		"declared gb18030":         `<meta charset="GB18030"><p>` + gb(clause) + "</p>",
		"declared utf-8":           `<meta charset="utf-8">` + style + "<p>" + clause + "</p>",
		"utf-8 bom":                "\xEF\xBB\xBF<p>" + clause + "</p>",
	} {
		if got, err := HTMLText([]byte(page)); err != nil || !reflect.DeepEqual(got, []string{clause}) {
			t.Errorf("%s: %q %v", name, got, err)
		}
	}
	if got, err := HTMLText([]byte(`<meta charset="iso-8859-1"><p>caf` + "\xe9" + `</p>`)); err != nil || !reflect.DeepEqual(got, []string{"café"}) {
		t.Errorf("declared latin-1: %q %v", got, err)
	}
	_, err := HTMLText([]byte("<p>caf\xe9 au lait</p>"))
	wantRefused(t, "undeclared latin-1", err, CodeEncoding, ErrUnsupported, "未声明字符编码")
}

// TestHTMLUnclosedElements: an element never closed does not hide the
// text after it.
func TestHTMLUnclosedElements(t *testing.T) {
	const clause = "投标人须提供近三年类似业绩。"
	for _, page := range []string{
		`<html><head><title>x</head><body><p>` + clause + `</p>`,
		`<html><head><title>标题</title><body><p>` + clause + `</p>`,
		`<html><head><style>p{color:red}</head><body><p>` + clause + `</p>`,
		`<html><head><script>var a = 1;</head><body><p>` + clause + `</p>`,
		`<html><head><noscript>请开启脚本</head><body><p>` + clause + `</p>`,
		`<html><head><TITLE>x</Head><BODY><P>` + clause,
		`<head><style>p{}</style><p>` + clause + `</p><style>q{}`,
		// A closed one is still skipped, an unclosed one of another name too.
		`<head><script>var s = "</p>";</script><title>x</head><p>` + clause + `</p>`,
	} {
		if got, err := HTMLText([]byte(page)); err != nil || !reflect.DeepEqual(got, []string{clause}) {
			t.Errorf("%s:\n %q %v", page, got, err)
		}
	}
	// An unclosed element that is not raw text, left open over text, is
	// refused rather than read as empty.
	for _, page := range []string{
		`<p>前文</p><svg><text>图</text><p>` + clause + `</p>`,
		`<template><p>` + clause + `</p>`,
	} {
		_, err := HTMLText([]byte(page))
		wantRefused(t, page, err, CodeMalformedHTML, ErrMalformed, "没有结束标记")
	}
	if got, err := HTMLText([]byte(`<p>` + clause + `</p><svg><rect/>`)); err != nil || !reflect.DeepEqual(got, []string{clause}) {
		t.Errorf("unclosed svg holding no text: %q %v", got, err)
	}
}

// TestEveryErrorHasACode: each refusal has its stable code, and keeps the
// kind (errors.Is) callers test for.
func TestEveryErrorHasACode(t *testing.T) {
	cases := []struct {
		file string
		data []byte
		code string
		kind error
	}{
		{"a.xlsx", nil, CodeUnsupportedType, ErrUnsupported},
		{"a.pdf", []byte("not a pdf"), CodeMalformedPDF, ErrMalformed},
		{"a.doc", nil, CodeLegacyDoc, ErrUnsupported},
		{"a.WPS", nil, CodeLegacyDoc, ErrUnsupported},
		{"noext", nil, CodeNoExtension, ErrUnsupported},
		{"a.docx", []byte("not a zip"), CodeNotDocx, ErrUnsupported},
		{"a.docx", docxtest.FromXML(t, "<w:p>"), CodeMalformedDocx, ErrMalformed},
		{"a.docx", rawDocx(t, "<a>"), CodeMalformedDocx, ErrMalformed},
		{"a.docx", rawDocx(t, "<a></b>"), CodeMalformedDocx, ErrMalformed},
		{"a.docx", rawDocx(t, "<!DOCTYPE a><a/>"), CodeDTD, ErrMalformed},
		{"a.txt", []byte{'a', 0}, CodeBinary, ErrUnsupported},
		{"a.txt", []byte{0xFF, 0xFE, 'a'}, CodeEncoding, ErrUnsupported},
		{"a.txt", []byte{0x81}, CodeEncoding, ErrUnsupported},
		{"a.html", []byte("<svg>字"), CodeMalformedHTML, ErrMalformed},
		{"a.txt", []byte(strings.Repeat("\n", DefaultLimits.Lines+1)), LimitLines, ErrTooLarge},
	}
	for _, c := range cases {
		_, err := Bytes(c.file, c.data)
		if Code(err) != c.code || !errors.Is(err, c.kind) {
			t.Errorf("%s %.20q: got %v (code %q), want %s", c.file, c.data, err, Code(err), c.code)
		}
		var re *ReadError
		if errors.As(err, &re) && strings.HasPrefix(Message(err), c.kind.Error()) {
			t.Errorf("%s: message keeps the sentinel: %q", c.file, Message(err))
		}
	}
	if Code(nil) != "" || Code(errors.New("x")) != "" {
		t.Error("Code of nil or a foreign error")
	}
	dir := t.TempDir()
	if _, err := File(filepath.Join(dir, "missing.txt")); Code(err) != CodeReadFailed || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
	if _, err := File(dir); Code(err) != CodeNotAFile {
		t.Errorf("directory: %v", err)
	}
}
