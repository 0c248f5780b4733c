package plaintext

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestCheck(t *testing.T) {
	cases := []struct {
		in      string
		mode    Mode
		pos     int
		r       rune
		invalid bool
	}{
		{"数控机床 VMC-850（立式）", OneLine, 0, 0, false},
		{"", OneLine, 0, 0, false},
		{"\uFFFD is a real character", OneLine, 0, 0, false},
		{"数控\x00机床", OneLine, 3, 0, false},
		{"数控\x00机床", MultiLine, 3, 0, false},
		{"a\tb", OneLine, 2, '\t', false},
		{"a\tb\r\nc\u2028d", MultiLine, 0, 0, false},
		{"第一行\n第二行", OneLine, 4, '\n', false},
		{"abc\x1b[31m", MultiLine, 4, 0x1B, false},
		{"x\x7f", OneLine, 2, 0x7F, false},
		{"价格\u0085", MultiLine, 3, 0x85, false},
		{"转速\u202Enim/r", MultiLine, 3, 0x202E, false},
		{"\u2066隔离\u2069", OneLine, 1, 0x2066, false},
		{"标记\u200F", OneLine, 3, 0x200F, false},
		{"数控\xff机床", OneLine, 3, 0xFFFD, true},
		{"\xe6\x95", MultiLine, 1, 0xFFFD, true},   // a character cut short
		{"\xed\xa0\x80", OneLine, 1, 0xFFFD, true}, // a surrogate half
	}
	for _, c := range cases {
		p := Check(c.in, c.mode)
		if c.pos == 0 {
			if p != nil {
				t.Errorf("Check(%q) = %v, want nil", c.in, p)
			}
			continue
		}
		if p == nil || p.Pos != c.pos || p.Rune != c.r || p.Invalid != c.invalid {
			t.Errorf("Check(%q, %d) = %+v, want position %d, %U, invalid %v", c.in, c.mode, p, c.pos, c.r, c.invalid)
		}
	}
}

func TestCheckUTF8LooksOnlyAtTheEncoding(t *testing.T) {
	for s, pos := range map[string]int{"": 0, "a\x00b\u202E": 0, "\x00\x80": 2, "数控\xff": 3, "\xe6\x95": 1} {
		p := CheckUTF8(s)
		if pos == 0 && p != nil || pos != 0 && (p == nil || p.Pos != pos || !p.Invalid) {
			t.Errorf("CheckUTF8(%q) = %+v, want position %d", s, p, pos)
		}
	}
}

func TestReplace(t *testing.T) {
	for in, want := range map[string]string{"Mozilla/5.0": "Mozilla/5.0", "a\xff\xfeb": "a\uFFFD\uFFFDb",
		"x\x00\u202Ey\n": "x\uFFFD\uFFFDy\uFFFD"} {
		if got := Replace(in, OneLine); got != want {
			t.Errorf("Replace(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMessageNamesTheCharacterAndWhere(t *testing.T) {
	for _, c := range []struct {
		in       string
		mode     Mode
		mentions []string
	}{
		{"数控\x00机床", OneLine, []string{"装备名称", "第 3 个字符", "空字符", "U+0000"}},
		{"a\nb", OneLine, []string{"只能填写一行", "换行符", "U+000A"}},
		{"转速\u202E", MultiLine, []string{"第 3 个字符", "文字方向", "U+202E"}},
		{"ab\xff", OneLine, []string{"第 3 个字符", "UTF-8"}},
	} {
		msg := Check(c.in, c.mode).Message("装备名称")
		for _, m := range c.mentions {
			if !strings.Contains(msg, m) {
				t.Errorf("message for %q: %q does not mention %q", c.in, msg, m)
			}
		}
	}
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{"数控机床", "a\x00b", "\xff", "\u202E", "a\tb\nc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, m := range []Mode{OneLine, MultiLine} {
			p := Check(s, m)
			if p == nil {
				continue
			}
			if p.Pos < 1 || p.Pos > len(s) || p.Message("字段") == "" {
				t.Fatalf("Check(%q) = %+v", s, p)
			}
		}
		for _, m := range []Mode{OneLine, MultiLine} {
			if r := Replace(s, m); !Valid(r, m) || Valid(s, m) && r != s {
				t.Fatalf("Replace(%q, %d) = %q", s, m, r)
			}
		}
		if (CheckUTF8(s) == nil) != utf8.ValidString(s) {
			t.Fatalf("CheckUTF8(%q) = %v", s, CheckUTF8(s))
		}
		// Whatever one line accepts, several lines accept.
		if Valid(s, OneLine) && !Valid(s, MultiLine) {
			t.Fatalf("%q is one line but not several", s)
		}
	})
}

// BenchmarkCheck checks a description of 2,000 characters, the longest
// the services take.
func BenchmarkCheck(b *testing.B) {
	s := strings.Repeat("用于精密减速器齿轮的成形磨削，精度 ISO 3 级。\n", 2000/27+1)
	s = string([]rune(s)[:2000])
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		if p := Check(s, MultiLine); p != nil {
			b.Fatal(p)
		}
	}
}

// The fast paths refuse exactly what the Unicode tables say.
func TestEveryCharacter(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue // surrogates are not characters; UTF-8 cannot carry them
		}
		lineBreak := r == '\t' || r == '\n' || r == '\r' || r == 0x2028 || r == 0x2029
		refused := !lineBreak && (unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r))
		s := string(r)
		if got := !Valid(s, MultiLine); got != refused {
			t.Errorf("%U: refused in several lines = %v, want %v", r, got, refused)
		}
		if got := !Valid(s, OneLine); got != (refused || lineBreak) {
			t.Errorf("%U: refused in one line = %v, want %v", r, got, refused || lineBreak)
		}
	}
}
