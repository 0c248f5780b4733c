package ui

import (
	"net/http"

	"firstset/web/httpx"
)

func (s *Handler) handleBulletinPDF(w http.ResponseWriter, r *http.Request) {
	httpx.ServeBulletinFile(s.Base, w, r, "pdf")
}

func (s *Handler) handleBulletinXLSX(w http.ResponseWriter, r *http.Request) {
	httpx.ServeBulletinFile(s.Base, w, r, "xlsx")
}

func (s *Handler) handleBulletinChart(w http.ResponseWriter, r *http.Request) {
	httpx.ServeBulletinChart(s.Base, w, r)
}
