package report

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Sheet names of the workbook besides the tables' own.
const (
	SummarySheet = "通报"
	DetailSheet  = "采购明细"
)

// detailColumns are the detail sheet's headers and widths.
var detailColumns = []struct {
	name  string
	width float64
}{
	{"序号", 8}, {"合同日期", 12}, {"采购单位", 30}, {"单位类型", 16}, {"区县", 12}, {"项目名称", 30}, {"项目类型", 16},
	{"产品名称", 30}, {"生产企业", 30}, {"采购方式", 14}, {"合同金额（元）", 18}, {"使用情况", 14},
}

// amountColumn is the detail sheet's column of amounts (from 0).
const amountColumn = 10

// WriteXLSX writes the bulletin as a workbook: a sheet of the title and
// narrative, one sheet per table ending in its totals row (counts and
// amounts as numbers, amounts with two decimals), and a sheet of every
// purchase of detail inside the bulletin's period, with its total. The
// detail is streamed: excelize moves a sheet's rows to a temporary file
// past 16 MB of them, so the heap stays near 60 MB however many
// purchases there are (as measured at 50,000 and 150,000).
//
// detail should be the purchases Compose was given; when its count or
// sum in the period differs from the bulletin's (the records changed
// between the two reads), nothing is written and the error says so.
// Every sheet is complete before the first byte reaches w.
func WriteXLSX(w io.Writer, b *Bulletin, detail iter.Seq[Purchase]) error {
	x, err := NewWorkbook()
	if err != nil {
		return fmt.Errorf("bulletin workbook: %w", err)
	}
	defer x.Close()
	if err := x.Facts(SummarySheet, b.Title, b.facts()); err != nil {
		return fmt.Errorf("bulletin workbook, sheet %s: %w", SummarySheet, err)
	}
	for _, t := range b.Tables {
		if err := x.Table(t); err != nil {
			return fmt.Errorf("bulletin workbook, sheet %s: %w", t.Name, err)
		}
	}
	n, sum, err := x.Purchases(DetailSheet, b.Title+" 采购明细", b.Period, detail)
	if err != nil {
		return fmt.Errorf("bulletin workbook, sheet %s: %w", DetailSheet, err)
	}
	if n != b.Summary.Purchases || sum != b.Summary.AmountFen {
		return fmt.Errorf("bulletin workbook, sheet %s: %w: %d purchases of %s yuan, the bulletin has %d of %s",
			DetailSheet, errDetailChanged, n, yuan(sum), b.Summary.Purchases, yuan(b.Summary.AmountFen))
	}
	if err := x.Finish(w, b.Title); err != nil {
		return fmt.Errorf("bulletin workbook: %w", err)
	}
	return nil
}

// facts are the bulletin's summary sheet.
func (b *Bulletin) facts() []Fact {
	s := b.Summary
	return []Fact{
		{"统计期间", fmt.Sprintf("%s（%s至%s）", b.Period.Label(), b.Period.From.Chinese(), b.Period.To.Chinese()), Text},
		{"情况概述", b.Narrative, Text},
		{"采购笔数", count(s.Purchases), Count},
		{"采购金额（元）", yuan(s.AmountFen), Yuan},
		{"采购单位（家）", count(s.Buyers), Count},
		{"产品（个）", count(s.Products), Count},
		{"生产企业（家）", count(s.Enterprises), Count},
		{"区县（个）", count(s.Districts), Count},
	}
}

// Fact is a labelled value of a summary sheet, its text in the canonical
// form of its Kind (as a table's cells are).
type Fact struct {
	Label, Value string
	Kind         Kind
}

// Workbook is an Excel workbook written sheet after sheet, each streamed:
// the bulletin's, and the annual report's from the same tables.
type Workbook struct {
	f                            *excelize.File
	title, head, wrap, total     int
	amount, totalAmount, integer int
	percent, totalPercent, day   int
	sheets                       int
}

