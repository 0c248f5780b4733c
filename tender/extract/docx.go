package extract

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// The WordprocessingML namespaces: transitional (what Word writes) and strict.
const (
	wordNS       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	wordStrictNS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
)

// Docx returns the paragraphs of a .docx with DefaultLimits.
func Docx(data []byte) ([]string, error) { return Limits{}.Docx(data) }

// Docx returns the paragraphs of word/document.xml in document order, one
// line per <w:p> (empty paragraphs included, so the numbering matches the
// paragraph count a reader sees). Table cells hold their own paragraphs and
// so come out as lines of their own. A paragraph nested in another (a text
// box) gets its own number where it starts.
//
// The XML is read as a stream straight from the zip entry, and every limit
// is checked as it is read: a zip bomb is stopped once it has inflated to
// InflatedBytes, not after.
func (l Limits) Docx(data []byte) ([]string, error) {
	l = l.withDefaults()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: 不是有效的 .docx 文件（无法作为 zip 压缩包打开）。", ErrUnsupported)
	}
	var body *zip.File
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			body = f
			break
		}
	}
	if body == nil {
		return nil, fmt.Errorf("%w: .docx 中缺少正文 word/document.xml。", ErrUnsupported)
	}
	rc, err := body.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: .docx 的正文 word/document.xml 无法解压。", ErrMalformed)
	}
	defer rc.Close()
	// One byte over the limit tells a too-large document from one exactly at it.
	limited := &io.LimitedReader{R: rc, N: l.InflatedBytes + 1}
	guard := &tokenGuard{r: limited, max: maxTokenBytes}
	lines, err := l.docxParagraphs(bufio.NewReaderSize(guard, 64<<10))
	switch {
	case limited.N <= 0:
		return nil, &LimitError{Code: LimitInflatedBytes, Max: l.InflatedBytes, Format: DOCX}
	case guard.err != nil:
		// Whatever the decoder made of the stream cut short, the cut is why.
		return nil, guard.err
	}
	return lines, err
}

// openElement is an element being read: its qualified name as written,
// to match its end tag, and what it changed.
type openElement struct {
	name      xml.Name
	bindings  int  // namespace prefixes it declared
	paragraph bool // a w:p, whose index is on top of the paragraph stack
}

// docxReader turns WordprocessingML tokens into paragraphs. It reads raw
// tokens (several times faster than xml.Decoder.Token) and so resolves
// namespace prefixes and matches end tags itself.
type docxReader struct {
	dec        *xml.Decoder
	lim        Limits
	budget     budget
	paragraphs [][]byte // not strings.Builder: growing the slice moves them
	runes      []int    // characters in each paragraph so far
	open       []int    // indices of the paragraphs being read, innermost last
	stack      []openElement
	bindings   []xml.Attr // prefix (Name.Local) → namespace (Value), innermost last
	word       map[string]bool
	elements   int
	inText     bool
}

func (l Limits) docxParagraphs(r io.Reader) ([]string, error) {
	dec := xml.NewDecoder(r)
	d := &docxReader{dec: dec, lim: l, budget: budget{lim: l, format: DOCX}, word: map[string]bool{}}
	for {
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, malformedXML(err)
		}
		if err := d.token(tok); err != nil {
			return nil, err
		}
	}
	if len(d.stack) > 0 {
		return nil, fmt.Errorf("%w: .docx 的正文 word/document.xml 不完整：有 %d 个元素没有结束。", ErrMalformed, len(d.stack))
	}
	lines := make([]string, len(d.paragraphs))
	for i := range d.paragraphs {
		lines[i] = string(d.paragraphs[i])
	}
	return lines, nil
}

func malformedXML(err error) error {
	var syntax *xml.SyntaxError
	if errors.As(err, &syntax) {
		return fmt.Errorf("%w: .docx 的正文 word/document.xml 不是格式正确的 XML（第 %d 行附近）。", ErrMalformed, syntax.Line)
	}
	return fmt.Errorf("%w: .docx 的正文 word/document.xml 无法读取。", ErrMalformed)
}

func (d *docxReader) token(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		return d.start(t)
	case xml.EndElement:
		return d.end(t)
	case xml.CharData:
		if d.inText {
			return d.appendText(t)
		}
	}
	return nil
}

func (d *docxReader) start(t xml.StartElement) error {
	d.elements++
	if d.elements > d.lim.Elements {
		return &LimitError{Code: LimitElements, Max: int64(d.lim.Elements), Format: DOCX}
	}
	if len(d.stack) >= d.lim.Depth {
		return &LimitError{Code: LimitDepth, Max: int64(d.lim.Depth), Format: DOCX}
	}
	el := openElement{name: t.Name}
	for _, a := range t.Attr {
		switch {
		case a.Name.Space == "xmlns":
			d.bindings = append(d.bindings, xml.Attr{Name: xml.Name{Local: a.Name.Local}, Value: a.Value})
			el.bindings++
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			d.bindings = append(d.bindings, xml.Attr{Value: a.Value})
			el.bindings++
		}
	}
	if el.bindings > 0 {
		d.resolvePrefixes()
	}
	if d.word[t.Name.Space] {
		switch t.Name.Local {
		case "p":
			if err := d.budget.newLine(); err != nil {
				return err
			}
			d.paragraphs = append(d.paragraphs, nil)
			d.runes = append(d.runes, 0)
			d.open = append(d.open, len(d.paragraphs)-1)
			el.paragraph = true
		case "t":
			d.inText = true
		case "tab", "ptab":
			if err := d.appendText([]byte("\t")); err != nil {
				return err
			}
		case "br", "cr":
			// A manual line break stays inside its paragraph: the
			// paragraph number is what a reader counts.
			if err := d.appendText([]byte(" ")); err != nil {
				return err
			}
		case "noBreakHyphen":
			if err := d.appendText([]byte("-")); err != nil {
				return err
			}
		}
	}
	d.stack = append(d.stack, el)
	return nil
}

func (d *docxReader) end(t xml.EndElement) error {
	if len(d.stack) == 0 || d.stack[len(d.stack)-1].name != t.Name {
		line, _ := d.dec.InputPos()
		return fmt.Errorf("%w: .docx 的正文 word/document.xml 不是格式正确的 XML（第 %d 行附近的元素结束标记不匹配）。", ErrMalformed, line)
	}
	el := d.stack[len(d.stack)-1]
	d.stack = d.stack[:len(d.stack)-1]
	if d.word[t.Name.Space] && t.Name.Local == "t" {
		d.inText = false
	}
	if el.paragraph {
		d.open = d.open[:len(d.open)-1]
	}
	if el.bindings > 0 {
		d.bindings = d.bindings[:len(d.bindings)-el.bindings]
		d.resolvePrefixes()
	}
	return nil
}

// resolvePrefixes recomputes which prefixes name a WordprocessingML
// namespace; declarations are rare (the root element, a few others).
func (d *docxReader) resolvePrefixes() {
	clear(d.word)
	for _, b := range d.bindings { // later declarations shadow earlier ones
		d.word[b.Name.Local] = b.Value == wordNS || b.Value == wordStrictNS
	}
}

// appendText adds text to the innermost open paragraph; it is counted
// before it is copied, so a huge run of text is refused, not held twice.
func (d *docxReader) appendText(s []byte) error {
	if len(d.open) == 0 {
		return nil // text outside any paragraph is not shown by Word either
	}
	p := d.open[len(d.open)-1]
	if err := d.budget.textBytes(p+1, &d.runes[p], s); err != nil {
		return err
	}
	d.paragraphs[p] = append(d.paragraphs[p], s...)
	return nil
}
