package api

import (
	"context"
	"io"
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiRecognitionAttachmentCreate streams one file into a case under a
// checklist item: multipart fields item, then file.
func (s *Handler) apiRecognitionAttachmentCreate(w http.ResponseWriter, r *http.Request) {
	s.uploadAttachment(w, r, "/api/v1/recognitions/", func(ctx context.Context, id int64) error {
		_, err := s.Cases.Case(ctx, id)
		return err
	})
}

// uploadAttachment streams one file into the case of the path's {id}
// under a checklist item (multipart fields item, then file); seen is
// the refusal of the caller's reading that case, if any, and base the
// path the new attachment's Location starts with.
func (s *Handler) uploadAttachment(w http.ResponseWriter, r *http.Request, base string, seen func(context.Context, int64) error) {
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
		if refused := seen(r.Context(), id); refused != nil {
			err = refused
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
			w.Header().Set("Location", base+httpx.Itoa(id)+"/attachments/"+httpx.Itoa(att.ID))
			s.WriteJSON(w, r, http.StatusCreated, att)
			return
		}
	}
	refuse(firstset.FieldErrorf("file", "required", "请选择要上传的文件。"))
}
