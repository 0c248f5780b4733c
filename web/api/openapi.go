package api

import (
	_ "embed"
	"net/http"
)

// OpenAPIDocument describes the JSON API; a test checks real answers
// against it, so it cannot drift from what the server does.
//
//go:embed openapi.json
var OpenAPIDocument []byte

func (s *Handler) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(OpenAPIDocument)
}
