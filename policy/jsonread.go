package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"firstset/date"
	"firstset/money"
)

// The decoders read JSON strictly and by hand, rather than with
// DisallowUnknownFields, so that every error names the exact field path
// (encoding/json reports neither the path of an unknown field nor of a
// value its UnmarshalJSON refuses) and so that a repeated key, which
// encoding/json silently resolves to the last value, is refused.

// object is one JSON object of known keys. Unknown and repeated keys are
// problems of the input, and reading a key that fails records a problem;
// either way the decoder reads on, so that one pass finds them all.
type object struct {
	path   string
	keys   []string
	values []json.RawMessage // by position in keys; nil when absent
	p      *problems
}

// checkSyntax rejects anything that is not exactly one JSON value and says
// where it broke, as line and column. The Chinese message says what is
// wrong in words, not in the JSON parser's English.
func checkSyntax(data []byte) *Error {
	var v json.RawMessage
	err := json.Unmarshal(data, &v)
	if err == nil {
		return nil
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// The offset is just past the offending byte, or the length of the
		// input when it ended early.
		ended := strings.HasPrefix(se.Error(), "unexpected end")
		at := se.Offset
		if at > 0 && at <= int64(len(data)) && !ended {
			at--
		}
		line, col := lineColumn(data, at)
		return newError("", CodeMalformedJSON,
			fmt.Sprintf("malformed JSON at line %d, column %d: %s", line, col, se.Error()),
			syntaxChinese(data, at, ended, line, col))
	}
	return newError("", CodeMalformedJSON, "malformed JSON: "+err.Error(), "JSON 格式错误")
}

// syntaxChinese describes a JSON syntax error for a person: where, the
// character found there, and for the usual slips (Chinese punctuation,
// single quotes, a comma before a closing bracket) what to write instead.
func syntaxChinese(data []byte, at int64, ended bool, line, col int) string {
	if len(bytes.TrimSpace(data)) == 0 {
		return "内容为空，应为一个 JSON 对象"
	}
	where := fmt.Sprintf("JSON 格式错误（第 %d 行第 %d 列）", line, col)
	if ended || at >= int64(len(data)) {
		return where + "：内容意外结束，括号或引号没有成对闭合"
	}
	r, _ := utf8.DecodeRune(data[at:])
	shown := string(r)
	if r == utf8.RuneError || unicode.IsControl(r) {
		shown = fmt.Sprintf("U+%04X", r)
		if r == '\n' || r == '\r' || r == '\t' {
			return where + "：字符串中不能直接换行或含制表符，请写成 \\n 或 \\t"
		}
	}
	hint := ""
	switch r {
	case '\'':
		hint = "，字符串和字段名须用英文双引号 \""
	case '“', '”', '‘', '’':
		hint = "，须用英文双引号 \"，不能用中文引号"
	case '，':
		hint = "，须用英文逗号 ,"
	case '：':
		hint = "，须用英文冒号 :"
	case '}', ']':
		if prev := lastNonSpace(data[:at]); prev == ',' {
			hint = "，最后一项之后不能再有逗号"
		}
	}
	return where + "：此处不应出现“" + shown + "”" + hint
}

func lastNonSpace(b []byte) byte {
	b = bytes.TrimRight(b, " \t\r\n")
	if len(b) == 0 {
		return 0
	}
	return b[len(b)-1]
}

