// Package patent reads Chinese patent numbers (专利号), whose application
// number ends in a check digit, so typing mistakes are caught at entry.
package patent

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// pattern matches a number after spaces are removed: an optional ZL, the
// application number (12 digits since 2003, 8 before), a dot and the check.
var pattern = regexp.MustCompile(`^(?:ZL)?(\d{12}|\d{8})\.?([0-9X])$`)

// ErrFormat and ErrCheck tell the two ways a number is wrong apart.
var (
	ErrFormat = errors.New("patent number format")
	ErrCheck  = errors.New("patent number check digit")
)

// Normalize returns the canonical form ZL202310123456.6 of s. Its errors
// carry a Chinese message and wrap ErrFormat or ErrCheck.
func Normalize(s string) (string, error) {
	s = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	s = strings.NewReplacer("．", ".", "。", ".").Replace(s)
	m := pattern.FindStringSubmatch(s)
	if m == nil {
		return "", fmt.Errorf("专利号 %s 格式不正确，应为“ZL”加12位（2003年前为8位）申请号、小数点和校验位，如 ZL202310123456.6：%w", s, ErrFormat)
	}
	if want := CheckDigit(m[1]); want != m[2][0] {
		return "", fmt.Errorf("专利号 %s 的校验位不正确，应为 %c：%w", s, want, ErrCheck)
	}
	return "ZL" + m[1] + "." + m[2], nil
}

// CheckDigit computes the check digit of an application number: its digits
// weighted 2,3,…,9,2,3,… and summed, modulo 11, with 10 written as X.
func CheckDigit(digits string) byte {
	sum := 0
	for i := 0; i < len(digits); i++ {
		sum += int(digits[i]-'0') * (2 + i%8)
	}
	r := sum % 11
	if r == 10 {
		return 'X'
	}
	return byte('0' + r)
}

// Message is the Chinese text of an error from Normalize, without the
// sentinel's English tail.
func Message(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, "："); i >= 0 {
		return s[:i] + "。"
	}
	return s
}
