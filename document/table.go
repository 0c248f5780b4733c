package document

import (
	"fmt"

	"firstset/report"
)

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
