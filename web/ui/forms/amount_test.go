package forms

import (
	"strings"
	"testing"
)

func TestPageYuan(t *testing.T) {
	for typed, want := range map[string]string{
		"":                     "",
		"12000000":             "12000000.00",
		"12000000.5":           "12000000.50",
		" 20,000,000 ":         "20000000.00",
		"0.5万":                 "5000.00",
		"500万元":                "5000000.00",
		"3,000万元":              "30000000.00",
		"1.2亿":                 "120000000.00",
		"1.23456789亿":          "123456789.00",
		"0.0000000001亿":        "0.01",
		"¥1,000元":              "1000.00",
		"１，０００．５０":             "1000.50",
		"5000 万":               "50000000.00",
		"92233720368547758.07": "92233720368547758.07",
	} {
		got, problem := PageYuan(typed)
		if got != want || problem != "" {
			t.Errorf("%q: %q %q, want %q", typed, got, problem, want)
		}
	}
	for typed, why := range map[string]string{
		"万":                    "请填写数字",
		"5.":                   "小数点后应有数字",
		".5万":                  "小数点前应有数字",
		"1,000.5,0":            "小数部分不能有逗号",
		"1.2.3":                "小数点多于一个",
		"12,000,00":            "逗号位置不对",
		",000":                 "逗号位置不对",
		"1.001":                "最多两位小数",
		"0.00000000001亿":       "最多 10 位小数",
		"92233720368547758.08": "金额过大",
		"1e6":                  "无法识别的字符“e”",
		"一千万":                  "请用阿拉伯数字",
	} {
		got, problem := PageYuan(typed)
		if got != "" || !strings.Contains(problem, why) {
			t.Errorf("%q: %q %q, want a problem with %q", typed, got, problem, why)
		}
	}
}
