package report

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"math"
	"unicode/utf8"
)

// FontFamily is the font list of the SVG charts: the common Chinese sans
// fonts of Windows, macOS and Linux desktops, then the Song font the PDFs
// embed, then any sans font. Nothing is fetched: the viewer's own fonts
// draw the text.
const FontFamily = `'Microsoft YaHei','PingFang SC','Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei','AR PL SungtiL GB',SimSun,sans-serif`

// The SVG canvas, in pixels.
const (
	svgWidth  = 640.0
	svgHeight = 360.0
)

// ChartSVG is the bulletin's i-th chart as SVG.
func (b *Bulletin) ChartSVG(i int) ([]byte, error) {
	if i < 0 || i >= len(b.Charts) {
		return nil, fmt.Errorf("chart %d: the bulletin has %d", i, len(b.Charts))
	}
	return SVG(b.Charts[i])
}

// SVG draws a bar or pie chart as a standalone SVG document, with its
// title and labels as text (so they can be found and read) in FontFamily.
func SVG(c Chart) ([]byte, error) {
	if len(c.Labels) != len(c.Values) {
		return nil, fmt.Errorf("chart %q: %d labels for %d values", c.Title, len(c.Labels), len(c.Values))
	}
	for _, v := range c.Values {
		if v < 0 {
			return nil, fmt.Errorf("chart %q: a negative value", c.Title)
		}
	}
	var s svgWriter
	fmt.Fprintf(&s.b, `<svg xmlns="http://www.w3.org/2000/svg" width="%g" height="%g" viewBox="0 0 %g %g" font-family="%s">`+"\n",
		svgWidth, svgHeight, svgWidth, svgHeight, FontFamily) // a constant without " < &
	fmt.Fprintf(&s.b, "<title>%s</title>\n", html.EscapeString(c.Title))
	s.rect(0, 0, svgWidth, svgHeight, "#ffffff")
	s.text(svgWidth/2, 28, 16, "middle", "#1a1a1a", c.Title)
	switch c.Kind {
	case Bar:
		s.bars(c)
	case Pie:
		s.pie(c)
	default:
		return nil, errors.New("chart " + c.Title + ": unknown kind " + string(c.Kind))
	}
	s.b.WriteString("</svg>\n")
	return s.b.Bytes(), nil
}

type svgWriter struct{ b bytes.Buffer }

func (s *svgWriter) rect(x, y, w, h float64, fill string) {
	fmt.Fprintf(&s.b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`+"\n", x, y, w, h, fill)
}

func (s *svgWriter) line(x1, y1, x2, y2 float64, stroke string) {
	fmt.Fprintf(&s.b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="1"/>`+"\n", x1, y1, x2, y2, stroke)
}

func (s *svgWriter) text(x, y, size float64, anchor, fill, t string) {
	fmt.Fprintf(&s.b, `<text x="%.1f" y="%.1f" font-size="%g" text-anchor="%s" fill="%s">%s</text>`+"\n", x, y, size, anchor, fill, html.EscapeString(t))
}

// TextWidth estimates the width of s at size: a Chinese character is an
// em, other characters a little over half. A renderer with the font at
// hand measures instead.
func TextWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		if r < utf8.RuneSelf {
			w += 0.55
		} else {
			w += 1
		}
	}
	return w * size
}

