// Package plaintext holds the one rule for the text the platform accepts
// from people and programs: UTF-8, without control characters (tab and
// line breaks only where a field has several lines) and without the
// invisible bidirectional controls that make text read differently from
// how it is stored ("Trojan source"). Both databases then store the same
// things: PostgreSQL refuses NUL bytes that SQLite would keep.
package plaintext

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Code is the field error code of text this package refuses.
const Code = "invalid_text"

// Mode says what a field may hold beyond ordinary characters.
type Mode int

const (
	// OneLine is a name, a code, a search: no tab and no line break.
	OneLine Mode = iota
	// MultiLine is a description or a reason typed in a text area: tabs
	// and line breaks (LF, CR, U+2028, U+2029) are allowed.
	MultiLine
)

// Problem is the first character Check refused.
type Problem struct {
	// Pos counts characters from 1; each byte that is not UTF-8 counts as
	// one character.
	Pos int
	// Rune is the refused character; utf8.RuneError when Invalid.
	Rune rune
	// Invalid is set for bytes that are not UTF-8.
	Invalid bool
	mode    Mode
}

// Check returns the first problem with s in a field of mode m, or nil.
func Check(s string, m Mode) *Problem {
	pos := 0
	for i := 0; i < len(s); {
		pos++
		if c := s[i]; c < utf8.RuneSelf {
			// ASCII, most of what is typed: no decoding needed.
			if (c < 0x20 || c == 0x7F) && !allowed(rune(c), m) {
				return &Problem{Pos: pos, Rune: rune(c), mode: m}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return &Problem{Pos: pos, Rune: r, Invalid: true, mode: m}
		}
		if !allowed(r, m) {
			return &Problem{Pos: pos, Rune: r, mode: m}
		}
		i += size
	}
	return nil
}

// CheckUTF8 returns the first byte of s that is not UTF-8, as a Problem,
// or nil; it looks at nothing else. It is for values whose characters
// are some other rule's business, such as every value of a form.
func CheckUTF8(s string) *Problem {
	if utf8.ValidString(s) {
		return nil
	}
	pos := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		pos++
		if r == utf8.RuneError && size == 1 {
			return &Problem{Pos: pos, Rune: r, Invalid: true, mode: MultiLine}
		}
		i += size
	}
	return nil
}

// Replace returns s with every character Check would refuse in mode m,
// and every byte that is not UTF-8, replaced by U+FFFD. It is for text
// kept for information only, such as a browser's User-Agent, which is
// stored but never refused.
func Replace(s string, m Mode) string {
	if Check(s, m) == nil {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || !allowed(r, m) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
		i += size
	}
	return b.String()
}

// Valid reports whether s passes Check in mode m.
func Valid(s string, m Mode) bool { return Check(s, m) == nil }

func allowed(r rune, m Mode) bool {
	switch {
	case r >= 0xA0 && r < 0x061C, r > 0x2069:
		// Most text, Chinese included, holds neither controls nor
		// bidirectional formatting: the tables need not be searched.
		return true
	case isLineBreak(r):
		return m == MultiLine
	case unicode.IsControl(r), unicode.Is(unicode.Bidi_Control, r):
		// C0 (NUL, ESC…), DEL and C1; LRE/RLE/PDF/LRO/RLO, the isolates and
		// the marks LRM, RLM, ALM.
		return false
	}
	return true
}

func isLineBreak(r rune) bool {
	switch r {
	case '\t', '\n', '\r', '\u2028', '\u2029':
		return true
	}
	return false
}

// Error describes the problem for logs.
func (p *Problem) Error() string {
	if p.Invalid {
		return fmt.Sprintf("invalid UTF-8 at character %d", p.Pos)
	}
	return fmt.Sprintf("character %U at %d is not allowed", p.Rune, p.Pos)
}

// Message says in Chinese what is wrong with the field called label.
func (p *Problem) Message(label string) string {
	if p.Invalid {
		return fmt.Sprintf("%s第 %d 个字符处的内容不是有效的 UTF-8 编码，请以 UTF-8 重新提交。", label, p.Pos)
	}
	what := runeName(p.Rune)
	if isLineBreak(p.Rune) && p.mode == OneLine {
		return fmt.Sprintf("%s只能填写一行：第 %d 个字符是%s（U+%04X），请删除。", label, p.Pos, what, p.Rune)
	}
	return fmt.Sprintf("%s第 %d 个字符是%s（U+%04X），不能使用，请删除。", label, p.Pos, what, p.Rune)
}

// runeName names a refused character in Chinese.
func runeName(r rune) string {
	switch r {
	case 0:
		return "空字符"
	case '\t':
		return "制表符"
	case '\n':
		return "换行符"
	case '\r':
		return "回车符"
	case '\u2028':
		return "行分隔符"
	case '\u2029':
		return "段分隔符"
	case 0x1B:
		return "转义字符"
	case 0x7F:
		return "删除符"
	}
	if unicode.Is(unicode.Bidi_Control, r) {
		return "不可见的文字方向控制符"
	}
	return "不可见的控制字符"
}
