package forms

import (
	"math/big"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"firstset/money"
)

// PageYuan reads an amount the way people write it into the calculator's
// forms and returns it the way the JSON contract writes it ("50000000.00"),
// exactly in fen: "12000000", "12,000,000.50", "500万", "500万元",
// "3,000万元", "1.2亿", with full-width digits and punctuation too. A form
// it cannot read for sure gives, instead, the reason in Chinese: the
// contract keeps its one strict form, the page does not guess.
func PageYuan(typed string) (yuan, problem string) {
	s := width.Fold.String(typed) // full-width digits, commas and dots
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	if s == "" {
		return "", ""
	}
	s = strings.TrimPrefix(s, "¥")
	s = strings.TrimSuffix(s, "元")

	unitName, unitFen, decimals := "元", int64(100), 2
	switch {
	case strings.HasSuffix(s, "万"):
		unitName, unitFen, decimals = "万", 1_000_000, 6
		s = strings.TrimSuffix(s, "万")
	case strings.HasSuffix(s, "亿"):
		unitName, unitFen, decimals = "亿", 10_000_000_000, 10
		s = strings.TrimSuffix(s, "亿")
	}
	if strings.ContainsAny(s, "万亿元") {
		return "", "请只用一个单位书写，如 1.2亿、12000万 或 120000000"
	}
	if p := badCharacters(s); p != "" {
		return "", p
	}

	intPart, frac, hasDot := strings.Cut(s, ".")
	switch {
	case intPart == "" && !hasDot:
		return "", "请填写数字，如 500万 或 5000000"
	case strings.Contains(frac, "."):
		return "", "小数点多于一个，无法确定金额"
	case strings.Contains(frac, ","):
		return "", "小数部分不能有逗号，无法确定金额"
	case intPart == "":
		return "", "小数点前应有数字，如 0.5万"
	case hasDot && frac == "":
		return "", "小数点后应有数字，或去掉小数点"
	}
	if strings.Contains(intPart, ",") {
		groups := strings.Split(intPart, ",")
		for i, g := range groups {
			if (i == 0 && (g == "" || len(g) > 3)) || (i > 0 && len(g) != 3) {
				return "", "逗号位置不对：千分位逗号应每三位一组（如 20,000,000 或 3,000万），也可以不写逗号"
			}
		}
		intPart = strings.Join(groups, "")
	}
	if len(frac) > decimals {
		if unitName == "元" {
			return "", "小数位数过多：金额以元计最多两位小数（精确到分）"
		}
		return "", "小数位数过多：以“" + unitName + "”为单位最多 " + strconv.Itoa(decimals) + " 位小数（精确到分）"
	}

	// fen = (intPart.frac) × unitFen, exact: the digits scaled by the unit,
	// with the fraction's places taken off again.
	digits, ok := new(big.Int).SetString(intPart+frac, 10)
	if !ok {
		return "", "无法识别的金额写法，请写成 500万、1.2亿 或 5000000 这样的形式"
	}
	fen := digits.Mul(digits, big.NewInt(unitFen))
	fen.Quo(fen, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(len(frac))), nil))
	if !fen.IsInt64() {
		return "", "金额过大，超出可计算的范围"
	}
	return money.Fen(fen.Int64()).String(), ""
}

// badCharacters explains what in s is not a digit, a comma or a dot.
func badCharacters(s string) string {
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r == ',', r == '.':
		case r == '-' || r == '−':
			return "金额不能为负数"
		case r == 'w' || r == 'W':
			return "请把“w”写成“万”，如 500万"
		case strings.ContainsRune("千百十拾佰仟", r) && strings.ContainsFunc(s, isDigit):
			return "不支持“千”“百”等单位，请写成 5000万、500000 这样的形式"
		case strings.ContainsRune("零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟", r):
			return "请用阿拉伯数字书写金额，如 5000万"
		default:
			return "金额中有无法识别的字符“" + string(r) + "”，请写成 500万、1.2亿 或 5000000 这样的形式"
		}
	}
	return ""
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
