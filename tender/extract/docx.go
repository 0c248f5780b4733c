package extract

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
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
	return l.docx(&ctxCheck{ctx: context.Background()}, data)
}

func (l Limits) docx(c *ctxCheck, data []byte) ([]string, error) {
	l = l.withDefaults()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, unsupported(CodeNotDocx, DOCX, "不是有效的 .docx 文件（无法作为 zip 压缩包打开）。")
	}
	var body *zip.File
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			body = f
			break
		}
	}
	if body == nil {
		return nil, unsupported(CodeNotDocx, DOCX, ".docx 中缺少正文 word/document.xml。")
	}
	rc, err := body.Open()
	if err != nil {
		return nil, malformed(CodeMalformedDocx, DOCX, ".docx 的正文 word/document.xml 无法解压。")
	}
	defer rc.Close()
	// One byte over the limit tells a too-large document from one exactly at it.
	limited := &io.LimitedReader{R: rc, N: l.InflatedBytes + 1}
	guard := &tokenGuard{r: limited, max: maxTokenBytes, maxAttrs: l.Attributes, refuseDTD: true}
	lines, err := l.docxParagraphs(c, bufio.NewReaderSize(guard, 64<<10))
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

// shadowed is what a namespace declaration hid, to restore at the end of
// the element that made it.
type shadowed struct {
	prefix    string
	bound     bool // the prefix was bound before
	wordSpace bool // to a WordprocessingML namespace
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
	shadowed   []shadowed      // innermost last
	word       map[string]bool // prefix in scope → whether it names Word's namespace
	elements   int
	inText     bool
}

func (l Limits) docxParagraphs(c *ctxCheck, r io.Reader) ([]string, error) {
	dec := xml.NewDecoder(r)
	d := &docxReader{dec: dec, lim: l, budget: budget{lim: l, format: DOCX}, word: map[string]bool{}}
	for {
		if err := c.step(); err != nil {
			return nil, err
		}
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
		return nil, malformed(CodeMalformedDocx, DOCX, ".docx 的正文 word/document.xml 不完整：有 %d 个元素没有结束。", len(d.stack))
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
		return malformed(CodeMalformedDocx, DOCX, ".docx 的正文 word/document.xml 不是格式正确的 XML（第 %d 行附近）。", syntax.Line)
	}
	return malformed(CodeMalformedDocx, DOCX, ".docx 的正文 word/document.xml 无法读取。")
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
	case xml.Directive:
		// tokenGuard refuses these before they are read; this is in case
		// the reader comes without one.
		return errDTD()
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
	if len(t.Attr) > d.lim.Attributes { // tokenGuard counts them first
		return &LimitError{Code: LimitAttributes, Max: int64(d.lim.Attributes), Format: DOCX}
	}
	el := openElement{name: t.Name}
	for _, a := range t.Attr {
		switch {
		case a.Name.Space == "xmlns":
			d.bind(a.Name.Local, a.Value)
			el.bindings++
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			d.bind("", a.Value)
			el.bindings++
		}
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
		return malformed(CodeMalformedDocx, DOCX, ".docx 的正文 word/document.xml 不是格式正确的 XML（第 %d 行附近的元素结束标记不匹配）。", line)
	}
	el := d.stack[len(d.stack)-1]
	d.stack = d.stack[:len(d.stack)-1]
	if d.word[t.Name.Space] && t.Name.Local == "t" {
		d.inText = false
	}
	if el.paragraph {
		d.open = d.open[:len(d.open)-1]
	}
	d.unbind(el.bindings)
	return nil
}

// bind declares prefix ("" for the default namespace) as ns until the end
// of the element being started. A declaration costs the same however many
// are in scope, so many of them, nested, cost no more than their bytes.
func (d *docxReader) bind(prefix, ns string) {
	word, bound := d.word[prefix]
	d.shadowed = append(d.shadowed, shadowed{prefix: prefix, bound: bound, wordSpace: word})
	d.word[prefix] = ns == wordNS || ns == wordStrictNS
}

// unbind undoes the last n declarations.
func (d *docxReader) unbind(n int) {
	for ; n > 0; n-- {
		s := d.shadowed[len(d.shadowed)-1]
		d.shadowed = d.shadowed[:len(d.shadowed)-1]
		if s.bound {
			d.word[s.prefix] = s.wordSpace
		} else {
			delete(d.word, s.prefix)
		}
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
