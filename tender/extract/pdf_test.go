package extract

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"strings"
	"testing"

	"github.com/signintech/gopdf"
)

const cjkFont = "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"

// needPDFTool skips a test on a machine without poppler or the CJK font
// (CI installs both: .ci/run).
func needPDFTool(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(cjkFont); err != nil {
		t.Skip("no CJK font:", err)
	}
	if _, err := lookPDFTool(); err != nil {
		t.Skip("no pdftotext:", err)
	}
}

// textPDF writes lines on pages of an A4 PDF with an embedded CJK font, a
// page break after every perPage lines.
func textPDF(t *testing.T, lines []string, perPage int) []byte {
	t.Helper()
	pdf := new(gopdf.GoPdf)
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
	if err := pdf.AddTTFFont("cjk", cjkFont); err != nil {
		t.Fatal(err)
	}
	for i, s := range lines {
		if i%perPage == 0 {
			pdf.AddPage()
			if err := pdf.SetFont("cjk", "", 12); err != nil {
				t.Fatal(err)
			}
		}
		pdf.SetXY(50, 50+float64(i%perPage)*20)
		if err := pdf.Cell(nil, s); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := pdf.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// imagePDF is a "scan": one page holding only a picture.
func imagePDF(t *testing.T) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 200, 100))
	for x := 20; x < 180; x++ {
		img.Set(x, 50, color.Gray{Y: 255})
	}
	var pic bytes.Buffer
	if err := png.Encode(&pic, img); err != nil {
		t.Fatal(err)
	}
	pdf := new(gopdf.GoPdf)
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
	pdf.AddPage()
	holder, err := gopdf.ImageHolderByBytes(pic.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := pdf.ImageByHolder(holder, 50, 50, &gopdf.Rect{W: 400, H: 200}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := pdf.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestPDFText(t *testing.T) {
	needPDFTool(t)
	want := []string{"第一章 招标公告", "投标人须提供近三年同类产品销售业绩不少于5项。", "第二页的条款：不限品牌。"}
	doc, err := Bytes("tender.PDF", textPDF(t, want, 2))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != PDF {
		t.Errorf("format %q", doc.Format)
	}
	var got []string
	for _, l := range doc.Lines {
		if s := strings.TrimSpace(l); s != "" {
			got = append(got, s)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lines %q, want %q", got, want)
	}
	for _, l := range doc.Lines {
		if strings.ContainsAny(l, "\f") || strings.HasSuffix(l, " ") {
			t.Errorf("layout left in %q", l)
		}
	}
}

func TestPDFRefusals(t *testing.T) {
	needPDFTool(t)
	for _, c := range []struct {
		name string
		data []byte
		code string
		kind error
	}{
		{"scanned", imagePDF(t), CodeScannedPDF, ErrMalformed},
		{"garbage named .pdf", []byte("这不是 PDF，只是改了扩展名。"), CodeMalformedPDF, ErrMalformed},
		{"header only", []byte("%PDF-1.7\n"), CodeMalformedPDF, ErrMalformed},
		{"truncated", textPDF(t, []string{"投标人须提供业绩。"}, 10)[:300], CodeMalformedPDF, ErrMalformed},
	} {
		_, err := Bytes("a.pdf", c.data)
		if Code(err) != c.code || !errors.Is(err, c.kind) {
			t.Errorf("%s: %v (code %q), want %s", c.name, err, Code(err), c.code)
		}
	}
	_, err := Bytes("a.pdf", imagePDF(t))
	if want := "PDF 中没有可识别的文字（可能是扫描件），请上传带文字层的 PDF 或 Word/HTML 版本"; Message(err) != want {
		t.Errorf("message %q", Message(err))
	}
}

// TestPDFLimits: the extracted text is held to TextBytes, and a request
// that is gone stops the tool.
func TestPDFLimits(t *testing.T) {
	needPDFTool(t)
	lines := make([]string, 200)
	for i := range lines {
		lines[i] = "投标人须提供近三年同类产品销售业绩不少于5项，否则投标无效。"
	}
	data := textPDF(t, lines, 40)
	_, err := Limits{TextBytes: 2000}.Bytes("a.pdf", data)
	if Code(err) != LimitTextBytes || !errors.Is(err, ErrTooLarge) {
		t.Errorf("text limit: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := BytesContext(ctx, "a.pdf", data); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: %v", err)
	}
}

func TestPDFToolMissing(t *testing.T) {
	old := pdfToText
	pdfToText = "pdftotext-not-installed"
	defer func() { pdfToText = old }()
	_, err := Bytes("a.pdf", []byte("%PDF-1.7\n"))
	if Code(err) != CodePDFTool || !errors.Is(err, ErrToolMissing) {
		t.Errorf("%v (code %q)", err, Code(err))
	}
	if strings.Contains(Message(err), "pdf tool missing") {
		t.Errorf("message keeps the sentinel: %q", Message(err))
	}
}
