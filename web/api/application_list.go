package api

import (
	"net/http"

	"firstset"
	"firstset/cases"
	"firstset/web/httpx"
)

// apiApplicationList lists the applications the caller may see: kind,
// round_id, stage and q narrow it, waiting=1 (or true) lists the
// caller's to-do; paged by page and per_page, or offset and limit.
func (s *Handler) apiApplicationList(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	page, per := q.Page(50)
	offset, limit := (page-1)*per, per
	if o := q.Number("offset", "起始位置", 0, httpx.MaxPage*httpx.MaxPerPage, -1); o >= 0 {
		offset = o
	}
	if l := q.Number("limit", "条数", 1, httpx.MaxPerPage, 0); l > 0 {
		limit = l
	}
	f := firstset.ApplicationFilter{CaseFilter: firstset.CaseFilter{Kind: q.IncentiveKind(), Offset: offset, Limit: limit,
		Query: q.Text("q", "搜索", firstset.MaxListQuery)}, IncentiveRoundID: q.ID("round_id", "奖补批次")}
	switch q.Choice("waiting", "待办", func(v string) bool { return v == "0" || v == "1" || v == "true" || v == "false" },
		[]string{"0", "1", "true", "false"}) {
	case "1", "true":
		f.Waiting = true
	}
	if st := q.Choice("stage", "阶段", applicationStage, applicationStages()); st != "" {
		f.Stages = []string{st}
	}
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Incentives.Applications(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if list == nil {
		list = []*firstset.ApplicationView{}
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.ApplicationView]{Items: list, Total: total})
}

// applicationStages are the stages of both incentive workflows.
func applicationStages() []string {
	var out []string
	for _, k := range []*cases.Kind{cases.Reward, cases.Subsidy} {
		for _, st := range k.Stages {
			if _, ok := cases.Reward.Stage(st.Stage); ok && k == cases.Subsidy {
				continue
			}
			out = append(out, string(st.Stage))
		}
	}
	return out
}

func applicationStage(v string) bool {
	_, ok := cases.Reward.Stage(cases.Stage(v))
	if !ok {
		_, ok = cases.Subsidy.Stage(cases.Stage(v))
	}
	return ok
}
