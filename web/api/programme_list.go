package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiProgrammeList lists the bases, alliances and innovation catalog
// batches (?kind=, ?product_id=); public.
func (s *Handler) apiProgrammeList(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	f := q.ProgrammeFilter()
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Programmes.FindProgrammes(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.Programme]{Items: list, Total: total})
}
