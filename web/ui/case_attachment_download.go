package ui

import "net/http"

// handleCaseAttachmentDownload streams an attachment to whoever may see
// its case (the API's download, the same answer).
func (s *Handler) handleCaseAttachmentDownload(w http.ResponseWriter, r *http.Request) {
	s.DownloadAttachment(w, r)
}
