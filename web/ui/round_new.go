package ui

import (
	"net/http"

	"firstset"
	"firstset/date"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

type roundForm struct {
	Input     firstset.RoundInput
	Year      string
	Checklist []caseItem
	Errors    forms.Errors
}

// handleRoundNew shows the new round form, with the standard checklist.
func (s *Handler) handleRoundNew(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageRecognition(httpx.ActorOf(r))) {
		return
	}
	y, _, _ := date.Today().Parts()
	s.renderRoundForm(w, r, http.StatusOK, roundForm{Input: firstset.RoundInput{Year: y}, Year: httpx.Itoa(int64(y))})
}

func (s *Handler) renderRoundForm(w http.ResponseWriter, r *http.Request, status int, form roundForm) {
	for _, it := range s.Recognition.StandardChecklist() {
		form.Checklist = append(form.Checklist, caseItem{ChecklistItem: it, TypesText: typesText(it.Types), MaxText: sizeText(it.MaxBytes)})
	}
	s.render(w, r, status, "round_form", "新建申报批次", form)
}
