package creditcode

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

// realCodes are codes of existing organisations. Each was checked against
// the independent oracle below, not taken on trust; the Chongqing ones carry
// letters in the organisation code, which pins down GB 11714's letter values.
var realCodes = []string{
	"914403001922038216", // 华为技术有限公司
	"91440300708461136T", // 深圳市腾讯计算机系统有限公司
	"91330100799655058B", // 阿里巴巴（中国）有限公司
	"91110108551385082Q", // 小米科技有限责任公司
	"91500108MAE5G7MX3H", // Chongqing enterprises, letters in the body
	"91500153MAK1DP8D04",
	"91500000MA5UTMTB6F",
	"91500000MA5UA3W18Q",
}

// oracleChecks recomputes both check characters from first principles,
// sharing no tables with the package: GB 32100 weights are 3^i mod 31 and
// GB 11714 weights are 2^(8-i) mod 11.
func oracleChecks(s string) (org, full byte) {
	const cs = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	sum := 0
	for i := 0; i < 8; i++ {
		w := 1
		for range 8 - i {
			w = w * 2 % 11
		}
		v := strings.IndexByte("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", s[8+i])
		sum += v * w
	}
	org = "0123456789X0"[11-sum%11]
	sum = 0
	for i := 0; i < 17; i++ {
		w := 1
		for range i {
			w = w * 3 % 31
		}
		sum += strings.IndexByte(cs, s[i]) * w
	}
	full = cs[(31-sum%31)%31]
	return org, full
}

func TestRealCodes(t *testing.T) {
	for _, s := range realCodes {
		org, full := oracleChecks(s)
		if s[16] != org || s[17] != full {
			t.Fatalf("%s: oracle disagrees (%c %c); fix the fixture", s, org, full)
		}
		c, err := Validate(s)
		if err != nil {
			t.Errorf("Validate(%s): %v", s, err)
			continue
		}
		if c.String() != s {
			t.Errorf("Validate(%s) = %s", s, c)
		}
	}
}

func TestParts(t *testing.T) {
	c, err := Validate("91500000MA5UTMTB6F")
	if err != nil {
		t.Fatal(err)
	}
	if c.Department() != "9" || c.Category() != "1" || c.Region() != "500000" || c.OrgCode() != "MA5UTMTB6" {
		t.Errorf("parts: %s %s %s %s", c.Department(), c.Category(), c.Region(), c.OrgCode())
	}
	if c.DepartmentName() != "工商" || c.CategoryName() != "企业" {
		t.Errorf("names: %s %s", c.DepartmentName(), c.CategoryName())
	}
}

func TestNormalize(t *testing.T) {
	for _, in := range []string{
		"  91500000ma5utmtb6f\t",
		"\u300091500000MA5UTMTB6F\u3000",
		"９１５０００００ＭＡ５ＵＴＭＴＢ６Ｆ",
		"９１５０００００ｍａ５ｕｔｍｔｂ６ｆ",
	} {
		c, err := Validate(in)
		if err != nil || c != "91500000MA5UTMTB6F" {
			t.Errorf("Validate(%q) = %q, %v", in, c, err)
		}
	}
}

func wantErr(t *testing.T, s, code string, pos int) *Error {
	t.Helper()
	_, err := Validate(s)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("Validate(%q) = %v, want *Error %s", s, err, code)
	}
	if e.Code != code || e.Pos != pos {
		t.Fatalf("Validate(%q) = %s at %d (%s), want %s at %d", s, e.Code, e.Pos, e.Msg, code, pos)
	}
	if !errors.Is(err, &Error{Code: code}) {
		t.Fatalf("errors.Is does not match code %s", code)
	}
	return e
}

