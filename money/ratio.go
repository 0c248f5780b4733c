package money

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"strconv"
)

// Ratio is an exact non-negative rational Num/Den, such as 80/100 for 80%.
type Ratio struct {
	Num int64
	Den int64
}

// NewRatio checks and reduces num/den.
func NewRatio(num, den int64) (Ratio, error) {
	if den <= 0 {
		return Ratio{}, fmt.Errorf("ratio %d/%d: the denominator must be positive", num, den)
	}
	if num < 0 {
		return Ratio{}, fmt.Errorf("ratio %d/%d: must not be negative", num, den)
	}
	g := gcd(uint64(num), uint64(den))
	if g > 1 {
		num, den = num/int64(g), den/int64(g)
	}
	return Ratio{Num: num, Den: den}, nil
}

// Percent is p%.
func Percent(p int64) Ratio {
	r, err := NewRatio(p, 100)
	if err != nil {
		panic(err)
	}
	return r
}

// Valid reports whether r is a usable non-negative ratio.
func (r Ratio) Valid() bool { return r.Den > 0 && r.Num >= 0 }

// Cmp compares r and s exactly: -1, 0 or +1.
func (r Ratio) Cmp(s Ratio) int {
	return CmpProducts([]int64{r.Num, s.Den}, []int64{s.Num, r.Den})
}

// String is the fraction as written: "4/5".
func (r Ratio) String() string {
	return strconv.FormatInt(r.Num, 10) + "/" + strconv.FormatInt(r.Den, 10)
}

// PercentString renders r as a percentage with up to six decimals:
// "80%", "2.1875%"; a value that needs more digits is rounded half up and
// marked "≈" so that nobody mistakes it for the exact value.
func (r Ratio) PercentString() string {
	s, exact := Decimal([]int64{r.Num, 100}, []int64{r.Den}, 6)
	if !exact {
		return "≈" + s + "%"
	}
	return s + "%"
}

// PercentNumber renders r as a percentage without the sign, for JSON
// numbers: "80", "12.5". It is exact when r×100 has at most six decimals.
func (r Ratio) PercentNumber() string {
	s, _ := Decimal([]int64{r.Num, 100}, []int64{r.Den}, 6)
	return s
}

// Rounding says how a fraction of a fen is settled.
type Rounding int

const (
	HalfUp Rounding = iota // 0.5 fen and more rounds up: the policy's rounding
	Floor                  // drops the fraction: used where a total must not be exceeded
)

// ErrOverflow means a result does not fit in a Fen.
var ErrOverflow = errors.New("money: result out of range")

// MulRatios returns f × r1 × r2 × … rounded once to the fen. The product is
// kept exact in 128 bits (or in math/big when even that overflows), so the
// only rounding is the final one.
func MulRatios(f Fen, mode Rounding, rs ...Ratio) (Fen, error) {
	q, _, err := MulRatiosExact(f, mode, rs...)
	return q, err
}

// MulRatiosExact is MulRatios that also reports whether the product was a
// whole number of fen, so an explanation can say when it rounded.
func MulRatiosExact(f Fen, mode Rounding, rs ...Ratio) (Fen, bool, error) {
	if f < 0 {
		return 0, false, fmt.Errorf("money: cannot scale negative amount %s", f)
	}
	num := u128{lo: uint64(f)}
	den := uint64(1)
	fits := true
	for _, r := range rs {
		if !r.Valid() {
			return 0, false, fmt.Errorf("money: invalid ratio %s", r)
		}
		if fits {
			var ok bool
			if num, ok = num.mul64(uint64(r.Num)); !ok {
				fits = false
			}
			hi, lo := bits.Mul64(den, uint64(r.Den))
			if hi != 0 {
				fits = false
			}
			den = lo
		}
	}
	if !fits {
		return mulRatiosBig(f, mode, rs)
	}
	if num.hi >= den {
		return 0, false, ErrOverflow
	}
	q, rem := bits.Div64(num.hi, num.lo, den)
	if mode == HalfUp && rem != 0 && rem >= den-rem {
		q++
	}
	if q > math.MaxInt64 {
		return 0, false, ErrOverflow
	}
	return Fen(q), rem == 0, nil
}

