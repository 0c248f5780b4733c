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

	"firstset/date"
	"firstset/money"
)

// The decoders read JSON strictly and by hand, rather than with
// DisallowUnknownFields, so that every error names the exact field path
// (encoding/json reports neither the path of an unknown field nor of a
// value its UnmarshalJSON refuses) and so that a repeated key, which
// encoding/json silently resolves to the last value, is refused.

// object is one JSON object whose keys are all known and none repeated.
type object struct {
	path   string
	keys   []string
	values []json.RawMessage // by position in keys; nil when absent
}

// checkSyntax rejects anything that is not exactly one JSON value and says
// where it broke, as line and column.
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
		at := se.Offset
		if at > 0 && at <= int64(len(data)) && !strings.HasPrefix(se.Error(), "unexpected end") {
			at--
		}
		line, col := lineColumn(data, at)
		return newError("", CodeMalformedJSON,
			fmt.Sprintf("malformed JSON at line %d, column %d: %s", line, col, se.Error()),
			fmt.Sprintf("JSON 格式错误（第 %d 行第 %d 列）：%s", line, col, se.Error()))
	}
	return newError("", CodeMalformedJSON, "malformed JSON: "+err.Error(), "JSON 格式错误："+err.Error())
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
	"a boolean": "布尔值", "null": "null", "a number": "数字",
}

func wrongType(path, want, wantZH string, raw json.RawMessage) *Error {
	got := kindOf(raw)
	return newError(path, CodeWrongType,
		fmt.Sprintf("must be %s, not %s", want, got),
		fmt.Sprintf("应为%s，而不是%s", wantZH, kindZH[got]))
}

func isNull(raw json.RawMessage) bool { return len(raw) == 0 || bytes.Equal(raw, []byte("null")) }

// readObject reads raw as an object with the given keys.
func readObject(raw json.RawMessage, path string, keys ...string) (*object, *Error) {
	if len(raw) == 0 || raw[0] != '{' {
		return nil, wrongType(path, "an object", "对象", raw)
	}
	o := &object{path: path, keys: keys, values: make([]json.RawMessage, len(keys))}
	seen := make([]bool, len(keys))
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		return nil, newError(path, CodeMalformedJSON, "malformed JSON: "+err.Error(), "JSON 格式错误："+err.Error())
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, newError(path, CodeMalformedJSON, "malformed JSON: "+err.Error(), "JSON 格式错误："+err.Error())
		}
		key, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, newError(field(path, key), CodeMalformedJSON, "malformed JSON: "+err.Error(), "JSON 格式错误："+err.Error())
		}
		i := slices.Index(keys, key)
		if i < 0 {
			return nil, newError(field(path, quoteKey(key)), CodeUnknownField,
				fmt.Sprintf("unknown field (allowed: %s)", strings.Join(keys, ", ")),
				fmt.Sprintf("未知字段（允许的字段：%s）", strings.Join(keys, ", ")))
		}
		if seen[i] {
			return nil, newError(field(path, key), CodeDuplicateField, "appears more than once", "字段重复出现")
		}
		seen[i] = true
		o.values[i] = v
	}
	return o, nil
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

func missing(path string) *Error {
	return newError(path, CodeMissingField, "is required", "为必填项")
}

func (o *object) requiredObject(key string, keys ...string) (*object, *Error) {
	raw := o.get(key)
	if raw == nil {
		return nil, missing(o.at(key))
	}
	return readObject(raw, o.at(key), keys...)
}

func (o *object) requiredArray(key string) ([]json.RawMessage, *Error) {
	raw := o.get(key)
	p := o.at(key)
	if raw == nil {
		return nil, missing(p)
	}
	if raw[0] != '[' {
		return nil, wrongType(p, "an array", "数组", raw)
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, newError(p, CodeMalformedJSON, "malformed JSON: "+err.Error(), "JSON 格式错误："+err.Error())
	}
	if len(items) == 0 {
		return nil, newError(p, CodeEmptyList, "must list at least one entry", "至少应有一项")
	}
	return items, nil
}

func (o *object) optionalString(key string) (string, bool, *Error) {
	raw := o.get(key)
	if raw == nil {
		return "", false, nil
	}
	if raw[0] != '"' {
		return "", false, wrongType(o.at(key), "a string", "字符串", raw)
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", false, newError(o.at(key), CodeMalformedJSON, "malformed JSON: "+err.Error(), "JSON 格式错误："+err.Error())
	}
	return s, true, nil
}

func (o *object) requiredString(key string) (string, *Error) {
	s, ok, err := o.optionalString(key)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", missing(o.at(key))
	}
	return s, nil
}

