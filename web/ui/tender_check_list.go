package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

type tenderCheckListPage struct {
	Checks []*firstset.TenderCheck
	Total  int
	// Save is set for a buyer: its purchases to keep a check with.
	Save      bool
	Purchases []*firstset.Procurement
	Posted    caseForm
}

// handleTenderCheckList lists the saved checks the viewer may see; a buyer
// also checks and saves a document here.
func (s *Handler) handleTenderCheckList(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckListTenderChecks(httpx.ActorOf(r))) {
		return
	}
	s.renderTenderChecks(w, r, http.StatusOK, caseForm{})
}

func (s *Handler) renderTenderChecks(w http.ResponseWriter, r *http.Request, status int, posted caseForm) {
	q := httpx.NewQueryReader(r)
	page, per := q.Page(20)
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.TenderChecks.FindTenderChecks(r.Context(), firstset.TenderCheckFilter{Offset: (page - 1) * per, Limit: per})
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	p := tenderCheckListPage{Checks: list, Total: total, Posted: posted, Save: firstset.CanSaveTenderCheck(httpx.ActorOf(r))}
	if p.Save {
		if p.Purchases, _, err = s.Procurements.FindProcurements(r.Context(), firstset.ProcurementFilter{Limit: 500}); err != nil {
			s.ServeError(w, r, err)
			return
		}
	}
	s.render(w, r, status, "tender_check_list", "招标文件检查记录", p)
}
