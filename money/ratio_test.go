package money

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// refMul is the reference: f × Π r rounded with math/big.
func refMul(f Fen, mode Rounding, rs ...Ratio) *big.Int {
	n := big.NewInt(int64(f))
	d := big.NewInt(1)
	for _, r := range rs {
		n.Mul(n, big.NewInt(r.Num))
		d.Mul(d, big.NewInt(r.Den))
	}
	q, rem := new(big.Int).QuoRem(n, d, new(big.Int))
	if mode == HalfUp && new(big.Int).Lsh(rem, 1).Cmp(d) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	return q
}

func TestMulRatiosRounding(t *testing.T) {
	cases := []struct {
		f     Fen
		mode  Rounding
		rs    []Ratio
		want  Fen
		exact bool
	}{
		{50000000, HalfUp, []Ratio{Percent(80), {365, 365}}, 40000000, true},
		{46000000, HalfUp, []Ratio{Percent(60), {335, 365}}, 25331507, false}, // 253,315.068…
		{1, HalfUp, []Ratio{{1, 2}}, 1, false},                                // 0.5 fen rounds up
		{1, Floor, []Ratio{{1, 2}}, 0, false},
		{3, HalfUp, []Ratio{{1, 2}}, 2, false}, // 1.5 → 2
		{5, HalfUp, []Ratio{{1, 3}}, 2, false}, // 1.67 → 2
		{4, HalfUp, []Ratio{{1, 3}}, 1, false}, // 1.33 → 1
		{1200000000, HalfUp, []Ratio{Percent(30)}, 360000000, true},
		{7, HalfUp, nil, 7, true},
	}
	for _, c := range cases {
		got, exact, err := MulRatiosExact(c.f, c.mode, c.rs...)
		if err != nil || got != c.want || exact != c.exact {
			t.Errorf("MulRatiosExact(%d, %v, %v) = %d, %v, %v; want %d, %v", c.f, c.mode, c.rs, got, exact, err, c.want, c.exact)
		}
	}
}

func TestMulRatiosAgainstBig(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for i := range 20000 {
		f := Fen(rng.Int64N(1 << 50))
		if i%3 == 0 {
			f = Fen(rng.Int64()) // large amounts exercise the overflow checks
		}
		n := rng.IntN(4)
		rs := make([]Ratio, n)
		for j := range rs {
			den := rng.Int64N(1000) + 1
			if i%7 == 0 {
				den = rng.Int64N(math.MaxInt64-1) + 1 // forces the math/big path
			}
			rs[j] = Ratio{Num: rng.Int64N(den + 1), Den: den}
		}
		for _, mode := range []Rounding{HalfUp, Floor} {
			want := refMul(f, mode, rs...)
			got, err := MulRatios(f, mode, rs...)
			if !want.IsInt64() {
				if !errors.Is(err, ErrOverflow) {
					t.Fatalf("%d × %v: want overflow, got %d, %v", f, rs, got, err)
				}
				continue
			}
			if err != nil || int64(got) != want.Int64() {
				t.Fatalf("%d × %v (%v) = %d, %v; want %s", f, rs, mode, got, err, want)
			}
		}
	}
}

func TestMulRatiosRejects(t *testing.T) {
	if _, err := MulRatios(-1, HalfUp, Percent(10)); err == nil {
		t.Error("negative amount accepted")
	}
	if _, err := MulRatios(1, HalfUp, Ratio{1, 0}); err == nil {
		t.Error("zero denominator accepted")
	}
	if _, err := MulRatios(MaxFen, HalfUp, Ratio{2, 1}); !errors.Is(err, ErrOverflow) {
		t.Errorf("overflow not reported: %v", err)
	}
}

func TestCmpProductsAgainstBig(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for i := range 20000 {
		n := 1 + rng.IntN(4)
		l, r := make([]int64, n), make([]int64, n)
		for j := range n {
			l[j], r[j] = rng.Int64N(1<<40), rng.Int64N(1<<40)
			if i%5 == 0 {
				l[j], r[j] = rng.Int64(), rng.Int64()
			}
		}
		if i%4 == 0 {
			copy(r, l) // equal products must compare equal
		}
		want := productBig(l).Cmp(productBig(r))
		if got := CmpProducts(l, r); got != want {
			t.Fatalf("CmpProducts(%v, %v) = %d, want %d", l, r, got, want)
		}
	}
}

