package api

import (
	"net/http"
	"strconv"

	"firstset"
)

// apiInsuranceMemberPut sets an insurer's membership of the consortium:
// when it joined and, once it has, when it left.
func (s *Handler) apiInsuranceMemberPut(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("user_id"), 10, 64)
	if err != nil || id <= 0 {
		s.ServeError(w, r, firstset.NotFound("用户"))
		return
	}
	var in firstset.InsurerMemberInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	m, err := s.Insurance.SetInsurerMember(r.Context(), id, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, m)
}
