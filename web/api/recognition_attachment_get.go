package api

import "net/http"

// apiRecognitionAttachmentGet streams an attachment to whoever may see
// the case.
func (s *Handler) apiRecognitionAttachmentGet(w http.ResponseWriter, r *http.Request) {
	s.DownloadAttachment(w, r)
}
