package api

import (
	"net/http"
	"strconv"

	"firstset"
	"firstset/web/httpx"
)

// apiRecognitionAttachmentGet streams an attachment to whoever may see
// the case.
func (s *Handler) apiRecognitionAttachmentGet(w http.ResponseWriter, r *http.Request) {
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
	att, content, err := s.Cases.OpenAttachment(r.Context(), id, aid)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	defer content.Close()
	if err := httpx.ServeAttachment(w, att, content); err != nil {
		s.Logger.WarnContext(r.Context(), "attachment download cut off", "attachment", aid, "error", err.Error())
	}
}
