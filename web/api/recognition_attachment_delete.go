package api

import (
	"net/http"
	"strconv"

	"firstset"
	"firstset/web/httpx"
)

func (s *Handler) apiRecognitionAttachmentDelete(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	aid, err := strconv.ParseInt(r.PathValue("aid"), 10, 64)
	if err != nil || aid <= 0 {
		s.ServeError(w, r, firstset.NotFound("材料"))
		return
	}
	if err := s.Cases.RemoveAttachment(r.Context(), id, aid); err != nil {
		s.ServeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
