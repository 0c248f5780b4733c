package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiConsortiumMembershipList lists the consortium's stays, of one
// institution when institution_id names it.
func (s *Handler) apiConsortiumMembershipList(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	id := q.ID("institution_id", "机构编号")
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, err := s.Insurance.ConsortiumMemberships(r.Context(), id)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.ConsortiumMembership]{Items: list, Total: len(list)})
}
