// Package money holds amounts as an integer count of fen (0.01 yuan) and the
// exact rational arithmetic the policy's formulas need. Nothing here uses
// floating point: a float cannot hold 0.01 exactly, and a reviewer must be
// able to reproduce every fen.
package money

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// Fen is an amount of money in fen. JSON carries it as a decimal string of
// yuan with two decimals ("12000000.00").
type Fen int64

// MaxFen is the largest amount a Fen holds.
const MaxFen = Fen(math.MaxInt64)

// FromYuan returns whole yuan as fen; it reports false when the amount does
// not fit.
func FromYuan(yuan int64) (Fen, bool) {
	if yuan > math.MaxInt64/100 || yuan < math.MinInt64/100 {
		return 0, false
	}
	return Fen(yuan * 100), true
}

// ErrorCode names why a decimal was rejected; the codes are stable so that
// callers can map them to their own messages.
type ErrorCode string

const (
	CodeEmpty     ErrorCode = "empty"     // nothing to read
	CodeSyntax    ErrorCode = "syntax"    // not a plain decimal number
	CodeNegative  ErrorCode = "negative"  // a minus sign
	CodePrecision ErrorCode = "precision" // more than two decimals
	CodeOverflow  ErrorCode = "overflow"  // does not fit in int64 hundredths
)

// ParseError reports a decimal that cannot be read.
type ParseError struct {
	Input string
	Code  ErrorCode
}

func (e *ParseError) Error() string {
	switch e.Code {
	case CodeEmpty:
		return "empty amount"
	case CodeNegative:
		return fmt.Sprintf("%s is negative", strconv.Quote(e.Input))
	case CodePrecision:
		return fmt.Sprintf("%s has more than two decimals", strconv.Quote(e.Input))
	case CodeOverflow:
		return fmt.Sprintf("%s is too large", strconv.Quote(e.Input))
	}
	return fmt.Sprintf("%s is not a decimal number such as 12000000.00", strconv.Quote(e.Input))
}

// Chinese is the message for a Chinese-speaking user.
func (e *ParseError) Chinese() string {
	switch e.Code {
	case CodeEmpty:
		return "金额为空"
	case CodeNegative:
		return fmt.Sprintf("%s 为负数", strconv.Quote(e.Input))
	case CodePrecision:
		return fmt.Sprintf("%s 的小数超过两位", strconv.Quote(e.Input))
	case CodeOverflow:
		return fmt.Sprintf("%s 超出可处理的范围", strconv.Quote(e.Input))
	}
	return fmt.Sprintf("%s 不是形如 12000000.00 的十进制数", strconv.Quote(e.Input))
}

// ParseYuan reads a non-negative amount of yuan with at most two decimals
// ("12000000", "500000.5", "0.01") into fen.
func ParseYuan(s string) (Fen, error) {
	n, err := ParseHundredths(s)
	return Fen(n), err
}

// ParseHundredths reads a non-negative decimal with at most two decimals
// into a count of hundredths. Money and review scores share this form.
// Only ASCII digits and one dot are accepted: no sign, exponent, spaces or
// thousands separators, so that what a person typed is what is counted.
func ParseHundredths(s string) (int64, error) {
	if s == "" {
		return 0, &ParseError{Input: s, Code: CodeEmpty}
	}
	if s[0] == '-' {
		if _, err := ParseHundredths(s[1:]); err == nil {
			return 0, &ParseError{Input: s, Code: CodeNegative}
		}
		return 0, &ParseError{Input: s, Code: CodeSyntax}
	}
	intPart, fracPart, hasDot := s, "", false
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			intPart, fracPart, hasDot = s[:i], s[i+1:], true
			break
		}
	}
	if intPart == "" || !allDigits(intPart) || (hasDot && (fracPart == "" || !allDigits(fracPart))) {
		return 0, &ParseError{Input: s, Code: CodeSyntax}
	}
	if len(fracPart) > 2 {
		return 0, &ParseError{Input: s, Code: CodePrecision}
	}
	var n uint64
	for i := 0; i < len(intPart); i++ {
		if n > (math.MaxInt64-9)/10 {
			return 0, &ParseError{Input: s, Code: CodeOverflow}
		}
		n = n*10 + uint64(intPart[i]-'0')
	}
	if n > math.MaxInt64/100 {
		return 0, &ParseError{Input: s, Code: CodeOverflow}
	}
	n *= 100
	switch len(fracPart) {
	case 1:
		n += uint64(fracPart[0]-'0') * 10
	case 2:
		n += uint64(fracPart[0]-'0')*10 + uint64(fracPart[1]-'0')
	}
	if n > math.MaxInt64 {
		return 0, &ParseError{Input: s, Code: CodeOverflow}
	}
	return int64(n), nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// String is the amount in yuan with two decimals: "12000000.00".
func (f Fen) String() string { return string(appendHundredths(nil, int64(f), false)) }

// Grouped is the amount in yuan in the Chinese thousands style:
// "20,000,000.00".
func (f Fen) Grouped() string { return string(appendHundredths(nil, int64(f), true)) }

func appendHundredths(b []byte, n int64, group bool) []byte {
	u := uint64(n)
	if n < 0 {
		b = append(b, '-')
		u = uint64(-(n + 1)) + 1 // safe for math.MinInt64
	}
	whole := strconv.FormatUint(u/100, 10)
	if group {
		lead := len(whole) % 3
		if lead == 0 {
			lead = 3
		}
		b = append(b, whole[:lead]...)
		for i := lead; i < len(whole); i += 3 {
			b = append(b, ',')
			b = append(b, whole[i:i+3]...)
		}
	} else {
		b = append(b, whole...)
	}
	frac := u % 100
	return append(b, '.', byte('0'+frac/10), byte('0'+frac%10))
}

// MarshalJSON writes the amount as a yuan string.
func (f Fen) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 24)
	b = append(b, '"')
	b = appendHundredths(b, int64(f), false)
	return append(b, '"'), nil
}

// UnmarshalJSON reads a yuan string. A JSON number is refused on purpose:
// many JSON tools turn numbers into floats on the way, so a string is the
// only form that arrives as it was written.
func (f *Fen) UnmarshalJSON(b []byte) error {
	if len(b) == 0 || b[0] != '"' {
		return fmt.Errorf("money must be a string of yuan such as \"12000000.00\", not %s", truncate(string(b), 40))
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("money must be a string of yuan: %w", err)
	}
	v, err := ParseYuan(s)
	if err != nil {
		return err
	}
	*f = v
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
