package document

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"
)

// tool is the path of a poppler program; a missing one skips the test,
// except under CI=true.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed (poppler-utils): %v", name, err)
		}
		t.Skipf("%s is not installed (poppler-utils)", name)
	}
	return p
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(tool(t, name), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// certificate signs claims and lays out their PDF.
func certificate(t testing.TB, key SigningKey, c CertificateClaims) (string, []byte) {
	t.Helper()
	font := testFont(t)
	token, err := SignCertificate(key, c)
	if err != nil {
		t.Fatal(err)
	}
	c.Typ, c.KeyID = KindProductCertificate, key.ID
	pdf, err := CertificatePDF(c, CertificateOptions{Font: font, Token: token, VerifyURL: "https://jxw.cq.gov.cn/firstset/verify?t=" + token})
	if err != nil {
		t.Fatal(err)
	}
	return token, pdf
}

func TestCertificatePDF(t *testing.T) {
	key := newKey(t, day)
	c := sampleClaims()
	token, pdf := certificate(t, key, c)
	t.Logf("PDF: %d bytes; token: %d characters", len(pdf), len(token))
	if len(pdf) > 300<<10 {
		t.Errorf("the PDF has %d bytes, want under 300 KB", len(pdf))
	}
	got, err := TokenFromPDF(pdf)
	if err != nil || got != token {
		t.Fatalf("TokenFromPDF = %q, %v\nwant %q", got, err, token)
	}
	if _, err := VerifyCertificate(got, ringOf(key)); err != nil {
		t.Errorf("the PDF's token: %v", err)
	}

	file := writeTemp(t, "cert.pdf", pdf)
	info := run(t, "pdfinfo", file)
	if !regexp.MustCompile(`Page size:\s+(595\.2\d* x 841\.8\d*|595 x 842) pts \(A4\)`).MatchString(info) {
		t.Errorf("not A4:\n%s", info)
	}
	if !regexp.MustCompile(`Pages:\s+1\n`).MatchString(info) {
		t.Errorf("not one page:\n%s", info)
	}
	if !strings.Contains(info, TokenMarker+token) {
		t.Errorf("pdfinfo does not show the token in the subject:\n%s", info)
	}
	text := run(t, "pdftotext", file, "-")
	for _, want := range []string{"重庆市首台", "证书编号：" + c.Number, c.ProductName, c.Enterprise, c.CreditCode, c.DocumentNumber, "2029年2月26日", DefaultIssuer, "扫码核验证书真伪及当前状态"} {
		if !strings.Contains(text, want) {
			t.Errorf("the text lacks %q:\n%s", want, text)
		}
	}

	pdftoppm := tool(t, "pdftoppm")
	prefix := filepath.Join(t.TempDir(), "page")
	if out, err := exec.Command(pdftoppm, "-png", "-r", "50", file, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	png, err := os.ReadFile(prefix + "-1.png")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(png, []byte("\x89PNG")) || len(png) < 10<<10 {
		t.Errorf("the rendered page is %d bytes", len(png))
	}
}

// A long product name wraps inside the table: pdftotext finds it whole
// once its lines are joined, and every line stays within the margins.
func TestCertificateLongNames(t *testing.T) {
	key := newKey(t, day)
	c := sampleClaims()
	c.ProductName = strings.Repeat("超大型智能化五轴联动数控龙门加工中心", 3) + "柔性制造系统" // 60 characters
	c.Enterprise = "重庆市某某某某高端智能装备制造与系统集成技术研究院股份有限公司（集团）第二分公司"
	c.Model = "CQ-GMC5000/5X-II-SUPERLONGMODELNUMBER-2026-EDITION-WITH-OPTIONS"
	if n := len([]rune(c.ProductName)); n != 60 {
		t.Fatalf("the name has %d characters", n)
	}
	_, pdf := certificate(t, key, c)
	file := writeTemp(t, "long.pdf", pdf)
	text := strings.Join(strings.Fields(run(t, "pdftotext", file, "-")), "")
	for _, want := range []string{c.ProductName, c.Enterprise, c.Model} {
		if !strings.Contains(text, want) {
			t.Errorf("the text lacks %q:\n%s", want, text)
		}
	}
	if !regexp.MustCompile(`Pages:\s+1\n`).MatchString(run(t, "pdfinfo", file)) {
		t.Error("not one page")
	}
	// pdftotext -bbox gives each word's box: none may cross the margins.
	bbox := run(t, "pdftotext", "-bbox", file, "-")
	words := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"`).FindAllStringSubmatch(bbox, -1)
	if len(words) == 0 {
		t.Fatal("no words in the bbox output")
	}
	for _, w := range words {
		var x0, x1 float64
		fmt.Sscan(w[1], &x0)
		fmt.Sscan(w[2], &x1)
		if x0 < marginX-1 || x1 > pageWidth-marginX+1 {
			t.Errorf("a word from %.1f to %.1f crosses the margins %.1f–%.1f", x0, x1, marginX, pageWidth-marginX)
		}
	}
}

func TestWrap(t *testing.T) {
	p, err := newPage(testFont(t), pdfInfo{})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.font(12); err != nil {
		t.Fatal(err)
	}
	check := func(s string, width float64) []string {
		t.Helper()
		lines, err := p.wrap(s, width)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(lines, "") != strings.ReplaceAll(s, "\n", "") {
			t.Errorf("wrap lost text: %q from %q", lines, s)
		}
		for _, l := range lines {
			if w, _ := p.width(l); w > width+0.01 && len([]rune(l)) > 1 {
				t.Errorf("line %q is %.1f wide, more than %.1f", l, w, width)
			}
			if l != "" && strings.ContainsRune(noLineStart, []rune(l)[0]) {
				t.Errorf("line %q begins with closing punctuation", l)
			}
			if r := []rune(l); l != "" && l != lines[len(lines)-1] && strings.ContainsRune(noLineEnd, r[len(r)-1]) {
				t.Errorf("line %q ends with an opening bracket", l)
			}
		}
		return lines
	}
	if got := check("短名称", 200); len(got) != 1 {
		t.Errorf("a short text wrapped: %q", got)
	}
	got := check("甲乙丙丁戊己庚辛壬癸，子丑寅卯", 120)
	if len(got) != 2 {
		t.Errorf("%q", got)
	}
	// The model number moves down whole rather than splitting.
	got = check("重庆机床型号GMC5000X", 100)
	if last := got[len(got)-1]; !strings.HasSuffix(last, "GMC5000X") {
		t.Errorf("a Latin run was split: %q", got)
	}
	check(strings.Repeat("ABCDEFGHIJ", 10), 100) // longer than a line: broken anyway
	// A grouped amount stays whole; brackets and the marks after them
	// keep to their words, at every width.
	for w := 40.0; w <= 160; w += 3 {
		got = check("合同金额合计21,387,059,724.42元（占31.76%）。政府投资项目（二）", w)
		if w >= 110 && !slices.ContainsFunc(got, func(l string) bool { return strings.Contains(l, "21,387,059,724.42") }) {
			t.Errorf("width %.0f: the amount was split: %q", w, got)
		}
	}
	check("第一行\n第二行", 300)
}

// Documents made at once share one Font (run with -race).
func TestCertificatePDFConcurrent(t *testing.T) {
	testFont(t)
	key := newKey(t, day)
	var wg sync.WaitGroup
	results := make([][]byte, 8)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := sampleClaims()
			c.Number = fmt.Sprintf("CQSTT-2026-%04d", i+1)
			_, results[i] = certificate(t, key, c)
		}()
	}
	wg.Wait()
	for i, pdf := range results {
		tok, err := TokenFromPDF(pdf)
		if err != nil {
			t.Fatal(err)
		}
		c, err := VerifyCertificate(tok, ringOf(key))
		if err != nil || c.Number != fmt.Sprintf("CQSTT-2026-%04d", i+1) {
			t.Errorf("document %d: %+v %v", i, c, err)
		}
	}
}

