package tender

import (
	"math/big"
	"strings"
	"unicode/utf8"
)

// quantity is a number read from tender text: a sum of money (in yuan) or a
// percentage. Both are exact rationals, so 2% of 3,000,000.00 is compared
// with no rounding.
type quantity struct {
	percent bool
	value   *big.Rat // yuan, or percent points (2.5 for 2.5%)
	start   int      // byte offsets of the quantity in the text it came from
	end     int
}

var chineseDigits = map[rune]int64{
	'零': 0, '〇': 0, '一': 1, '壹': 1, '二': 2, '贰': 2, '貳': 2, '两': 2, '三': 3, '叁': 3, '參': 3,
	'四': 4, '肆': 4, '五': 5, '伍': 5, '六': 6, '陆': 6, '陸': 6, '七': 7, '柒': 7, '八': 8, '捌': 8,
	'九': 9, '玖': 9,
}

var chineseSmallUnits = map[rune]int64{'十': 10, '拾': 10, '百': 100, '佰': 100, '千': 1000, '仟': 1000}

var chineseBigUnits = map[rune]int64{'万': 1e4, '萬': 1e4, '亿': 1e8, '億': 1e8}

func isChineseNumeral(r rune) bool {
	_, d := chineseDigits[r]
	_, s := chineseSmallUnits[r]
	_, b := chineseBigUnits[r]
	return d || s || b
}

// parseChineseNumber reads 贰拾万, 一千五百, 十五 and the like.
func parseChineseNumber(s string) (int64, bool) {
	var total, section, digit int64
	seen := false
	for _, r := range s {
		switch {
		case chineseDigits[r] != 0 || r == '零' || r == '〇':
			digit = chineseDigits[r]
			seen = true
		case chineseSmallUnits[r] != 0:
			if digit == 0 && !seen {
				digit = 1 // 十五 means fifteen
			}
			section += digit * chineseSmallUnits[r]
			digit = 0
			seen = true
		case chineseBigUnits[r] != 0:
			section += digit
			if section == 0 {
				section = 1
			}
			total += section * chineseBigUnits[r]
			section, digit = 0, 0
			seen = true
		default:
			return 0, false
		}
	}
	return total + section + digit, seen
}

// nextQuantity finds the first money amount or percentage that starts in
// text[from:from+window] (window in bytes). Bare numbers without a unit are
// skipped: "3个" or "2024年" are not amounts.
func nextQuantity(text string, from, window int) (quantity, bool) {
	limit := min(len(text), from+window)
	for i := from; i < limit; {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '百' && strings.HasPrefix(text[i:], "百分之") {
			j := i + len("百分之")
			k := j
			for k < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[k:])
				if !isChineseNumeral(r2) && r2 != '点' {
					break
				}
				k += s2
			}
			if v, ok := parseChinesePercent(text[j:k]); ok {
				return quantity{percent: true, value: v, start: i, end: k}, true
			}
		}
		if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
			if q, ok := arabicQuantity(text, i); ok {
				return q, true
			}
			// Skip the whole number so "2024年" is not read again as "024年".
			for i < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[i:])
				if !(r2 >= '0' && r2 <= '9' || r2 >= '０' && r2 <= '９' || r2 == '.' || r2 == ',') {
					break
				}
				i += s2
			}
			continue
		}
		if isChineseNumeral(r) {
			if q, end, ok := chineseMoney(text, i); ok {
				return q, true
			} else {
				i = end
				continue
			}
		}
		i += size
	}
	return quantity{}, false
}

func parseChinesePercent(s string) (*big.Rat, bool) {
	whole, frac, hasPoint := strings.Cut(s, "点")
	w, ok := parseChineseNumber(whole)
	if !ok {
		return nil, false
	}
	v := new(big.Rat).SetInt64(w)
	if hasPoint {
		scale := int64(1)
		var f int64
		for _, r := range frac {
			d, isDigit := chineseDigits[r]
			if !isDigit {
				return nil, false
			}
			f = f*10 + d
			scale *= 10
		}
		v.Add(v, big.NewRat(f, scale))
	}
	return v, true
}

