package document

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"

	"github.com/signintech/gopdf"
)

// A4 in points.
const (
	pageWidth  = 595.28
	pageHeight = 841.89
)

// rgb is a colour of ink.
type rgb struct{ r, g, b uint8 }

var (
	black    = rgb{0x1a, 0x1a, 0x1a}
	grey     = rgb{0x55, 0x55, 0x55}
	darkRed  = rgb{0xa3, 0x12, 0x12}
	darkGold = rgb{0xb0, 0x8d, 0x3c}
)

// page is one A4 page being laid out: gopdf with the document font and a
// few helpers that measure and wrap Chinese text. Coordinates are points
// from the top left.
type page struct {
	pdf  *gopdf.GoPdf
	size float64
}

// pdfInfo is the document information dictionary.
type pdfInfo struct {
	Title, Author, Subject string
}

func newPage(font *Font, info pdfInfo) (*page, error) {
	if font == nil {
		return nil, ErrNoFont
	}
	pdf := new(gopdf.GoPdf)
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
	pdf.SetInfo(gopdf.PdfInfo{Title: info.Title, Author: info.Author, Subject: info.Subject, Creator: "firstset"})
	if err := font.addTo(pdf); err != nil {
		return nil, err
	}
	pdf.AddPage()
	p := &page{pdf: pdf}
	if err := p.font(12); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *page) font(size float64) error {
	if err := p.pdf.SetFont(fontFamily, "", size); err != nil {
		return fmt.Errorf("set font: %w", err)
	}
	p.size = size
	return nil
}

func (p *page) ink(c rgb) {
	p.pdf.SetTextColor(c.r, c.g, c.b)
	p.pdf.SetStrokeColor(c.r, c.g, c.b)
}

func (p *page) width(s string) (float64, error) {
	w, err := p.pdf.MeasureTextWidth(s)
	if err != nil {
		return 0, fmt.Errorf("measure %q: %w", s, err)
	}
	return w, nil
}

// text writes s with its top at y.
func (p *page) text(x, y float64, s string) error {
	p.pdf.SetXY(x, y)
	if err := p.pdf.Cell(nil, s); err != nil {
		return fmt.Errorf("write %q: %w", s, err)
	}
	return nil
}

// centered writes s centred between left and right.
func (p *page) centered(left, right, y float64, s string) error {
	w, err := p.width(s)
	if err != nil {
		return err
	}
	return p.text(left+(right-left-w)/2, y, s)
}

// spaced writes s centred with extra space between its characters, as
// titles are set.
func (p *page) spaced(left, right, y, gap float64, s string) error {
	runes := []rune(s)
	total := 0.0
	widths := make([]float64, len(runes))
	for i, r := range runes {
		w, err := p.width(string(r))
		if err != nil {
			return err
		}
		widths[i] = w
		total += w
	}
	total += gap * float64(len(runes)-1)
	x := left + (right-left-total)/2
	for i, r := range runes {
		if err := p.text(x, y, string(r)); err != nil {
			return err
		}
		x += widths[i] + gap
	}
	return nil
}

// noLineStart are the marks a line may not begin with (避头点).
const noLineStart = "，。、；：？！）》」』】〕,.;:?!)%"

// noLineEnd are the marks a line may not end with (避尾点): opening
// brackets go down with what they open.
const noLineEnd = "（《「『【〔(["

// wrap breaks s into lines no wider than width at the current size. A
// line may break between any two Chinese characters; a run of Latin
// letters and digits (a model, a code, a URL, a grouped amount) is kept
// whole when it fits on a line, closing punctuation never starts a line
// and opening brackets never end one.
func (p *page) wrap(s string, width float64) ([]string, error) {
	runes := []rune(s)
	var lines []string
	start, used := 0, 0.0
	for i := 0; i < len(runes); i++ {
		if runes[i] == '\n' {
			lines = append(lines, string(runes[start:i]))
			start, used = i+1, 0
			continue
		}
		w, err := p.width(string(runes[i]))
		if err != nil {
			return nil, err
		}
		if used+w <= width || i == start {
			used += w
			continue
		}
		cut := i
		if latin(runes[cut]) {
			for j := cut; j > start && latin(runes[j-1]); j-- {
				cut = j - 1
			}
			if cut == start { // a run longer than the line: break it
				cut = i
			}
		}
		// Step back over closing marks that would start the line and
		// opening ones that would end the last; a line keeps one character.
		for cut > start+1 && (containsRune(noLineStart, runes[cut]) || containsRune(noLineEnd, runes[cut-1])) {
			cut--
		}
		carried := w
		if cut < i {
			if carried, err = p.width(string(runes[cut : i+1])); err != nil {
				return nil, err
			}
			if carried > width { // what would move down does not fit either
				cut, carried = i, w
			}
		}
		lines = append(lines, string(runes[start:cut]))
		start, used = cut, carried
	}
	if start < len(runes) || len(lines) == 0 {
		lines = append(lines, string(runes[start:]))
	}
	return lines, nil
}

// latin: the characters of a model number, a code or a URL, which a line
// keeps together.
func latin(r rune) bool {
	return r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-/_.:?=&%#~+,", r))
}

func containsRune(s string, r rune) bool {
	for _, c := range s {
		if c == r {
			return true
		}
	}
	return false
}

// paragraph writes s wrapped into width from (x, y) and returns the y
// below its last line.
func (p *page) paragraph(x, y, width, leading float64, s string) (float64, error) {
	lines, err := p.wrap(s, width)
	if err != nil {
		return 0, err
	}
	for _, l := range lines {
		if err := p.text(x, y, l); err != nil {
			return 0, err
		}
		y += leading
	}
	return y, nil
}

func (p *page) line(x1, y1, x2, y2, width float64, c rgb) {
	p.pdf.SetLineWidth(width)
	p.pdf.SetStrokeColor(c.r, c.g, c.b)
	p.pdf.Line(x1, y1, x2, y2)
}

func (p *page) rect(x, y, w, h, width float64, c rgb) {
	p.pdf.SetLineWidth(width)
	p.pdf.SetStrokeColor(c.r, c.g, c.b)
	p.pdf.RectFromUpperLeftWithStyle(x, y, w, h, "D")
}

// png places a PNG image in the square of side size at (x, y).
func (p *page) png(data []byte, x, y, size float64) error {
	img, err := gopdf.ImageHolderByBytes(data)
	if err != nil {
		return fmt.Errorf("read image: %w", err)
	}
	if err := p.pdf.ImageByHolder(img, x, y, &gopdf.Rect{W: size, H: size}); err != nil {
		return fmt.Errorf("place image: %w", err)
	}
	return nil
}

func (p *page) bytes() ([]byte, error) {
	var buf bytes.Buffer
	if _, err := p.pdf.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("write pdf: %w", err)
	}
	return buf.Bytes(), nil
}
