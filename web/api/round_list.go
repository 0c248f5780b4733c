package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

func (s *Handler) apiRoundList(w http.ResponseWriter, r *http.Request) {
	list, err := s.Recognition.Rounds(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if list == nil {
		list = []*firstset.Round{}
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.Round]{Items: list, Total: len(list)})
}
