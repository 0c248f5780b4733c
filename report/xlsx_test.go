package report_test

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"firstset/money"
	"firstset/report"
	"firstset/report/reporttest"
)

func TestWriteXLSX(t *testing.T) {
	p := report.MustPeriod("2026Q3")
	purchases := reporttest.Purchases(3000, 60, 200, p)
	totals := reporttest.Totals(purchases, p)
	b, err := report.Compose(p, slices.Values(purchases), totals, report.ExemptionCount{Requested: 3, Granted: 2})
	if err != nil {
		t.Fatal(err)
	}
	// What the workbook must show, summed here from the input.
	var n int
	var sum int64
	for _, pu := range purchases {
		if p.Contains(pu.ContractDate) {
			n++
			sum += pu.AmountFen
		}
	}
	if n == len(purchases) || n == 0 {
		t.Fatalf("the sample has %d of %d purchases in the period", n, len(purchases))
	}

	var buf bytes.Buffer
	if err := report.WriteXLSX(&buf, b, slices.Values(purchases)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{report.SummarySheet}
	for _, tb := range b.Tables {
		want = append(want, tb.Name)
	}
	want = append(want, report.DetailSheet)
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}

	// Every table's last row is its totals row, its amounts as numbers.
	yuan := money.Fen(sum).String()
	for _, tb := range b.Tables {
		rows, err := f.GetRows(tb.Name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if rows[0][0] != tb.Title || rows[1][0] != tb.Columns[0].Name {
			t.Errorf("%s: title and header %q %q", tb.Name, rows[0], rows[1])
		}
		if tb.Totals == nil {
			continue
		}
		last := len(tb.Rows) + 2 // the totals row, from 0
		if rows[last][0] != "合计" {
			t.Errorf("%s: row %d is %q, not the totals", tb.Name, last+1, rows[last])
			continue
		}
		for c, col := range tb.Columns {
			if col.Kind != report.Yuan || !strings.HasPrefix(col.Name, "采购金额") && !strings.HasPrefix(col.Name, "首台") {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(c+1, last+1)
			if typ, _ := f.GetCellType(tb.Name, cell); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
				t.Errorf("%s!%s is of type %v, not a number", tb.Name, cell, typ)
			}
			if got := rows[last][c]; got != strings.TrimRight(strings.TrimRight(yuan, "0"), ".") {
				t.Errorf("%s!%s total %s, want %s", tb.Name, cell, got, yuan)
			}
			if shown, _ := f.GetCellValue(tb.Name, cell); shown != money.Fen(sum).Grouped() {
				t.Errorf("%s!%s shows %s, want %s", tb.Name, cell, shown, money.Fen(sum).Grouped())
			}
		}
	}

	// The detail: a row per purchase of the period, then their total.
	rows, err := f.GetRows(report.DetailSheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != n+3 {
		t.Fatalf("the detail has %d rows, want %d purchases and a title, a header and a total", len(rows), n)
	}
	var detail int64
	for _, r := range rows[2 : n+2] {
		f, err := money.ParseYuan(twoDecimals(r[10]))
		if err != nil {
			t.Fatal(err)
		}
		detail += int64(f)
	}
	total := rows[n+2]
	if detail != sum || total[0] != "合计" || total[2] != strconv.Itoa(n)+" 笔" || twoDecimals(total[10]) != yuan {
		t.Errorf("the detail sums to %d and its total row is %q; want %s yuan", detail, total, yuan)
	}
	if got, _ := f.GetCellValue(report.DetailSheet, "B3"); len(got) != 10 || !strings.HasPrefix(got, "2026-0") {
		t.Errorf("the first contract date shows as %q", got)
	}
	summary, _ := f.GetCellValue(report.SummarySheet, "B3")
	if summary != b.Narrative {
		t.Errorf("the summary sheet's narrative: %q", summary)
	}

	// A second read that differs is refused rather than written.
	buf.Reset()
	err = report.WriteXLSX(&buf, b, slices.Values(purchases[1:]))
	if err == nil || !strings.Contains(err.Error(), "changed between the two reads") || buf.Len() != 0 {
		t.Errorf("a changed detail: %v, %d bytes written", err, buf.Len())
	}
}

// twoDecimals writes a raw number as yuan with two decimals: "12.5" is
// "12.50".
func twoDecimals(raw string) string {
	whole, frac, _ := strings.Cut(raw, ".")
	return whole + "." + (frac + "00")[:2]
}
