package api

import (
	"net/http"

	"firstset/web/httpx"
)

// apiArticleGet returns an article the caller sees.
func (s *Handler) apiArticleGet(w http.ResponseWriter, r *http.Request) {
	x, ok := httpx.LoadByID(s.Base, w, r, nil, s.Articles.FindArticleByID)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, x)
}
