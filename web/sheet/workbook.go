package sheet

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// MediaType is the media type of an Excel workbook.
const MediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// Column is one column of an exported sheet: its header and its width
// in Excel's character units.
type Column struct {
	Header string
	Width  float64
}

// Writer writes the one worksheet of an export as a stream: a title
// across every column (when there is one), a bold header row frozen with
// it, then a row per record. Every export of the platform has this shape.
type Writer struct {
	file  *excelize.File
	sw    *excelize.StreamWriter
	row   int // the next row to write
	title int // style of the title
	head  int // style of the header row and of notes
	wrap  int // style of cells whose text wraps
}

// NewWriter starts a workbook whose only sheet is name. Column widths
// and panes must come before the first row of a stream, so they are set
// here.
func NewWriter(name, title string, cols []Column) (_ *Writer, err error) {
	f := excelize.NewFile()
	defer func() {
		if err != nil {
			f.Close()
		}
	}()
	if err := f.SetSheetName(f.GetSheetName(0), name); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	w := &Writer{file: f, sw: sw, row: 1}
	if w.title, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}); err != nil {
		return nil, err
	}
	if w.head, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
	}); err != nil {
		return nil, err
	}
	if w.wrap, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}); err != nil {
		return nil, err
	}
	for i, col := range cols {
		if err := sw.SetColWidth(i+1, i+1, col.Width); err != nil {
			return nil, err
		}
	}
	frozen := 1
	if title != "" {
		frozen = 2
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: frozen, ActivePane: "bottomLeft",
		TopLeftCell: "A" + strconv.Itoa(frozen+1)}); err != nil {
		return nil, err
	}
	if title != "" {
		if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: w.title, Value: title}}, excelize.RowOpts{Height: 24}); err != nil {
			return nil, err
		}
		last, err := excelize.ColumnNumberToName(len(cols))
		if err != nil {
			return nil, err
		}
		if err := sw.MergeCell("A1", last+"1"); err != nil {
			return nil, err
		}
		w.row = 2
	}
	header := make([]any, len(cols))
	for i, col := range cols {
		header[i] = excelize.Cell{StyleID: w.head, Value: col.Header}
	}
	if err := w.Add(header...); err != nil {
		return nil, err
	}
	return w, nil
}

// wrapped is a cell whose text wraps within its column.
func (w *Writer) Wrapped(text string) excelize.Cell {
	return excelize.Cell{StyleID: w.wrap, Value: text}
}

// add writes the next row. Strings are written as text, which Excel never
// evaluates as a formula.
func (w *Writer) Add(cells ...any) error {
	cell, err := excelize.CoordinatesToCellName(1, w.row)
	if err != nil {
		return err
	}
	w.row++
	return w.sw.SetRow(cell, cells)
}

// note writes a line in bold after an empty row, such as what was left out.
func (w *Writer) Note(text string) error {
	w.row++
	return w.Add(excelize.Cell{StyleID: w.head, Value: text})
}

// finish ends the sheet and returns the whole workbook. It is built in
// memory first so that a failure is a clean error answer rather than a
// truncated download.
func (w *Writer) Finish() (*bytes.Buffer, error) {
	defer w.file.Close()
	if err := w.sw.Flush(); err != nil {
		return nil, err
	}
	return w.file.WriteToBuffer()
}

// Stream ends the sheet and writes the workbook to dst as it is zipped,
// without building it in memory first: the sheet's rows wait in the
// stream writer's temporary file (past a few megabytes), not in memory.
func (w *Writer) Stream(dst io.Writer) error {
	defer w.file.Close()
	if err := w.sw.Flush(); err != nil {
		return err
	}
	// The workbook's own buffer stays empty: its parts go to dst.
	w.file.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(dst) })
	_, err := w.file.WriteToBuffer()
	return err
}

// Close discards a workbook that will not be finished, and its
// temporary file.
func (w *Writer) Close() error { return w.file.Close() }

// Send answers with a workbook as a download named after what it
// holds (ascii for old clients, chinese for the rest) and when.
func Send(w http.ResponseWriter, body *bytes.Buffer, ascii, chinese string, at time.Time) {
	setDownloadHeaders(w, ascii, chinese, at)
	w.Header().Set("Content-Length", strconv.Itoa(body.Len()))
	w.WriteHeader(http.StatusOK)
	_, _ = body.WriteTo(w)
}

// setDownloadHeaders sets the headers of a workbook download but its
// length, which a streamed one does not know when it starts.
func setDownloadHeaders(w http.ResponseWriter, ascii, chinese string, at time.Time) {
	stamp := at.Format("20060102-1504")
	h := w.Header()
	h.Set("Content-Type", MediaType)
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-%s.xlsx"; filename*=UTF-8''%s`,
		ascii, stamp, url.PathEscape(chinese+"-"+stamp+".xlsx")))
	h.Set("Cache-Control", "no-store") // what a caller may see depends on who they are
}
