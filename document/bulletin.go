package document

import (
	"errors"
	"fmt"
	"math"

	"github.com/signintech/gopdf"

	"firstset/date"
	"firstset/report"
)

// BulletinOptions is what a bulletin PDF needs besides the bulletin.
type BulletinOptions struct {
	Font   *Font
	Issuer string    // the issuing office; DefaultIssuer when empty
	Date   date.Date // printed under the title; none when zero
}

// The bulletin's page: margins and where the text ends, in points.
const (
	bulletinMargin = 56.0
	bulletinTop    = 56.0
	bulletinBottom = pageHeight - 60
)

var (
	headFill  = rgb{0xdc, 0xe6, 0xf1}
	totalFill = rgb{0xf2, 0xf2, 0xf2}
	ruleGrey  = rgb{0x99, 0x99, 0x99}
	gridGrey  = rgb{0xdd, 0xdd, 0xdd}
)

// BulletinPDF lays out a periodic bulletin (定期通报) on A4 pages: the
// title, the issuer and date, the narrative, the charts drawn as vector
// shapes from the same data as their SVG, and every table with its
// header repeated on each page it runs onto, then page numbers.
func BulletinPDF(b *report.Bulletin, opts BulletinOptions) ([]byte, error) {
	if b == nil {
		return nil, errors.New("bulletin pdf: no bulletin")
	}
	issuer := opts.Issuer
	if issuer == "" {
		issuer = DefaultIssuer
	}
	p, err := newPage(opts.Font, pdfInfo{Title: b.Title, Author: issuer, Subject: "定期通报 " + b.Period.String()})
	if err != nil {
		return nil, fmt.Errorf("bulletin pdf: %w", err)
	}
	f := &flow{page: p, y: bulletinTop, left: bulletinMargin, right: pageWidth - bulletinMargin}
	if err := f.bulletin(b, issuer, opts.Date); err != nil {
		return nil, fmt.Errorf("bulletin pdf %s: %w", b.Period, err)
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
	if f.y+h <= bulletinBottom {
		return false
	}
	f.pdf.AddPage()
	f.y = bulletinTop
	return true
}

func (f *flow) bulletin(b *report.Bulletin, issuer string, on date.Date) error {
	if err := f.font(18); err != nil {
		return err
	}
	f.ink(darkRed)
	lines, err := f.wrap(b.Title, f.width()-40)
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

	if err := f.font(12); err != nil {
		return err
	}
	f.ink(black)
	// The paragraph goes line by line, so a long one may run onto the next page.
	lines, err = f.wrap("　　"+b.Narrative, f.width())
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

	for _, c := range b.Charts {
		if err := f.chart(c); err != nil {
			return fmt.Errorf("chart %s: %w", c.Title, err)
		}
	}
	for _, t := range b.Tables {
		if err := f.table(t); err != nil {
			return fmt.Errorf("table %s: %w", t.Name, err)
		}
	}
	return f.pageNumbers()
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

// Tables are set small enough for six columns of amounts and names.
const (
	cellSize    = 9.0
	cellLeading = 12.0
	cellPad     = 4.0
)

// tableRow is a row's cells wrapped into their columns.
type tableRow struct {
	lines  [][]string
	height float64
	total  bool
}

func (f *flow) table(t report.Table) error {
	if err := f.font(cellSize); err != nil {
		return err
	}
	header := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = c.Name
	}
	body := make([][]string, 0, len(t.Rows)+1)
	for _, r := range t.Rows {
		body = append(body, display(t.Columns, r))
	}
	if t.Totals != nil {
		body = append(body, display(t.Columns, t.Totals))
	}
	widths, err := f.columnWidths(t.Columns, header, body)
	if err != nil {
		return err
	}
	head, err := f.wrapRow(header, widths)
	if err != nil {
		return err
	}

	// The title stays with the header and the first row.
	first := 0.0
	if len(body) > 0 {
		r, err := f.wrapRow(body[0], widths)
		if err != nil {
			return err
		}
		first = r.height
	}
	f.y += 6
	f.room(22 + head.height + first)
	if err := f.title(t.Title); err != nil {
		return err
	}
	if err := f.font(cellSize); err != nil {
		return err
	}
	if err := f.drawRow(t.Columns, widths, head, headFill, true); err != nil {
		return err
	}
	for i, cells := range body {
		r, err := f.wrapRow(cells, widths)
		if err != nil {
			return err
		}
		if f.room(r.height) {
			if err := f.title(t.Title + "（续）"); err != nil {
				return err
			}
			if err := f.font(cellSize); err != nil {
				return err
			}
			if err := f.drawRow(t.Columns, widths, head, headFill, true); err != nil {
				return err
			}
		}
		fill := rgb{0xff, 0xff, 0xff}
		if t.Totals != nil && i == len(body)-1 {
			fill = totalFill
		}
		if err := f.drawRow(t.Columns, widths, r, fill, false); err != nil {
			return err
		}
	}
	f.line(f.left, f.y, f.right, f.y, 0.9, black)
	if t.Note != "" {
		if err := f.font(8.5); err != nil {
			return err
		}
		f.ink(grey)
		lines, err := f.wrap(t.Note, f.width())
		if err != nil {
			return err
		}
		f.y += 4
		for _, l := range lines {
			f.room(12)
			if err := f.text(f.left, f.y, l); err != nil {
				return err
			}
			f.y += 12
		}
	}
	f.y += 14
	return nil
}

func (f *flow) title(s string) error {
	if err := f.font(12); err != nil {
		return err
	}
	f.ink(black)
	lines, err := f.wrap(s, f.width())
	if err != nil {
		return err
	}
	for _, l := range lines {
		if err := f.text(f.left, f.y, l); err != nil {
			return err
		}
		f.y += 17
	}
	f.y += 3
	return nil
}

func display(cols []report.Column, row []string) []string {
	out := make([]string, len(row))
	for i, s := range row {
		kind := report.Text
		if i < len(cols) {
			kind = cols[i].Kind
		}
		out[i] = report.Display(kind, s)
	}
	return out
}

// columnWidths share the line among the columns: each gets its widest
// cell when all fit; otherwise numbers keep theirs (a number is never
// broken) and the text columns share the rest in proportion to their
// widest cells, down to four characters, wrapping.
func (f *flow) columnWidths(cols []report.Column, header []string, body [][]string) ([]float64, error) {
	n := len(cols)
	natural := make([]float64, n)
	least := make([]float64, n)
	em, err := f.page.width("中")
	if err != nil {
		return nil, err
	}
	for i := range cols {
		w, err := f.page.width(header[i])
		if err != nil {
			return nil, err
		}
		natural[i] = w
		least[i] = min(w, 4*em)
	}
	for _, row := range body {
		if len(row) != n {
			return nil, fmt.Errorf("a row of %d cells in a table of %d columns", len(row), n)
		}
		for i, s := range row {
			w, err := f.page.width(s)
			if err != nil {
				return nil, err
			}
			natural[i] = max(natural[i], w)
			if cols[i].Kind != report.Text {
				least[i] = max(least[i], w)
			}
		}
	}
	avail := f.width()
	var sumNatural, sumLeast float64
	for i := range natural {
		natural[i] += 2 * cellPad
		least[i] = min(least[i]+2*cellPad, natural[i])
		sumNatural += natural[i]
		sumLeast += least[i]
	}
	widths := make([]float64, n)
	switch {
	case sumNatural <= avail:
		for i := range widths {
			widths[i] = natural[i] * avail / sumNatural
		}
	case sumLeast <= avail:
		k := (avail - sumLeast) / (sumNatural - sumLeast)
		for i := range widths {
			widths[i] = least[i] + (natural[i]-least[i])*k
		}
	default: // too many columns for the page: every one shrinks and wraps
		for i := range widths {
			widths[i] = least[i] * avail / sumLeast
		}
	}
	return widths, nil
}

func (f *flow) wrapRow(cells []string, widths []float64) (tableRow, error) {
	r := tableRow{lines: make([][]string, len(cells))}
	most := 1
	for i, s := range cells {
		lines, err := f.wrap(s, widths[i]-2*cellPad)
		if err != nil {
			return r, err
		}
		r.lines[i] = lines
		most = max(most, len(lines))
	}
	r.height = float64(most-1)*cellLeading + cellSize + 2*cellPad + 2
	return r, nil
}

// drawRow writes a row at f.y with its fill and rules: text left, numbers
// right, the header centred.
func (f *flow) drawRow(cols []report.Column, widths []float64, r tableRow, fill rgb, header bool) error {
	f.pdf.SetFillColor(fill.r, fill.g, fill.b)
	f.pdf.SetLineWidth(0.4)
	f.pdf.SetStrokeColor(ruleGrey.r, ruleGrey.g, ruleGrey.b)
	f.pdf.RectFromUpperLeftWithStyle(f.left, f.y, f.width(), r.height, "FD")
	f.ink(black)
	x := f.left
	for i, lines := range r.lines {
		if i > 0 {
			f.line(x, f.y, x, f.y+r.height, 0.4, ruleGrey)
		}
		y := f.y + cellPad + 1
		for _, l := range lines {
			var err error
			switch {
			case header:
				err = f.centered(x, x+widths[i], y, l)
			case cols[i].Kind != report.Text:
				var w float64
				if w, err = f.page.width(l); err == nil {
					err = f.text(x+widths[i]-cellPad-w, y, l)
				}
			default:
				err = f.text(x+cellPad, y, l)
			}
			if err != nil {
				return err
			}
			y += cellLeading
		}
		x += widths[i]
	}
	f.y += r.height
	return nil
}

// Charts are drawn in a band of the text's width.
const (
	chartHeight = 220.0
	chartTitle  = 24.0
)

func (f *flow) chart(c report.Chart) error {
	if len(c.Labels) != len(c.Values) {
		return fmt.Errorf("%d labels for %d values", len(c.Labels), len(c.Values))
	}
	f.room(chartHeight)
	if err := f.font(11); err != nil {
		return err
	}
	f.ink(black)
	if err := f.centered(f.left, f.right, f.y, c.Title); err != nil {
		return err
	}
	top := f.y + chartTitle
	var err error
	switch c.Kind {
	case report.Bar:
		err = f.bars(c, top, f.y+chartHeight-12)
	case report.Pie:
		err = f.pie(c, top, f.y+chartHeight-12)
	default:
		err = fmt.Errorf("unknown kind %q", c.Kind)
	}
	f.y += chartHeight
	return err
}

func fillOf(c report.RGB) rgb { return rgb{c.R, c.G, c.B} }

func (f *flow) fillRect(x, y, w, h float64, c rgb) {
	f.pdf.SetFillColor(c.r, c.g, c.b)
	f.pdf.RectFromUpperLeftWithStyle(x, y, w, h, "F")
}

func (f *flow) bars(c report.Chart, top, bottom float64) error {
	const labelBand, axisBand = 26.0, 52.0
	axis := c.Axis()
	left, right := f.left+axisBand, f.right-8
	base := bottom - labelBand
	plotH := base - top - 12
	if err := f.font(8); err != nil {
		return err
	}
	f.ink(grey)
	if err := f.text(f.left, top-4, axis.Unit()); err != nil {
		return err
	}
	for k := 0; k <= axis.Ticks; k++ {
		v := axis.Step * int64(k)
		y := base - plotH*float64(k)/float64(axis.Ticks)
		f.line(left, y, right, y, 0.4, gridGrey)
		label := axis.Label(v)
		w, err := f.page.width(label)
		if err != nil {
			return err
		}
		if err := f.text(left-4-w, y-4, label); err != nil {
			return err
		}
	}
	f.line(left, base, right, base, 0.8, grey)
	if len(c.Values) == 0 {
		return f.centered(left, right, top+plotH/2, "本期无数据")
	}
	slot := (right - left) / float64(len(c.Values))
	barW := min(slot*0.6, 40)
	if slot < 45 {
		if err := f.font(7); err != nil {
			return err
		}
	}
	for i, v := range c.Values {
		h := plotH * float64(v) / float64(axis.Max())
		x := left + slot*float64(i) + (slot-barW)/2
		if h > 0 {
			f.fillRect(x, base-h, barW, h, fillOf(report.Color(i)))
		}
		f.ink(black)
		if err := f.centered(x-slot/2, x+barW+slot/2, base-h-9, c.Caption(i)); err != nil {
			return err
		}
		lines, err := f.wrap(c.Labels[i], slot-2)
		if err != nil {
			return err
		}
		for j, l := range lines[:min(len(lines), 2)] {
			if err := f.centered(x+barW/2-slot/2, x+barW/2+slot/2, base+4+float64(j)*10, l); err != nil {
				return err
			}
		}
	}
	return nil
}

func (f *flow) pie(c report.Chart, top, bottom float64) error {
	r := (bottom - top) / 2
	cx, cy := f.left+r+30, top+r
	if c.Total() == 0 {
		f.pdf.SetFillColor(0xee, 0xee, 0xee)
		f.pdf.Polygon(arc(cx, cy, r, 0, 2*math.Pi), "F")
		if err := f.font(10); err != nil {
			return err
		}
		f.ink(grey)
		if err := f.centered(cx-r, cx+r, cy-5, "本期无数据"); err != nil {
			return err
		}
	}
	for _, s := range report.PieSlices(c) {
		col := report.Color(s.Index)
		f.pdf.SetFillColor(col.R, col.G, col.B)
		f.pdf.Polygon(arc(cx, cy, r, s.Start, s.Sweep), "F")
	}
	if err := f.font(10); err != nil {
		return err
	}
	f.ink(black)
	// The legend: a swatch and the label, the value and share below it.
	shares := c.Shares()
	x := cx + r + 40
	y := cy - float64(len(c.Values))*32/2
	for i := range c.Values {
		f.fillRect(x, y+1, 10, 10, fillOf(report.Color(i)))
		f.ink(black)
		if err := f.text(x+16, y, c.Labels[i]); err != nil {
			return err
		}
		text := c.Value(i) + c.UnitLabel()
		if shares[i] != "" {
			text += "（" + shares[i] + "%）"
		}
		f.ink(grey)
		if err := f.text(x+16, y+13, text); err != nil {
			return err
		}
		y += 32
	}
	return nil
}

// arc is a pie sector (or the whole disc) as a polygon: the centre and
// points on the circle at most two degrees apart, clockwise from twelve
// o'clock.
func arc(cx, cy, r, start, sweep float64) []gopdf.Point {
	steps := max(2, int(math.Ceil(sweep/(2*math.Pi/180))))
	pts := make([]gopdf.Point, 0, steps+2)
	if sweep < 2*math.Pi-1e-9 {
		pts = append(pts, gopdf.Point{X: cx, Y: cy})
	}
	for k := 0; k <= steps; k++ {
		a := start + sweep*float64(k)/float64(steps)
		pts = append(pts, gopdf.Point{X: cx + r*math.Sin(a), Y: cy - r*math.Cos(a)})
	}
	return pts
}
