package api

import (
	"net/http"

	"firstset"
)

func (s *Handler) apiNotFound(w http.ResponseWriter, r *http.Request) {
	s.ServeError(w, r, firstset.Errorf(firstset.ENOTFOUND, "没有这个接口：%s %s。", r.Method, r.URL.Path))
}
