package web

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/signintech/gopdf"

	"firstset"
	"firstset/web/httpx"
)

const tenderPDFFont = "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"

// tenderPDF is an A4 PDF of lines in an embedded CJK font, or, without
// lines, a page holding only a picture (a scan).
func tenderPDF(t *testing.T, lines ...string) []byte {
	t.Helper()
	pdf := new(gopdf.GoPdf)
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
	pdf.AddPage()
	if len(lines) == 0 {
		var pic bytes.Buffer
		if err := png.Encode(&pic, image.NewGray(image.Rect(0, 0, 100, 100))); err != nil {
			t.Fatal(err)
		}
		holder, err := gopdf.ImageHolderByBytes(pic.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if err := pdf.ImageByHolder(holder, 50, 50, &gopdf.Rect{W: 300, H: 300}); err != nil {
			t.Fatal(err)
		}
	} else {
		if err := pdf.AddTTFFont("cjk", tenderPDFFont); err != nil {
			t.Fatal(err)
		}
		if err := pdf.SetFont("cjk", "", 12); err != nil {
			t.Fatal(err)
		}
		for i, s := range lines {
			pdf.SetXY(50, 50+float64(i)*20)
			if err := pdf.Cell(nil, s); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if _, err := pdf.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestTenderPDF: a PDF with text is checked on the API and the page; a
// scan and a file that only carries the name get 422 with their code.
func TestTenderPDF(t *testing.T) {
	if _, err := os.Stat(tenderPDFFont); err != nil {
		t.Skip("no CJK font:", err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("no pdftotext:", err)
	}
	env := newTestEnv(t)
	api := env.token("buyer", firstset.ScopeCatalogRead)
	page := env.login("buyer")

	text := tenderPDF(t, strings.Split(strings.TrimSpace(tenderText), "\n")...)
	w := api.postMultipart("/api/v1/tender/check", map[string]string{}, "招标文件.pdf", text)
	var rep tenderReport
	decode(t, w, &rep)
	if w.Code != 200 || !strings.Contains(rep.rules(), "MARKET_SHARE") || !strings.Contains(rep.rules(), "QUALITY_DEPOSIT") {
		t.Errorf("text PDF: %d %s", w.Code, w.Body.String())
	}
	if p := page.postMultipart("/tender", map[string]string{}, "a.pdf", text); p.Code != 200 || !strings.Contains(p.Body.String(), "市场占有率") {
		t.Errorf("page: %d", p.Code)
	}

	for _, c := range []struct {
		name string
		data []byte
		code string
	}{
		{"scan.pdf", tenderPDF(t), "scanned_pdf"},
		{"garbage.pdf", []byte("随便写的文字，不是 PDF"), "malformed_pdf"},
	} {
		w := api.postMultipart("/api/v1/tender/check", map[string]string{}, c.name, c.data)
		var e httpx.APIError
		decode(t, w, &e)
		if w.Code != 422 || len(e.Error.Details) != 1 || e.Error.Details[0].Code != c.code || e.Error.Field != "file" {
			t.Errorf("%s: %d %+v", c.name, w.Code, e.Error)
		}
	}
	if p := page.postMultipart("/tender", map[string]string{}, "scan.pdf", tenderPDF(t)); !strings.Contains(p.Body.String(), "可能是扫描件") {
		t.Errorf("page does not explain a scan: %d", p.Code)
	}
}
