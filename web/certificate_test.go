package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"firstset"
	"firstset/date"
	"firstset/dbtest"
	"firstset/document"
	"firstset/service"
)

// certificateFont is the CJK font the tests lay PDFs out with; nil (and
// the PDF checks skipped) when none is installed, except under CI.
func certificateFont(t *testing.T) *document.Font {
	t.Helper()
	path, err := document.FindFont("")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI needs a CJK font: %v", err)
		}
		return nil
	}
	f, err := document.LoadFont(path)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

type certificateLink struct {
	Number    string `json:"number"`
	Token     string `json:"token"`
	VerifyURL string `json:"verify_url"`
	PDFURL    string `json:"pdf_url"`
	KeyID     string `json:"key_id"`
}

type productWithHistory struct {
	firstset.Product
	Validity date.Date                `json:"validity"`
	History  []*firstset.ProductEvent `json:"history"`
}

func verifyToken(t *testing.T, c *client, token string) firstset.Verification {
	t.Helper()
	w := c.postJSON("/api/v1/certificates/verify", map[string]string{"token": token})
	wantStatus(t, "verify", w, http.StatusOK)
	var v firstset.Verification
	decode(t, w, &v)
	return v
}

func certificateOf(t *testing.T, c *client, productID int64) certificateLink {
	t.Helper()
	w := c.get(fmt.Sprintf("/api/v1/products/%d/certificate", productID))
	wantStatus(t, "certificate", w, http.StatusOK)
	var l certificateLink
	decode(t, w, &l)
	return l
}

// tamper changes the character at i to another of the token's alphabet.
func tamper(token string, i int) string {
	b := []byte(token)
	switch {
	case b[i] == '.':
		b[i] = 'A'
	case b[i] == 'A':
		b[i] = 'B'
	default:
		b[i] = 'A'
	}
	return string(b)
}

// caseTimeline is what these tests read of a case.
type caseTimeline struct {
	ProductID   int64             `json:"product_id"`
	ProductName string            `json:"product_name"`
	Timeline    []*firstset.Event `json:"timeline"`
}

var certificateNumber = regexp.MustCompile(`^CQSTT-\d{4}-\d{4}$`)

