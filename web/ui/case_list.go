package ui

import (
	"net/http"
	"net/url"

	"firstset"
	"firstset/cases"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

type caseListPage struct {
	// Waiting is the 待办 tab: the cases waiting for the viewer.
	Waiting    bool
	Stage      string
	Stages     []cases.StageDef
	Cases      []*firstset.CaseView
	Pagination forms.Pagination
	// AllURL and WaitingURL are the two tabs, keeping the stage filter.
	AllURL, WaitingURL string
}

// handleCaseList lists the cases the viewer may see (办件), or with
// ?waiting=1 those waiting for the viewer, overdue ones marked.
func (s *Handler) handleCaseList(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	params := httpx.NewQueryReader(r)
	page, per := params.Page(20)
	kind := cases.Recognition
	stage := params.Choice("stage", "办理阶段", func(v string) bool {
		_, ok := kind.Stage(cases.Stage(v))
		return ok
	}, stageNames(kind))
	waiting := params.Flag("waiting", "待办")
	f := firstset.CaseFilter{Waiting: waiting, Offset: (page - 1) * per, Limit: per}
	if stage != "" {
		f.Stages = []string{stage}
	}
	err := params.Err()
	var list []*firstset.CaseView
	var total int
	if err == nil {
		list, total, err = s.Cases.Cases(r.Context(), f)
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	tab := func(waiting bool) string {
		q := url.Values{}
		if waiting {
			q.Set("waiting", "1")
		}
		if stage != "" {
			q.Set("stage", stage)
		}
		if len(q) == 0 {
			return "/cases"
		}
		return "/cases?" + q.Encode()
	}
	title := "办件中心"
	if waiting {
		title = "我的待办"
	}
	s.render(w, r, http.StatusOK, "case_list", title, caseListPage{
		Waiting: waiting, Stage: stage, Stages: kind.Stages, Cases: list,
		Pagination: forms.NewPagination(r.URL, page, per, total),
		AllURL:     tab(false), WaitingURL: tab(true),
	})
}

func stageNames(k *cases.Kind) []string {
	out := make([]string, len(k.Stages))
	for i, st := range k.Stages {
		out[i] = string(st.Stage)
	}
	return out
}
