package api

import (
	"net/http"

	"firstset/web/httpx"
)

func (s *Handler) apiBulletinPDF(w http.ResponseWriter, r *http.Request) {
	httpx.ServeBulletinFile(s.Base, w, r, "pdf")
}

func (s *Handler) apiBulletinXLSX(w http.ResponseWriter, r *http.Request) {
	httpx.ServeBulletinFile(s.Base, w, r, "xlsx")
}

func (s *Handler) apiBulletinChart(w http.ResponseWriter, r *http.Request) {
	httpx.ServeBulletinChart(s.Base, w, r)
}
