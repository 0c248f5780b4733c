package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

type procurementListPage struct {
	Items  []*firstset.Procurement
	Total  int
	Filter firstset.ProcurementFilter
	Query  string // the filters as a query string, for the pager
	// Record offers the buyer's forms (a purchase, an import, totals).
	Record bool
	Totals []*firstset.EquipmentTotal
	Posted caseForm
}

// handleProcurementList lists the purchases the viewer may see, with the
// buyer's own equipment totals and the forms to record more.
func (s *Handler) handleProcurementList(w http.ResponseWriter, r *http.Request) {
	s.renderProcurements(w, r, http.StatusOK, caseForm{})
}

func (s *Handler) renderProcurements(w http.ResponseWriter, r *http.Request, status int, posted caseForm) {
	if !s.requireLogin(w, r) {
		return
	}
	f, err := httpx.ProcurementQuery(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Procurements.FindProcurements(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	a := httpx.ActorOf(r)
	p := procurementListPage{Items: list, Total: total, Filter: f, Query: r.URL.RawQuery,
		Record: firstset.CanRecordProcurement(a) && a.Role() == firstset.RoleBuyer, Posted: posted}
	if p.Record {
		if p.Totals, err = s.Procurements.EquipmentTotals(r.Context(), 0); err != nil {
			s.ServeError(w, r, err)
			return
		}
	}
	s.render(w, r, status, "procurement_list", "首台（套）产品采购与应用", p)
}
