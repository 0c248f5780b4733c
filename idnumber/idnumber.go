// Package idnumber checks and masks the 18-digit citizen identity number
// (公民身份号码) of GB 11643-1999: six digits of the address code, eight of
// the birth date, three of the sequence and one check character (0–9 or
// X) computed by ISO 7064 MOD 11-2.
package idnumber

import (
	"errors"
	"strings"
	"time"
)

// Len is the length of a citizen identity number.
const Len = 18

// The ways a number is refused, each with a sentence for people.
var (
	ErrLength     = errors.New("公民身份号码应为 18 位")
	ErrCharacters = errors.New("公民身份号码前 17 位应为数字，最后一位为数字或 X")
	ErrBirthDate  = errors.New("公民身份号码中的出生日期不是有效日期")
	ErrCheckDigit = errors.New("公民身份号码校验位不符，请核对是否抄错")
)

// weights are the MOD 11-2 weights 2^(17-i) mod 11 of the first 17 digits.
var weights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// checkChars maps the weighted sum mod 11 to the check character.
const checkChars = "10X98765432"

// Normalize trims spaces and upper-cases a final x.
func Normalize(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// CheckChar is the check character of the first 17 digits of s.
func CheckChar(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * weights[i]
	}
	return checkChars[sum%11]
}

// Validate reports why s (normalised) is not a citizen identity number,
// or nil. The birth date must be a real day, not before 1900.
func Validate(s string) error {
	if len(s) != Len {
		return ErrLength
	}
	for i := 0; i < 17; i++ {
		if s[i] < '0' || s[i] > '9' {
			return ErrCharacters
		}
	}
	if c := s[17]; !(c >= '0' && c <= '9' || c == 'X') {
		return ErrCharacters
	}
	born, err := time.Parse("20060102", s[6:14])
	if err != nil || born.Year() < 1900 {
		return ErrBirthDate
	}
	if CheckChar(s) != s[17] {
		return ErrCheckDigit
	}
	return nil
}

// Mask keeps the address code (6) and the last four characters and hides
// the birth date and the sequence: 500103********1234. Anything not 18
// characters long is hidden all but its last four.
func Mask(s string) string {
	if len(s) == Len {
		return s[:6] + strings.Repeat("*", 8) + s[14:]
	}
	if len(s) <= 4 {
		return strings.Repeat("*", len(s))
	}
	return strings.Repeat("*", len(s)-4) + s[len(s)-4:]
}
