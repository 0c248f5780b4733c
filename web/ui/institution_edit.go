package ui

import (
	"net/http"
	"net/url"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

type institutionForm struct {
	Institution *firstset.Institution
	Values      url.Values
	Errors      forms.Errors
}

// handleInstitutionEdit shows the form editing an institution.
func (s *Handler) handleInstitutionEdit(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageInstitutions(httpx.ActorOf(r))) {
		return
	}
	n, ok := httpx.LoadByID(s.Base, w, r, nil, s.Institutions.FindInstitutionByID)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "institution_form", "编辑机构", institutionForm{Institution: n, Values: forms.InstitutionInputOf(n)})
}
