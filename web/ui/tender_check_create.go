package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// tenderCheckFields are the inputs of the save and mark forms.
var tenderCheckFields = []string{"title", "text", "file", "procurement_id", "status", "note"}

// handleTenderCheckCreate checks and keeps a buyer's document.
func (s *Handler) handleTenderCheckCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckSaveTenderCheck(httpx.ActorOf(r))) {
		return
	}
	in, err := s.ReadTenderCheckSave(r)
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	var c *firstset.TenderCheck
	if err == nil {
		c, err = s.TenderChecks.SaveTenderCheck(r.Context(), in)
	}
	if err != nil {
		if isTenderInputError(err) || forms.IsFormError(err) {
			s.renderTenderChecks(w, r, httpx.ErrorStatus(err), caseForm{Name: "save", Values: r.PostForm,
				Errors: forms.NewErrors(err, tenderCheckFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/tender-checks/"+httpx.Itoa(c.ID), "检查结果已保存，请逐条修改或说明后再发布招标文件。")
}