// NewWorkbook starts an empty workbook; Close discards it and its
// temporary files.
func NewWorkbook() (*Workbook, error) {
	x := &Workbook{f: excelize.NewFile()}
	head := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}}
	sum := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}
	twoDecimals, thousands := "#,##0.00", "#,##0"
	pct := "0.00"
	ymd := "yyyy-mm-dd"
	bold := &excelize.Font{Bold: true}
	styles := []struct {
		id *int
		s  excelize.Style
	}{
		{&x.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&x.head, excelize.Style{Font: bold, Fill: head, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&x.wrap, excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&x.total, excelize.Style{Font: bold, Fill: sum}},
		{&x.amount, excelize.Style{CustomNumFmt: &twoDecimals}},
		{&x.totalAmount, excelize.Style{Font: bold, Fill: sum, CustomNumFmt: &twoDecimals}},
		{&x.integer, excelize.Style{CustomNumFmt: &thousands}},
		{&x.percent, excelize.Style{CustomNumFmt: &pct}},
		{&x.totalPercent, excelize.Style{Font: bold, Fill: sum, CustomNumFmt: &pct}},
		{&x.day, excelize.Style{CustomNumFmt: &ymd}},
	}
	for _, st := range styles {
		id, err := x.f.NewStyle(&st.s)
		if err != nil {
			x.f.Close()
			return nil, err
		}
		*st.id = id
	}
	return x, nil
}

// sheet names the next sheet (the file's first is renamed) and starts
// its stream.
func (x *Workbook) sheet(name string) (*excelize.StreamWriter, error) {
	if x.sheets == 0 {
		if err := x.f.SetSheetName(x.f.GetSheetName(0), name); err != nil {
			return nil, err
		}
	} else if _, err := x.f.NewSheet(name); err != nil {
		return nil, err
	}
	x.sheets++
	return x.f.NewStreamWriter(name)
}