func (o *object) optionalDate(key string) (date.Date, *Error) {
	s, ok, err := o.optionalString(key)
	if err != nil || !ok {
		return date.Date{}, err
	}
	d, perr := date.Parse(s)
	if perr != nil {
		return date.Date{}, newError(o.at(key), CodeInvalidDate,
			fmt.Sprintf("%s is not a calendar date of the form YYYY-MM-DD", strconv.Quote(s)),
			fmt.Sprintf("%s 不是 YYYY-MM-DD 形式的有效日期", strconv.Quote(s)))
	}
	return d, nil
}

func (o *object) requiredDate(key string) (date.Date, *Error) {
	d, err := o.optionalDate(key)
	if err != nil {
		return d, err
	}
	if d.IsZero() {
		return d, missing(o.at(key))
	}
	return d, nil
}

func (o *object) requiredTime(key string) (time.Time, *Error) {
	s, err := o.requiredString(key)
	if err != nil {
		return time.Time{}, err
	}
	t, perr := time.Parse(time.RFC3339, s)
	if perr != nil {
		return time.Time{}, newError(o.at(key), CodeInvalidTime,
			fmt.Sprintf("%s is not a time of the form 2025-04-01T09:00:00+08:00", strconv.Quote(s)),
			fmt.Sprintf("%s 不是形如 2025-04-01T09:00:00+08:00 的时间", strconv.Quote(s)))
	}
	return t, nil
}

func (o *object) requiredMoney(key string) (money.Fen, *Error) {
	raw := o.get(key)
	p := o.at(key)
	if raw == nil {
		return 0, missing(p)
	}
	if raw[0] != '"' {
		return 0, newError(p, CodeWrongType,
			fmt.Sprintf("must be a string of yuan such as \"12000000.00\", not %s", kindOf(raw)),
			fmt.Sprintf("应为以元计的字符串（如 \"12000000.00\"），而不是%s", kindZH[kindOf(raw)]))
	}
	s, err := o.requiredString(key)
	if err != nil {
		return 0, err
	}
	f, perr := money.ParseYuan(s)
	if perr != nil {
		return 0, moneyError(p, perr)
	}
	return f, nil
}

func (o *object) optionalBool(key string) (v, present bool, err *Error) {
	raw := o.get(key)
	if raw == nil {
		return false, false, nil
	}
	switch string(raw) {
	case "true":
		return true, true, nil
	case "false":
		return false, true, nil
	}
	return false, false, wrongType(o.at(key), "true or false", "true 或 false", raw)
}

func (o *object) requiredBool(key string) (bool, *Error) {
	v, ok, err := o.optionalBool(key)
	if err != nil {
		return false, err
	}
	if !ok {
		return false, missing(o.at(key))
	}
	return v, nil
}

// optionalScore reads a JSON number of points with at most two decimals.
func (o *object) optionalScore(key string) (Score, bool, *Error) {
	raw := o.get(key)
	if raw == nil {
		return 0, false, nil
	}
	p := o.at(key)
	if raw[0] != '-' && (raw[0] < '0' || raw[0] > '9') {
		return 0, false, wrongType(p, "a number", "数字", raw)
	}
	n, err := money.ParseHundredths(string(raw))
	if err != nil {
		var pe *money.ParseError
		errors.As(err, &pe)
		switch {
		case pe != nil && pe.Code == money.CodePrecision:
			return 0, false, newError(p, CodeTooManyDecimals,
				fmt.Sprintf("%s has more than two decimals", raw), fmt.Sprintf("%s 的小数超过两位", raw))
		case pe != nil && (pe.Code == money.CodeNegative || pe.Code == money.CodeOverflow):
			return 0, false, scoreRange(p, string(raw))
		}
		return 0, false, newError(p, CodeWrongType,
			fmt.Sprintf("%s must be a plain number such as 91.5", raw), fmt.Sprintf("%s 应为形如 91.5 的数字", raw))
	}
	if n > MaxScore {
		return 0, false, scoreRange(p, string(raw))
	}
	return Score(n), true, nil
}

func scoreRange(path, raw string) *Error {
	return newError(path, CodeScoreOutOfRange,
		fmt.Sprintf("%s is outside 0…%s", raw, Score(MaxScore)),
		fmt.Sprintf("%s 不在 0～%s 分之间", raw, Score(MaxScore)))
}

func (o *object) requiredScore(key string) (Score, *Error) {
	s, ok, err := o.optionalScore(key)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, missing(o.at(key))
	}
	return s, nil
}
