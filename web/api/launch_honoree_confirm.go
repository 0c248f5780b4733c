package api

import (
	"net/http"

	"firstset/web/httpx"
)

// apiLaunchHonoreeConfirm confirms an honoree the enterprise entered and
// issues the honour certificate.
func (s *Handler) apiLaunchHonoreeConfirm(w http.ResponseWriter, r *http.Request) {
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
	h, err := s.Launch.ConfirmHonoree(r.Context(), id, hid)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, s.honoreeAnswer(r, h))
}
