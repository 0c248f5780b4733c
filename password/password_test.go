package password

import (
	"errors"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/crypto/argon2"
)

func TestHashVerify(t *testing.T) {
	h, err := Hash("Chongqing-2024")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("unexpected form %s", h)
	}
	ok, rehash, err := Verify("Chongqing-2024", h)
	if !ok || rehash || err != nil {
		t.Fatalf("Verify(right) = %v, %v, %v", ok, rehash, err)
	}
	ok, rehash, err = Verify("chongqing-2024", h)
	if ok || rehash || err != nil {
		t.Fatalf("Verify(wrong) = %v, %v, %v", ok, rehash, err)
	}
	h2, _ := Hash("Chongqing-2024")
	if h2 == h {
		t.Fatal("two hashes share a salt")
	}
}

// A hash made with other parameters still verifies and asks to be redone.
func TestNeedsRehash(t *testing.T) {
	salt := []byte("0123456789abcdef")
	key := argon2.IDKey([]byte("old secret"), salt, 1, 64, 1, 32)
	enc := "$argon2id$v=19$m=64,t=1,p=1$" + b64.EncodeToString(salt) + "$" + b64.EncodeToString(key)
	ok, rehash, err := Verify("old secret", enc)
	if !ok || !rehash || err != nil {
		t.Fatalf("Verify = %v, %v, %v", ok, rehash, err)
	}
	if ok, rehash, _ := Verify("other", enc); ok || rehash {
		t.Fatal("wrong password matched or asked for rehash")
	}
	// Same cost but a shorter key is also out of date.
	key = argon2.IDKey([]byte("x"), salt, passes, memoryKiB, lanes, 16)
	enc = "$argon2id$v=19$m=19456,t=2,p=1$" + b64.EncodeToString(salt) + "$" + b64.EncodeToString(key)
	if ok, rehash, err := Verify("x", enc); !ok || !rehash || err != nil {
		t.Fatalf("short key: %v, %v, %v", ok, rehash, err)
	}
}

func TestMalformed(t *testing.T) {
	good, _ := Hash("Chongqing-2024")
	f := strings.Split(good, "$")
	with := func(i int, v string) string {
		g := append([]string(nil), f...)
		g[i] = v
		return strings.Join(g, "$")
	}
	bad := []string{
		"",
		"plain text",
		good + "$",
		"x" + good,
		with(1, "argon2i"),
		with(2, "v=16"),
		with(3, "m=19456,t=2"),
		with(3, "t=2,m=19456,p=1"),
		with(3, "m=019456,t=2,p=1"),
		with(3, "m=19456,t=0,p=1"),
		with(3, "m=19456,t=+2,p=1"),
		with(3, "m=9999999999,t=2,p=1"),
		with(3, "m=2000000,t=2,p=1"),
		with(3, "m=19456,t=2,p=100"),
		with(3, "m=8,t=2,p=2"),
		with(4, ""),
		with(4, "c2FsdA"), // 4 bytes
		with(4, f[4]+"=="),
		with(5, "!!!"),
		with(5, f[5][:10]),
	}
	for _, enc := range bad {
		ok, rehash, err := Verify("Chongqing-2024", enc)
		if !errors.Is(err, ErrMalformed) || ok || rehash {
			t.Errorf("Verify(%q) = %v, %v, %v", enc, ok, rehash, err)
		}
	}
}

// DummyVerify must do a real key derivation, not return early: argon2id's
// cost is its memory, so the bytes it allocates show the work was done
// without timing anything.
func TestDummyVerifyDoesTheWork(t *testing.T) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	DummyVerify()
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got < 19456*1024 {
		t.Errorf("DummyVerify allocated %d bytes, less than one argon2id derivation", got)
	}
}

func BenchmarkVerify(b *testing.B) {
	h, _ := Hash("Chongqing-2024")
	for b.Loop() {
		Verify("wrong password", h)
	}
}

func BenchmarkDummyVerify(b *testing.B) {
	for b.Loop() {
		DummyVerify()
	}
}

