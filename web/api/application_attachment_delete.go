package api

import (
	"net/http"

	"firstset/web/httpx"
)

func (s *Handler) apiApplicationAttachmentDelete(w http.ResponseWriter, r *http.Request) {
	id, aid, err := httpx.AttachmentPath(r)
	if err == nil {
		err = s.seesApplication(r.Context(), id)
	}
	if err == nil {
		err = s.Cases.RemoveAttachment(r.Context(), id, aid)
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