func TestRatio(t *testing.T) {
	r, err := NewRatio(80, 100)
	if err != nil || r != (Ratio{4, 5}) {
		t.Fatalf("NewRatio(80,100) = %v, %v", r, err)
	}
	if _, err := NewRatio(1, 0); err == nil {
		t.Error("zero denominator accepted")
	}
	if _, err := NewRatio(-1, 2); err == nil {
		t.Error("negative ratio accepted")
	}
	if Percent(70).Cmp(Ratio{7, 10}) != 0 || Percent(70).Cmp(Percent(80)) != -1 || Percent(80).Cmp(Percent(70)) != 1 {
		t.Error("Cmp")
	}
	percents := map[Ratio]string{
		Percent(80):   "80%",
		{175, 8000}:   "2.1875%",
		{1, 3}:        "≈33.333333%",
		{2, 3}:        "≈66.666667%",
		{1, 1}:        "100%",
		{0, 7}:        "0%",
		{999999, 1e8}: "0.999999%",
	}
	for r, want := range percents {
		if got := r.PercentString(); got != want {
			t.Errorf("%v.PercentString() = %q, want %q", r, got, want)
		}
	}
	if got := Percent(80).PercentNumber(); got != "80" {
		t.Errorf("PercentNumber = %q", got)
	}
}

func TestDecimalRoundsCarry(t *testing.T) {
	// 0.9999999 with six places rounds up through every digit.
	if s, exact := Decimal([]int64{9999999}, []int64{10000000}, 6); s != "1" || exact {
		t.Errorf("got %q %v", s, exact)
	}
	// The math/big fallback agrees with the fast path.
	s1, e1 := Decimal([]int64{1, 100}, []int64{3}, 6)
	s2, e2 := decimalBig([]int64{1, 100}, []int64{3}, 6)
	if s1 != s2 || e1 != e2 {
		t.Errorf("fast %q %v, big %q %v", s1, e1, s2, e2)
	}
	if s, exact := Decimal([]int64{math.MaxInt64, math.MaxInt64, 4}, []int64{math.MaxInt64, math.MaxInt64}, 2); s != "4" || !exact {
		t.Errorf("big path: %q %v", s, exact)
	}
}

func TestMulDivAndSum(t *testing.T) {
	var s Sum128
	for range 3 {
		s.Add(MaxFen)
	}
	if _, ok := s.Fen(); ok {
		t.Fatal("sum of three MaxFen fits a Fen")
	}
	if s.LessEq(MaxFen) {
		t.Fatal("LessEq wrong for a 128-bit sum")
	}
	hi, lo := s.Words()
	// MaxFen × MaxFen ÷ (3 × MaxFen) = MaxFen/3, floored.
	got, err := MulDiv(MaxFen, MaxFen, hi, lo, Floor)
	if err != nil || got != MaxFen/3 {
		t.Fatalf("MulDiv over a 128-bit sum = %d, %v; want %d", got, err, MaxFen/3)
	}
	got, err = MulDiv(500000000, 1000000000, 0, 1500000000, Floor)
	if err != nil || got != 333333333 {
		t.Fatalf("MulDiv = %d, %v", got, err)
	}
	got, err = MulDiv(2, 1, 0, 4, HalfUp)
	if err != nil || got != 1 {
		t.Fatalf("MulDiv half up = %d, %v", got, err)
	}
	if _, err := MulDiv(1, 1, 0, 0, Floor); err == nil {
		t.Fatal("division by zero accepted")
	}
	var small Sum128
	small.Add(150)
	small.Add(250)
	if v, ok := small.Fen(); !ok || v != 400 || small.String() != "4.00" || !small.LessEq(400) || small.LessEq(399) {
		t.Fatal("small sum")
	}
	if s.String() != "276701161105643274.21" {
		t.Fatalf("128-bit sum text %q", s.String())
	}
}
