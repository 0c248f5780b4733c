package web

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"firstset"
	"firstset/date"
)

// The address the login limit counts is the one the trusted proxy saw, not
// whatever the client put at the front of X-Forwarded-For.
func TestClientIPTakesTheProxysHop(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "10.0.0.5:4321"
	r.Header.Set("X-Forwarded-For", "203.0.113.9, 198.51.100.7")
	if got := New(Options{TrustForwardedFor: true}).clientIP(r); got != "198.51.100.7" {
		t.Errorf("behind a proxy: %s, want the hop the proxy appended", got)
	}
	if got := New(Options{}).clientIP(r); got != "10.0.0.5" {
		t.Errorf("without a trusted proxy: %s, want the peer", got)
	}
}

// A bad date in a JSON body is named by its field, in Chinese.
func TestJSONDateErrorNamesTheField(t *testing.T) {
	var in struct {
		Product struct {
			RecognizedOn date.Date `json:"recognized_on"`
		} `json:"product"`
	}
	err := json.Unmarshal([]byte(`{"product":{"recognized_on":"2025-13-02"}}`), &in)
	e, ok := firstset.AsError(jsonDecodeError(err))
	if !ok || e.Field != "product.recognized_on" || !strings.Contains(e.Message, "不是有效日期") {
		t.Fatalf("got %+v", e)
	}
	err = json.Unmarshal([]byte(`{"product":{"recognized_on":20250102}}`), &in)
	if e, _ := firstset.AsError(jsonDecodeError(err)); e == nil || e.Field != "product.recognized_on" {
		t.Fatalf("a number for a date: %+v", e)
	}
	err = json.Unmarshal([]byte(`{"product":"x"}`), &in)
	if e, _ := firstset.AsError(jsonDecodeError(err)); e == nil || !strings.Contains(e.Message, "应为对象") {
		t.Fatalf("a string for an object: %+v", e)
	}
}
