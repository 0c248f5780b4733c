package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

type expertListPage struct {
	Experts    []*firstset.Expert
	Categories map[int64]string
	Query      string
	Pagination forms.Pagination
	// CanEdit offers the profile forms (the city's reviewers).
	CanEdit bool
}

// handleExpertList lists the expert pool for the city's reviewers and
// administrators; ?user= goes to that user's profile form.
func (s *Handler) handleExpertList(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	params := httpx.NewQueryReader(r)
	page, per := params.Page(20)
	f := firstset.ExpertFilter{Query: params.Text("q", "搜索词", httpx.MaxListQuery), Offset: (page - 1) * per, Limit: per}
	user := params.ID("user", "专家用户编号")
	err := params.Err()
	if err == nil && user != 0 {
		if !s.Allowed(w, r, firstset.CheckManageRecognition(httpx.ActorOf(r))) {
			return
		}
		http.Redirect(w, r, "/experts/"+httpx.Itoa(user)+"/edit", http.StatusSeeOther)
		return
	}
	var list []*firstset.Expert
	var total int
	if err == nil {
		list, total, err = s.Recognition.Experts(r.Context(), f)
	}
	var cats []firstset.Category
	if err == nil {
		cats, err = s.Products.Categories(r.Context())
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	names := map[int64]string{}
	for _, c := range cats {
		names[c.ID] = c.Name
	}
	s.render(w, r, http.StatusOK, "expert_list", "专家库", expertListPage{Experts: list, Categories: names, Query: f.Query,
		Pagination: forms.NewPagination(r.URL, page, per, total),
		CanEdit:    firstset.CheckManageRecognition(httpx.ActorOf(r)) == nil})
}
