package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiInsuranceMemberList lists the insurance consortium's members (共保体).
func (s *Handler) apiInsuranceMemberList(w http.ResponseWriter, r *http.Request) {
	list, err := s.Insurance.InsurerMembers(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if list == nil {
		list = []*firstset.InsurerMember{}
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.InsurerMember]{Items: list, Total: len(list)})
}
