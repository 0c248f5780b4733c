// Package spreadsheet reads the rows of an uploaded Excel workbook
// (.xlsx) within limits, for the imports the platform takes from files
// people fill in from its templates.
package spreadsheet

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// ErrNotWorkbook is a file that is not an .xlsx workbook.
var ErrNotWorkbook = errors.New("文件不是有效的 Excel 工作簿（.xlsx），请使用平台提供的模板")

// TooManyRowsError is a sheet longer than the import allows.
type TooManyRowsError struct{ Max int }

func (e *TooManyRowsError) Error() string {
	return fmt.Sprintf("工作表超过 %d 行，请分批导入", e.Max)
}

// Rows reads the first sheet's rows as text, trimmed, at most maxRows
// (the heading row included); cells are read as Excel formats them, so a
// date typed into a date cell reads as that cell shows it. Rows with no
// text are dropped from the end only, so row numbers stay Excel's.
func Rows(r io.Reader, maxRows int) ([][]string, error) {
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: 256 << 20, UnzipXMLSizeLimit: 64 << 20})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotWorkbook, err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, ErrNotWorkbook
	}
	it, err := f.Rows(sheets[0])
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotWorkbook, err)
	}
	defer it.Close()
	var rows [][]string
	for it.Next() {
		if len(rows) >= maxRows {
			return nil, &TooManyRowsError{Max: maxRows - 1}
		}
		cols, err := it.Columns()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNotWorkbook, err)
		}
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
		}
		rows = append(rows, cols)
	}
	if err := it.Error(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotWorkbook, err)
	}
	for len(rows) > 0 && blank(rows[len(rows)-1]) {
		rows = rows[:len(rows)-1]
	}
	return rows, nil
}

func blank(row []string) bool {
	for _, c := range row {
		if c != "" {
			return false
		}
	}
	return true
}
