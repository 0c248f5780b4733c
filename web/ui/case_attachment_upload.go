package ui

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// maxUploadField bounds the small parts before the file (the token, the
// checklist item).
const maxUploadField = 1 << 10

// handleCaseAttachmentUpload stores a file under a checklist item. The
// multipart body is streamed, never parsed whole: its parts come in the
// form's order, the session's CSRF token first (checked here, since the
// middleware leaves the body unread; it must come before the file), the
// item, then the file, whose reader goes straight to the service.
func (s *Handler) handleCaseAttachmentUpload(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadCase(w, r)
	if !ok {
		return
	}
	mr, err := r.MultipartReader()
	if err != nil {
		s.ServeError(w, r, firstset.Errorf(firstset.EBADREQUEST, "请通过办件页面的上传表单提交文件（multipart/form-data）。"))
		return
	}
	session := httpx.InfoFrom(r.Context()).Session
	verified := false
	if sent := r.Header.Get(httpx.CSRFHeader); sent != "" {
		verified = httpx.CSRFTokenMatches(session, sent)
	}
	var item string
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			s.ServeError(w, r, httpx.FormParseError(err))
			return
		}
		name := part.FormName()
		if name == httpx.CSRFField || name == "csrf" {
			sent, err := readUploadField(part)
			if err != nil {
				s.ServeError(w, r, err)
				return
			}
			verified = verified || httpx.CSRFTokenMatches(session, sent)
			continue
		}
		switch name {
		case "item":
			if item, err = readUploadField(part); err != nil {
				s.ServeError(w, r, err)
				return
			}
		case "file":
			// The token must come before the file: nothing of it is
			// read unless the form is the session's own.
			if !s.uploadVerified(w, r, session, verified) {
				return
			}
			s.receiveAttachment(w, r, v, item, part)
			return
		}
	}
	if !s.uploadVerified(w, r, session, verified) {
		return
	}
	s.caseFormError(w, r, v, "upload", url.Values{"item": {item}},
		firstset.FieldErrorf("file", "required", "请选择要上传的文件。"), forms.UploadFields...)
}

// uploadVerified answers an upload whose form did not carry the
// session's token (a bearer-token caller has none to carry) and reports
// whether it may go on.
func (s *Handler) uploadVerified(w http.ResponseWriter, r *http.Request, session *firstset.Session, verified bool) bool {
	if session == nil || verified {
		return true
	}
	s.ServeError(w, r, firstset.Errorf(firstset.EFORBIDDEN, "表单已失效或来源无法确认，请返回上一页刷新后重新提交。"))
	return false
}

// receiveAttachment passes the file part to the service and answers.
func (s *Handler) receiveAttachment(w http.ResponseWriter, r *http.Request, v *firstset.CaseView, item string, file *multipart.Part) {
	if file.FileName() == "" {
		s.caseFormError(w, r, v, "upload", url.Values{"item": {item}},
			firstset.FieldErrorf("file", "required", "请选择要上传的文件。"), forms.UploadFields...)
		return
	}
	att, err := s.Cases.AddAttachment(r.Context(), v.ID, item, file.FileName(), file)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		err = httpx.ErrTooLargeFor(tooBig.Limit)
	}
	if firstset.ErrorCode(err) == firstset.ETOOLARGE {
		// Too large is about the file: say so beside it.
		err = &firstset.Error{Code: firstset.EINVALID, Message: firstset.ErrorMessage(err), Field: "file",
			Fields: []firstset.FieldError{{Field: "file", Code: firstset.ETOOLARGE, Message: firstset.ErrorMessage(err)}}}
	}
	if s.caseFormError(w, r, v, "upload", url.Values{"item": {item}}, err, forms.UploadFields...) {
		return
	}
	msg := "已上传“" + att.Item + "”：" + att.Filename + "。"
	if att.Reused {
		msg = "已上传“" + att.Item + "”：" + att.Filename + "（与此前提交的文件相同，已沿用，无需重复存储）。"
	}
	s.redirectWithFlash(w, r, casePath(v.ID)+"#materials", msg)
}

// readUploadField reads a small text part of the upload form.
func readUploadField(part *multipart.Part) (string, error) {
	b, err := io.ReadAll(io.LimitReader(part, maxUploadField+1))
	if err != nil {
		return "", httpx.FormParseError(err)
	}
	if len(b) > maxUploadField {
		return "", firstset.Errorf(firstset.EBADREQUEST, "表单字段 %s 过长。", part.FormName())
	}
	return strings.TrimSpace(string(b)), httpx.FormTextError(url.Values{part.FormName(): {string(b)}})
}
