package report

import (
	"math/bits"
	"strconv"
	"strings"

	"firstset/money"
)

// Kind says what a column's cells hold, so each output presents them in
// its own way (grouped digits on paper, numbers in Excel) from one text.
type Kind int

const (
	Text    Kind = iota
	Count        // an integer: "12"
	Yuan         // an amount in yuan with two decimals: "1234.56"
	Percent      // a percentage with two decimals, without the sign: "33.33"; empty when there is none
)

// Column is a table's header and what its cells hold.
type Column struct {
	Name string
	Kind Kind
}

// Table is a titled table of text cells in the canonical form of each
// column's Kind, with an optional totals row. The bulletin and the annual
// report lay out the same Tables on paper and in Excel.
type Table struct {
	Title   string
	Name    string // short, for an Excel sheet's tab
	Columns []Column
	Rows    [][]string
	Totals  []string // nil when the table has none
	Note    string   // printed under the table; may be empty
}

// ChartKind is how a chart draws its values.
type ChartKind string

const (
	Bar ChartKind = "bar"
	Pie ChartKind = "pie"
)

// Chart is a series of labelled values. Values of a Yuan chart are fen.
type Chart struct {
	Title  string
	Kind   ChartKind
	Labels []string
	Values []int64
	Unit   Kind // Count or Yuan
}

// Display is a cell as a reader sees it: amounts with grouped digits and
// percentages with their sign.
func Display(k Kind, cell string) string {
	switch k {
	case Yuan:
		if f, err := money.ParseYuan(cell); err == nil {
			return f.Grouped()
		}
	case Percent:
		if cell != "" {
			return cell + "%"
		}
	}
	return cell
}

// Value is a chart value as a reader sees it: fen as yuan, or a count.
func (c Chart) Value(i int) string {
	if c.Unit == Yuan {
		return money.Fen(c.Values[i]).Grouped()
	}
	return strconv.FormatInt(c.Values[i], 10)
}

// UnitLabel names the unit of the chart's values.
func (c Chart) UnitLabel() string {
	if c.Unit == Yuan {
		return "元"
	}
	return "笔"
}

func yuan(fen int64) string { return money.Fen(fen).String() }

func count(n int) string { return strconv.Itoa(n) }

// share is part/whole as a percentage with two decimals, rounded half up
// in exact integer arithmetic (part×10000 is kept in 128 bits), or "" when
// whole is not positive. Neither may be negative.
func share(part, whole int64) string {
	if whole <= 0 || part < 0 {
		return ""
	}
	hi, lo := bits.Mul64(uint64(part), 10000)
	if hi >= uint64(whole) { // the quotient would not fit in 64 bits
		return ""
	}
	q, r := bits.Div64(hi, lo, uint64(whole))
	if r >= uint64(whole)-r { // r ≥ whole/2: half up
		q++
	}
	var b strings.Builder
	b.WriteString(strconv.FormatUint(q/100, 10))
	b.WriteByte('.')
	b.WriteByte(byte('0' + q%100/10))
	b.WriteByte(byte('0' + q%10))
	return b.String()
}
