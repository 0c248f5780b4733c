package document

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"firstset/date"
	"firstset/money"
	"firstset/report"
	"firstset/report/reporttest"
)

// sampleBulletin composes a quarter's bulletin of n purchases.
func sampleBulletin(t testing.TB, n int) (*report.Bulletin, []report.Purchase) {
	t.Helper()
	p := report.MustPeriod("2026Q3")
	purchases := reporttest.Purchases(n, max(n/250, 8), max(n/35, 12), p)
	b, err := report.Compose(p, slices.Values(purchases), reporttest.Totals(purchases, p), report.ExemptionCount{Requested: 5, Granted: 3, Refused: 1})
	if err != nil {
		t.Fatal(err)
	}
	return b, purchases
}

func TestBulletinPDF(t *testing.T) {
	font := testFont(t)
	b, _ := sampleBulletin(t, 3000)
	pdf, err := BulletinPDF(b, ReportOptions{Font: font, Date: date.MustParse("2026-10-15")})
	if err != nil {
		t.Fatal(err)
	}
	file := writeTemp(t, "bulletin.pdf", pdf)
	info := run(t, "pdfinfo", file)
	if !regexp.MustCompile(`Page size:\s+(595\.2\d* x 841\.8\d*|595 x 842) pts \(A4\)`).MatchString(info) {
		t.Errorf("not A4:\n%s", info)
	}
	pages, _ := strconv.Atoi(regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)[1])
	if pages < 3 {
		t.Errorf("%d pages: the product table should run onto several", pages)
	}
	t.Logf("PDF: %d bytes, %d pages", len(pdf), pages)

	text := run(t, "pdftotext", file, "-")
	joined := strings.Join(strings.Fields(text), "")
	products := tableOf(t, b, "按产品")
	for _, want := range []string{
		b.Title, DefaultIssuer, "2026年10月15日", products.Rows[0][0], products.Rows[len(products.Rows)-1][0],
		money.Fen(b.Summary.AmountFen).Grouped(), // every table's total
		"一、按项目类型", "三、首台（套）产品采购情况（续）", "第 1 页　共 " + strconv.Itoa(pages) + " 页",
		b.Charts[0].Title, b.Charts[1].Title, "单一来源采购",
	} {
		if !strings.Contains(joined, strings.Join(strings.Fields(want), "")) {
			t.Errorf("the text lacks %q", want)
		}
	}
	if !strings.Contains(joined, strings.Join(strings.Fields(b.Narrative), "")) {
		t.Errorf("the text lacks the narrative")
	}
	// The product table's header is repeated on the pages it runs onto.
	if n := strings.Count(joined, "产品名称生产企业"); n < 2 {
		t.Errorf("the product table's header appears %d times", n)
	}

	// The charts are drawn: the palette's colours cover a good part of
	// the pages they are on, and no colour at all is on a table page.
	img := renderPage(t, file, 1)
	if n := paletteArea(img); n < 3000 {
		t.Errorf("page 1 has %d pixels of chart colours at 50 dpi; no chart?", n)
	}
	if n := paletteArea(renderPage(t, file, pages)); n > 0 {
		t.Errorf("the last page (a table) has %d pixels of chart colours", n)
	}
}

// A period without purchases still makes a bulletin: its charts say
// there is nothing to draw and its tables hold their zero totals.
func TestBulletinPDFEmpty(t *testing.T) {
	font := testFont(t)
	b, err := report.Compose(report.MustPeriod("2026"), slices.Values([]report.Purchase(nil)), nil, report.ExemptionCount{})
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := BulletinPDF(b, ReportOptions{Font: font, Issuer: "重庆市人民政府国有资产监督管理委员会"})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(run(t, "pdftotext", writeTemp(t, "empty.pdf", pdf), "-")), "")
	for _, want := range []string{"（2026年度）", "重庆市人民政府国有资产监督管理委员会", "未登记首台（套）重大技术装备采购合同", "本期无数据", "0个产品"} {
		if !strings.Contains(text, want) {
			t.Errorf("the text lacks %q:\n%s", want, text)
		}
	}
	if _, err := BulletinPDF(b, ReportOptions{}); err == nil {
		t.Error("no font: no error")
	}
}