// TestCertificatesAndAdjustments publishes a product through the
// recognition workflow, then checks its certificate three ways (the API,
// the public page, the key ring offline), tampers with it, and walks it
// through revocation, restoration, re-dating and a key rotation.
func TestCertificatesAndAdjustments(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		font := certificateFont(t)
		env := newRecognitionEnvConfig(t, store, func(c *service.Config) { c.Documents.Font = font })
		caseID := runRecognitionFlow(t, env)
		reviewer, entA, entB, public := env.api("reviewer"), env.api("ent-a"), env.api("ent-b"), env.public()
		var cv caseTimeline
		decode(t, reviewer.get(fmt.Sprintf("/api/v1/recognitions/%d", caseID)), &cv)
		pid := cv.ProductID

		cert := certificateOf(t, public, pid)
		if !certificateNumber.MatchString(cert.Number) || !strings.Contains(cert.VerifyURL, "/verify?t=") ||
			!strings.HasSuffix(cert.PDFURL, fmt.Sprintf("/api/v1/products/%d/certificate.pdf", pid)) {
			t.Fatalf("certificate link %+v", cert)
		}
		v := verifyToken(t, public, cert.Token)
		if !v.Valid || v.Status != firstset.CertRecognised || v.Certificate.Number != cert.Number ||
			v.Certificate.ProductName != cv.ProductName || v.Certificate.CreditCode != env.entA.CreditCode ||
			v.Certificate.DocumentNumber == "" || v.Certificate.ValidUntil.IsZero() {
			t.Fatalf("verification %+v %+v", v, v.Certificate)
		}

		// One changed character anywhere makes the token invalid.
		for i := range len(cert.Token) {
			if got := verifyToken(t, public, tamper(cert.Token, i)); got.Valid || got.Status != "" || got.Reason == "" {
				t.Fatalf("token changed at %d verifies: %+v", i, got)
			}
		}
		// Signed by another key, under this key's id or its own.
		var claims document.CertificateClaims
		ring := keyRing(t, public)
		if claims, _ = document.VerifyCertificate(cert.Token, ring); claims.Number != cert.Number {
			t.Fatal("the published key ring does not verify the certificate offline")
		}
		other, err := document.NewSigningKey(time.Now())
		if err != nil {
			t.Fatal(err)
		}
		forged, _ := document.SignCertificate(other, claims)
		if got := verifyToken(t, public, forged); got.Valid || got.ReasonCode != "unknown_key" {
			t.Fatalf("token of an unknown key: %+v", got)
		}
		other.ID = cert.KeyID
		forged, _ = document.SignCertificate(other, claims)
		if got := verifyToken(t, public, forged); got.Valid || got.ReasonCode != "bad_signature" {
			t.Fatalf("token of another key under this key's id: %+v", got)
		}
		if _, err := document.VerifyCertificate(forged, ring); err == nil {
			t.Fatal("offline verification accepts another key's signature")
		}

		// The public page a QR code opens agrees.
		page := public.get("/verify?t=" + url.QueryEscape(cert.Token))
		wantStatus(t, "verify page", page, http.StatusOK)
		if !strings.Contains(page.Body.String(), "证书真实有效") || !strings.Contains(page.Body.String(), cert.Number) {
			t.Fatalf("verify page: %s", page.Body.String())
		}
		if body := public.get("/verify?t=" + url.QueryEscape(tamper(cert.Token, 10))).Body.String(); !strings.Contains(body, "证书无效") {
			t.Fatal("the verify page does not refuse a changed token")
		}

		// The PDF: for its enterprise and staff, carrying its token.
		wantStatus(t, "pdf, public", public.get(fmt.Sprintf("/api/v1/products/%d/certificate.pdf", pid)), http.StatusNotFound)
		wantStatus(t, "pdf, other enterprise", entB.get(fmt.Sprintf("/api/v1/products/%d/certificate.pdf", pid)), http.StatusNotFound)
		pdf := entA.get(fmt.Sprintf("/api/v1/products/%d/certificate.pdf", pid))
		if font == nil {
			wantError(t, "pdf without a font", pdf, http.StatusServiceUnavailable, firstset.EUNAVAILABLE)
		} else {
			wantStatus(t, "pdf", pdf, http.StatusOK)
			if ct := pdf.Header().Get("Content-Type"); ct != "application/pdf" {
				t.Fatalf("pdf content type %q", ct)
			}
			if tok, err := document.TokenFromPDF(pdf.Body.Bytes()); err != nil || tok != cert.Token {
				t.Fatalf("token in the pdf: %v", err)
			}
			wantStatus(t, "pdf, reviewer", reviewer.get(fmt.Sprintf("/api/v1/products/%d/certificate.pdf", pid)), http.StatusOK)
		}

		// Adjustments: refused to anyone but reviewers, and when malformed.
		adjust := func(c *client, in map[string]any) *productWithHistory {
			t.Helper()
			w := c.postJSON(fmt.Sprintf("/api/v1/products/%d/adjustments", pid), in)
			wantStatus(t, fmt.Sprintf("adjust %v", in["action"]), w, http.StatusOK)
			var p productWithHistory
			decode(t, w, &p)
			return &p
		}
		target := fmt.Sprintf("/api/v1/products/%d/adjustments", pid)
		revoke := map[string]any{"action": "revoke", "reason": "申报材料弄虚作假", "document": "渝经信发〔2026〕99号"}
		wantError(t, "adjust, public", public.postJSON(target, revoke), http.StatusUnauthorized, firstset.EUNAUTHORIZED)
		wantError(t, "adjust, enterprise", entA.postJSON(target, revoke), http.StatusForbidden, firstset.EFORBIDDEN)
		wantFieldError(t, "revoke without a document", reviewer.postJSON(target, map[string]any{"action": "revoke", "reason": "x"}), "document")
		wantFieldError(t, "unknown action", reviewer.postJSON(target, map[string]any{"action": "delete", "reason": "x"}), "action")
		wantFieldError(t, "re-date without a date", reviewer.postJSON(target, map[string]any{"action": "set_valid_until", "reason": "x"}), "valid_until")
		wantFieldError(t, "re-date before recognition", reviewer.postJSON(target, map[string]any{"action": "set_valid_until",
			"reason": "x", "valid_until": "2020-01-01"}), "valid_until")
		wantError(t, "restore what is not revoked", reviewer.postJSON(target, map[string]any{"action": "restore", "reason": "x"}),
			http.StatusConflict, firstset.EWRONGSTAGE)

		p := adjust(reviewer, revoke)
		if p.Status != firstset.StatusRevoked || len(p.History) != 2 || p.History[1].Action != "revoke" ||
			p.History[1].Document != revoke["document"] || p.History[1].Actor == "" {
			t.Fatalf("revoked product %+v, history %+v", p.Product, p.History)
		}
		if got := verifyToken(t, public, cert.Token); !got.Valid || got.Status != firstset.CertRevoked {
			t.Fatalf("a revoked product's certificate: %+v", got)
		}
		wantError(t, "revoke twice", reviewer.postJSON(target, revoke), http.StatusConflict, firstset.EWRONGSTAGE)
		// Still public, with its history, but out of the public catalog.
		var seen productWithHistory
		decode(t, public.get(fmt.Sprintf("/api/v1/products/%d", pid)), &seen)
		if seen.Status != firstset.StatusRevoked || len(seen.History) != 2 {
			t.Fatalf("public product after revocation: %+v", seen)
		}
		if body := public.get(fmt.Sprintf("/products/%d", pid)).Body.String(); !strings.Contains(body, "撤销认定") || !strings.Contains(body, "申报材料弄虚作假") {
			t.Fatal("the product page does not show the revocation")
		}
		// The reviewer's form offers what the state allows: restore, not
		// revoke again; the public gets no form.
		form := env.login("reviewer").get(fmt.Sprintf("/products/%d", pid)).Body.String()
		if !strings.Contains(form, `value="restore"`) || strings.Contains(form, `value="revoke"`) || !strings.Contains(form, `value="set_valid_until"`) {
			t.Fatal("the adjustment form of a revoked product offers the wrong actions")
		}
		if strings.Contains(public.get(fmt.Sprintf("/products/%d", pid)).Body.String(), `action="/products/`) {
			t.Fatal("the public is offered the adjustment form")
		}
		var catalog struct {
			Total int `json:"total"`
		}
		decode(t, public.get("/api/v1/catalog?q="+url.QueryEscape(cv.ProductName)+"&status=revoked"), &catalog)
		if catalog.Total != 0 {
			t.Fatal("the public catalog lists a revoked product")
		}
		decode(t, reviewer.get("/api/v1/catalog?q="+url.QueryEscape(cv.ProductName)+"&status=revoked"), &catalog)
		if catalog.Total != 1 {
			t.Fatal("staff cannot filter the catalog for revoked products")
		}
		// The case's timeline has it too; the enterprise was told.
		var after caseTimeline
		decode(t, reviewer.get(fmt.Sprintf("/api/v1/recognitions/%d", caseID)), &after)
		if last := after.Timeline[len(after.Timeline)-1]; last.Action != "revoke" || !strings.Contains(last.Opinion, "弄虚作假") {
			t.Fatalf("case timeline ends with %+v", last)
		}

		p = adjust(reviewer, map[string]any{"action": "restore", "reason": "复核后撤销决定有误"})
		if p.Status != firstset.StatusRecognised {
			t.Fatalf("restored status %s", p.Status)
		}
		if got := verifyToken(t, public, cert.Token); !got.Valid || got.Status != firstset.CertRecognised {
			t.Fatalf("after restoring: %+v", got)
		}

		// Re-dating issues a new certificate; the old one says so.
		longer := p.Validity.AddDays(365)
		p = adjust(reviewer, map[string]any{"action": "set_valid_until", "reason": "延长有效期", "valid_until": longer.String()})
		if p.Validity != longer || p.Status != firstset.StatusRecognised {
			t.Fatalf("extended: %+v validity %s", p.Product, p.Validity)
		}
		renewed := certificateOf(t, public, pid)
		if renewed.Number == cert.Number {
			t.Fatal("re-dating kept the certificate")
		}
		if got := verifyToken(t, public, cert.Token); !got.Valid || got.ReasonCode != "superseded" || got.SupersededBy != renewed.Number {
			t.Fatalf("the superseded certificate: %+v", got)
		}
		if got := verifyToken(t, public, renewed.Token); !got.Valid || got.Certificate.ValidUntil != longer || got.ReasonCode != "recognised" {
			t.Fatalf("the new certificate: %+v", got)
		}
		wantFieldError(t, "re-date to the same day", reviewer.postJSON(target, map[string]any{"action": "set_valid_until",
			"reason": "x", "valid_until": longer.String()}), "valid_until")

		// A key rotation: new certificates are signed by the new key, old
		// ones still verify.
		sys := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
		newKey, err := env.svc.RotateSigningKey(sys)
		if err != nil {
			t.Fatal(err)
		}
		// Shortened to end on the day of recognition, two days ago.
		env.clock = env.clock.Add(48 * time.Hour)
		p = adjust(reviewer, map[string]any{"action": "set_valid_until", "reason": "缩短有效期", "valid_until": p.RecognizedOn.String()})
		if p.Status != firstset.StatusExpired {
			t.Fatalf("shortened into the past: %s", p.Status)
		}
		latest := certificateOf(t, public, pid)
		if latest.KeyID != newKey || len(keyRing(t, public).Keys) != 2 {
			t.Fatalf("after rotation the certificate is signed by %s, want %s", latest.KeyID, newKey)
		}
		if got := verifyToken(t, public, latest.Token); !got.Valid || got.Status != firstset.CertExpired {
			t.Fatalf("the shortened certificate: %+v", got)
		}
		if got := verifyToken(t, public, renewed.Token); !got.Valid {
			t.Fatalf("a certificate of the retired key: %+v", got)
		}

		// Each adjustment is in the audit log.
		var audit struct {
			Items []firstset.AuditEntry `json:"items"`
		}
		decode(t, env.api("admin").get(fmt.Sprintf("/api/v1/audit?entity_type=product&entity_id=%d", pid)), &audit)
		actions := map[string]int{}
		for _, e := range audit.Items {
			actions[e.Action]++
		}
		if actions["revoke"] != 1 || actions["restore"] != 1 || actions["set_valid_until"] != 2 {
			t.Fatalf("audit actions %v", actions)
		}
	})
}

