package api

import (
	"net/http"

	"firstset/web/httpx"
)

func (s *Handler) apiRecognitionAttachmentDelete(w http.ResponseWriter, r *http.Request) {
	id, aid, err := httpx.AttachmentPath(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if err := s.Cases.RemoveAttachment(r.Context(), id, aid); err != nil {
		s.ServeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
