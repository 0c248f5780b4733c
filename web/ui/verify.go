package ui

import (
	"net/http"
	"strings"

	"firstset"
)

type verifyPage struct {
	Token  string
	Result *firstset.Verification
}

// handleVerify is the public verification page a certificate's QR code
// opens (/verify?t=TOKEN); without a token it offers a box to paste one.
func (s *Handler) handleVerify(w http.ResponseWriter, r *http.Request) {
	page := verifyPage{Token: strings.TrimSpace(r.URL.Query().Get("t"))}
	if page.Token != "" {
		v, err := s.Certificates.VerifyCertificate(r.Context(), page.Token)
		if err != nil {
			s.ServeError(w, r, err)
			return
		}
		page.Result = v
	}
	s.render(w, r, http.StatusOK, "verify", "证书核验", page)
}
