package ui

import (
	"net/http"
	"strconv"
	"strings"

	"firstset"
	"firstset/web/ui/forms"
)

type expertForm struct {
	UserID     int64
	Name       string // the expert's name and username, when known
	Input      firstset.ExpertInput
	Categories []firstset.Category
	// Conflicts is the conflict enterprises' ids as the input shows them.
	Conflicts string
	Errors    forms.Errors
}

// renderExpertForm fills in the categories and shows the profile form.
func (s *Handler) renderExpertForm(w http.ResponseWriter, r *http.Request, status int, form expertForm) {
	cats, err := s.Products.Categories(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	form.Categories = cats
	if form.Conflicts == "" && len(form.Input.ConflictEnterprises) > 0 {
		ids := make([]string, len(form.Input.ConflictEnterprises))
		for i, id := range form.Input.ConflictEnterprises {
			ids[i] = strconv.FormatInt(id, 10)
		}
		form.Conflicts = strings.Join(ids, ", ")
	}
	s.render(w, r, status, "expert_form", "专家信息", form)
}
