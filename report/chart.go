package report

import (
	"fmt"
	"strings"

	"firstset/money"
)

// RGB is a colour of a chart's series.
type RGB struct{ R, G, B uint8 }

// Hex is the colour as #rrggbb.
func (c RGB) Hex() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// Palette are the colours of a chart's bars and slices, in turn: muted
// enough for print, apart enough to tell in grey.
var Palette = []RGB{
	{0x2f, 0x5d, 0x9e}, {0xc0, 0x50, 0x3a}, {0xe0, 0xa3, 0x2e}, {0x4e, 0x9a, 0x6b},
	{0x7a, 0x5c, 0xa8}, {0x3f, 0x9f, 0xb5}, {0x9a, 0x6b, 0x3f}, {0xb5, 0x4f, 0x86},
}

// Color is the colour of the chart's i-th value.
func Color(i int) RGB { return Palette[i%len(Palette)] }

// Axis is the value axis of a bar chart: ticks from zero by Step up to
// Step×Ticks, the first round step that holds the largest value. Amounts
// are labelled in 万元, in 亿元 from 1亿元 and in 元 under 1万元, so a
// label keeps to a few digits.
type Axis struct {
	Step  int64
	Ticks int
	Per   int64  // values a unit of the labels: 1 for counts, else fen a 元, 万元 or 亿元
	Unit  string // 笔, 元, 万元 or 亿元
}

// Axis is the chart's value axis, about five ticks high.
func (c Chart) Axis() Axis {
	var top int64
	for _, v := range c.Values {
		top = max(top, v)
	}
	a := Axis{Step: 1, Ticks: 1, Per: 1, Unit: "笔"}
	if c.Unit == Yuan {
		switch {
		case top >= 10_000_000_000:
			a.Per, a.Unit = 10_000_000_000, "亿元"
		case top >= 1_000_000:
			a.Per, a.Unit = 1_000_000, "万元"
		default:
			a.Per, a.Unit = 100, "元"
		}
	}
	if top <= 0 {
		return a
	}
	raw := (top + 4) / 5
	for mag := int64(1); ; mag *= 10 {
		for _, m := range []int64{1, 2, 5} {
			if s := m * mag; s >= raw {
				a.Step = s
				a.Ticks = int((top + s - 1) / s)
				return a
			}
		}
		if mag > top { // unreachable: 10^k ≥ top ≥ raw by then
			a.Step, a.Ticks = top, 1
			return a
		}
	}
}

// Max is the value at the top of the axis.
func (a Axis) Max() int64 { return a.Step * int64(a.Ticks) }

// Label is the tick at value v in the axis' unit, with up to two
// decimals and its digits grouped.
func (a Axis) Label(v int64) string { return a.format(v, 2) }

// Caption is value v as printed over its bar: like Label, but whole
// units (rounded half up) from a thousand of them on, where decimals
// would only crowd the bars.
func (a Axis) Caption(v int64) string {
	if a.Per > 1 && v/a.Per >= 1000 {
		return a.format(v, 0)
	}
	return a.format(v, 2)
}

func (a Axis) format(v int64, frac int) string {
	s, _ := money.Decimal([]int64{v}, []int64{max(a.Per, 1)}, frac)
	whole, dec, _ := strings.Cut(s, ".")
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	if dec != "" {
		return whole + "." + dec
	}
	return whole
}

// Shares are each value's percentage of the chart's sum with two
// decimals, or "" each when the sum is zero.
func (c Chart) Shares() []string {
	var sum int64
	for _, v := range c.Values {
		sum = satAdd(sum, max(v, 0))
	}
	out := make([]string, len(c.Values))
	for i, v := range c.Values {
		out[i] = share(max(v, 0), sum)
	}
	return out
}

// Total is the sum of the chart's values.
func (c Chart) Total() int64 {
	var sum int64
	for _, v := range c.Values {
		sum = satAdd(sum, max(v, 0))
	}
	return sum
}
