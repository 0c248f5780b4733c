package web

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"firstset/web/api"
	"firstset/web/sheet"
)

// openAPIChecker validates every API request a test sends, and the answer
// to it, against the served OpenAPI document, and remembers which
// operations answered with success.
type openAPIChecker struct {
	doc    *openapi3.T
	router routers.Router
	mu     sync.Mutex
	ok     map[string]bool // operation id → answered 2xx at least once
}

// registerXLSXDecoder lets the checker read Excel answers as the binary
// strings the document declares; kin-openapi knows no decoder for them.
var registerXLSXDecoder = sync.OnceFunc(func() {
	openapi3filter.RegisterBodyDecoder(sheet.MediaType, openapi3filter.FileBodyDecoder)
	openapi3filter.RegisterBodyDecoder("image/svg+xml", openapi3filter.FileBodyDecoder)
})

func newOpenAPIChecker(t *testing.T) *openAPIChecker {
	t.Helper()
	registerXLSXDecoder()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(api.OpenAPIDocument)
	if err != nil {
		t.Fatalf("load openapi.json: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json is not a valid OpenAPI document: %v", err)
	}
	// Route against the host httptest requests use.
	doc.Servers = openapi3.Servers{{URL: "http://example.com/api/v1"}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatalf("openapi router: %v", err)
	}
	return &openAPIChecker{doc: doc, router: router, ok: map[string]bool{}}
}

func (c *openAPIChecker) check(t *testing.T, r *http.Request, body []byte, w *httptest.ResponseRecorder) {
	t.Helper()
	req := r.Clone(context.Background())
	req.URL.Scheme, req.URL.Host = "http", "example.com"
	req.Body = io.NopCloser(bytes.NewReader(body))
	route, params, err := c.router.FindRoute(req)
	if err != nil {
		if w.Code == http.StatusNotFound {
			return // an undocumented path, and the server agrees it is not there
		}
		t.Errorf("%s %s answered %d but is not in the OpenAPI document: %v", r.Method, r.URL.Path, w.Code, err)
		return
	}
	in := &openapi3filter.RequestValidationInput{
		Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true},
	}
	// Requests the server refuses as malformed are meant to break the
	// document's rules; only accepted ones must follow them.
	if w.Code < 400 {
		if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
			t.Errorf("%s %s: request does not match the document: %v", r.Method, r.URL.Path, err)
		}
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: w.Code, Header: w.Header(),
		Body:    io.NopCloser(bytes.NewReader(w.Body.Bytes())),
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		t.Errorf("%s %s → %d: response does not match the document: %v\nbody: %s", r.Method, r.URL.Path, w.Code, err, w.Body.String())
	}
	if w.Code >= 200 && w.Code < 300 {
		c.mu.Lock()
		c.ok[route.Operation.OperationID] = true
		c.mu.Unlock()
	}
}

// missing lists the document's operations never answered with success.
func (c *openAPIChecker) missing() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, item := range c.doc.Paths.Map() {
		for _, op := range item.Operations() {
			if !c.ok[op.OperationID] {
				out = append(out, op.OperationID)
			}
		}
	}
	sort.Strings(out)
	return out
}
