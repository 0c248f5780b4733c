package district

import (
	"strings"
	"testing"
)

func TestAll(t *testing.T) {
	ds := All()
	if len(ds) != 41 {
		t.Fatalf("got %d entries, want 41", len(ds))
	}
	if ds[0] != (District{"500101", "万州区", KindDistrict}) {
		t.Errorf("first entry %+v", ds[0])
	}
	if last := ds[len(ds)-1]; last.Code != "WS" || last.Kind != KindFunctionalZone {
		t.Errorf("last entry %+v", last)
	}
	counts := map[string]int{}
	for _, d := range ds {
		counts[d.Kind]++
		if d.KindLabel() == "" {
			t.Errorf("%+v has no kind label", d)
		}
	}
	want := map[string]int{KindDistrict: 26, KindCounty: 8, KindAutonomousCounty: 4, KindFunctionalZone: 3}
	for k, n := range want {
		if counts[k] != n {
			t.Errorf("%d of kind %s, want %d", counts[k], k, n)
		}
	}
	ds[0].Name = "changed"
	if All()[0].Name != "万州区" {
		t.Error("All exposes the package's slice")
	}
}

func TestByCode(t *testing.T) {
	cases := []District{
		{"500103", "渝中区", KindDistrict},
		{"500112", "渝北区", KindDistrict},
		{"500229", "城口县", KindCounty},
		{"500243", "彭水苗族土家族自治县", KindAutonomousCounty},
		{"LJ", "两江新区", KindFunctionalZone},
	}
	for _, want := range cases {
		got, ok := ByCode(want.Code)
		if !ok || got != want {
			t.Errorf("ByCode(%s) = %+v, %v", want.Code, got, ok)
		}
	}
	for _, code := range []string{"", "500000", "500232", "lj", " 500103"} {
		if d, ok := ByCode(code); ok {
			t.Errorf("ByCode(%q) found %+v", code, d)
		}
	}
}

func TestKindLabel(t *testing.T) {
	if KindLabel(KindAutonomousCounty) != "自治县" || KindLabel(KindFunctionalZone) != "功能区" || KindLabel("city") != "" {
		t.Error("wrong labels")
	}
}

func TestParseRejects(t *testing.T) {
	bad := map[string]string{
		"empty":        "",
		"header":       "id,name,kind\n500101,万州区,district\n",
		"no rows":      "code,name,kind\n",
		"fields":       "code,name,kind\n500101,万州区\n",
		"kind":         "code,name,kind\n500101,万州区,city\n",
		"empty code":   "code,name,kind\n,万州区,district\n",
		"empty name":   "code,name,kind\n500101,,district\n",
		"spaces":       "code,name,kind\n500101 ,万州区,district\n",
		"duplicate":    "code,name,kind\n500101,万州区,district\n500101,涪陵区,district\n",
		"quote broken": "code,name,kind\n\"500101,万州区,district\n",
	}
	for name, in := range bad {
		if _, err := parse(strings.NewReader(in)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	ds, err := parse(strings.NewReader("code,name,kind\r\n500101,万州区,district\r\n"))
	if err != nil || len(ds) != 1 || ds[0].Kind != KindDistrict {
		t.Errorf("CRLF file: %+v, %v", ds, err)
	}
}
