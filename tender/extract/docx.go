package extract

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The WordprocessingML namespaces: transitional (what Word writes) and strict.
const (
	wordNS       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	wordStrictNS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
)

// Docx returns the paragraphs of word/document.xml in document order, one
// line per <w:p> (empty paragraphs included, so the numbering matches the
// paragraph count a reader sees). Table cells hold their own paragraphs and
// so come out as lines of their own. A paragraph nested in another (a text
// box) gets its own number where it starts.
func Docx(data []byte) ([]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: 不是有效的 .docx 文件 (not a zip archive: %v)", ErrUnsupported, err)
	}
	var body *zip.File
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			body = f
			break
		}
	}
	if body == nil {
		return nil, fmt.Errorf("%w: .docx 中缺少 word/document.xml", ErrUnsupported)
	}
	rc, err := body.Open()
	if err != nil {
		return nil, fmt.Errorf("open word/document.xml: %w", err)
	}
	defer rc.Close()
	// One byte over the limit tells a too-large document from one exactly at it.
	limited := &io.LimitedReader{R: rc, N: MaxFileBytes + 1}
	lines, err := docxParagraphs(limited)
	if limited.N <= 0 {
		return nil, fmt.Errorf("%w: word/document.xml inflates to more than %d bytes", ErrUnsupported, MaxFileBytes)
	}
	if err != nil {
		return nil, err
	}
	return lines, nil
}

func docxParagraphs(r io.Reader) ([]string, error) {
	dec := xml.NewDecoder(r)
	var (
		paragraphs []strings.Builder
		open       []int // indices of the paragraphs being read, innermost last
		inText     bool
	)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: word/document.xml is not well-formed XML: %v", ErrUnsupported, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != wordNS && t.Name.Space != wordStrictNS {
				continue
			}
			switch t.Name.Local {
			case "p":
				paragraphs = append(paragraphs, strings.Builder{})
				open = append(open, len(paragraphs)-1)
			case "t":
				inText = true
			case "tab", "ptab":
				appendTo(paragraphs, open, "\t")
			case "br", "cr":
				// A manual line break stays inside its paragraph: the
				// paragraph number is what a reader counts.
				appendTo(paragraphs, open, " ")
			case "noBreakHyphen":
				appendTo(paragraphs, open, "-")
			}
		case xml.EndElement:
			if t.Name.Space != wordNS && t.Name.Space != wordStrictNS {
				continue
			}
			switch t.Name.Local {
			case "p":
				if len(open) > 0 {
					open = open[:len(open)-1]
				}
			case "t":
				inText = false
			}
		case xml.CharData:
			if inText {
				appendTo(paragraphs, open, string(t))
			}
		}
	}
	lines := make([]string, len(paragraphs))
	for i := range paragraphs {
		lines[i] = paragraphs[i].String()
	}
	return lines, nil
}

func appendTo(paragraphs []strings.Builder, open []int, s string) {
	if len(open) == 0 {
		return // text outside any paragraph is not shown by Word either
	}
	paragraphs[open[len(open)-1]].WriteString(s)
}