// Facts writes a sheet of a title and labelled values, one a row; long
// text wraps.
func (x *Workbook) Facts(name, title string, facts []Fact) error {
	sw, err := x.sheet(name)
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 1, 16); err != nil {
		return err
	}
	if err := sw.SetColWidth(2, 2, 100); err != nil {
		return err
	}
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: x.title, Value: title}}, excelize.RowOpts{Height: 22}); err != nil {
		return err
	}
	for i, fa := range facts {
		cells, err := x.cells([]Column{{Kind: Text}, {Kind: fa.Kind}}, []string{fa.Label, fa.Value}, false)
		if err != nil {
			return fmt.Errorf("%s: %w", fa.Label, err)
		}
		var opts []excelize.RowOpts
		if lines := utf8.RuneCountInString(fa.Value)/50 + 1; fa.Kind == Text && lines > 1 {
			cells[1] = excelize.Cell{StyleID: x.wrap, Value: fa.Value}
			opts = append(opts, excelize.RowOpts{Height: 15 * float64(lines)})
		}
		if err := sw.SetRow("A"+strconv.Itoa(i+2), cells, opts...); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// Table writes a table as a sheet named t.Name: its title, the header
// frozen with it, the rows, the totals row and the note.
func (x *Workbook) Table(t Table) error {
	sw, err := x.sheet(t.Name)
	if err != nil {
		return err
	}
	for i, c := range t.Columns {
		width := 14.0
		if c.Kind == Text {
			width = 28
		} else if c.Kind == Yuan {
			width = 20
		}
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 2, ActivePane: "bottomLeft", TopLeftCell: "A3"}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: x.title, Value: t.Title}}, excelize.RowOpts{Height: 22}); err != nil {
		return err
	}
	header := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = excelize.Cell{StyleID: x.head, Value: c.Name}
	}
	row := 2
	put := func(cells []any) error {
		err := sw.SetRow("A"+strconv.Itoa(row), cells)
		row++
		return err
	}
	if err := put(header); err != nil {
		return err
	}
	for _, r := range t.Rows {
		cells, err := x.cells(t.Columns, r, false)
		if err != nil {
			return err
		}
		if err := put(cells); err != nil {
			return err
		}
	}
	if t.Totals != nil {
		cells, err := x.cells(t.Columns, t.Totals, true)
		if err != nil {
			return err
		}
		if err := put(cells); err != nil {
			return err
		}
	}
	if t.Note != "" {
		row++
		if err := put([]any{t.Note}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// cells turns a row's canonical text into Excel values: numbers where the
// column holds them. A count cell that is not a number (the totals row's
// "12 家") stays text.
func (x *Workbook) cells(cols []Column, row []string, total bool) ([]any, error) {
	if len(row) != len(cols) {
		return nil, fmt.Errorf("a row of %d cells in a table of %d columns", len(row), len(cols))
	}
	out := make([]any, len(row))
	for i, s := range row {
		style, v := 0, any(s)
		switch cols[i].Kind {
		case Count:
			if n, err := strconv.ParseInt(s, 10, 64); err == nil {
				style, v = x.integer, n
			}
		case Yuan:
			if s != "" {
				f, err := strconv.ParseFloat(s, 64)
				if err != nil {
					return nil, fmt.Errorf("amount %q: %w", s, err)
				}
				style, v = x.amount, f
				if total {
					style = x.totalAmount
				}
			}
		case Percent:
			if s != "" {
				f, err := strconv.ParseFloat(s, 64)
				if err != nil {
					return nil, fmt.Errorf("percentage %q: %w", s, err)
				}
				style, v = x.percent, f
				if total {
					style = x.totalPercent
				}
			}
		}
		if total && (style == 0 || style == x.integer) {
			style = x.total
		}
		out[i] = excelize.Cell{StyleID: style, Value: v}
	}
	return out, nil
}

// fenNumber is an amount as the number of yuan an Excel cell holds; the
// nearest double to a two-decimal amount prints back as that amount.
func fenNumber(fen int64) float64 {
	f, _ := strconv.ParseFloat(yuan(fen), 64)
	return f
}

var errDetailChanged = errors.New("the purchases differ from those the bulletin was composed from (they changed between the two reads)")

// Purchases writes a sheet of every purchase of detail inside p, in the
// order given, then their total; it returns their count and sum.
func (x *Workbook) Purchases(name, title string, p Period, detail iter.Seq[Purchase]) (n int, sumFen int64, err error) {
	sw, err := x.sheet(name)
	if err != nil {
		return 0, 0, err
	}
	for i, c := range detailColumns {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return 0, 0, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 2, ActivePane: "bottomLeft", TopLeftCell: "A3"}); err != nil {
		return 0, 0, err
	}
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: x.title, Value: title}}, excelize.RowOpts{Height: 22}); err != nil {
		return 0, 0, err
	}
	header := make([]any, len(detailColumns))
	for i, c := range detailColumns {
		header[i] = excelize.Cell{StyleID: x.head, Value: c.name}
	}
	if err := sw.SetRow("A2", header); err != nil {
		return 0, 0, err
	}
	cells := make([]any, len(detailColumns))
	for pu := range detail {
		if !p.Contains(pu.ContractDate) {
			continue
		}
		if pu.AmountFen < 0 || pu.AmountFen > math.MaxInt64-sumFen {
			return 0, 0, fmt.Errorf("purchase of product %d by buyer %d on %s: the amount is negative or the sum overflows", pu.ProductID, pu.BuyerID, pu.ContractDate)
		}
		n++
		sumFen += pu.AmountFen
		y, m, d := pu.ContractDate.Parts()
		cells[0] = n
		cells[1] = excelize.Cell{StyleID: x.day, Value: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
		cells[2] = pu.BuyerName
		cells[3] = LabelOf(BuyerKinds, pu.BuyerKind)
		cells[4] = pu.DistrictName
		cells[5] = pu.ProjectName
		cells[6] = LabelOf(ProjectKinds, pu.ProjectKind)
		cells[7] = pu.ProductName
		cells[8] = pu.EnterpriseName
		cells[9] = LabelOf(Methods, pu.Method)
		cells[amountColumn] = excelize.Cell{StyleID: x.amount, Value: fenNumber(pu.AmountFen)}
		cells[11] = pu.UseStatus
		if err := sw.SetRow("A"+strconv.Itoa(n+2), cells); err != nil {
			return 0, 0, err
		}
	}
	totals := make([]any, len(detailColumns))
	for i := range totals {
		totals[i] = excelize.Cell{StyleID: x.total}
	}
	totals[0] = excelize.Cell{StyleID: x.total, Value: "合计"}
	totals[2] = excelize.Cell{StyleID: x.total, Value: fmt.Sprintf("%d 笔", n)}
	totals[amountColumn] = excelize.Cell{StyleID: x.totalAmount, Value: fenNumber(sumFen)}
	if err := sw.SetRow("A"+strconv.Itoa(n+3), totals); err != nil {
		return 0, 0, err
	}
	return n, sumFen, sw.Flush()
}

// Finish writes the workbook to w as it is zipped, the first sheet
// active and title in its properties. Every sheet was complete before,
// so an error before this leaves w untouched.
func (x *Workbook) Finish(w io.Writer, title string) error {
	x.f.SetActiveSheet(0)
	if err := x.f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "firstset"}); err != nil {
		return err
	}
	// The workbook's own buffer stays empty: its parts go to w.
	x.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
	if _, err := x.f.WriteToBuffer(); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// Close discards the workbook's temporary files.
func (x *Workbook) Close() error { return x.f.Close() }
