package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

type consultationListPage struct {
	Marks         []*firstset.DualUseMark
	Consultations []*firstset.Consultation
	Manage        bool
	Posted        caseForm
}

// handleConsultationList shows the dual-use products and the meetings on
// them; reviewers mark products and record meetings here.
func (s *Handler) handleConsultationList(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckReadConsultations(httpx.ActorOf(r))) {
		return
	}
	s.renderConsultations(w, r, http.StatusOK, caseForm{})
}

func (s *Handler) renderConsultations(w http.ResponseWriter, r *http.Request, status int, posted caseForm) {
	marks, err := s.Consultations.DualUseMarks(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, err := s.Consultations.FindConsultations(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.render(w, r, status, "consultation_list", "军民两用装备与会商", consultationListPage{Marks: marks, Consultations: list,
		Manage: firstset.CanManageDualUse(httpx.ActorOf(r)), Posted: posted})
}
