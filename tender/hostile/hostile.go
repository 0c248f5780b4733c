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