// arabicQuantity reads "300万元", "200,000.00元", "2.5%", "1.5亿", "¥20万" at i.
func arabicQuantity(text string, i int) (quantity, bool) {
	start := i
	var digits strings.Builder
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r >= '０' && r <= '９':
			digits.WriteRune('0' + r - '０')
		case r == '.' || r == '．':
			digits.WriteByte('.')
		case r == ',' || r == '，' && i+size < len(text) && isASCIIDigitAt(text, i+size, 3):
			// thousands separator; a Chinese comma only when three digits follow
		default:
			goto unit
		}
		i += size
	}
unit:
	num := strings.TrimRight(digits.String(), ".")
	v, ok := new(big.Rat).SetString(num)
	if !ok {
		return quantity{}, false
	}
	rest := text[i:]
	rest2 := strings.TrimLeft(rest, " ")
	i += len(rest) - len(rest2)
	switch {
	case strings.HasPrefix(rest2, "%"), strings.HasPrefix(rest2, "％"):
		_, size := utf8.DecodeRuneInString(rest2)
		return quantity{percent: true, value: v, start: start, end: i + size}, true
	}
	for _, u := range moneyUnits {
		if strings.HasPrefix(rest2, u.text) {
			v.Mul(v, new(big.Rat).SetInt64(u.scale))
			return quantity{value: v, start: start, end: i + len(u.text)}, true
		}
	}
	// A bare number is money when a currency sign or 人民币 stands right before it.
	before := strings.TrimRight(text[:start], " ：:")
	for _, sign := range []string{"¥", "￥", "人民币", "RMB"} {
		if strings.HasSuffix(before, sign) {
			return quantity{value: v, start: start, end: i}, true
		}
	}
	return quantity{}, false
}

func isASCIIDigitAt(text string, i, n int) bool {
	if i+n > len(text) {
		return false
	}
	for k := i; k < i+n; k++ {
		if text[k] < '0' || text[k] > '9' {
			return false
		}
	}
	return true
}

// moneyUnits in the order they must be tried (longest first).
var moneyUnits = []struct {
	text  string
	scale int64
}{
	{"亿元", 1e8}, {"万元", 1e4}, {"千元", 1e3}, {"亿", 1e8}, {"万", 1e4}, {"元", 1}, {"圆", 1},
}

// chineseMoney reads "贰拾万元整" or "五十万元" at i. It returns where the
// numeral run ended, so a caller can skip a run that is not money (十五年).
func chineseMoney(text string, i int) (quantity, int, bool) {
	start := i
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isChineseNumeral(r) {
			break
		}
		i += size
	}
	n, ok := parseChineseNumber(text[start:i])
	if !ok {
		return quantity{}, i, false
	}
	rest := text[i:]
	for _, u := range []string{"元", "圆"} {
		if strings.HasPrefix(rest, u) {
			return quantity{value: new(big.Rat).SetInt64(n), start: start, end: i + len(u)}, i, true
		}
	}
	return quantity{}, i, false
}

// yuanString formats an amount of yuan with two decimals, rounded half up.
func yuanString(v *big.Rat) string {
	fen := new(big.Rat).Mul(v, big.NewRat(100, 1))
	n := new(big.Int).Quo(fen.Num(), fen.Denom())
	rem := new(big.Int).Rem(fen.Num(), fen.Denom())
	if new(big.Int).Mul(rem, big.NewInt(2)).Cmp(fen.Denom()) >= 0 {
		n.Add(n, big.NewInt(1))
	}
	s := n.String()
	for len(s) < 3 {
		s = "0" + s
	}
	return s[:len(s)-2] + "." + s[len(s)-2:]
}

// percentString formats percent points without trailing zeros: 2, 2.5, 0.75.
func percentString(v *big.Rat) string {
	s := v.FloatString(4)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
