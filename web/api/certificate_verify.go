package api

import (
	"net/http"
)

// apiCertificateVerify checks a certificate's token: a token that does
// not verify is an answer (valid false, with the reason), not an error.
func (s *Handler) apiCertificateVerify(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Token string `json:"token"`
	}
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	v, err := s.Certificates.VerifyCertificate(r.Context(), in.Token)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, v)
}