func mulRatiosBig(f Fen, mode Rounding, rs []Ratio) (Fen, bool, error) {
	num := big.NewInt(int64(f))
	den := big.NewInt(1)
	for _, r := range rs {
		num.Mul(num, big.NewInt(r.Num))
		den.Mul(den, big.NewInt(r.Den))
	}
	q, rem := new(big.Int).QuoRem(num, den, new(big.Int))
	exact := rem.Sign() == 0
	// 2·rem ≥ den rounds up.
	if mode == HalfUp && rem.Lsh(rem, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if !q.IsInt64() {
		return 0, false, ErrOverflow
	}
	return Fen(q.Int64()), exact, nil
}

// MulDiv returns f × num ÷ den rounded as asked; den may be a 128-bit
// quantity split in hi and lo words (hi is zero for ordinary sums).
// It serves pro-rata shares, where the divisor is a sum of many amounts.
func MulDiv(f Fen, num Fen, denHi, denLo uint64, mode Rounding) (Fen, error) {
	if f < 0 || num < 0 {
		return 0, fmt.Errorf("money: cannot scale negative amounts")
	}
	if denHi == 0 && denLo == 0 {
		return 0, errors.New("money: division by zero")
	}
	p := mul64(uint64(f), uint64(num))
	if denHi == 0 && p.hi < denLo {
		q, rem := bits.Div64(p.hi, p.lo, denLo)
		if mode == HalfUp && rem >= denLo-rem {
			q++
		}
		if q > math.MaxInt64 {
			return 0, ErrOverflow
		}
		return Fen(q), nil
	}
	n := new(big.Int).Mul(big.NewInt(int64(f)), big.NewInt(int64(num)))
	d := new(big.Int).Lsh(new(big.Int).SetUint64(denHi), 64)
	d.Or(d, new(big.Int).SetUint64(denLo))
	q, rem := new(big.Int).QuoRem(n, d, new(big.Int))
	if mode == HalfUp && rem.Lsh(rem, 1).Cmp(d) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if !q.IsInt64() {
		return 0, ErrOverflow
	}
	return Fen(q.Int64()), nil
}

// Sum128 adds non-negative amounts without overflow and returns the sum as
// hi and lo words.
type Sum128 struct{ hi, lo uint64 }

// Add adds f (which must not be negative).
func (s *Sum128) Add(f Fen) {
	var c uint64
	s.lo, c = bits.Add64(s.lo, uint64(f), 0)
	s.hi += c
}

// Words returns the sum as hi and lo words.
func (s Sum128) Words() (hi, lo uint64) { return s.hi, s.lo }

// Fen returns the sum when it fits in a Fen.
func (s Sum128) Fen() (Fen, bool) {
	if s.hi != 0 || s.lo > math.MaxInt64 {
		return 0, false
	}
	return Fen(s.lo), true
}

// LessEq reports whether the sum is at most f.
func (s Sum128) LessEq(f Fen) bool {
	return f >= 0 && s.hi == 0 && s.lo <= uint64(f)
}

// String writes the sum in yuan with two decimals.
func (s Sum128) String() string {
	if v, ok := s.Fen(); ok {
		return v.String()
	}
	n := new(big.Int).Lsh(new(big.Int).SetUint64(s.hi), 64)
	n.Or(n, new(big.Int).SetUint64(s.lo))
	q, r := new(big.Int).QuoRem(n, big.NewInt(100), new(big.Int))
	return fmt.Sprintf("%s.%02d", q, r.Int64())
}

// CmpProducts compares the product of left with the product of right,
// exactly; all factors must be non-negative. It is the cross-multiplication
// used to compare two fractions without dividing.
func CmpProducts(left, right []int64) int {
	l, lok := product128(left)
	r, rok := product128(right)
	if lok && rok {
		return l.cmp(r)
	}
	return productBig(left).Cmp(productBig(right))
}

// Decimal renders the product of nums divided by the product of dens as a
// decimal with at most maxFrac places (trailing zeros dropped), rounded half
// up; exact reports whether no digit was lost.
func Decimal(nums, dens []int64, maxFrac int) (s string, exact bool) {
	n, nok := product128(nums)
	d, dok := product128(dens)
	if !nok || !dok || d.hi != 0 || d.lo == 0 || n.hi >= d.lo {
		return decimalBig(nums, dens, maxFrac)
	}
	den := d.lo
	whole, rem := bits.Div64(n.hi, n.lo, den)
	digits := make([]byte, 0, maxFrac)
	for i := 0; i < maxFrac && rem != 0; i++ {
		hi, lo := bits.Mul64(rem, 10)
		var dgt uint64
		dgt, rem = bits.Div64(hi, lo, den)
		digits = append(digits, byte('0'+dgt))
	}
	exact = rem == 0
	if !exact && rem >= den-rem {
		// Round half up, carrying through the digits into the whole part.
		i := len(digits) - 1
		for ; i >= 0; i-- {
			if digits[i] < '9' {
				digits[i]++
				break
			}
			digits[i] = '0'
		}
		if i < 0 {
			whole++
		}
	}
	for len(digits) > 0 && digits[len(digits)-1] == '0' {
		digits = digits[:len(digits)-1]
	}
	s = strconv.FormatUint(whole, 10)
	if len(digits) > 0 {
		s += "." + string(digits)
	}
	return s, exact
}

func decimalBig(nums, dens []int64, maxFrac int) (string, bool) {
	n, d := productBig(nums), productBig(dens)
	if d.Sign() == 0 {
		return "NaN", false
	}
	r := new(big.Rat).SetFrac(n, d)
	s := r.FloatString(maxFrac) // rounds half away from zero, which is half up here
	scaled := new(big.Int).Mul(n, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(maxFrac)), nil))
	exact := new(big.Int).Rem(scaled, d).Sign() == 0
	if maxFrac > 0 {
		for s[len(s)-1] == '0' {
			s = s[:len(s)-1]
		}
		if s[len(s)-1] == '.' {
			s = s[:len(s)-1]
		}
	}
	return s, exact
}

