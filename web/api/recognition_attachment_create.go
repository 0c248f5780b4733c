package api

import (
	"io"
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiRecognitionAttachmentCreate streams one file into a case under a
// checklist item: multipart fields item, then file.
func (s *Handler) apiRecognitionAttachmentCreate(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	// A request refused before the service sees it is answered as the
	// service would answer its caller: whoever may not see the case
	// learns nothing of it, not even that the upload was malformed. The
	// check costs only on that path; the service checks every upload.
	refuse := func(err error) {
		if _, seen := s.Cases.Case(r.Context(), id); seen != nil {
			err = seen
		}
		s.ServeError(w, r, err)
	}
	mr, err := httpx.UploadParts(r)
	if err != nil {
		refuse(err)
		return
	}
	item := ""
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			refuse(httpx.UploadReadError(err))
			return
		}
		switch part.FormName() {
		case "item":
			if item, err = httpx.ReadUploadField(part, 400); err != nil {
				refuse(err)
				return
			}
		case "file":
			if item == "" {
				refuse(firstset.FieldErrorf("item", "required", "请先给出材料名称（item 字段须在 file 之前）。"))
				return
			}
			att, err := s.Cases.AddAttachment(r.Context(), id, item, part.FileName(), part)
			if err != nil {
				s.ServeError(w, r, err)
				return
			}
			w.Header().Set("Location", "/api/v1/recognitions/"+httpx.Itoa(id)+"/attachments/"+httpx.Itoa(att.ID))
			s.WriteJSON(w, r, http.StatusCreated, att)
			return
		}
	}
	refuse(firstset.FieldErrorf("file", "required", "请选择要上传的文件。"))
}