// TokenFromPDF reads the Subject however a PDF writer spelled it.
func TestTokenFromPDFSpellings(t *testing.T) {
	const token = "eyJ0eXAiOiJ4In0.c2ln-_"
	utf16hex := func(s string) string {
		var b []byte
		b = append(b, 0xFE, 0xFF)
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u>>8), byte(u))
		}
		return strings.ToUpper(hex.EncodeToString(b))
	}
	spaced := func(h string) string {
		var sb strings.Builder
		for i := 0; i < len(h); i += 8 {
			sb.WriteString(h[i:min(i+8, len(h))])
			sb.WriteString("\n ")
		}
		return sb.String()
	}
	cases := map[string]string{
		"utf-16 hex":            "/Subject <" + utf16hex(TokenMarker+token) + ">",
		"utf-16 hex, lowercase": "/Subject<" + strings.ToLower(utf16hex(TokenMarker+token)) + ">",
		"utf-16 hex, spaced":    "/Subject <" + spaced(utf16hex(TokenMarker+token)) + ">",
		"latin hex":             "/Subject <" + hex.EncodeToString([]byte(TokenMarker+token)) + ">",
		"literal":               "/Subject (" + TokenMarker + token + ")",
		"literal, escaped":      `/Subject (\146irstset-certificate-token:` + token[:5] + "\\\n" + token[5:] + `)`,
		"literal, utf-8 bom":    "/Subject (\xEF\xBB\xBF" + TokenMarker + token + ")",
		"literal, utf-16":       "/Subject (" + string(mustHex(utf16hex(TokenMarker+token))) + ")",
		"incremental update":    "/Subject (" + TokenMarker + "old.old) >> /Subject (" + TokenMarker + token + ")",
		"another subject first": "/Subject (a (nested) \\) subject) /Title (x) /Subject (" + TokenMarker + token + ")",
		"raw marker only":       "/Keywords [" + TokenMarker + token + "]",
	}
	for name, info := range cases {
		pdf := []byte("%PDF-1.7\n1 0 obj\n<< " + info + " >>\nendobj\n%%EOF\n")
		got, err := TokenFromPDF(pdf)
		if err != nil || got != token {
			t.Errorf("%s: %q %v, want %q", name, got, err, token)
		}
	}
	for _, none := range []string{"%PDF-1.7\n", "/Subject (a report)", "/Subject <zz>", "/Subject (unterminated"} {
		if got, err := TokenFromPDF([]byte(none)); err == nil {
			t.Errorf("%q: token %q", none, got)
		}
	}
}

func mustHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

func BenchmarkCertificatePDF(b *testing.B) {
	font := testFont(b)
	key := newKey(b, day)
	c := sampleClaims()
	token, err := SignCertificate(key, c)
	if err != nil {
		b.Fatal(err)
	}
	opts := CertificateOptions{Font: font, Token: token, VerifyURL: "https://jxw.cq.gov.cn/firstset/verify?t=" + token}
	if _, err := CertificatePDF(c, opts); err != nil { // the font's parse, once
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	size := 0
	for b.Loop() {
		pdf, err := CertificatePDF(c, opts)
		if err != nil {
			b.Fatal(err)
		}
		size = len(pdf)
	}
	b.ReportMetric(float64(size), "bytes/pdf")
}

// BenchmarkFontParse is what each document would add without the Font's
// cached parse.
func BenchmarkFontParse(b *testing.B) {
	font := testFont(b)
	for b.Loop() {
		f := &Font{Path: font.Path, data: font.data}
		p, err := newPage(f, pdfInfo{})
		if err != nil || p == nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	key := newKey(b, day)
	token, err := SignCertificate(key, sampleClaims())
	if err != nil {
		b.Fatal(err)
	}
	ring := ringOf(key)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := VerifyCertificate(token, ring); err != nil {
			b.Fatal(err)
		}
	}
}
