package forms

import (
	"net/url"
	"reflect"
	"strings"
	"testing"

	"firstset"
)

func TestProductInputFromDropsBlankRowsAndSplitsPatents(t *testing.T) {
	v := url.Values{
		"name":             {"  五轴数控机床 "},
		"category_id":      {"3"},
		"innovation_level": {"national"},
		"talent_led":       {"1"},
		"param_name":       {"", "主轴转速", "", "定位精度"},
		"param_value":      {"", "12000", "", "0.005"},
		"param_unit":       {"", "r/min", "", "mm"},
		"patents":          {"ZL202310123456.7\r\n\r\n  ZL202220654321.X  \n"},
	}
	var p firstset.Problems
	in, rows, _ := ProductInputFrom(v, &p)
	if len(p) != 0 {
		t.Fatalf("problems: %v", p)
	}
	if in.Name != "五轴数控机床" || in.CategoryID != 3 || !in.TalentLed || in.InnovationLevel != firstset.LevelNational {
		t.Errorf("input = %+v", in)
	}
	wantParams := []firstset.Param{{Name: "主轴转速", Value: "12000", Unit: "r/min"}, {Name: "定位精度", Value: "0.005", Unit: "mm"}}
	if !reflect.DeepEqual(in.Params, wantParams) {
		t.Errorf("params = %+v, want %+v", in.Params, wantParams)
	}
	if !reflect.DeepEqual(in.Patents, []string{"ZL202310123456.7", "ZL202220654321.X"}) {
		t.Errorf("patents = %q", in.Patents)
	}
	// The filled rows come first so the service's params[i] errors line up,
	// followed by blank rows to type into.
	if len(rows) != 2+BlankParamRows || rows[0] != wantParams[0] || rows[1] != wantParams[1] || rows[2] != (firstset.Param{}) {
		t.Errorf("rows = %+v", rows)
	}
}

func TestProductInputFromReportsMalformedNumbers(t *testing.T) {
	var p firstset.Problems
	ProductInputFrom(url.Values{"category_id": {"abc"}}, &p)
	if !p.Has("category_id") {
		t.Fatalf("problems = %v, want one about category_id", p)
	}
}

func TestNewFormErrorsPlacesMessagesBesideFields(t *testing.T) {
	var p firstset.Problems
	p.Add("name", "required", "请填写名称。")
	p.Add("params", "required", "请至少填写一项参数。")
	p.Add("params", "too_many", "参数过多。")
	p.Add("params[2].value", "too_long", "数值过长。")
	p.Add("mystery", "x", "其他问题。")
	fe := NewErrors(p.Err(), ProductFields...)
	if fe.Fields["name"] != "请填写名称。" || fe.Fields["params[2].value"] != "数值过长。" {
		t.Errorf("fields = %v", fe.Fields)
	}
	if fe.Fields["params"] != "请至少填写一项参数。；参数过多。" {
		t.Errorf("params = %q, want both messages", fe.Fields["params"])
	}
	if !reflect.DeepEqual(fe.Other, []string{"其他问题。"}) {
		t.Errorf("other = %v", fe.Other)
	}

	conflict := firstset.Errorf(firstset.ECONFLICT, "记录已被修改。")
	if fe := NewErrors(conflict, ProductFields...); len(fe.Other) != 1 || len(fe.Fields) != 0 {
		t.Errorf("an error without a field goes above the form: %+v", fe)
	}
}

func TestPaginationLinksKeepFilters(t *testing.T) {
	u, _ := url.Parse("/catalog?q=%E6%9C%BA%E5%BA%8A&category=2&page=5")
	p := NewPagination(u, 5, 10, 200)
	if p.Pages != 20 {
		t.Fatalf("pages = %d", p.Pages)
	}
	var numbers []int
	for _, l := range p.Links {
		numbers = append(numbers, l.Number)
		if l.Number != 0 && !l.Current && !strings.Contains(l.URL, "category=2") {
			t.Errorf("link %q lost the filter", l.URL)
		}
	}
	if want := []int{1, 0, 3, 4, 5, 6, 7, 0, 20}; !reflect.DeepEqual(numbers, want) {
		t.Errorf("page numbers = %v, want %v", numbers, want)
	}
	if !strings.Contains(p.Prev, "page=4") || !strings.Contains(p.Next, "page=6") {
		t.Errorf("prev, next = %q, %q", p.Prev, p.Next)
	}
	if one := NewPagination(u, 1, 10, 7); one.Pages != 1 || one.Links != nil {
		t.Errorf("a single page needs no links: %+v", one)
	}
}

func TestSafeNextStaysLocal(t *testing.T) {
	for in, want := range map[string]string{
		"/products?status=draft": "/products?status=draft",
		"":                       "/",
		"https://evil.example/":  "/",
		"//evil.example/":        "/",
		"/\\evil.example":        "/",
		"products":               "/",
	} {
		if got := SafeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestKnownFieldPrefixes: "params." stands for the rows of params, not for
// any field whose name starts with params.
func TestKnownFieldPrefixes(t *testing.T) {
	known := []string{"params", "params."}
	for field, want := range map[string]bool{"params": true, "params[2].value": true, "params.x": true,
		"paramsX": false, "parameter": false} {
		if got := IsKnownField(field, known); got != want {
			t.Errorf("isKnownField(%q) = %v, want %v", field, got, want)
		}
	}
}
