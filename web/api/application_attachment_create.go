package api

import (
	"context"
	"net/http"
)

// apiApplicationAttachmentCreate streams one material into an
// application: multipart fields item, then file.
func (s *Handler) apiApplicationAttachmentCreate(w http.ResponseWriter, r *http.Request) {
	s.uploadAttachment(w, r, "/api/v1/applications/", s.seesApplication)
}

// seesApplication is the refusal of the caller's reading application id,
// if any: any other kind of case is not found here.
func (s *Handler) seesApplication(ctx context.Context, id int64) error {
	_, err := s.Incentives.Application(ctx, id)
	return err
}
