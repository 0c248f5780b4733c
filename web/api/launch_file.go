package api

import (
	"net/http"

	"firstset/web/httpx"
)

func (s *Handler) apiLaunchPlaquePDF(w http.ResponseWriter, r *http.Request) {
	httpx.ServePlaquePDF(s.Base, w, r)
}

func (s *Handler) apiLaunchHonourPDF(w http.ResponseWriter, r *http.Request) {
	httpx.ServeHonourPDF(s.Base, w, r)
}
