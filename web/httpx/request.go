package httpx

import (
	"net"
	"net/http"
	"strings"
)

// ClientIP is the caller's address: the last X-Forwarded-For hop when a
// trusted proxy sets it (that one the proxy wrote; earlier hops are the
// client's own words and could dodge the per-address login limit), else
// the connection's peer.
func (b *Base) ClientIP(r *http.Request) string {
	if b.TrustForwardedFor {
		if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
			hops := strings.Split(xff[len(xff)-1], ",")
			if ip := net.ParseIP(strings.TrimSpace(hops[len(hops)-1])); ip != nil {
				return ip.String()
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
