package extract

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"firstset/tender/extract/docxtest"
	"firstset/tender/hostile"
)

// fuzzLimits are small, so that the fuzzer reaches every limit quickly.
var fuzzLimits = Limits{TextBytes: 4 << 10, Lines: 64, LineRunes: 256, InflatedBytes: 256 << 10, Elements: 2000, Depth: 24}

// checkExtraction is what every extractor promises, whatever its input: no
// panic; either lines within the limits or an error of a known kind with a
// message for people.
func checkExtraction(t *testing.T, lines []string, err error) {
	t.Helper()
	if err != nil {
		if !errors.Is(err, ErrUnsupported) && !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrTooLarge) {
			t.Fatalf("error of no known kind: %v", err)
		}
		if Message(err) == "" {
			t.Fatal("empty message")
		}
		if Code(err) == "" {
			t.Fatalf("error without a code: %v", err)
		}
		return
	}
	if len(lines) > fuzzLimits.Lines {
		t.Fatalf("%d lines, limit %d", len(lines), fuzzLimits.Lines)
	}
	var size int64
	for i, l := range lines {
		if n := utf8.RuneCountInString(l); n > fuzzLimits.LineRunes {
			t.Fatalf("line %d has %d runes, limit %d", i+1, n, fuzzLimits.LineRunes)
		}
		size += int64(len(l)) + 1
	}
	if size > fuzzLimits.TextBytes {
		t.Fatalf("%d bytes of text, limit %d", size, fuzzLimits.TextBytes)
	}
}

// corpusSeeds are clauses of the checker's labelled corpus.
func corpusSeeds(f *testing.F, n int) []string {
	file, err := os.Open(filepath.Join("..", "testdata", "corpus", "tuned.tsv"))
	if err != nil {
		f.Fatal(err)
	}
	defer file.Close()
	var out []string
	sc := bufio.NewScanner(file)
	for sc.Scan() && len(out) < n {
		if _, text, ok := strings.Cut(sc.Text(), "\t"); ok {
			out = append(out, text)
		}
	}
	return out
}

// FuzzExtractDocx reads fuzzed word/document.xml bodies packed into a .docx
// (asXML), or fuzzed bytes as the .docx itself.
func FuzzExtractDocx(f *testing.F) {
	for _, body := range []string{
		para(`<w:t>第一章 招标公告</w:t>`) + para() +
			`<w:tbl><w:tr><w:tc>` + para(`<w:t>投标保证金</w:t>`) + `</w:tc><w:tc>` + para(`<w:t>人民币</w:t>`, `<w:tab/>`, `<w:t>20万元</w:t>`) + `</w:tc></w:tr></w:tbl>`,
		para(`<w:t>正文</w:t><w:pict><w:txbxContent>` + para(`<w:t>文本框</w:t>`) + `</w:txbxContent></w:pict><w:t>续</w:t>`),
		strings.Repeat(hostile.EmptyParagraph, 100),
		strings.Repeat(hostile.UnclosedParagraph, 100),
		"<w:p><w:t>未闭合",
		`<w:p><w:pPr ` + strings.Repeat(`w:val="1" `, 300) + `/></w:p>`,
		strings.Repeat(`<w:p xmlns:x="urn:x" xmlns="`+wordNS+`"><t>甲</t></w:p>`, 10),
	} {
		f.Add([]byte(`<w:document xmlns:w="`+wordNS+`"><w:body>`+body+`</w:body></w:document>`), true)
	}
	f.Add([]byte(`<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "甲">]><w:document xmlns:w="`+wordNS+`"><w:body><w:p><w:t>&a;</w:t></w:p></w:body></w:document>`), true)
	f.Add([]byte(`<w:document`+xmlns(300)+`/>`), true)
	for _, c := range corpusSeeds(f, 20) {
		f.Add(docxtest.Paragraphs(f, c), false)
	}
	bomb, err := hostile.ParagraphBomb(hostile.EmptyParagraph, 1<<20)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(bomb, false)
	f.Fuzz(func(t *testing.T, data []byte, asXML bool) {
		if asXML {
			data = rawDocx(t, string(data))
		}
		lines, err := fuzzLimits.Docx(data)
		checkExtraction(t, lines, err)
	})
}

func FuzzExtractHTML(f *testing.F) {
	f.Add([]byte(`<!DOCTYPE html><html><head><title>标题</title><style>p{}</style></head><body><h1>第二章 投标人须知</h1>
<p>投标人应具有<b>独立法人</b>资格；<br>不接受联合体投标。</p><table><tr><td>投标保证金</td><td>人民币20万元</td></tr></table>
<pre>第一行
第二行</pre><script>var x;</script></body></html>`))
	f.Add([]byte(`<meta charset="gbk"><p>` + "\xb9\xab\xb8\xe6" + `</p>`))
	f.Add([]byte(strings.Repeat("<div>", 1000)))
	f.Add([]byte(`<html><head><title>x</head><body><p>投标人须提供近三年类似业绩。</p>`))
	f.Add([]byte(`<html><head><style>p{}</head><body><p>投标人</p><svg><text>图</text><p>正文`))
	f.Add([]byte(`<!DOCTYPE html [<!ENTITY a "甲">]><p>&a;` + "\x00</p>"))
	f.Add([]byte(`<p>` + strings.Repeat("p{}", 400) + "\xb9\xab\xb8\xe6</p>"))
	for _, c := range corpusSeeds(f, 20) {
		f.Add([]byte("<p>" + c + "</p>"))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines, err := fuzzLimits.HTMLText(data)
		checkExtraction(t, lines, err)
	})
}

func FuzzExtractText(f *testing.F) {
	f.Add([]byte("第一行\r\n\r\n第三行：投标人须提供业绩\n"))
	f.Add([]byte{0xFF, 0xFE, 0x2C, 0x7B, 0x00, 0x4E})
	f.Add([]byte{0xB5, 0xDA, 0xD2, 0xBB, '\r'})
	f.Add(hostile.BlankLines(200))
	f.Add(hostile.SentenceRun(2000))
	f.Add([]byte(strings.Repeat("投标人须提供业绩。\n", 100) + "\x00\x01"))
	for _, c := range corpusSeeds(f, 20) {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines, err := fuzzLimits.Text(data)
		checkExtraction(t, lines, err)
	})
}
