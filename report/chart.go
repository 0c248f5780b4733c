package report

import (
	"fmt"
	"strconv"

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
// Step×Ticks, the first round step that holds the largest value.
type Axis struct {
	Step  int64
	Ticks int
	Yuan  bool // label ticks in 万元
}

// Axis is the chart's value axis, about five ticks high.
func (c Chart) Axis() Axis {
	var top int64
	for _, v := range c.Values {
		top = max(top, v)
	}
	a := Axis{Step: 1, Ticks: 1, Yuan: c.Unit == Yuan}
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

// Label is the tick at value v: 万元 with up to two decimals, or a count.
func (a Axis) Label(v int64) string {
	if a.Yuan {
		s, _ := money.Decimal([]int64{v}, []int64{1_000_000}, 2)
		return s
	}
	return strconv.FormatInt(v, 10)
}

// Unit names the axis' unit.
func (a Axis) Unit() string {
	if a.Yuan {
		return "万元"
	}
	return "笔"
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

// Caption is the i-th value as printed over its bar: a count, or 万元
// with two decimals, whole 万元 (rounded half up) from ten million yuan
// on, where the decimals would only crowd the bars.
func (c Chart) Caption(i int) string {
	v := c.Values[i]
	if c.Unit != Yuan {
		return strconv.FormatInt(v, 10)
	}
	frac := 2
	if v >= 1_000_000_000 {
		frac = 0
	}
	s, _ := money.Decimal([]int64{v}, []int64{1_000_000}, frac)
	return s
}
