package httpx

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
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

// ServeAttachment streams an attachment as a download: its sniffed type,
// its name in UTF-8 (RFC 5987), never rendered inline.
func ServeAttachment(w http.ResponseWriter, a *firstset.Attachment, content io.Reader) error {
	h := w.Header()
	h.Set("Content-Type", a.ContentType)
	h.Set("Content-Length", strconv.FormatInt(a.Size, 10))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox")
	h.Set("Cache-Control", "private, no-store")
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, a.Filename)
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, ascii, url.PathEscape(a.Filename)))
	w.WriteHeader(http.StatusOK)
	_, err := io.Copy(w, content)
	return err
}
