package ui

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"mime"
	"net/http"
	"path"
)

//go:embed static
var staticFS embed.FS

// staticETags are computed once: the files are part of the binary.
var staticETags = func() map[string]string {
	tags := make(map[string]string)
	entries, _ := staticFS.ReadDir("static")
	for _, e := range entries {
		b, err := staticFS.ReadFile("static/" + e.Name())
		if err != nil {
			continue
		}
		sum := sha256.Sum256(b)
		tags[e.Name()] = `"` + hex.EncodeToString(sum[:8]) + `"`
	}
	return tags
}()

// handleStatic serves the embedded stylesheet and images.
func (s *Handler) handleStatic(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	etag, ok := staticETags[name]
	if !ok {
		s.handleNotFound(w, r)
		return
	}
	b, err := staticFS.ReadFile("static/" + name)
	if err != nil {
		s.handleNotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", "public, max-age=3600")
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		h.Set("Content-Type", ct)
	}
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	_, _ = w.Write(b)
}