func lineColumn(data []byte, offset int64) (line, col int) {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	line, col = 1, 1
	for _, c := range data[:offset] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

func kindOf(raw json.RawMessage) string {
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

var kindZH = map[string]string{
	"nothing": "空", "an object": "对象", "an array": "数组", "a string": "字符串",
	"a boolean": "布尔值", "null": "空值 null", "a number": "数字",
}

func wrongType(path, want, wantZH string, raw json.RawMessage) *Error {
	got := kindOf(raw)
	return newError(path, CodeWrongType,
		fmt.Sprintf("must be %s, not %s", want, got),
		fmt.Sprintf("应为%s，而不是%s", wantZH, kindZH[got]))
}

func isNull(raw json.RawMessage) bool { return len(raw) == 0 || bytes.Equal(raw, []byte("null")) }

// readObject reads raw as an object with the given keys; nil, with the
// problem recorded, when raw is not an object.
func readObject(p *problems, raw json.RawMessage, path string, keys ...string) *object {
	if len(raw) == 0 || raw[0] != '{' {
		p.add(wrongType(path, "an object", "对象", raw))
		return nil
	}
	o := &object{path: path, keys: keys, values: make([]json.RawMessage, len(keys)), p: p}
	seen := make([]bool, len(keys))
	dec := json.NewDecoder(bytes.NewReader(raw))
	// raw is one value that checkSyntax accepted, so the decoder cannot fail.
	if _, err := dec.Token(); err != nil {
		p.add(newError(path, CodeMalformedJSON, "malformed JSON: "+err.Error(), "JSON 格式错误"))
		return nil
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			p.add(newError(path, CodeMalformedJSON, "malformed JSON: "+err.Error(), "JSON 格式错误"))
			return nil
		}
		key, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			p.add(newError(field(path, key), CodeMalformedJSON, "malformed JSON: "+err.Error(), "JSON 格式错误"))
			return nil
		}
		i := slices.Index(keys, key)
		switch {
		case i < 0:
			p.add(newError(field(path, quoteKey(key)), CodeUnknownField,
				fmt.Sprintf("unknown field (allowed: %s)", strings.Join(keys, ", ")),
				fmt.Sprintf("未知字段（允许的字段：%s）", strings.Join(keys, ", "))))
		case seen[i]:
			p.add(newError(field(path, key), CodeDuplicateField, "appears more than once", "字段重复出现"))
		default:
			seen[i] = true
			o.values[i] = v
		}
	}
	return o
}

// quoteKey keeps a strange key readable and on one line in a path.
func quoteKey(k string) string {
	for _, c := range k {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return strconv.Quote(k)
		}
	}
	if k == "" {
		return `""`
	}
	return k
}

// get returns the raw value of key, nil when absent or null.
func (o *object) get(key string) json.RawMessage {
	i := slices.Index(o.keys, key)
	if i < 0 {
		panic("policy: reading undeclared key " + key) // programming error
	}
	if isNull(o.values[i]) {
		return nil
	}
	return o.values[i]
}

func (o *object) at(key string) string { return field(o.path, key) }

// fail records a problem and says that reading failed.
func (o *object) fail(e *Error) { o.p.add(e) }

func missing(path string) *Error {
	return newError(path, CodeMissingField, "is required", "为必填项")
}

// The readers below return the zero value when a key is absent or bad; a
// bad value is recorded as a problem, and so is an absent required one.

func (o *object) requiredObject(key string, keys ...string) *object {
	raw := o.get(key)
	if raw == nil {
		o.fail(missing(o.at(key)))
		return nil
	}
	return readObject(o.p, raw, o.at(key), keys...)
}

func (o *object) requiredArray(key string) []json.RawMessage {
	raw := o.get(key)
	p := o.at(key)
	if raw == nil {
		o.fail(missing(p))
		return nil
	}
	if raw[0] != '[' {
		o.fail(wrongType(p, "an array", "数组", raw))
		return nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		o.fail(newError(p, CodeMalformedJSON, "malformed JSON: "+err.Error(), "JSON 格式错误"))
		return nil
	}
	if len(items) == 0 {
		o.fail(emptyList(p))
		return nil
	}
	return items
}

func emptyList(path string) *Error {
	return newError(path, CodeEmptyList, "must list at least one entry", "至少应有一项")
}

func (o *object) optionalString(key string) (string, bool) {
	raw := o.get(key)
	if raw == nil {
		return "", false
	}
	if raw[0] != '"' {
		o.fail(wrongType(o.at(key), "a string", "字符串", raw))
		return "", false
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		o.fail(newError(o.at(key), CodeMalformedJSON, "malformed JSON: "+err.Error(), "JSON 格式错误"))
		return "", false
	}
	return s, true
}

func (o *object) requiredString(key string) (string, bool) {
	if o.get(key) == nil {
		o.fail(missing(o.at(key)))
		return "", false
	}
	return o.optionalString(key)
}

func (o *object) optionalDate(key string) date.Date {
	s, ok := o.optionalString(key)
	if !ok {
		return date.Date{}
	}
	d, perr := date.Parse(s)
	if perr != nil {
		o.fail(newError(o.at(key), CodeInvalidDate,
			fmt.Sprintf("%s is not a calendar date of the form YYYY-MM-DD", strconv.Quote(s)),
			strconv.Quote(s)+" "+whyNotADate(s)))
		return date.Date{}
	}
	return d
}

