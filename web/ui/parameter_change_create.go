package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleParameterChangeCreate is an administrator changing a parameter
// from a date on, after the confirmation.
func (s *Handler) handleParameterChangeCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageParameters(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := forms.ParameterChangeFrom(r.PostForm, &problems)
	err := problems.Err()
	var res *firstset.ParameterChangeResult
	if err == nil {
		res, err = s.Parameters.AddParameterChange(r.Context(), in)
	}
	if err != nil {
		if forms.IsFormError(err) || firstset.ErrorCode(err) == firstset.ECONFLICT {
			s.renderParameters(w, r, http.StatusUnprocessableEntity, caseForm{Name: "change", Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.ParameterFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/parameters", "参数调整已登记："+res.Change.Display+"，自 "+res.Change.From.String()+
		" 起施行；免申即享补贴正在按新参数重新测算。")
}
