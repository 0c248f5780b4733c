package cases

import "testing"

func TestCaseScore(t *testing.T) {
	two := []Criterion{{ID: "innovation", Name: "创新性", Weight: 60}, {ID: "level", Name: "技术水平", Weight: 40}}
	sheets := func(pairs ...[2]int) []Sheet {
		var out []Sheet
		for _, p := range pairs {
			out = append(out, Sheet{"innovation": p[0], "level": p[1]})
		}
		return out
	}
	one := []Criterion{{ID: "innovation", Name: "创新性", Weight: 1}}
	ones := func(vs ...int) []Sheet {
		var out []Sheet
		for _, v := range vs {
			out = append(out, Sheet{"innovation": v})
		}
		return out
	}
	for name, c := range map[string]struct {
		criteria []Criterion
		sheets   []Sheet
		trim     int
		want     string
	}{
		// (60 × 85 + 40 × 74) / 100: three sheets, nothing left out.
		"weighted, untrimmed": {two, sheets([2]int{80, 70}, [2]int{90, 75}, [2]int{85, 77}), 5, "80.60"},
		// Five sheets: 100 and 0 drop from the first, 50 and 90 from the
		// second, each criterion on its own: (80 + 70) / 2.
		"trimmed per criterion": {[]Criterion{{ID: "innovation", Weight: 1}, {ID: "level", Weight: 1}},
			sheets([2]int{100, 50}, [2]int{90, 60}, [2]int{80, 70}, [2]int{70, 80}, [2]int{0, 90}), 5, "75.00"},
		"thirds round down":   {one, ones(80, 80, 81), 5, "80.33"},
		"an eighth rounds up": {one, ones(80, 80, 80, 80, 80, 80, 80, 81), 0, "80.13"}, // 80.125
		"a half point":        {one, ones(80, 81), 5, "80.50"},
		"all zero":            {one, ones(0, 0, 0, 0, 0), 5, "0.00"},
		"all full":            {one, ones(100, 100, 100, 100, 100), 5, "100.00"},
	} {
		got, err := CaseScore(c.criteria, c.sheets, c.trim)
		if err != nil || got.String() != c.want {
			t.Errorf("%s: %s %v, want %s", name, got, err, c.want)
		}
	}
	for name, c := range map[string]struct {
		criteria []Criterion
		sheets   []Sheet
	}{
		"no criteria":    {nil, ones(80)},
		"no sheets":      {one, nil},
		"zero weight":    {[]Criterion{{ID: "innovation", Name: "创新性"}}, ones(80)},
		"over 100":       {one, ones(80, 101)},
		"negative":       {one, ones(-1)},
		"missing a line": {two, []Sheet{{"innovation": 80}}},
	} {
		if got, err := CaseScore(c.criteria, c.sheets, 5); err == nil {
			t.Errorf("%s: scored %s", name, got)
		}
	}
}
