package password

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MinLength is the fewest characters (not bytes) a password may have.
const MinLength = 10

// Stable codes of StrengthError.
const (
	ErrTooShort   = "password_too_short"
	ErrTooSimple  = "password_too_simple"
	ErrRepetitive = "password_repetitive"
)

// StrengthError says why a password fails the policy.
type StrengthError struct {
	Code string // one of the Err* codes above
	Msg  string // Chinese message for the user
}

func (e *StrengthError) Error() string { return e.Msg }

// CheckStrength applies the policy for new passwords: at least MinLength
// characters, at least three of the four classes lower-case letter,
// upper-case letter, digit and other character, and not one character
// repeated. Characters outside those classes (punctuation, spaces, Chinese)
// count as "other", so passphrases in any script are welcome.
func CheckStrength(plain string) error {
	n := utf8.RuneCountInString(plain)
	if n < MinLength {
		return &StrengthError{ErrTooShort, fmt.Sprintf("密码至少需要%d个字符", MinLength)}
	}
	first, _ := utf8.DecodeRuneInString(plain)
	if strings.Count(plain, string(first)) == n {
		return &StrengthError{ErrRepetitive, "密码不能由同一个字符重复组成"}
	}
	var lower, upper, digit, other int
	for _, r := range plain {
		switch {
		case unicode.IsLower(r):
			lower = 1
		case unicode.IsUpper(r):
			upper = 1
		case unicode.IsDigit(r):
			digit = 1
		default:
			other = 1
		}
	}
	if lower+upper+digit+other < 3 {
		return &StrengthError{ErrTooSimple, "密码需至少包含小写字母、大写字母、数字、符号中的三类"}
	}
	return nil
}
