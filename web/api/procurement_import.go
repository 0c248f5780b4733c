package api

import (
	"bytes"
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiProcurementImport stores the purchases of an uploaded workbook made
// from the template: all of them (201), or none and every row's problems
// (422 with the problems as the answer).
func (s *Handler) apiProcurementImport(w http.ResponseWriter, r *http.Request) {
	// Who may import is known before the upload is read.
	a := httpx.ActorOf(r)
	if err := firstset.CheckRecordProcurement(a); err != nil {
		s.ServeError(w, r, err)
		return
	}
	if err := a.RequireScope(firstset.ScopeMarketWrite); err != nil {
		s.ServeError(w, r, err)
		return
	}
	buyerID, data, err := httpx.ReadWorkbookUpload(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	res, err := s.Procurements.ImportProcurements(r.Context(), buyerID, bytes.NewReader(data))
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if len(res.Problems) > 0 {
		s.WriteJSON(w, r, http.StatusUnprocessableEntity, res)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, res)
}