func TestCheckStrength(t *testing.T) {
	ok := []string{
		"Jialing-River7",    // lower, upper, digit, symbol
		"kiwi-orchard-2024", // lower, digit, symbol
		"重庆首台套Equip2024",    // other, upper, lower, digit
		"aaaaaaaaA1",
		"Demo@2026cq",        // the documented demo password
		"Cq-Equip#2026-test", // the web tests' password
		"Test-Passw0rd",      // two words are not one common core
		"P!9#4$2%7&",         // a lone letter is not a core
	}
	for _, p := range ok {
		if err := CheckStrength(p, "zhangsan"); err != nil {
			t.Errorf("CheckStrength(%q) = %v", p, err)
		}
	}
	bad := map[string]string{
		"":               ErrTooShort,
		"Ab1!Ab1!a":      ErrTooShort,
		"重庆首台套Ab1":       ErrTooShort, // 9 characters, more bytes
		"aaaaaaaaaaaa":   ErrRepetitive,
		"！！！！！！！！！！":     ErrRepetitive,
		"chongqingcity":  ErrTooSimple,
		"chongqing2024":  ErrTooSimple,
		"CHONGQING-CITY": ErrTooSimple,
		// Common words decorated with case, look-alikes, years and digits.
		"Password@123":    ErrCommon,
		"P@ssw0rd2026":    ErrCommon,
		"Admin@123456":    ErrCommon,
		"Chongqing2024":   ErrCommon,
		"@dmin2026!!":     ErrCommon,
		"1LoveYou2026":    ErrCommon, // the leading 1 is the I
		"2026Welcome!":    ErrCommon,
		"Qwerty!2026":     ErrCommon,
		"1qaz@WSX3edc":    ErrCommon,
		"Zhangwei1990!":   ErrCommon, // a name in pinyin and a birth year
		"Woaini@1314":     ErrCommon,
		"Aa123456789!":    ErrCommon,
		"Ｐａｓｓｗｏｒｄ＠１２３":    ErrCommon, // full-width forms
		"Shoutaitao#2026": ErrCommon,
		// The username, in any case or spelling.
		"Zhangsan-2026!":  ErrContainsUsername,
		"My-ZHANGSAN-pw1": ErrContainsUsername,
		"Zh@ngs@n-2026":   ErrContainsUsername,
	}
	for p, code := range bad {
		err := CheckStrength(p, "zhangsan")
		var se *StrengthError
		if !errors.As(err, &se) || se.Code != code || se.Msg == "" {
			t.Errorf("CheckStrength(%q) = %v, want %s", p, err, code)
		}
	}
	if err := CheckStrength("Zhangsan-2026!", ""); err != nil {
		t.Errorf("without a username to compare: %v", err)
	}
}

// Every line of the shipped list is refused, decorated as people do.
func TestCommonListIsRefused(t *testing.T) {
	n := 0
	for line := range strings.Lines(commonList) {
		core := strings.TrimSpace(line)
		n++
		if !isCommon(core) || !isCommon(strings.ToUpper(core[:1])+core[1:]+"@2026") {
			t.Errorf("%q is on the list but not refused", core)
		}
	}
	if n < 2000 {
		t.Errorf("the list holds %d cores, want a few thousand", n)
	}
}

// BenchmarkBuildCommonList is the one-time cost of the common-password set
// (its allocations are about its size in memory).
func BenchmarkBuildCommonList(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if len(buildCommonCores()) < 2000 {
			b.Fatal("the set is nearly empty")
		}
	}
}

func BenchmarkCheckStrength(b *testing.B) {
	CheckStrength("warm-up", "") // builds the set once
	for b.Loop() {
		if err := CheckStrength("Xr7#kq-Lantern-Ridge-2026!", "zhangsan"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHash(b *testing.B) {
	for b.Loop() {
		if _, err := Hash("Chongqing-2024"); err != nil {
			b.Fatal(err)
		}
	}
}
