package web

import (
	"net/http/httptest"
	"testing"
)

// The address the login limit counts is the one the trusted proxy saw, not
// whatever the client put at the front of X-Forwarded-For.
func TestClientIPTakesTheProxysHop(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "10.0.0.5:4321"
	r.Header.Set("X-Forwarded-For", "203.0.113.9, 198.51.100.7")
	if got := New(Options{TrustForwardedFor: true}).base.ClientIP(r); got != "198.51.100.7" {
		t.Errorf("behind a proxy: %s, want the hop the proxy appended", got)
	}
	if got := New(Options{}).base.ClientIP(r); got != "10.0.0.5" {
		t.Errorf("without a trusted proxy: %s, want the peer", got)
	}
}