// A report of several sections, as the annual report will be, reuses
// the bulletin's tables and charts under its own headings.
func TestReportPDFSections(t *testing.T) {
	font := testFont(t)
	b, _ := sampleBulletin(t, 400)
	d := report.Document{
		Title:   "重庆市首台（套）重大技术装备年度工作报告（2026年度）",
		Subject: "年度报告 2026",
		Sections: []report.Section{
			{Heading: "一、总体情况", Paragraphs: []string{b.Narrative, "第二段。"}, Charts: b.Charts[:1]},
			{Heading: "二、采购情况", Tables: b.Tables[:2]},
		},
	}
	pdf, err := ReportPDF(d, ReportOptions{Font: font})
	if err != nil {
		t.Fatal(err)
	}
	file := writeTemp(t, "report.pdf", pdf)
	text := strings.Join(strings.Fields(run(t, "pdftotext", file, "-")), "")
	for _, want := range []string{"年度工作报告", "一、总体情况", "二、采购情况", "第二段。", b.Charts[0].Title, b.Tables[1].Title} {
		if !strings.Contains(text, want) {
			t.Errorf("the text lacks %q", want)
		}
	}
	if strings.Contains(text, b.Tables[2].Title) {
		t.Error("a table not in the document was laid out")
	}
	if !strings.Contains(run(t, "pdfinfo", file), "年度报告 2026") {
		t.Error("the subject is not the document's")
	}
}

func tableOf(t *testing.T, b *report.Bulletin, name string) report.Table {
	t.Helper()
	for _, tb := range b.Tables {
		if tb.Name == name {
			return tb
		}
	}
	t.Fatalf("no table %s", name)
	return report.Table{}
}

// renderPage is page n rendered by pdftoppm at 50 dpi.
func renderPage(t *testing.T, file string, n int) image.Image {
	t.Helper()
	pdftoppm := tool(t, "pdftoppm")
	prefix := filepath.Join(t.TempDir(), "page")
	num := strconv.Itoa(n)
	if out, err := exec.Command(pdftoppm, "-png", "-r", "50", "-f", num, "-l", num, "-singlefile", file, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	data, err := os.ReadFile(prefix + ".png")
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// paletteArea counts the pixels within a little of a chart colour.
func paletteArea(img image.Image) int {
	n := 0
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			for _, c := range report.Palette {
				if near(r>>8, c.R) && near(g>>8, c.G) && near(b>>8, c.B) {
					n++
					break
				}
			}
		}
	}
	return n
}

func near(v uint32, c uint8) bool { return v+6 >= uint32(c) && v <= uint32(c)+6 }

// BenchmarkBulletinPDF50k lays out the bulletin of 50,000 purchases by
// 200 buyers of 1,500 products: its product table runs to some eighty pages.
func BenchmarkBulletinPDF50k(b *testing.B) {
	font := testFont(b)
	p := report.MustPeriod("2026Q3")
	purchases := reporttest.Purchases(50_000, 200, 1_500, p)
	bl, err := report.Compose(p, slices.Values(purchases), reporttest.Totals(purchases, p), report.ExemptionCount{Requested: 9, Granted: 6, Refused: 2})
	if err != nil {
		b.Fatal(err)
	}
	opts := ReportOptions{Font: font, Date: date.MustParse("2026-10-15")}
	if _, err := BulletinPDF(bl, opts); err != nil { // the font's parse, once
		b.Fatal(err)
	}
	b.ReportAllocs()
	size := 0
	for b.Loop() {
		pdf, err := BulletinPDF(bl, opts)
		if err != nil {
			b.Fatal(err)
		}
		size = len(pdf)
	}
	b.ReportMetric(float64(size)/(1<<10), "KB/pdf")
}
