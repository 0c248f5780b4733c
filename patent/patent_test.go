package patent

import (
	"errors"
	"testing"
)

func TestNormalize(t *testing.T) {
	// 202310123456: 2·2+0·3+2·4+3·5+1·6+0·7+1·8+2·9+3·2+4·3+5·4+6·5 = 127, 127 mod 11 = 6.
	good := map[string]string{
		"ZL202310123456.6":    "ZL202310123456.6",
		"zl 2023 1012 3456.6": "ZL202310123456.6",
		"2023101234566":       "ZL202310123456.6",
		"ZL202310123456．6":    "ZL202310123456.6",
		"201710601862.3":      "ZL201710601862.3", // a granted number, as printed
		"97101765.4":          "ZL97101765.4",
	}
	for in, want := range good {
		got, err := Normalize(in)
		if err != nil || got != want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := Normalize("ZL202310123456.7"); !errors.Is(err, ErrCheck) {
		t.Errorf("wrong check digit: %v", err)
	}
	for _, bad := range []string{"", "ZL2023.8", "ZL20231012345A.8", "US1234567"} {
		if _, err := Normalize(bad); !errors.Is(err, ErrFormat) {
			t.Errorf("Normalize(%q): %v, want a format error", bad, err)
		}
	}
}

func TestEverySingleDigitChangeIsCaught(t *testing.T) {
	base := "202310123456"
	check := CheckDigit(base)
	for i := range base {
		for d := byte('0'); d <= '9'; d++ {
			if d == base[i] {
				continue
			}
			changed := base[:i] + string(d) + base[i+1:]
			if CheckDigit(changed) == check {
				t.Errorf("changing digit %d to %c keeps check %c", i+1, d, check)
			}
		}
	}
}

func TestMessage(t *testing.T) {
	_, err := Normalize("ZL202310123456.7")
	if got := Message(err); got != "专利号 ZL202310123456.7 的校验位不正确，应为 6。" {
		t.Errorf("Message = %q", got)
	}
}
