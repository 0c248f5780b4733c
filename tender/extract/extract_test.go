package extract

import (
	"archive/zip"
	"bytes"
	"errors"
	"firstset/tender/extract/docxtest"
	"os"
	"path/filepath"
	"reflect"
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
	if _, err := Docx(docxtest.FromXML(t, "<w:p><w:t>未闭合")); !errors.Is(err, ErrUnsupported) {
		t.Errorf("malformed XML: got %v", err)
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
	for _, name := range []string{"a.pdf", "a.doc", "a.xlsx", "noext"} {
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
