package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleNoticeObject records the public's objection to a case on a
// running notice; an address that raised too many is told so on the page.
func (s *Handler) handleNoticeObject(w http.ResponseWriter, r *http.Request) {
	n, ok := s.loadNotice(w, r)
	if !ok {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := forms.ObjectionInputFrom(r.PostForm, &problems)
	err := problems.Err()
	var o *firstset.Objection
	if err == nil {
		o, err = s.Recognition.RaiseObjection(r.Context(), n.ID, in)
	}
	if firstset.ErrorCode(err) == firstset.ERATELIMITED {
		s.renderNotice(w, r, httpx.ErrorStatus(err), n, caseForm{Name: "objection", Values: r.PostForm,
			Errors: forms.Errors{Fields: map[string]string{}, Other: []string{firstset.ErrorMessage(err)}}})
		return
	}
	if s.noticeFormError(w, r, n, "objection", r.PostForm, err, forms.ObjectionFields...) {
		return
	}
	s.redirectWithFlash(w, r, "/notices/"+httpx.Itoa(n.ID),
		"您的异议已提交（编号 "+httpx.Itoa(o.ID)+"），审核人员将核实处理。")
}
