package extract

import (
	"archive/zip"
	"bytes"
	"errors"
	"firstset/tender/extract/docxtest"
	"firstset/tender/hostile"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func para(runs ...string) string {
	var b strings.Builder
	b.WriteString("<w:p><w:pPr><w:jc w:val=\"left\"/></w:pPr>")
	for _, r := range runs {
		b.WriteString("<w:r><w:rPr><w:b/></w:rPr>" + r + "</w:r>")
	}
	b.WriteString("</w:p>")
	return b.String()
}

func TestDocxParagraphsAndTableCells(t *testing.T) {
	body := para(`<w:t>第一章 招标公告</w:t>`) +
		para() + // an empty paragraph still counts
		para(`<w:t xml:space="preserve">投标人须具有近三年</w:t>`, `<w:t>类似业绩。</w:t>`) +
		`<w:tbl><w:tr><w:tc>` + para(`<w:t>投标保证金</w:t>`) + `</w:tc><w:tc>` +
		para(`<w:t>人民币</w:t>`, `<w:tab/>`, `<w:t>20万元</w:t>`) + `</w:tc></w:tr></w:tbl>` +
		para(`<w:t>第一行</w:t>`, `<w:br/>`, `<w:t>同段第二行</w:t>`, `<w:delText>删除的字</w:delText>`) +
		para(`<w:t>正文</w:t><w:pict><w:txbxContent>`+para(`<w:t>文本框</w:t>`)+`</w:txbxContent></w:pict><w:t>续</w:t>`) +
		para(`<a:t>绘图文字不属于段落文本</a:t><w:t>末段</w:t>`)
	doc, err := Bytes("招标文件.DOCX", docxtest.FromXML(t, body))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"第一章 招标公告",
		"",
		"投标人须具有近三年类似业绩。",
		"投标保证金",
		"人民币\t20万元",
		"第一行 同段第二行",
		"正文续",
		"文本框",
		"末段",
	}
	if doc.Format != DOCX || !reflect.DeepEqual(doc.Lines, want) {
		t.Fatalf("got %s %q\nwant %q", doc.Format, doc.Lines, want)
	}
}

