package api

import (
	"bytes"
	"io"
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiIncentiveRoundApprove is finance approving a round's proposal; the
// body, with an optional opinion, may be left out.
func (s *Handler) apiIncentiveRoundApprove(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.RoundDecision
	if err := s.decodeOptionalJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	res, err := s.Incentives.ApproveRound(r.Context(), id, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, res)
}

// decodeOptionalJSON is DecodeJSON for a body that may be left out: an
// empty one leaves v as it is.
func (s *Handler) decodeOptionalJSON(r *http.Request, v any) error {
	body, err := httpx.ReadBody(r)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	return s.DecodeJSON(r, v)
}