func keyRing(t *testing.T, c *client) document.KeyRing {
	t.Helper()
	w := c.get("/api/v1/certificates/key")
	wantStatus(t, "key ring", w, http.StatusOK)
	ring, err := document.ParseKeyRing(w.Body.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return ring
}

// wantFieldError wants a 422 invalid answer naming field.
func wantFieldError(t *testing.T, what string, w *httptest.ResponseRecorder, field string) {
	t.Helper()
	wantStatus(t, what, w, http.StatusUnprocessableEntity)
	var e struct {
		Error struct {
			Code   string                `json:"code"`
			Field  string                `json:"field"`
			Fields []firstset.FieldError `json:"details"`
		} `json:"error"`
	}
	decode(t, w, &e)
	if e.Error.Field != field && !slices.ContainsFunc(e.Error.Fields, func(f firstset.FieldError) bool { return f.Field == field }) {
		t.Fatalf("%s: error does not name %s: %s", what, field, w.Body.String())
	}
}

// exerciseCertificates calls each certificate, history, adjustment and job
// operation once with success, for the OpenAPI check.
func exerciseCertificates(t *testing.T, env *recognitionEnv, caseID int64) {
	t.Helper()
	var cv caseTimeline
	decode(t, env.api("reviewer").get(fmt.Sprintf("/api/v1/recognitions/%d", caseID)), &cv)
	public := env.public()
	cert := certificateOf(t, public, cv.ProductID)
	verifyToken(t, public, cert.Token)
	keyRing(t, public)
	wantStatus(t, "history", public.get(fmt.Sprintf("/api/v1/products/%d/history", cv.ProductID)), http.StatusOK)
	if env.svc.CertificatePDFAvailable() {
		wantStatus(t, "pdf", env.api("ent-a").get(fmt.Sprintf("/api/v1/products/%d/certificate.pdf", cv.ProductID)), http.StatusOK)
	}
	wantStatus(t, "revoke", env.api("reviewer").postJSON(fmt.Sprintf("/api/v1/products/%d/adjustments", cv.ProductID),
		map[string]any{"action": "revoke", "reason": "核查不实", "document": "渝经信〔2026〕7号"}), http.StatusOK)
	wantFieldError(t, "verify without a token", public.postJSON("/api/v1/certificates/verify", map[string]any{"token": ""}), "token")
	env.svc.UseJobRunner(&fakeRunner{})
	wantStatus(t, "jobs", env.api("admin").get("/api/v1/jobs"), http.StatusOK)
	wantStatus(t, "run a job", env.api("admin").postJSON("/api/v1/jobs/catalog_expiry/run", nil), http.StatusAccepted)
}
