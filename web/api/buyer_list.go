package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiBuyerList lists the purchasing units the caller may see; kind,
// district_code and q narrow it.
func (s *Handler) apiBuyerList(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	page, per := q.Page(50)
	kind := q.Choice("kind", "单位类型", func(v string) bool { return firstset.BuyerKind(v).Valid() }, buyerKindNames())
	f := firstset.BuyerFilter{Kind: firstset.BuyerKind(kind), DistrictCode: q.District("district_code"),
		Query: q.Text("q", "关键词", firstset.MaxListQuery), Offset: (page - 1) * per, Limit: per}
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Buyers.FindBuyers(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.Buyer]{Items: list, Total: total})
}

func buyerKindNames() []string {
	out := make([]string, len(firstset.BuyerKinds))
	for i, k := range firstset.BuyerKinds {
		out[i] = string(k)
	}
	return out
}