// whyNotADate says in Chinese what is wrong with a date that date.Parse
// refuses: the form, the month, or a day the month lacks.
func whyNotADate(s string) string {
	var y, m, d int
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		if n, err := fmt.Sscanf(s, "%4d-%2d-%2d", &y, &m, &d); err == nil && n == 3 && allDigits(s[:4]+s[5:7]+s[8:]) {
			switch {
			case m < 1 || m > 12:
				return "不是有效的日期：月份应为 01～12"
			case d >= 1:
				return fmt.Sprintf("不是有效的日期：%d 年 %d 月没有 %d 日", y, m, d)
			}
			return "不是有效的日期：日应从 01 起"
		}
	}
	return "不是 YYYY-MM-DD 形式的有效日期（如 2024-06-01）"
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func (o *object) requiredDate(key string) date.Date {
	if o.get(key) == nil {
		o.fail(missing(o.at(key)))
		return date.Date{}
	}
	return o.optionalDate(key)
}

func (o *object) requiredTime(key string) time.Time {
	s, ok := o.requiredString(key)
	if !ok {
		return time.Time{}
	}
	t, perr := time.Parse(time.RFC3339, s)
	if perr != nil {
		o.fail(newError(o.at(key), CodeInvalidTime,
			fmt.Sprintf("%s is not a time of the form 2025-04-01T09:00:00+08:00", strconv.Quote(s)),
			fmt.Sprintf("%s 不是形如 2025-04-01T09:00:00+08:00 的时间", strconv.Quote(s))))
		return time.Time{}
	}
	return t
}

func (o *object) requiredMoney(key string) money.Fen {
	raw := o.get(key)
	p := o.at(key)
	if raw == nil {
		o.fail(missing(p))
		return 0
	}
	if raw[0] != '"' {
		o.fail(newError(p, CodeWrongType,
			fmt.Sprintf("must be a string of yuan such as \"12000000.00\", not %s", kindOf(raw)),
			fmt.Sprintf("应为以元计的字符串（如 \"12000000.00\"），而不是%s", kindZH[kindOf(raw)])))
		return 0
	}
	s, ok := o.optionalString(key)
	if !ok {
		return 0
	}
	f, perr := money.ParseYuan(s)
	if perr != nil {
		o.fail(moneyError(p, perr))
		return 0
	}
	return f
}

func (o *object) optionalBool(key string) (v, present bool) {
	raw := o.get(key)
	if raw == nil {
		return false, false
	}
	switch string(raw) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	o.fail(wrongType(o.at(key), "true or false", "true 或 false", raw))
	return false, false
}

func (o *object) requiredBool(key string) bool {
	if o.get(key) == nil {
		o.fail(missing(o.at(key)))
		return false
	}
	v, _ := o.optionalBool(key)
	return v
}

// optionalScore reads a JSON number of points with at most two decimals.
func (o *object) optionalScore(key string) (Score, bool) {
	raw := o.get(key)
	if raw == nil {
		return 0, false
	}
	p := o.at(key)
	if raw[0] != '-' && (raw[0] < '0' || raw[0] > '9') {
		o.fail(wrongType(p, "a number", "数字", raw))
		return 0, false
	}
	n, err := money.ParseHundredths(string(raw))
	if err != nil {
		var pe *money.ParseError
		errors.As(err, &pe)
		switch {
		case pe != nil && pe.Code == money.CodePrecision:
			o.fail(newError(p, CodeTooManyDecimals,
				fmt.Sprintf("%s has more than two decimals", raw), fmt.Sprintf("%s 的小数超过两位", raw)))
		case pe != nil && (pe.Code == money.CodeNegative || pe.Code == money.CodeOverflow):
			o.fail(scoreRange(p, string(raw)))
		default:
			o.fail(newError(p, CodeWrongType,
				fmt.Sprintf("%s must be a plain number such as 91.5", raw), fmt.Sprintf("%s 应为形如 91.5 的数字", raw)))
		}
		return 0, false
	}
	if n > MaxScore {
		o.fail(scoreRange(p, string(raw)))
		return 0, false
	}
	return Score(n), true
}

func scoreRange(path, raw string) *Error {
	return newError(path, CodeScoreOutOfRange,
		fmt.Sprintf("%s is outside 0…%s", raw, Score(MaxScore)),
		fmt.Sprintf("%s 不在 0～%s 分之间", raw, Score(MaxScore)))
}

func (o *object) requiredScore(key string) Score {
	if o.get(key) == nil {
		o.fail(missing(o.at(key)))
		return 0
	}
	s, _ := o.optionalScore(key)
	return s
}
