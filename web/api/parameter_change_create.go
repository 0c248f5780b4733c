package api

import (
	"net/http"

	"firstset"
)

// apiParameterChangeCreate stores an administrator's parameter change.
func (s *Handler) apiParameterChangeCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.ParameterChangeInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	res, err := s.Parameters.AddParameterChange(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, res)
}