func TestErrors(t *testing.T) {
	wantErr(t, "", ErrLength, 0)
	wantErr(t, "91500000MA5UTMTB6", ErrLength, 0)
	wantErr(t, "91500000MA5UTMTB6FF", ErrLength, 0)
	wantErr(t, "91500000MA5UTMTB6F中", ErrLength, 0)
	wantErr(t, "91500000MA5UTMTB6中", ErrCharset, 18)
	wantErr(t, "91500000MA5UTMTB6中"[:18], ErrCharset, 18) // a stray byte
	wantErr(t, "91500000MA5UTMTBI6", ErrCharset, 17)
	wantErr(t, "9150000中MA5UTMTB6F", ErrCharset, 8)
	wantErr(t, "91500000MA5UTMTB6\xff", ErrCharset, 18)
	wantErr(t, "S1500000MA5UTMTB6F", ErrCharset, 1)
	if e := wantErr(t, "94500000MA5UTMTB6F", ErrCategory, 2); !strings.Contains(e.Msg, "工商") {
		t.Errorf("message %q does not name the department", e.Msg)
	}
	wantErr(t, "Y2500000MA5UTMTB6F", ErrCategory, 2)
	wantErr(t, "9150A000MA5UTMTB6F", ErrRegion, 5)
	wantErr(t, "91500000MA5UTMTB7F", ErrOrgCheck, 17)
	if e := wantErr(t, "91500000MA5UTMTB6G", ErrCheck, 18); e.Msg != "统一社会信用代码第18位校验码错误，应为 F" {
		t.Errorf("message %q", e.Msg)
	}
}

// Departments outside the settled table accept any category: see
// departments.go for why.
func TestUnlistedDepartmentsAccepted(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, dc := range []string{"21", "39", "71", "81", "A1", "N2", "G1"} {
		s := generate(r, dc[0], dc[1], "500000")
		if _, err := Validate(s); err != nil {
			t.Errorf("Validate(%s): %v", s, err)
		}
	}
}

// Any single-character change of a valid code must be caught. The
// position-18 check alone guarantees this (31 is prime and no weight is a
// multiple of it); the test proves the validator relies on it.
func TestMutations(t *testing.T) {
	codes := append([]string(nil), realCodes...)
	r := rand.New(rand.NewPCG(3, 4))
	for range 50 {
		codes = append(codes, Generate(r, "500112"))
	}
	for _, s := range codes {
		for i := 0; i < Length; i++ {
			for j := 0; j < len(charset); j++ {
				if charset[j] == s[i] {
					continue
				}
				m := s[:i] + string(charset[j]) + s[i+1:]
				_, err := Validate(m)
				if err == nil {
					t.Fatalf("mutation %s of %s accepted", m, s)
				}
				var e *Error
				errors.As(err, &e)
				switch {
				case i == 17 && e.Code != ErrCheck:
					t.Fatalf("%s: check character change reported as %s", m, e.Code)
				case i == 16 && e.Code != ErrOrgCheck:
					t.Fatalf("%s: org check change reported as %s", m, e.Code)
				}
			}
		}
	}
}

func TestGenerate(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 1000 {
		s := Generate(r, "500103")
		c, err := Validate(s)
		if err != nil {
			t.Fatalf("Generate produced %s: %v", s, err)
		}
		if c.Region() != "500103" || c.Department() != "9" || c.Category() != "1" {
			t.Fatalf("Generate produced %s", s)
		}
		org, full := oracleChecks(s)
		if s[16] != org || s[17] != full {
			t.Fatalf("oracle disagrees with %s", s)
		}
	}
	for _, dept := range []byte("159Y") {
		for cat := range departments[dept].categories {
			s := generate(r, dept, cat, "500000")
			if _, err := Validate(s); err != nil {
				t.Errorf("Validate(%s): %v", s, err)
			}
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("Generate accepted a bad region")
		}
	}()
	Generate(r, "50010X")
}

func FuzzValidate(f *testing.F) {
	for _, s := range realCodes {
		f.Add(s)
	}
	f.Add("９１５０００００ＭＡ５ＵＴＭＴＢ６Ｆ")
	f.Add("91500000MA5UTMTB6\xff")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Validate(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Code == "" || e.Msg == "" {
				t.Fatalf("untyped or empty error %v", err)
			}
			return
		}
		if len(c) != Length {
			t.Fatalf("valid code %q has length %d", c, len(c))
		}
		org, full := oracleChecks(string(c))
		if c[16] != org || c[17] != full {
			t.Fatalf("accepted %q, oracle wants %c %c", c, org, full)
		}
		if again, err := Validate(string(c)); err != nil || again != c {
			t.Fatalf("not idempotent: %q -> %q, %v", c, again, err)
		}
		_, _, _, _ = c.Department(), c.Category(), c.Region(), c.OrgCode()
	})
}
