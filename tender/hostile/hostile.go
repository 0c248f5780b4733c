// Package hostile builds the tender documents that once made the checker
// eat the machine: megabytes of one violating sentence, of blank lines, and
// a small .docx whose document.xml inflates to tens of megabytes of empty or
// unclosed paragraphs. Tests, benchmarks and fuzz seeds build them at run
// time, so no such file is kept in the repository; the hostilegen command
// writes them out for measuring a running server.
package hostile

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
)

// Sentence is a short clause that breaks a rule (past performance).
const Sentence = "投标人须提供近三年类似业绩。"

// Repeated returns as many whole copies of unit as fit in size bytes, so
// that text stays valid UTF-8.
func Repeated(unit string, size int) []byte {
	if size <= 0 || unit == "" {
		return nil
	}
	return bytes.Repeat([]byte(unit), size/len(unit))
}

// SentenceLines is size bytes of Sentence, one per line.
func SentenceLines(size int) []byte { return Repeated(Sentence+"\n", size) }

// SentenceRun is size bytes of Sentence with no line break: one paragraph.
func SentenceRun(size int) []byte { return Repeated(Sentence, size) }

// BlankLines is size bytes of empty lines.
func BlankLines(size int) []byte { return Repeated("\n", size) }

// DistinctSentences is size bytes of violating sentences that all differ
// (a number changes), one per line: every one is a finding of its own, so
// the cap on findings is what bounds the report.
func DistinctSentences(size int) []byte {
	var b bytes.Buffer
	for i := 1; ; i++ {
		line := fmt.Sprintf("投标人须提供近%d年类似业绩。\n", i)
		if b.Len()+len(line) > size {
			return b.Bytes()
		}
		b.WriteString(line)
	}
}

// WordLike is a .docx shaped like what Word writes (paragraph and run
// properties around every run of text, two runs a paragraph) whose
// document.xml inflates to about inflated bytes, holding at most text bytes
// of text, with a violating clause in one paragraph of ten: the largest
// ordinary document the limits accept.
func WordLike(inflated, text int) ([]byte, error) {
	const run = `<w:r w:rsidRPr="00D91F3A"><w:rPr><w:rFonts w:ascii="宋体" w:eastAsia="宋体" w:hAnsi="宋体" w:cs="宋体" w:hint="eastAsia"/>` +
		`<w:color w:val="000000"/><w:kern w:val="0"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>` +
		`<w:t xml:space="preserve">%s</w:t></w:r>`
	var body bytes.Buffer
	written := 0
	for i := 0; body.Len() < inflated-2048; i++ {
		head := fmt.Sprintf("第%d条 ", i+1)
		tail := "投标人应按照招标文件的要求编制投标文件，并对所提供资料的真实性负责。"
		if i%10 == 9 {
			tail = fmt.Sprintf("投标人须提供近%d年同类产品的销售业绩证明。", i%7+2)
		}
		if written += len(head) + len(tail) + 1; written > text {
			break
		}
		fmt.Fprintf(&body, `<w:p w:rsidR="00A1B2C3" w:rsidRDefault="00A1B2C3" w:rsidP="00E4F5A6"><w:pPr>`+
			`<w:spacing w:line="360" w:lineRule="auto"/><w:ind w:firstLineChars="200" w:firstLine="480"/><w:jc w:val="both"/></w:pPr>`+
			run+run+`</w:p>`, head, tail)
	}
	return Bomb(body.String(), "", "", body.Len())
}

// Paragraph bombs: what document.xml repeats.
const (
	EmptyParagraph    = "<w:p/>"
	UnclosedParagraph = "<w:p>"
)

// ParagraphBomb returns a .docx whose word/document.xml body is paragraph
// repeated to about inflated bytes, compressed as tightly as deflate
// allows (about a thousand to one).
func ParagraphBomb(paragraph string, inflated int) ([]byte, error) {
	return Bomb("", paragraph, "", inflated)
}

// TextBomb is a .docx of one paragraph whose text is inflated bytes long:
// a single XML token as large as the document.
func TextBomb(inflated int) ([]byte, error) {
	return Bomb("<w:p><w:r><w:t>", "字", "</w:t></w:r></w:p>", inflated)
}

// CommentBomb is a .docx whose body is one XML comment inflated bytes long.
func CommentBomb(inflated int) ([]byte, error) { return Bomb("<!--", "x", "-->", inflated) }

// Bomb returns a .docx whose word/document.xml body is prefix, unit
// repeated, then suffix, about inflated bytes in all.
func Bomb(prefix, unit, suffix string, inflated int) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	parts := []struct{ name, head, body, tail string }{
		{name: "[Content_Types].xml", body: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{name: "_rels/.rels", body: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{name: "word/document.xml",
			head: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`,
			tail: `</w:body></w:document>`},
	}
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate})
		if err != nil {
			return nil, fmt.Errorf("zip %s: %w", p.name, err)
		}
		chunks := [][]byte{[]byte(p.body)}
		if p.name == "word/document.xml" {
			body := Repeated(unit, inflated-len(p.head)-len(p.tail)-len(prefix)-len(suffix))
			chunks = [][]byte{[]byte(p.head), []byte(prefix), body, []byte(suffix), []byte(p.tail)}
		}
		for _, chunk := range chunks {
			if _, err := w.Write(chunk); err != nil {
				return nil, fmt.Errorf("zip %s: %w", p.name, err)
			}
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("zip: %w", err)
	}
	return buf.Bytes(), nil
}
