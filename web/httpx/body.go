package httpx

import (
	"errors"
	"io"
	"net/http"
	"strings"

	"firstset"
	"firstset/tender/extract"
)

// BodyLimit is the most a request may send: tender documents are uploads,
// everything else a form or a JSON object. The export carries the
// document's text back, which is held to the same limit when first read.
func (b *Base) BodyLimit(r *http.Request) int64 {
	if r.Method == http.MethodPost {
		switch r.URL.Path {
		case TenderPagePath, TenderAPIPath, TenderChecksPagePath, TenderChecksAPIPath:
			return b.MaxUploadBytes
		case ProcurementImportAPIPath, ProcurementImportPagePath:
			return b.MaxUploadBytes
		case TenderExportPath:
			// Room for the text's JSON quoting and the other fields.
			return 2 * b.MaxUploadBytes
		}
		if IsAttachmentUpload(r.URL.Path) {
			return b.MaxAttachmentBytes + 1<<20
		}
	}
	return b.MaxBodyBytes
}

// ReadBody reads the whole request body. A body cut off by web's limitBody is
// too large for the limit its route was given, which the error names: the
// tender routes allow an upload's size, not the ordinary body limit.
func ReadBody(r *http.Request) ([]byte, error) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, ErrTooLargeFor(tooBig.Limit)
		}
		return nil, &firstset.Error{Code: firstset.EBADREQUEST, Message: "读取请求内容失败。", Err: err}
	}
	return body, nil
}

// ErrTooLargeFor is the refusal of a body over limit bytes.
func ErrTooLargeFor(limit int64) *firstset.Error {
	return firstset.Errorf(firstset.ETOOLARGE, "请求内容过大：不得超过 %s。", extract.SizeText(limit))
}

// IsAttachmentUpload reports whether path is where a case's attachments
// are uploaded: /api/v1/recognitions/{id}/attachments,
// /api/v1/applications/{id}/attachments or the page's
// /cases/{id}/attachments. Their bodies are streamed, never read whole.
func IsAttachmentUpload(path string) bool {
	for _, prefix := range []string{"/api/v1/recognitions/", "/api/v1/applications/", "/cases/"} {
		if rest, ok := strings.CutPrefix(path, prefix); ok {
			id, tail, _ := strings.Cut(rest, "/")
			return tail == "attachments" && id != "" && strings.Trim(id, "0123456789") == ""
		}
	}
	return false
}
