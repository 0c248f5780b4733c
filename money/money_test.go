package money

import (
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestParseYuan(t *testing.T) {
	good := map[string]Fen{
		"12000000":             1200000000,
		"500000.5":             50000050,
		"0.01":                 1,
		"0":                    0,
		"0.00":                 0,
		"007.10":               710,
		"92233720368547758.07": MaxFen,
	}
	for in, want := range good {
		got, err := ParseYuan(in)
		if err != nil || got != want {
			t.Errorf("ParseYuan(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	bad := map[string]ErrorCode{
		"":                      CodeEmpty,
		"-1":                    CodeNegative,
		"-0.01":                 CodeNegative,
		"1.234":                 CodePrecision,
		"1.500":                 CodePrecision,
		"abc":                   CodeSyntax,
		"-abc":                  CodeSyntax,
		"1.":                    CodeSyntax,
		".5":                    CodeSyntax,
		"+1":                    CodeSyntax,
		"1e6":                   CodeSyntax,
		"1,000":                 CodeSyntax,
		" 1":                    CodeSyntax,
		"1 ":                    CodeSyntax,
		"１２":                    CodeSyntax,
		"1.2.3":                 CodeSyntax,
		"NaN":                   CodeSyntax,
		"92233720368547758.08":  CodeOverflow,
		"99999999999999999999":  CodeOverflow,
		strings.Repeat("9", 40): CodeOverflow,
	}
	for in, want := range bad {
		_, err := ParseYuan(in)
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Code != want {
			t.Errorf("ParseYuan(%q) error = %v; want code %s", in, err, want)
			continue
		}
		if pe.Error() == "" || pe.Chinese() == "" || strings.ContainsAny(pe.Error(), "\n") {
			t.Errorf("ParseYuan(%q): message %q / %q", in, pe.Error(), pe.Chinese())
		}
	}
}

func TestFormat(t *testing.T) {
	cases := []struct {
		f              Fen
		plain, grouped string
	}{
		{0, "0.00", "0.00"},
		{1, "0.01", "0.01"},
		{2000000000, "20000000.00", "20,000,000.00"},
		{25331507, "253315.07", "253,315.07"},
		{99999, "999.99", "999.99"},
		{100000, "1000.00", "1,000.00"},
		{-150, "-1.50", "-1.50"},
		{MaxFen, "92233720368547758.07", "92,233,720,368,547,758.07"},
		{Fen(math.MinInt64), "-92233720368547758.08", "-92,233,720,368,547,758.08"},
	}
	for _, c := range cases {
		if got := c.f.String(); got != c.plain {
			t.Errorf("%d.String() = %q, want %q", c.f, got, c.plain)
		}
		if got := c.f.Grouped(); got != c.grouped {
			t.Errorf("%d.Grouped() = %q, want %q", c.f, got, c.grouped)
		}
	}
}

func TestJSON(t *testing.T) {
	var v struct {
		A Fen `json:"a"`
	}
	if err := json.Unmarshal([]byte(`{"a":"500000.5"}`), &v); err != nil || v.A != 50000050 {
		t.Fatalf("unmarshal: %v %d", err, v.A)
	}
	b, err := json.Marshal(v)
	if err != nil || string(b) != `{"a":"500000.50"}` {
		t.Fatalf("marshal: %s %v", b, err)
	}
	for _, in := range []string{`{"a":500000}`, `{"a":"1.001"}`, `{"a":"-1"}`, `{"a":true}`, `{"a":""}`} {
		if err := json.Unmarshal([]byte(in), &v); err == nil {
			t.Errorf("%s accepted", in)
		}
	}
}

// Every string ParseYuan accepts formats back to the same amount, and every
// amount survives a round trip through its text.
func TestRoundTripRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		f := Fen(rng.Int64())
		back, err := ParseYuan(f.String())
		if err != nil || back != f {
			t.Fatalf("%d → %q → %d, %v", f, f.String(), back, err)
		}
	}
}

func FuzzParseYuan(f *testing.F) {
	for _, s := range []string{"12000000", "0.01", "500000.5", "-1", "1.234", "1e5", "", "92233720368547758.07", "92233720368547758.08"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseYuan(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("%q: error of type %T", s, err)
			}
			return
		}
		if v < 0 {
			t.Fatalf("%q parsed to negative %d", s, v)
		}
		// The value must equal the decimal read by math/big.
		r, ok := new(big.Rat).SetString(s)
		if !ok {
			t.Fatalf("%q accepted but not a decimal", s)
		}
		r.Mul(r, big.NewRat(100, 1))
		if !r.IsInt() || r.Num().Int64() != int64(v) {
			t.Fatalf("%q parsed to %d, math/big says %s", s, v, r.RatString())
		}
		back, err := ParseYuan(v.String())
		if err != nil || back != v {
			t.Fatalf("%q: %d does not round-trip", s, v)
		}
	})
}
