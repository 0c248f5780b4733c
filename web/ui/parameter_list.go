package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

type parameterPage struct {
	Table *firstset.ParameterTable
	// Change offers the administrator's form.
	Change bool
	Posted caseForm
}

// handleParameterList shows the policy parameters with their dated values,
// to everyone; an administrator also finds the form to change one.
func (s *Handler) handleParameterList(w http.ResponseWriter, r *http.Request) {
	s.renderParameters(w, r, http.StatusOK, caseForm{})
}

func (s *Handler) renderParameters(w http.ResponseWriter, r *http.Request, status int, posted caseForm) {
	t, err := s.Parameters.Parameters(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	p := parameterPage{Table: t, Posted: posted, Change: firstset.CheckManageParameters(httpx.ActorOf(r)) == nil}
	s.render(w, r, status, "parameter_list", "政策参数", p)
}
