package api

import (
	"net/http"

	"firstset"
	"firstset/cases"
	"firstset/web/httpx"
)

// apiRecognitionList lists the recognition cases the caller may see;
// waiting=1 lists the caller's to-do (待办).
func (s *Handler) apiRecognitionList(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	page, per := q.Page(50)
	f := firstset.CaseFilter{Kind: cases.Recognition.Name, Offset: (page - 1) * per, Limit: per,
		Query: q.Text("q", "搜索", firstset.MaxListQuery), RoundID: q.ID("round_id", "申报批次")}
	f.Waiting = q.Choice("waiting", "待办", func(v string) bool { return v == "0" || v == "1" }, []string{"0", "1"}) == "1"
	stages := make([]string, len(cases.Recognition.Stages))
	for i, st := range cases.Recognition.Stages {
		stages[i] = string(st.Stage)
	}
	if st := q.Choice("stage", "阶段", func(v string) bool { _, ok := cases.Recognition.Stage(cases.Stage(v)); return ok }, stages); st != "" {
		f.Stages = []string{st}
	}
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Cases.Cases(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.CaseView]{Items: list, Total: total})
}
