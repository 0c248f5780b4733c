package httpx

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"firstset"
)

// ReadUploadField reads a small text part of a streamed multipart upload.
func ReadUploadField(p *multipart.Part, max int64) (string, error) {
	b, err := io.ReadAll(io.LimitReader(p, max+1))
	if err != nil {
		return "", UploadReadError(err)
	}
	if int64(len(b)) > max {
		return "", firstset.FieldErrorf(p.FormName(), "too_long", "字段 %s 过长。", p.FormName())
	}
	return string(b), nil
}

// UploadReadError is the answer to a broken multipart stream: too large
// for the route's limit, or malformed.
func UploadReadError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return ErrTooLargeFor(tooBig.Limit)
	}
	return &firstset.Error{Code: firstset.EBADREQUEST, Message: "上传内容不完整或格式有误（multipart/form-data）。", Err: err}
}

// UploadParts opens a multipart/form-data body for reading part by part,
// never whole.
func UploadParts(r *http.Request) (*multipart.Reader, error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		return nil, firstset.Errorf(firstset.EUNSUPPORTED, "上传文件须使用 multipart/form-data。")
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, UploadReadError(err)
	}
	return mr, nil
}

// DownloadAttachment answers GET …/{id}/attachments/{aid} for pages and
// the API alike: the attachment streamed to whoever may see its case, as
// a download of the type its upload was sniffed as, never rendered in
// the platform's origin.
func (b *Base) DownloadAttachment(w http.ResponseWriter, r *http.Request) {
	id, aid, err := AttachmentPath(r)
	if err != nil {
		b.ServeError(w, r, err)
		return
	}
	att, content, err := b.Cases.OpenAttachment(r.Context(), id, aid)
	if err != nil {
		b.ServeError(w, r, err)
		return
	}
	defer content.Close()
	h := w.Header()
	h.Set("Content-Type", att.ContentType)
	h.Set("Content-Length", strconv.FormatInt(att.Size, 10))
	h.Set("Content-Disposition", AttachmentDisposition(att.Filename))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox")
	h.Set("Cache-Control", "private, no-store")
	w.WriteHeader(http.StatusOK)
	if _, err := io.Copy(w, content); err != nil {
		// The status is sent; all that is left is to say why it stopped.
		b.Logger.WarnContext(r.Context(), "attachment download cut off", "case", id, "attachment", aid, "error", err.Error())
	}
}

// AttachmentPath reads the {id} and {aid} wildcards of an attachment's
// path; a malformed one is simply not found.
func AttachmentPath(r *http.Request) (caseID, attachmentID int64, err error) {
	id, err1 := strconv.ParseInt(r.PathValue("id"), 10, 64)
	aid, err2 := strconv.ParseInt(r.PathValue("aid"), 10, 64)
	if err1 != nil || err2 != nil || id <= 0 || aid <= 0 {
		return 0, 0, firstset.NotFound("材料")
	}
	return id, aid, nil
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