func TestDocxRejectsBrokenFiles(t *testing.T) {
	if _, err := Docx([]byte("not a zip")); !errors.Is(err, ErrUnsupported) {
		t.Errorf("plain bytes: got %v, want ErrUnsupported", err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/other.xml")
	w.Write([]byte("<x/>"))
	zw.Close()
	if _, err := Docx(buf.Bytes()); !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "document.xml") {
		t.Errorf("zip without document.xml: got %v", err)
	}
	// A document of the right type whose XML is broken is malformed (422
	// on the web), not of an unsupported type.
	for _, body := range []string{"<w:p><w:t>未闭合", "<w:p></w:r></w:p>", "<w:p>&bogus;</w:p>"} {
		if _, err := Docx(docxtest.FromXML(t, body)); !errors.Is(err, ErrMalformed) || errors.Is(err, ErrUnsupported) {
			t.Errorf("malformed XML %q: got %v", body, err)
		}
	}
	// So is a document.xml cut short: its elements never end.
	if _, err := Docx(rawDocx(t, `<w:document xmlns:w="`+wordNS+`"><w:body><w:p><w:t>截断`)); !errors.Is(err, ErrMalformed) ||
		!strings.Contains(Message(err), "没有结束") {
		t.Errorf("truncated XML: got %v", err)
	}
}

func TestHTMLBlocksBecomeLines(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>标题不显示</title><style>p{color:red}</style></head>
<body><h1>第二章  投标人须知</h1>
<script>var x = "投标人须具有业绩";</script>
<p>投标人应具有<b>独立法人</b>资格；<br>不接受联合体投标。</p>
<div>评分标准<div>类似业绩&nbsp;每个得2分</div></div>
<table><tr><th>项目</th><th>金额</th></tr><tr><td>投标保证金</td><td>人民币20万元</td></tr></table>
<ul><li>一、本地注册</li><li>二、&lt;品牌&gt;不限</li></ul>
<pre>第一行
第二行</pre>
<noscript>请开启脚本</noscript>尾部文字
</body></html>`
	lines, err := HTMLText([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"第二章 投标人须知",
		"投标人应具有独立法人资格；",
		"不接受联合体投标。",
		"评分标准",
		"类似业绩\u00a0每个得2分",
		"项目\t金额",
		"投标保证金\t人民币20万元",
		"一、本地注册",
		"二、<品牌>不限",
		"第一行",
		"第二行",
		"尾部文字",
	}
	if !reflect.DeepEqual(lines, want) {
		t.Fatalf("got  %q\nwant %q", lines, want)
	}
}

func TestTextEncodingsAndLineNumbers(t *testing.T) {
	src := "第一行\r\n\r\n第三行：投标人须提供业绩\n"
	want := []string{"第一行", "", "第三行：投标人须提供业绩"}
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	utf16le := []byte{0xFF, 0xFE}
	for _, r := range src {
		utf16le = append(utf16le, byte(r), byte(r>>8))
	}
	cases := map[string][]byte{
		"utf8":     []byte(src),
		"utf8-bom": append([]byte{0xEF, 0xBB, 0xBF}, src...),
		"gbk":      gbk,
		"utf16le":  utf16le,
	}
	for name, data := range cases {
		got, err := Text(data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %q, want %q", name, got, want)
		}
	}
	if _, err := Text([]byte{'a', 0, 'b'}); !errors.Is(err, ErrUnsupported) {
		t.Errorf("binary text: got %v", err)
	}
}

func TestFileDispatchAndUnsupported(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	doc, err := File(write("a.htm", []byte("<p>甲</p><p>乙</p>")))
	if err != nil || doc.Format != HTML || len(doc.Lines) != 2 {
		t.Errorf("htm: %v %+v", err, doc)
	}
	for _, name := range []string{"a.doc", "a.xlsx", "noext"} {
		_, err := File(write(name, []byte("%PDF-1.7")))
		if !errors.Is(err, ErrUnsupported) {
			t.Errorf("%s: got %v, want ErrUnsupported", name, err)
		}
	}
	_, err = File(filepath.Join(dir, "missing.txt"))
	if err == nil || errors.Is(err, ErrUnsupported) || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: got %v", err)
	}
}

// rawDocx is a zip holding only word/document.xml with exactly xml.
func rawDocx(t testing.TB, xml string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(xml)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDocxNamespacePrefixes: the WordprocessingML namespace may be bound
// to any prefix, or be the default one, and a prefix bound to another
// namespace is not Word's even when it is spelt w.
func TestDocxNamespacePrefixes(t *testing.T) {
	cases := map[string][]string{
		`<x:document xmlns:x="` + wordNS + `"><x:body><x:p><x:r><x:t>甲</x:t></x:r></x:p></x:body></x:document>`: {"甲"},
		`<document xmlns="` + wordStrictNS + `"><body><p><r><t>乙</t></r></p></body></document>`:                 {"乙"},
		`<w:document xmlns:w="` + wordNS + `"><w:body><w:p><w:t>丙</w:t></w:p>` +
			`<w:p xmlns:w="urn:other"><w:t>不是正文</w:t></w:p><w:p><w:t>丁</w:t></w:p></w:body></w:document>`: {"丙", "丁"},
	}
	for xml, want := range cases {
		got, err := Docx(rawDocx(t, xml))
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s\n got %q %v, want %q", xml, got, err, want)
		}
	}
}

// TestLimitsAreAppliedWhileReading: each limit refuses a document past it
// with its own code and a Chinese message naming the limit, and a document
// exactly at the limit is read.
func TestLimitsAreAppliedWhileReading(t *testing.T) {
	lim := Limits{TextBytes: 1000, Lines: 10, LineRunes: 20, InflatedBytes: 4096, Elements: 200, Depth: 12}
	docxOf := func(paragraphs string) []byte { return docxtest.FromXML(t, paragraphs) }
	cases := []struct {
		name    string
		file    string
		data    []byte
		code    string // "" when the document is read
		message string
	}{
		{"txt at the line limit", "a.txt", []byte(strings.Repeat("甲\n", 10)), "", ""},
		{"txt one line too many", "a.txt", []byte(strings.Repeat("\n", 11)), LimitLines, "不得超过 10 行"},
		{"txt line at the length limit", "a.txt", []byte(strings.Repeat("字", 20)), "", ""},
		{"txt line too long", "a.txt", []byte("短\n" + strings.Repeat("字", 21)), LimitLineRunes, "第 2 行过长"},
		{"txt too much text", "a.txt", []byte(strings.Repeat(strings.Repeat("a", 19)+"\n", 60)), LimitLines, "行数过多"},
		{"html too many lines", "a.html", []byte(strings.Repeat("<p>甲</p>", 11)), LimitLines, "不得超过 10 行"},
		{"html blank blocks are no lines", "a.html", []byte(strings.Repeat("<p> </p><div>\n</div>", 1000) + "<p>甲</p>"), "", ""},
		{"html line too long", "a.html", []byte("<p>" + strings.Repeat("<b>字</b>", 21) + "</p>"), LimitLineRunes, "第 1 行过长"},
		{"docx too many paragraphs", "a.docx", docxOf(strings.Repeat("<w:p/>", 11)), LimitLines, "不得超过 10 段"},
		{"docx paragraph too long", "a.docx", docxOf(para(`<w:t>` + strings.Repeat("字", 21) + `</w:t>`)), LimitLineRunes, "第 1 段过长"},
		{"docx nested too deep", "a.docx", docxOf(strings.Repeat("<w:p>", 12) + strings.Repeat("</w:p>", 12)), LimitDepth, "嵌套超过 12 层"},
		{"docx too many elements", "a.docx", docxOf(strings.Repeat("<w:bookmarkEnd/>", 200)), LimitElements, "不得超过 200 个"},
		{"docx inflates too far", "a.docx", docxOf(strings.Repeat("<!-- 注释 -->", 400)), LimitInflatedBytes, "解压后超过 4 KiB"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := lim.Bytes(c.file, c.data)
			if c.code == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if err := lim.CheckLines(doc.Lines, doc.Format); err != nil {
					t.Errorf("what was read fails its own limits: %v", err)
				}
				return
			}
			var le *LimitError
			if !errors.As(err, &le) || le.Code != c.code || !strings.Contains(Message(err), c.message) {
				t.Fatalf("got %v (%+v), want %s mentioning %q", err, le, c.code, c.message)
			}
			if want := c.code != LimitDepth; errors.Is(err, ErrTooLarge) != want || errors.Is(err, ErrMalformed) == want {
				t.Errorf("%s: ErrTooLarge %v, ErrMalformed %v", c.code, errors.Is(err, ErrTooLarge), errors.Is(err, ErrMalformed))
			}
		})
	}
	if err := lim.CheckLines(strings.Split(strings.Repeat("字", 21), "\n"), TXT); err == nil {
		t.Error("CheckLines let a long line through")
	}
}

// TestMessagesAreChinese: what people are told names no English.
func TestMessagesAreChinese(t *testing.T) {
	inputs := map[string][]byte{
		"a.pdf": []byte("%PDF-1.7"), "a.doc": nil, "noext": nil, "a.xlsx": nil,
		"b.txt": {'a', 0}, "c.txt": {0xFF, 0xFE, 'a'}, "d.docx": []byte("PK not a zip"),
		"e.docx": docxtest.FromXML(t, "<w:p>"), "f.docx": rawDocx(t, "<a>"),
		"g.docx": rawDocx(t, "<!DOCTYPE a><a/>"), "h.docx": rawDocx(t, "<a"+xmlns(300)+"/>"),
		"i.html": []byte("<p>\x00</p>"), "j.html": []byte("<p>caf\xe9 </p>"), "k.txt": {0x81},
	}
	english := regexp.MustCompile(`[A-Za-z]{3,}`)
	for name, data := range inputs {
		_, err := Bytes(name, data)
		if err == nil {
			t.Errorf("%s: read", name)
			continue
		}
		msg := Message(err)
		// File types and part names are what the person sees in their files.
		plain := strings.NewReplacer("pdftotext", "", "PDF", "", "pdf", "", "Word", "", "docx", "", "doc", "", "html", "", "HTML", "", "txt", "", "word/document.xml", "",
			"xlsx", "", "UTF", "", "GB18030", "", "XML", "", "zip", "").Replace(msg)
		if english.MatchString(plain) {
			t.Errorf("%s: message has English: %q", name, msg)
		}
	}
}

// TestDocxTextAfterATextBox: the text of a paragraph that continues after a
// text box nested in it goes to that paragraph, however many paragraphs
// came before (growing the list of paragraphs once broke the one open).
func TestDocxTextAfterATextBox(t *testing.T) {
	for n := 0; n < 6; n++ {
		body := strings.Repeat(para(`<w:t>前文</w:t>`), n) +
			para(`<w:t>正文</w:t><w:pict><w:txbxContent>`+para(`<w:t>文本框</w:t>`)+`</w:txbxContent></w:pict><w:t>续</w:t>`)
		got, err := Docx(docxtest.FromXML(t, body))
		want := append(slices.Repeat([]string{"前文"}, n), "正文续", "文本框")
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("after %d paragraphs: %q %v, want %q", n, got, err, want)
		}
	}
}

// TestTokenGuard: one token longer than the guard's maximum stops the
// stream, whatever kind of token it is and whatever it holds; shorter ones
// pass however many there are.
func TestTokenGuard(t *testing.T) {
	long := strings.Repeat("x", 100)
	tricky := strings.Repeat("<>'\"", 25) // markup characters inside the token
	cases := map[string]bool{             // input → refused
		strings.Repeat(`<w:p a="1">`+strings.Repeat("字", 10)+`</w:p>`, 50): false,
		`<w:t>` + long + `</w:t>`:                              true,
		`<!--` + tricky + `-->`:                                true,
		`<!--` + strings.Repeat("-", 20) + `-->` + long[:40]:   false,
		`<a b="` + strings.ReplaceAll(tricky, `"`, "") + `"/>`: true,
		`<a b='` + strings.ReplaceAll(tricky, `'`, "") + `'/>`: true,
		`<![CDATA[` + tricky + `]]>`:                           true,
		`<?pi ` + tricky + `?>`:                                true,
		`<!DOCTYPE ` + long + `>`:                              true,
		`<` + long + `/>`:                                      true,
		strings.Repeat(`<![CDATA[<>]]><?x?><!--<>--><!x>`, 20): false,
	}
	for in, refused := range cases {
		g := &tokenGuard{r: strings.NewReader(in), max: 64}
		out, err := io.ReadAll(g)
		var le *LimitError
		if got := errors.As(err, &le) && le.Code == LimitToken; got != refused {
			t.Errorf("%.60q…: refused %v (%v), want %v", in, got, err, refused)
		}
		if !refused && string(out) != in {
			t.Errorf("%.60q…: passed through changed", in)
		}
	}
	// Through Docx: a giant run of text or comment is refused with its
	// code before it is held whole.
	for _, build := range []func(int) ([]byte, error){hostile.TextBomb, hostile.CommentBomb} {
		data, err := build(3 << 20)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Docx(data)
		var le *LimitError
		if !errors.As(err, &le) || le.Code != LimitToken || !errors.Is(err, ErrMalformed) || !strings.Contains(Message(err), "1 MiB") {
			t.Errorf("bomb: %v", err)
		}
	}
}
