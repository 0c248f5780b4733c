package api

import (
	"net/http"

	"firstset/web/httpx"
)

// apiApplicationAttachmentGet streams an application's material to
// whoever may see the application.
func (s *Handler) apiApplicationAttachmentGet(w http.ResponseWriter, r *http.Request) {
	id, _, err := httpx.AttachmentPath(r)
	if err == nil {
		err = s.seesApplication(r.Context(), id)
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.DownloadAttachment(w, r)
}
