package api

import (
	"net/http"
)

// apiCertificateKey serves the public key ring: exactly the file an
// offline verifier is given (firstset cert verify --key FILE).
func (s *Handler) apiCertificateKey(w http.ResponseWriter, r *http.Request) {
	ring, err := s.Certificates.CertificateKeys(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.WriteHeader(http.StatusOK)
	// Byte for byte what firstset cert key prints (it ends in a newline).
	w.Write(ring)
}
