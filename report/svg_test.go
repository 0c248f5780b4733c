package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
)

// svgTexts parses an SVG and returns its text elements' contents and
// the number of shapes, proving it is well-formed XML.
func svgTexts(t *testing.T, svg []byte) (texts []string, shapes int, root xml.StartElement) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(svg))
	inText := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, svg)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Local == "svg" {
				root = el
			}
			inText = el.Name.Local == "text"
			if el.Name.Local == "rect" || el.Name.Local == "path" || el.Name.Local == "circle" {
				shapes++
			}
		case xml.CharData:
			if inText {
				texts = append(texts, string(el))
			}
		case xml.EndElement:
			inText = false
		}
	}
}

func TestSVG(t *testing.T) {
	bar := Chart{Title: "各区县首台（套）产品采购金额", Kind: Bar, Unit: Yuan,
		Labels: []string{"渝北区", "两江新区<&>", "重庆高新区"}, Values: []int64{123_456_78, 5_000_000_00, 0}}
	svg, err := SVG(bar)
	if err != nil {
		t.Fatal(err)
	}
	texts, shapes, root := svgTexts(t, svg)
	all := strings.Join(texts, "|")
	for _, w := range []string{bar.Title, "渝北区", "两江新区<&>", "万元", "500", "12.35"} {
		if !strings.Contains(all, w) {
			t.Errorf("the bar chart lacks %q: %s", w, all)
		}
	}
	if shapes < 1+3 {
		t.Errorf("%d shapes", shapes)
	}
	family := ""
	for _, a := range root.Attr {
		if a.Name.Local == "font-family" {
			family = a.Value
		}
	}
	if !strings.Contains(family, "Microsoft YaHei") || !strings.Contains(family, "Noto Sans CJK SC") || !strings.HasSuffix(family, "sans-serif") {
		t.Errorf("font-family %q does not name Chinese families with a fallback", family)
	}
	if bytes.Contains(svg, []byte("http://www.w3.org/1999/xlink")) || bytes.Contains(svg, []byte("@import")) || bytes.Contains(svg, []byte("href")) {
		t.Error("the SVG refers to something outside itself")
	}

	pie := Chart{Title: "采购金额按项目类型分布", Kind: Pie, Unit: Yuan,
		Labels: []string{"重点建设工程", "政府投资项目", "国有平台（企业）"}, Values: []int64{100, 200, 100}}
	svg, err = SVG(pie)
	if err != nil {
		t.Fatal(err)
	}
	texts, shapes, _ = svgTexts(t, svg)
	all = strings.Join(texts, "|")
	for _, w := range []string{"重点建设工程 1.00元（25.00%）", "政府投资项目 2.00元（50.00%）"} {
		if !strings.Contains(all, w) {
			t.Errorf("the pie lacks %q: %s", w, all)
		}
	}
	if got := strings.Count(string(svg), "<path"); got != 3 {
		t.Errorf("%d sectors", got)
	}
	whole := Chart{Title: "x", Kind: Pie, Labels: []string{"a", "b"}, Values: []int64{0, 5}}
	if svg, err := SVG(whole); err != nil || !strings.Contains(string(svg), "<circle") {
		t.Errorf("one value of all is a circle: %v", err)
	}

	for name, c := range map[string]Chart{
		"labels":   {Kind: Bar, Labels: []string{"a"}},
		"negative": {Kind: Bar, Labels: []string{"a"}, Values: []int64{-1}},
		"kind":     {Kind: "line"},
	} {
		if _, err := SVG(c); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	b := &Bulletin{Charts: []Chart{pie}}
	if _, err := b.ChartSVG(1); err == nil {
		t.Error("chart out of range")
	}
}

func TestAxis(t *testing.T) {
	for _, c := range []struct {
		values      []int64
		step        int64
		ticks       int
		top, second string
	}{
		{[]int64{0}, 1, 1, "", ""},
		{[]int64{7}, 2, 4, "", ""},
		{[]int64{3, 1}, 1, 3, "", ""},
		{[]int64{100}, 20, 5, "", ""},
		{[]int64{101}, 50, 3, "", ""},
		{[]int64{12_345_678_90}, 500_000_000, 3, "1,500", "500"},
		{[]int64{12_345_678_900_00}, 5_000_000_000_00, 3, "150", "50"}, // 亿元
		{[]int64{9_999_999_999}, 2_000_000_000, 5, "10,000", "2,000"},  // just under 1亿元: 万元
		{[]int64{3}, 1, 3, "0.03", "0.01"},                             // under 1万元: in 元
	} {
		a := Chart{Values: c.values, Unit: Yuan}.Axis()
		if a.Step != c.step || a.Ticks != c.ticks || a.Max() < slicesMax(c.values) {
			t.Errorf("%v: step %d × %d, want %d × %d", c.values, a.Step, a.Ticks, c.step, c.ticks)
		}
		if c.top != "" && (a.Label(a.Max()) != c.top || a.Label(a.Step) != c.second) {
			t.Errorf("%v: labels %s %s", c.values, a.Label(a.Max()), a.Label(a.Step))
		}
	}
}

func slicesMax(v []int64) int64 {
	m := int64(0)
	for _, x := range v {
		m = max(m, x)
	}
	return m
}
