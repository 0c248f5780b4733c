package sheet

import (
	"fmt"
	"net/http"
	"time"

	"firstset"
	"firstset/date"
	"firstset/web/httpx"
)

// ProcurementTemplate is the purchases' import template: a title, the
// headings the import reads, a line saying what each column takes, and one
// example row to overwrite.
func ProcurementTemplate() (*Writer, error) {
	cols := make([]Column, len(firstset.ProcurementImportColumns))
	for i, c := range firstset.ProcurementImportColumns {
		h := c.Heading
		if c.Required {
			h += "*"
		}
		cols[i] = Column{Header: h, Width: 22}
	}
	w, err := NewWriter("采购记录", "首台（套）产品采购与使用情况导入模板（带*为必填；请从第4行起逐行填写，每行一笔合同）", cols)
	if err != nil {
		return nil, err
	}
	hints := make([]any, len(cols))
	for i, c := range firstset.ProcurementImportColumns {
		hints[i] = w.Wrapped(c.Hint)
	}
	if err := w.Add(hints...); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

// ServeProcurementTemplate sends the import template, for the page and
// the API alike.
func ServeProcurementTemplate(s *httpx.Base, w http.ResponseWriter, r *http.Request) {
	ws, err := ProcurementTemplate()
	if err != nil {
		s.ServeError(w, r, fmt.Errorf("build procurement template: %w", err))
		return
	}
	body, err := ws.Finish()
	if err != nil {
		s.ServeError(w, r, fmt.Errorf("build procurement template: %w", err))
		return
	}
	Send(w, body, "procurement-import-template", "采购记录导入模板", time.Now().In(date.Shanghai))
}
