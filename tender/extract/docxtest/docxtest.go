// Package docxtest builds small but real .docx files for tests of the
// tender checker's extraction, command line and web pages.
package docxtest

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
)

// FromXML returns a .docx (with the parts Word needs to open it) whose
// document.xml body is body.
func FromXML(tb testing.TB, body string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	files := []struct{ name, content string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><w:body>` + body + `<w:sectPr/></w:body></w:document>`},
	}
	for _, f := range files {
		w, err := zw.Create(f.name)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write([]byte(f.content)); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// Paragraphs returns a .docx with one paragraph per entry; an entry
// starting with "|" is put in a table cell instead.
func Paragraphs(tb testing.TB, paras ...string) []byte {
	tb.Helper()
	var body strings.Builder
	for _, p := range paras {
		cell := strings.HasPrefix(p, "|")
		if cell {
			body.WriteString("<w:tbl><w:tr><w:tc>")
			p = p[1:]
		}
		body.WriteString("<w:p><w:r><w:t>" + p + "</w:t></w:r></w:p>")
		if cell {
			body.WriteString("</w:tc></w:tr></w:tbl>")
		}
	}
	return FromXML(tb, body.String())
}
