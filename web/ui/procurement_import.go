package ui

import (
	"bytes"
	"net/http"
	"strconv"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/sheet"
	"firstset/web/ui/forms"
)

type procurementImportPage struct {
	Result *firstset.ImportResult
	Errors forms.Errors
}

// handleProcurementImportForm shows the import form with the template.
func (s *Handler) handleProcurementImportForm(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckRecordProcurement(httpx.ActorOf(r))) {
		return
	}
	s.render(w, r, http.StatusOK, "procurement_import", "从 Excel 导入采购记录", procurementImportPage{})
}

// handleProcurementImport imports an uploaded workbook: every row or
// none, with every row's problems listed.
func (s *Handler) handleProcurementImport(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckRecordProcurement(httpx.ActorOf(r))) {
		return
	}
	buyerID, data, err := httpx.ReadWorkbookUpload(r)
	var res *firstset.ImportResult
	if err == nil {
		res, err = s.Procurements.ImportProcurements(r.Context(), buyerID, bytes.NewReader(data))
	}
	if err != nil {
		if forms.IsFormError(err) {
			s.render(w, r, http.StatusUnprocessableEntity, "procurement_import", "从 Excel 导入采购记录",
				procurementImportPage{Errors: forms.NewErrors(err, "file", "buyer_id")})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	if len(res.Problems) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "procurement_import", "从 Excel 导入采购记录", procurementImportPage{Result: res})
		return
	}
	s.redirectWithFlash(w, r, "/procurements", "已导入 "+strconv.Itoa(res.Stored)+" 条采购记录。")
}

// handleProcurementTemplate sends the import template.
func (s *Handler) handleProcurementTemplate(w http.ResponseWriter, r *http.Request) {
	sheet.ServeProcurementTemplate(s.Base, w, r)
}
