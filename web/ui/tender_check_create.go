package ui

import (
	"net/http"
	"strconv"
	"strings"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// tenderCheckFields are the inputs of the save and mark forms.
var tenderCheckFields = []string{"title", "text", "procurement_id", "status", "note"}

// handleTenderCheckCreate checks and keeps a buyer's document.
func (s *Handler) handleTenderCheckCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckSaveTenderCheck(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	in := firstset.TenderCheckSave{Title: r.PostForm.Get("title"), Text: strings.ReplaceAll(r.PostForm.Get("text"), "\r\n", "\n")}
	var err error
	if v := strings.TrimSpace(r.PostForm.Get("procurement_id")); v != "" {
		if in.ProcurementID, err = strconv.ParseInt(v, 10, 64); err != nil || in.ProcurementID <= 0 {
			err = firstset.FieldErrorf("procurement_id", firstset.EINVALID, "采购记录无效。")
		}
	}
	var c *firstset.TenderCheck
	if err == nil {
		c, err = s.TenderChecks.SaveTenderCheck(r.Context(), in)
	}
	if err != nil {
		if forms.IsFormError(err) {
			s.renderTenderChecks(w, r, http.StatusUnprocessableEntity, caseForm{Name: "save", Values: r.PostForm,
				Errors: forms.NewErrors(err, tenderCheckFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/tender-checks/"+httpx.Itoa(c.ID), "检查结果已保存，请逐条修改或说明后再发布招标文件。")
}