func (s *svgWriter) bars(c Chart) {
	const left, right, top, bottom = 72.0, 24.0, 56.0, 64.0
	axis := c.Axis()
	plotW, plotH := svgWidth-left-right, svgHeight-top-bottom
	base := top + plotH
	s.text(left-8, top-12, 11, "end", "#555555", axis.Unit)
	for k := 0; k <= axis.Ticks; k++ {
		v := axis.Step * int64(k)
		y := base - plotH*float64(k)/float64(axis.Ticks)
		s.line(left, y, left+plotW, y, "#dddddd")
		s.text(left-6, y+4, 11, "end", "#555555", axis.Label(v))
	}
	s.line(left, base, left+plotW, base, "#555555")
	n := len(c.Values)
	if n == 0 {
		s.text(left+plotW/2, top+plotH/2, 14, "middle", "#555555", "本期无数据")
		return
	}
	slot := plotW / float64(n)
	barW := min(slot*0.6, 56)
	// Labels too wide for their slot are turned, so none overlaps.
	turn := false
	for _, l := range c.Labels {
		if TextWidth(l, 11) > slot-4 {
			turn = true
		}
	}
	for i, v := range c.Values {
		h := plotH * float64(v) / float64(axis.Max())
		x := left + slot*float64(i) + (slot-barW)/2
		s.rect(x, base-h, barW, h, Color(i).Hex())
		cx := x + barW/2
		s.text(cx, base-h-4, 10, "middle", "#1a1a1a", axis.Caption(v))
		if turn {
			fmt.Fprintf(&s.b, `<text x="%.1f" y="%.1f" font-size="11" text-anchor="end" fill="#1a1a1a" transform="rotate(-35 %.1f %.1f)">%s</text>`+"\n",
				cx, base+14, cx, base+14, html.EscapeString(c.Labels[i]))
		} else {
			s.text(cx, base+16, 11, "middle", "#1a1a1a", c.Labels[i])
		}
	}
}

func (s *svgWriter) pie(c Chart) {
	const cx, cy, r = 180.0, 196.0, 120.0
	total := c.Total()
	if total == 0 {
		fmt.Fprintf(&s.b, `<circle cx="%g" cy="%g" r="%g" fill="#eeeeee"/>`+"\n", cx, cy, r)
		s.text(cx, cy+5, 14, "middle", "#555555", "本期无数据")
	} else {
		for _, sl := range PieSlices(c) {
			fill := Color(sl.Index).Hex()
			if sl.Sweep >= 2*math.Pi-1e-9 {
				fmt.Fprintf(&s.b, `<circle cx="%g" cy="%g" r="%g" fill="%s"/>`+"\n", cx, cy, r, fill)
				continue
			}
			x1, y1 := cx+r*math.Sin(sl.Start), cy-r*math.Cos(sl.Start)
			x2, y2 := cx+r*math.Sin(sl.Start+sl.Sweep), cy-r*math.Cos(sl.Start+sl.Sweep)
			large := 0
			if sl.Sweep > math.Pi {
				large = 1
			}
			fmt.Fprintf(&s.b, `<path d="M%.2f %.2f L%.2f %.2f A%g %g 0 %d 1 %.2f %.2f Z" fill="%s" stroke="#ffffff" stroke-width="1"/>`+"\n",
				cx, cy, x1, y1, r, r, large, x2, y2, fill)
		}
	}
	// The legend: a swatch, the label, the value and its share.
	shares := c.Shares()
	y := cy - float64(len(c.Values))*26/2
	for i := range c.Values {
		s.rect(336, y+13, 14, 14, Color(i).Hex())
		pct := shares[i]
		if pct != "" {
			pct = "（" + pct + "%）"
		}
		s.text(358, y+25, 13, "start", "#1a1a1a", c.Labels[i]+" "+c.Value(i)+c.UnitLabel()+pct)
		y += 26
	}
}

// Slice is one value's sector of a pie, in radians clockwise from twelve
// o'clock.
type Slice struct {
	Index        int
	Start, Sweep float64
}

// PieSlices are the sectors of the chart's non-zero values.
func PieSlices(c Chart) []Slice {
	total := c.Total()
	if total == 0 {
		return nil
	}
	var out []Slice
	at := 0.0
	for i, v := range c.Values {
		if v <= 0 {
			continue
		}
		sweep := 2 * math.Pi * float64(v) / float64(total)
		out = append(out, Slice{Index: i, Start: at, Sweep: sweep})
		at += sweep
	}
	return out
}
