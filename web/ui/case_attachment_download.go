package ui

import (
	"io"
	"net/http"
	"strconv"
	"strings"

	"firstset"
)

// handleCaseAttachmentDownload streams an attachment to whoever may see
// its case, as a download: the type the upload was sniffed as, never
// rendered in the page's origin.
func (s *Handler) handleCaseAttachmentDownload(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	aid, err2 := strconv.ParseInt(r.PathValue("aid"), 10, 64)
	if err != nil || err2 != nil || id <= 0 || aid <= 0 {
		s.ServeError(w, r, firstset.NotFound("材料"))
		return
	}
	att, content, err := s.Cases.OpenAttachment(r.Context(), id, aid)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	defer content.Close()
	h := w.Header()
	ct := att.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	h.Set("Content-Type", ct)
	h.Set("Content-Disposition", AttachmentDisposition(att.Filename))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.FormatInt(att.Size, 10))
	h.Set("Cache-Control", "private, no-store")
	w.WriteHeader(http.StatusOK)
	if _, err := io.Copy(w, content); err != nil {
		// The status is sent; all that is left is to say why it stopped.
		s.logger.WarnContext(r.Context(), "attachment download cut off", "case", id, "attachment", aid, "error", err.Error())
	}
}

// AttachmentDisposition is the Content-Disposition of a download named
// name: an ASCII fallback for old clients and the UTF-8 name in RFC 5987
// encoding (filename*=UTF-8”…) for the rest.
func AttachmentDisposition(name string) string {
	if name == "" {
		name = "attachment"
	}
	return `attachment; filename="` + asciiFilename(name) + `"; filename*=UTF-8''` + rfc5987(name)
}

// asciiFilename keeps the printable ASCII of name, quotes and backslashes
// excepted, and its extension; the rest becomes "_".
func asciiFilename(name string) string {
	var b strings.Builder
	for _, c := range name {
		if c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			b.WriteByte('_')
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// rfc5987 percent-encodes every byte of s but the attr-chars of RFC 5987.
func rfc5987(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
