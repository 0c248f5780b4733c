package document

import (
	"fmt"
	"math"

	"github.com/signintech/gopdf"

	"firstset/report"
)

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
	if err := f.text(f.left, top-4, axis.Unit); err != nil {
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
		if err := f.centered(x-slot/2, x+barW+slot/2, base-h-9, axis.Caption(v)); err != nil {
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
