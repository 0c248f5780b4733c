package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleDualUseUpdate marks a product dual-use, or removes the mark.
func (s *Handler) handleDualUseUpdate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageDualUse(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	id, in, probs := forms.DualUseInputFrom(r.PostForm)
	err := probs.Err()
	var m *firstset.DualUseMark
	if err == nil {
		m, err = s.Consultations.MarkDualUse(r.Context(), id, in)
	}
	if err != nil {
		if forms.IsFormError(err) || firstset.ErrorCode(err) == firstset.ENOTFOUND {
			if firstset.ErrorCode(err) == firstset.ENOTFOUND {
				err = firstset.FieldErrorf("product_id", "unknown_product", "装备 %d 不存在。", id)
			}
			s.renderConsultations(w, r, http.StatusUnprocessableEntity, caseForm{Name: "dual_use", Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.DualUseFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	msg := "已将“" + m.ProductName + "”标记为军民两用装备。"
	if !*in.DualUse {
		msg = "已取消“" + m.ProductName + "”的军民两用标记。"
	}
	s.redirectWithFlash(w, r, "/consultations", msg)
}
