package document

import (
	"errors"
	"fmt"

	"firstset/date"
	"firstset/report"
)

// A report's page: margins and where the text ends, in points.
const (
	reportMargin = 56.0
	reportTop    = 56.0
	reportBottom = pageHeight - 60
)

var (
	headFill  = rgb{0xdc, 0xe6, 0xf1}
	totalFill = rgb{0xf2, 0xf2, 0xf2}
	ruleGrey  = rgb{0x99, 0x99, 0x99}
	gridGrey  = rgb{0xdd, 0xdd, 0xdd}
)

// ReportOptions is what a bulletin or report PDF needs besides its
// content.
type ReportOptions struct {
	Font   *Font
	Issuer string    // the issuing office; DefaultIssuer when empty
	Date   date.Date // printed under the title; none when zero
}

// BulletinPDF lays out a periodic bulletin (定期通报): ReportPDF of its
// Document.
func BulletinPDF(b *report.Bulletin, opts ReportOptions) ([]byte, error) {
	if b == nil {
		return nil, errors.New("bulletin pdf: no bulletin")
	}
	pdf, err := ReportPDF(b.Document(), opts)
	if err != nil {
		return nil, fmt.Errorf("bulletin pdf %s: %w", b.Period, err)
	}
	return pdf, nil
}

// ReportPDF lays out a document on A4 pages: the title, the issuer and
// date, then each section's heading, paragraphs, charts (drawn as vector
// shapes from the same data as their SVG) and tables (each header
// repeated on every page a table runs onto), then page numbers.
func ReportPDF(d report.Document, opts ReportOptions) ([]byte, error) {
	issuer := opts.Issuer
	if issuer == "" {
		issuer = DefaultIssuer
	}
	p, err := newPage(opts.Font, pdfInfo{Title: d.Title, Author: issuer, Subject: d.Subject})
	if err != nil {
		return nil, fmt.Errorf("report pdf: %w", err)
	}
	f := &flow{page: p, y: reportTop, left: reportMargin, right: pageWidth - reportMargin}
	if err := f.document(d, issuer, opts.Date); err != nil {
		return nil, fmt.Errorf("report pdf %q: %w", d.Title, err)
	}
	return p.bytes()
}

// flow lays blocks down the pages, starting a new page when the next
// block would cross the bottom margin.
type flow struct {
	*page
	y, left, right float64
}

func (f *flow) width() float64 { return f.right - f.left }

// room starts a new page unless h more points fit on this one; it
// reports whether it did.
func (f *flow) room(h float64) bool {
	if f.y+h <= reportBottom {
		return false
	}
	f.pdf.AddPage()
	f.y = reportTop
	return true
}

func (f *flow) document(d report.Document, issuer string, on date.Date) error {
	if err := f.font(18); err != nil {
		return err
	}
	f.ink(darkRed)
	lines, err := f.wrap(d.Title, f.width()-40)
	if err != nil {
		return err
	}
	for _, l := range lines {
		if err := f.centered(f.left, f.right, f.y, l); err != nil {
			return err
		}
		f.y += 27
	}
	if err := f.font(11); err != nil {
		return err
	}
	f.ink(grey)
	byline := issuer
	if !on.IsZero() {
		byline += "　　" + on.Chinese()
	}
	f.y += 4
	if err := f.centered(f.left, f.right, f.y, byline); err != nil {
		return err
	}
	f.y += 22
	f.line(f.left, f.y, f.right, f.y, 1.4, darkRed)
	f.y += 16

	for _, sec := range d.Sections {
		if err := f.section(sec); err != nil {
			return err
		}
	}
	return f.pageNumbers()
}

func (f *flow) section(s report.Section) error {
	if s.Heading != "" {
		if err := f.font(14); err != nil {
			return err
		}
		f.ink(black)
		f.room(20 + 3*21) // the heading stays with the lines under it
		if err := f.text(f.left, f.y, s.Heading); err != nil {
			return err
		}
		f.y += 24
	}
	for _, p := range s.Paragraphs {
		if err := f.paragraphs(p); err != nil {
			return err
		}
	}
	for _, c := range s.Charts {
		if err := f.chart(c); err != nil {
			return fmt.Errorf("chart %s: %w", c.Title, err)
		}
	}
	for _, t := range s.Tables {
		if err := f.table(t); err != nil {
			return fmt.Errorf("table %s: %w", t.Title, err)
		}
	}
	return nil
}

// paragraphs writes text indented by two characters, line by line, so a
// long one runs onto the next page.
func (f *flow) paragraphs(text string) error {
	if err := f.font(12); err != nil {
		return err
	}
	f.ink(black)
	lines, err := f.wrap("　　"+text, f.width())
	if err != nil {
		return err
	}
	for _, l := range lines {
		f.room(21)
		if err := f.text(f.left, f.y, l); err != nil {
			return err
		}
		f.y += 21
	}
	f.y += 10
	return nil
}

// pageNumbers writes "第 n 页 共 N 页" at the foot of every page.
func (f *flow) pageNumbers() error {
	n := f.pdf.GetNumberOfPages()
	if err := f.font(9); err != nil {
		return err
	}
	f.ink(grey)
	for i := 1; i <= n; i++ {
		if err := f.pdf.SetPage(i); err != nil {
			return fmt.Errorf("page %d: %w", i, err)
		}
		if err := f.centered(f.left, f.right, pageHeight-40, fmt.Sprintf("第 %d 页　共 %d 页", i, n)); err != nil {
			return err
		}
	}
	return nil
}
