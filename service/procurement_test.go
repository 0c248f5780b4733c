package service_test

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"firstset"
	"firstset/dbtest"
)

// importWorkbook is a workbook laid out as the template (a title row,
// the headings, the hints) with n purchases of productID.
func importWorkbook(tb testing.TB, n int, productID int64, contract string) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	heads, hints := []any{}, []any{}
	for _, c := range firstset.ProcurementImportColumns {
		heads, hints = append(heads, c.Heading), append(hints, c.Hint)
	}
	sw.SetRow("A1", []any{"导入模板"})
	sw.SetRow("A2", heads)
	sw.SetRow("A3", hints)
	for i := range n {
		row := []any{productID, "项目" + strconv.Itoa(i), "重点建设工程", contract, strconv.Itoa(10000+i) + ".00", "公开招标", "", "", "", "投入使用", ""}
		if err := sw.SetRow("A"+strconv.Itoa(4+i), row); err != nil {
			tb.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// TestImportAllOrNothing: a workbook with one bad row stores nothing and
// names the row; the same workbook corrected stores every row.
func TestImportAllOrNothing(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		w := newIncentiveWorld(t, store)
		good := importWorkbook(t, 50, w.product.ID, "2026-07-01")
		bad := importWorkbook(t, 50, w.product.ID, "2026-07-01")
		f, _ := excelize.OpenReader(bytes.NewReader(bad))
		f.SetCellValue("Sheet1", "D30", "2026-02-30")
		var buf bytes.Buffer
		f.Write(&buf)
		res, err := w.svc.ImportProcurements(w.buyer, 0, bytes.NewReader(buf.Bytes()))
		if err != nil || res.Stored != 0 || len(res.Problems) != 1 || res.Problems[0].Row != 30 || res.Problems[0].Field != "contract_date" {
			t.Fatalf("bad import: %+v %v", res, err)
		}
		if _, n, _ := w.svc.FindProcurements(w.buyer, firstset.ProcurementFilter{}); n != 0 {
			t.Fatalf("a refused import stored %d", n)
		}
		res, err = w.svc.ImportProcurements(w.buyer, 0, bytes.NewReader(good))
		if err != nil || res.Stored != 50 {
			t.Fatalf("import: %+v %v", res, err)
		}
		if _, n, _ := w.svc.FindProcurements(w.buyer, firstset.ProcurementFilter{}); n != 50 {
			t.Fatalf("stored %d", n)
		}
		if _, err := w.svc.ImportProcurements(w.ent, 0, bytes.NewReader(good)); firstset.ErrorCode(err) != firstset.EFORBIDDEN {
			t.Errorf("an enterprise imported purchases: %v", err)
		}
	})
}

// BenchmarkImport10k imports a workbook of 10,000 purchases: read, every
// row checked, all stored in one transaction.
func BenchmarkImport10k(b *testing.B) {
	for _, db := range []struct {
		name string
		open func(testing.TB) firstset.Store
	}{{"sqlite", dbtest.SQLite}, {"postgres", dbtest.Postgres}} {
		b.Run(db.name, func(b *testing.B) {
			w := newIncentiveWorld(b, db.open(b))
			w.at("2026-08-01")
			data := importWorkbook(b, 10_000, w.product.ID, "2026-07-01")
			b.ResetTimer()
			for b.Loop() {
				res, err := w.svc.ImportProcurements(w.buyer, 0, bytes.NewReader(data))
				if err != nil || res.Stored != 10_000 {
					b.Fatalf("%+v %v", res, err)
				}
			}
			b.ReportMetric(float64(len(data))/(1<<10), "file-KiB")
		})
	}
}
