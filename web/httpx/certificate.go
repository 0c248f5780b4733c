package httpx

import (
	"net/http"
	"strconv"
	"time"
)

// CertificatePDFPath is where the API serves a product's certificate PDF.
func CertificatePDFPath(productID int64) string {
	return "/api/v1/products/" + strconv.FormatInt(productID, 10) + "/certificate.pdf"
}

// ServeCertificatePDF sends the product's certificate as a PDF download,
// for the page and the API alike; the service decides who may have it.
func ServeCertificatePDF(b *Base, w http.ResponseWriter, r *http.Request) {
	id, err := PathID(r)
	if err != nil {
		b.ServeError(w, r, err)
		return
	}
	pdf, c, err := b.Certificates.CertificatePDF(r.Context(), id, func(token string) string { return b.VerifyURL(r, token) })
	if err != nil {
		b.ServeError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", AttachmentDisposition(c.Number+" "+c.ProductName+".pdf"))
	h.Set("Content-Length", strconv.Itoa(len(pdf)))
	h.Set("Cache-Control", "private, no-store")
	h.Set("Last-Modified", c.IssuedAt.UTC().Format(time.RFC1123))
	w.WriteHeader(http.StatusOK)
	w.Write(pdf)
}
