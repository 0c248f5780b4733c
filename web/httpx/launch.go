package httpx

import (
	"net/http"
	"strconv"
	"time"

	"firstset"
)

// PathInt reads a numeric wildcard other than {id}; a malformed one is
// simply not found.
func PathInt(r *http.Request, name string) (int64, error) {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || n <= 0 {
		return 0, firstset.NotFound("记录")
	}
	return n, nil
}

// ServePlaquePDF sends an enterprise's plaque of an event
// ({id}/plaques/{eid}), for the page and the API alike.
func ServePlaquePDF(b *Base, w http.ResponseWriter, r *http.Request) {
	id, err := PathID(r)
	if err != nil {
		b.ServeError(w, r, err)
		return
	}
	eid, err := PathInt(r, "eid")
	if err != nil {
		b.ServeError(w, r, err)
		return
	}
	pdf, p, err := b.Launch.PlaquePDF(r.Context(), id, eid, func(token string) string { return b.VerifyURL(r, token) })
	if err != nil {
		b.ServeError(w, r, err)
		return
	}
	servePDF(w, pdf, p.Number+" "+p.EnterpriseName+".pdf", p.IssuedAt)
}

// ServeHonourPDF sends an honoree's honour certificate ({id}/honorees/{hid}).
func ServeHonourPDF(b *Base, w http.ResponseWriter, r *http.Request) {
	id, err := PathID(r)
	if err != nil {
		b.ServeError(w, r, err)
		return
	}
	hid, err := PathInt(r, "hid")
	if err != nil {
		b.ServeError(w, r, err)
		return
	}
	pdf, h, err := b.Launch.HonourPDF(r.Context(), id, hid, func(token string) string { return b.VerifyURL(r, token) })
	if err != nil {
		b.ServeError(w, r, err)
		return
	}
	at := h.CreatedAt
	if h.ConfirmedAt != nil {
		at = *h.ConfirmedAt
	}
	servePDF(w, pdf, h.Certificate.Number+" "+h.Name+".pdf", at)
}

func servePDF(w http.ResponseWriter, pdf []byte, name string, at time.Time) {
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", AttachmentDisposition(name))
	h.Set("Content-Length", strconv.Itoa(len(pdf)))
	h.Set("Cache-Control", "private, no-store")
	h.Set("Last-Modified", at.UTC().Format(time.RFC1123))
	w.WriteHeader(http.StatusOK)
	w.Write(pdf)
}
