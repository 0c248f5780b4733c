// Package creditcode validates and generates 统一社会信用代码, the 18-character
// unified social credit code (GB 32100-2015) that identifies every legal
// person and other organisation in China.
//
// Layout, by 1-based position:
//
//	1      登记管理部门代码 (registration department)
//	2      机构类别代码 (organisation category)
//	3–8    登记管理机关行政区划码 (region of the registering authority)
//	9–17   主体标识码, the organisation code of GB 11714 (8 body characters
//	       and its own check character)
//	18     check character over positions 1–17
package creditcode

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Length is the number of characters of a code.
const Length = 18

// charset lists the characters a code may contain in code-value order: the
// index of a character is its value in the position-18 check. I, O, Z, S and
// V are left out to avoid confusion with 1, 0, 2, 5 and U.
const charset = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// modulus of the position-18 check; one more than the highest code value.
const modulus = len(charset) // 31

// checkWeights are the GB 32100 weights for positions 1–17 (3^i mod 31).
var checkWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// orgWeights are the GB 11714 weights for the 8 body characters of the
// organisation code.
var orgWeights = [8]int{3, 7, 9, 10, 5, 8, 4, 2}

// value maps a byte to its code value, or -1 outside the charset.
var value = func() [256]int8 {
	var v [256]int8
	for i := range v {
		v[i] = -1
	}
	for i := 0; i < len(charset); i++ {
		v[charset[i]] = int8(i)
	}
	return v
}()

// Stable error codes, meant for API responses and tests; messages may change.
const (
	ErrLength   = "credit_code_length"
	ErrCharset  = "credit_code_charset"
	ErrCategory = "credit_code_category"
	ErrRegion   = "credit_code_region"
	ErrOrgCheck = "credit_code_org_check"
	ErrCheck    = "credit_code_check"
)

// Error says why a code is invalid.
type Error struct {
	Code string // one of the Err* constants
	Pos  int    // 1-based position at fault; 0 for a length error
	Msg  string // Chinese message for the user
}

func (e *Error) Error() string { return e.Msg }

// Is makes errors.Is(err, &Error{Code: ErrCheck}) match on the code alone.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

func fail(code string, pos int, format string, args ...any) *Error {
	return &Error{Code: code, Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// Code is a normalised, valid unified social credit code. Only Validate and
// Generate produce valid ones; a Code converted from an arbitrary string is
// not checked.
type Code string

func (c Code) String() string { return string(c) }

// Department is the registration department character (position 1).
func (c Code) Department() string { return string(c)[0:1] }

// Category is the organisation category character (position 2).
func (c Code) Category() string { return string(c)[1:2] }

// Region is the administrative division code of the registering authority
// (positions 3–8), e.g. 500000 for the municipality of Chongqing.
func (c Code) Region() string { return string(c)[2:8] }

// OrgCode is the 9-character organisation code (positions 9–17), including
// its check character.
func (c Code) OrgCode() string { return string(c)[8:17] }

// DepartmentName is the Chinese name of the registration department, or ""
// when the department is not one this package knows (see departments).
func (c Code) DepartmentName() string {
	if d, ok := departments[c[0]]; ok {
		return d.name
	}
	return ""
}

// CategoryName is the Chinese name of the organisation category, or "" when
// unknown.
func (c Code) CategoryName() string {
	if d, ok := departments[c[0]]; ok {
		return d.categories[c[1]]
	}
	return ""
}

// Normalize trims surrounding white space (including the ideographic space),
// folds full-width digits and Latin letters to ASCII and upper-cases, which is
// what users pasting from Chinese documents need. It does not validate.
func Normalize(s string) string {
	s = strings.TrimSpace(s)
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' || r >= 'Ａ' && r <= 'Ｚ' || r >= 'ａ' && r <= 'ｚ' {
			r -= '０' - '0'
		}
		if r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		return r
	}, s)
}

// Validate normalises s and checks it completely. On failure the error is an
// *Error whose message names the first fault found, left to right, except
// that the two check characters are verified last.
func Validate(s string) (Code, error) {
	s = Normalize(s)
	if n := utf8.RuneCountInString(s); n != Length {
		return "", fail(ErrLength, 0, "统一社会信用代码应为%d位，实际为%d位", Length, n)
	}
	// With 18 runes, every rune is one byte exactly when the string is 18 bytes.
	for i, r := range []rune(s) {
		if r >= utf8.RuneSelf || value[byte(r)] < 0 {
			return "", fail(ErrCharset, i+1, "统一社会信用代码第%d位“%c”不是有效字符（只允许数字和除 I、O、Z、S、V 以外的大写字母）", i+1, r)
		}
	}
	if d, ok := departments[s[0]]; ok {
		if _, ok := d.categories[s[1]]; !ok {
			return "", fail(ErrCategory, 2, "统一社会信用代码第2位机构类别代码“%c”不适用于登记管理部门“%s”", s[1], d.name)
		}
	}
	for i := 2; i < 8; i++ {
		if s[i] < '0' || s[i] > '9' {
			return "", fail(ErrRegion, i+1, "统一社会信用代码第3至8位应为行政区划码（6位数字），第%d位为“%c”", i+1, s[i])
		}
	}
	if want := orgCheck(s[8:16]); s[16] != want {
		return "", fail(ErrOrgCheck, 17, "统一社会信用代码第17位（组织机构代码校验码）错误，应为 %c", want)
	}
	if want := check(s[:17]); s[17] != want {
		return "", fail(ErrCheck, 18, "统一社会信用代码第18位校验码错误，应为 %c", want)
	}
	return Code(s), nil
}

// orgCheck computes the GB 11714 check character of 8 body characters. GB
// 11714 values letters by alphabet (A=10 … Z=35), unlike the GB 32100
// charset, so the two checks must not share a value table.
func orgCheck(body string) byte {
	sum := 0
	for i := 0; i < 8; i++ {
		c := body[i]
		v := int(c - '0')
		if c >= 'A' {
			v = int(c-'A') + 10
		}
		sum += v * orgWeights[i]
	}
	switch r := 11 - sum%11; r {
	case 10:
		return 'X'
	case 11:
		return '0'
	default:
		return byte('0' + r)
	}
}

// check computes the GB 32100 check character of the first 17 characters.
func check(s17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(value[s17[i]]) * checkWeights[i]
	}
	return charset[(modulus-sum%modulus)%modulus]
}
