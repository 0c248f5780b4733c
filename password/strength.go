package password

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

//go:generate go run gen_common.go

// MinLength is the fewest characters (not bytes) a password may have.
const MinLength = 10

// Stable codes of StrengthError.
const (
	ErrTooShort         = "password_too_short"
	ErrTooSimple        = "password_too_simple"
	ErrRepetitive       = "password_repetitive"
	ErrCommon           = "password_common"
	ErrContainsUsername = "password_contains_username"
)

// StrengthError says why a password fails the policy.
type StrengthError struct {
	Code string // one of the Err* codes above
	Msg  string // Chinese message for the user
}

func (e *StrengthError) Error() string { return e.Msg }

// Rule describes the policy in one sentence, for forms.
func Rule() string {
	return fmt.Sprintf("至少 %d 个字符，须包含小写字母、大写字母、数字、符号中的至少三类；"+
		"不能包含用户名，也不能是 Password@123 这类常见密码加数字或符号的变体。", MinLength)
}

// CheckStrength applies the policy for new passwords: at least MinLength
// characters, at least three of the four classes lower-case letter,
// upper-case letter, digit and other character, not one character
// repeated, not containing username (case-insensitive; empty skips that
// check), and not a common password however decorated (see isCommon).
// Characters outside those classes (punctuation, spaces, Chinese) count as
// "other", so passphrases in any script are welcome.
func CheckStrength(plain, username string) error {
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
	if containsUsername(plain, username) {
		return &StrengthError{ErrContainsUsername, "密码不能包含用户名"}
	}
	if isCommon(plain) {
		return &StrengthError{ErrCommon, "密码过于常见（常用词、姓名拼音或键盘序列加上数字、符号或年份），容易被猜中，请换一个"}
	}
	return nil
}

// containsUsername reports whether plain holds username, also when it is
// spelt with look-alike characters (Adm1n for admin).
func containsUsername(plain, username string) bool {
	if username == "" {
		return false
	}
	p, u := simplify(plain), simplify(username)
	return strings.Contains(p, u) || strings.Contains(fold(p), fold(u))
}

//go:embed common.txt
var commonList string

// commonCores is common.txt in both foldings, built on first use.
var commonCores = sync.OnceValue(buildCommonCores)

func buildCommonCores() map[string]struct{} {
	set := make(map[string]struct{}, 2*strings.Count(commonList, "\n"))
	for line := range strings.Lines(commonList) {
		if s := strings.TrimSpace(line); s != "" {
			s = simplify(s)
			set[lookAlike.Replace(s)] = struct{}{}
			set[shifted.Replace(s)] = struct{}{}
		}
	}
	return set
}

// maxDecoration bounds how many leading or trailing digits and symbols are
// tried as decoration, so a long password costs a bounded number of look-ups.
const maxDecoration = 16

// isCommon reports whether plain is a common core with digits or symbols
// (a year, 123, @, !) before or after it, in any case and with look-alike
// characters: P@ssw0rd2026 is "password" decorated. Every split of the
// leading and trailing runs of non-letters is tried, because a decoration
// may itself be a look-alike letter (1loveyou, hell0).
func isCommon(plain string) bool {
	s := []rune(simplify(plain))
	lead, trail := 0, 0
	for lead < len(s) && lead < maxDecoration && !unicode.IsLetter(s[lead]) {
		lead++
	}
	for trail < len(s) && trail < maxDecoration && !unicode.IsLetter(s[len(s)-1-trail]) {
		trail++
	}
	cores := commonCores()
	for i := 0; i <= lead; i++ {
		for j := 0; j <= trail && i+j < len(s)-1; j++ {
			core := string(s[i : len(s)-j])
			if _, ok := cores[lookAlike.Replace(core)]; ok {
				return true
			}
			if _, ok := cores[shifted.Replace(core)]; ok {
				return true
			}
		}
	}
	return false
}

// simplify maps compatibility forms to their plain ones (full-width
// Ｐａｓｓ to Pass) and lowers the case.
func simplify(s string) string {
	return strings.ToLower(norm.NFKC.String(s))
}

// lookAlike maps the characters people swap for letters to one letter of
// each family: 1, l, i, ! and | all become i, so a1ice and alice agree.
var lookAlike = strings.NewReplacer(
	"@", "a", "4", "a",
	"0", "o",
	"1", "i", "l", "i", "!", "i", "|", "i",
	"$", "s", "5", "s",
	"3", "e",
	"7", "t", "+", "t",
)

// shifted maps the symbols on a keyboard's digit row to their digits, so a
// walk typed half with Shift (1qaz@WSX3edc) is the walk (1qaz2wsx3edc).
var shifted = strings.NewReplacer(
	"!", "1", "@", "2", "#", "3", "$", "4", "%", "5",
	"^", "6", "&", "7", "*", "8", "(", "9", ")", "0",
)

func fold(s string) string { return lookAlike.Replace(s) }