func product128(fs []int64) (u128, bool) {
	p := u128{lo: 1}
	for _, f := range fs {
		if f < 0 {
			return u128{}, false
		}
		var ok bool
		if p, ok = p.mul64(uint64(f)); !ok {
			return u128{}, false
		}
	}
	return p, true
}

func productBig(fs []int64) *big.Int {
	p := big.NewInt(1)
	for _, f := range fs {
		p.Mul(p, big.NewInt(f))
	}
	return p
}

// u128 is an unsigned 128-bit integer, enough for an amount in fen times a
// few small ratio terms.
type u128 struct{ hi, lo uint64 }

func mul64(a, b uint64) u128 {
	hi, lo := bits.Mul64(a, b)
	return u128{hi: hi, lo: lo}
}

// mul64 multiplies by b and reports false when the result needs more than
// 128 bits.
func (x u128) mul64(b uint64) (u128, bool) {
	hi1, lo := bits.Mul64(x.lo, b)
	hi2, lo2 := bits.Mul64(x.hi, b)
	if hi2 != 0 {
		return u128{}, false
	}
	hi, carry := bits.Add64(hi1, lo2, 0)
	if carry != 0 {
		return u128{}, false
	}
	return u128{hi: hi, lo: lo}, true
}

func (x u128) cmp(y u128) int {
	switch {
	case x.hi < y.hi:
		return -1
	case x.hi > y.hi:
		return 1
	case x.lo < y.lo:
		return -1
	case x.lo > y.lo:
		return 1
	}
	return 0
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
