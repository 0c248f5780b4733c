package api

import (
	"net/http"

	"firstset/web/httpx"
)

type certificateLink struct {
	Number    string `json:"number"`
	Token     string `json:"token"`
	VerifyURL string `json:"verify_url"`
	PDFURL    string `json:"pdf_url"`
	KeyID     string `json:"key_id"`
}

// apiProductCertificate is the current certificate of a product ever
// recognised, public so that anyone can check it.
func (s *Handler) apiProductCertificate(w http.ResponseWriter, r *http.Request) {
	c, ok := httpx.LoadByID(s.Base, w, r, nil, s.Certificates.ProductCertificate)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, certificateLink{Number: c.Number, Token: c.Token, KeyID: c.KeyID,
		VerifyURL: s.VerifyURL(r, c.Token), PDFURL: s.AbsoluteURL(r, httpx.CertificatePDFPath(c.ProductID))})
}

// apiProductCertificatePDF is the certificate itself, for its enterprise
// and the city's staff.
func (s *Handler) apiProductCertificatePDF(w http.ResponseWriter, r *http.Request) {
	httpx.ServeCertificatePDF(s.Base, w, r)
}
