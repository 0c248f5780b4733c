package certcli

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"firstset/document"
)

var (
	created = time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	today   = func() time.Time { return time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC) }
)

type fixture struct {
	dir     string
	key     document.SigningKey
	ring    []byte
	keyFile string
	claims  document.CertificateClaims
	token   string
}

func setup(t *testing.T) fixture {
	t.Helper()
	key, err := document.NewSigningKey(created)
	if err != nil {
		t.Fatal(err)
	}
	ring, err := document.NewKeyRing(document.DefaultIssuer, []document.SigningKey{key}).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	f := fixture{dir: t.TempDir(), key: key, ring: ring}
	f.keyFile = f.write(t, "key.json", ring)
	f.claims = document.CertificateClaims{
		Number: "CQSTT-2026-0007", ProductID: 42, ProductName: "盾构机主驱动密封系统", Model: "ZQ-8000",
		Enterprise: "重庆某某重工股份有限公司", CreditCode: "91500000MA5U1234XY", Category: "工程机械",
		Innovation: "national", InnovationLabel: "国内首台（套）", DocumentNumber: "渝经信发〔2026〕3号",
		RecognizedOn: "2026-01-20", ValidUntil: "2029-01-19", IssuedAt: "2026-01-25",
	}
	if f.token, err = document.SignCertificate(key, f.claims); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f fixture) write(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(f.dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func verify(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Verify(args, strings.NewReader(stdin), &out, &errOut, today)
	return code, out.String(), errOut.String()
}

func wantValid(t *testing.T, f fixture, code int, out, errOut string) {
	t.Helper()
	if code != ExitOK {
		t.Fatalf("exit %d, want 0\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	for _, s := range []string{"证书签名有效", f.claims.Number, f.claims.ProductName, f.claims.Enterprise, f.claims.CreditCode,
		f.key.ID, "2029-01-19", "今天（2026-06-01）在有效期内", "撤销", "在线核验"} {
		if !strings.Contains(out, s) {
			t.Errorf("the report lacks %q:\n%s", s, out)
		}
	}
}

func TestVerifyToken(t *testing.T) {
	f := setup(t)
	code, out, errOut := verify(t, "", "--key", f.keyFile, f.token)
	wantValid(t, f, code, out, errOut)
	t.Log(out)
}

func TestVerifyURLAndStdin(t *testing.T) {
	f := setup(t)
	u := "https://jxw.cq.gov.cn/firstset/verify?t=" + f.token
	code, out, errOut := verify(t, "", "--key", f.keyFile, u)
	wantValid(t, f, code, out, errOut)
	code, out, errOut = verify(t, f.token+"\n", "--key", f.keyFile, "-")
	wantValid(t, f, code, out, errOut)
	code, out, errOut = verify(t, u+"\n", "--key", f.keyFile, "-")
	wantValid(t, f, code, out, errOut)
	// The key ring on standard input, the token as an argument.
	code, out, errOut = verify(t, string(f.ring), "--key", "-", f.token)
	wantValid(t, f, code, out, errOut)
}

func TestVerifyPDF(t *testing.T) {
	f := setup(t)
	path, err := document.FindFont("")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	font, err := document.LoadFont(path)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := document.CertificatePDF(f.claims, document.CertificateOptions{Font: font, Token: f.token, VerifyURL: "https://x.example/verify?t=" + f.token})
	if err != nil {
		t.Fatal(err)
	}
	file := f.write(t, "证书.pdf", pdf)
	code, out, errOut := verify(t, "", "--key", f.keyFile, file)
	wantValid(t, f, code, out, errOut)
	code, out, errOut = verify(t, string(pdf), "--key", f.keyFile, "-")
	wantValid(t, f, code, out, errOut)

	// A PDF without a token is not a certificate.
	other := f.write(t, "other.pdf", []byte("%PDF-1.4\n/Subject (a report)\n%%EOF\n"))
	if code, _, errOut := verify(t, "", "--key", f.keyFile, other); code != ExitInvalid || !strings.Contains(errOut, "没有证书码") {
		t.Errorf("a PDF without a token: exit %d, %s", code, errOut)
	}
}

func TestVerifyTampered(t *testing.T) {
	f := setup(t)
	payload, sig, _ := strings.Cut(f.token, ".")
	// Another certificate's payload under this one's signature.
	c := f.claims
	c.ValidUntil = "2039-01-19"
	longer, err := document.SignCertificate(f.key, c)
	if err != nil {
		t.Fatal(err)
	}
	otherPayload, _, _ := strings.Cut(longer, ".")
	swapped := otherPayload + "." + sig
	code, out, errOut := verify(t, "", "--key", f.keyFile, swapped)
	if code != ExitInvalid || out != "" || !strings.Contains(errOut, "签名不符：证书内容被改动或并非本平台签发。") || !strings.Contains(errOut, "bad_signature") {
		t.Errorf("a swapped payload: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}

	// A token cut short.
	code, _, errOut = verify(t, "", "--key", f.keyFile, payload+"."+sig[:10])
	if code != ExitInvalid || !strings.Contains(errOut, "malformed") {
		t.Errorf("a truncated token: exit %d, %s", code, errOut)
	}

	// A key the ring does not hold.
	stranger, err := document.NewSigningKey(created)
	if err != nil {
		t.Fatal(err)
	}
	foreign, err := document.SignCertificate(stranger, f.claims)
	if err != nil {
		t.Fatal(err)
	}
	code, _, errOut = verify(t, "", "--key", f.keyFile, foreign)
	if code != ExitInvalid || !strings.Contains(errOut, "unknown_key") || !strings.Contains(errOut, stranger.ID) {
		t.Errorf("an unknown key: exit %d, %s", code, errOut)
	}

	// A URL without its token.
	code, _, errOut = verify(t, "", "--key", f.keyFile, "https://x.example/verify?t=")
	if code != ExitInvalid {
		t.Errorf("a URL without a token: exit %d, %s", code, errOut)
	}
}

func TestVerifyExpiry(t *testing.T) {
	f := setup(t)
	later := func() time.Time { return time.Date(2029, 1, 20, 1, 0, 0, 0, time.UTC) }
	var out, errOut bytes.Buffer
	if code := Verify([]string{"--key", f.keyFile, f.token}, nil, &out, &errOut, later); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "已于 2029-01-19 到期") {
		t.Errorf("an expired certificate:\n%s", out.String())
	}
}

func TestVerifyUsage(t *testing.T) {
	f := setup(t)
	cases := map[string][]string{
		"missing --key":      {f.token},
		"no certificate":     {"--key", f.keyFile},
		"two certificates":   {"--key", f.keyFile, f.token, f.token},
		"unreadable key":     {"--key", filepath.Join(f.dir, "absent.json"), f.token},
		"unreadable file":    {"--key", f.keyFile, filepath.Join(f.dir, "absent.pdf")},
		"not a key ring":     {"--key", f.write(t, "bad.json", []byte(`{"keys":[]}`)), f.token},
		"both on stdin":      {"--key", "-", "-"},
		"unknown flag":       {"--kee", f.keyFile, f.token},
		"a path, not a file": {"--key", f.keyFile, "certs/none.txt"},
	}
	for name, args := range cases {
		code, out, errOut := verify(t, "", args...)
		if code != ExitBadInput || out != "" || !strings.Contains(errOut, "usage:") {
			t.Errorf("%s: exit %d\nstdout: %s\nstderr: %s", name, code, out, errOut)
		}
	}
	if code, _, errOut := verify(t, "", f.token); !strings.Contains(errOut, "--key") {
		t.Errorf("missing --key does not say so: %d %s", code, errOut)
	}
}

func TestKey(t *testing.T) {
	f := setup(t)
	var out, errOut bytes.Buffer
	if code := Key(nil, &out, &errOut, func() ([]byte, error) { return bytes.TrimSpace(f.ring), nil }); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if out.String() != string(f.ring) {
		t.Errorf("printed %q, want %q", out.String(), f.ring)
	}
	// What it prints is what verify reads.
	file := f.write(t, "printed.json", out.Bytes())
	if code, _, errOut := verify(t, "", "--key", file, f.token); code != ExitOK {
		t.Errorf("verify with the printed ring: %d %s", code, errOut)
	}

	out.Reset()
	if code := Key(nil, &out, &errOut, func() ([]byte, error) { return nil, errors.New("no database") }); code != ExitInvalid || out.Len() != 0 {
		t.Errorf("a failing ring: exit %d, %q", code, out.String())
	}
	if code := Key([]string{"extra"}, &out, &errOut, nil); code != ExitBadInput {
		t.Errorf("an argument: exit %d", code)
	}
}

func TestRun(t *testing.T) {
	f := setup(t)
	var out, errOut bytes.Buffer
	if code := Run([]string{"verify", "--key", f.keyFile, f.token}, nil, &out, &errOut, today, nil); code != ExitOK {
		t.Errorf("cert verify: exit %d: %s", code, errOut.String())
	}
	if code := Run([]string{"sign"}, nil, &out, &errOut, today, nil); code != ExitBadInput {
		t.Errorf("an unknown subcommand: exit %d", code)
	}
	if code := Run(nil, nil, &out, &errOut, today, nil); code != ExitBadInput {
		t.Errorf("no subcommand: exit %d", code)
	}
}

// TestVerifyLaunchDocuments: plaques and honour certificates verify
// offline too, and say what they are.
func TestVerifyLaunchDocuments(t *testing.T) {
	f := setup(t)
	honour, err := document.SignHonour(f.key, document.HonourClaims{Number: "CQRY-2026-0001", EventID: 1, Year: 2026,
		HeldOn: "2026-11-18", Name: "张明远", IDMasked: "500103********4512", Role: "项目负责人", ProductID: 42,
		Product: f.claims.ProductName, Enterprise: f.claims.Enterprise, IssuedAt: "2026-11-20"})
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := verify(t, "", "--key", f.keyFile, honour)
	if code != ExitOK || !strings.Contains(out, "荣誉证书签名有效") || !strings.Contains(out, "500103********4512") {
		t.Fatalf("honour: exit %d\n%s%s", code, out, errOut)
	}
	plaque, err := document.SignPlaque(f.key, document.PlaqueClaims{Number: "CQPB-2026-0001", EventID: 1, Year: 2026,
		HeldOn: "2026-11-18", Place: "重庆国际博览中心", Enterprise: f.claims.Enterprise, CreditCode: f.claims.CreditCode,
		Products: []string{f.claims.ProductName}, IssuedAt: "2026-11-20"})
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut = verify(t, "", "--key", f.keyFile, plaque)
	if code != ExitOK || !strings.Contains(out, "牌匾签名有效") || !strings.Contains(out, f.claims.Enterprise) {
		t.Fatalf("plaque: exit %d\n%s%s", code, out, errOut)
	}
}
