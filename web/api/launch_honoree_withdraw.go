package api

import (
	"net/http"

	"firstset/web/httpx"
)

// apiLaunchHonoreeWithdraw takes back a pending honoree: {"reason"},
// required from the reviewer.
func (s *Handler) apiLaunchHonoreeWithdraw(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	hid, err := httpx.PathInt(r, "hid")
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in struct {
		Reason string `json:"reason"`
	}
	if r.ContentLength != 0 {
		if err := s.DecodeJSON(r, &in); err != nil {
			s.ServeError(w, r, err)
			return
		}
	}
	if err := s.Launch.WithdrawHonoree(r.Context(), id, hid, in.Reason); err != nil {
		s.ServeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
