package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleFinancingCreate files an enterprise's request from the list
// page's form.
func (s *Handler) handleFinancingCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckRequestFinancing(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var probs firstset.Problems
	in := forms.FinancingRequestFrom(r.PostForm, &probs)
	err := probs.Err()
	var fr *firstset.FinancingRequest
	if err == nil {
		fr, err = s.Financing.RequestFinancing(r.Context(), in)
	}
	if err != nil {
		if forms.IsFormError(err) {
			s.renderFinancingList(w, r, http.StatusUnprocessableEntity, caseForm{Name: "ask", Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.FinancingFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/financing/"+httpx.Itoa(fr.ID), "融资需求已发送，编号 "+fr.Number+"，请等待银行和融资租赁公司答复。")
}
