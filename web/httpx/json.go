package httpx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"firstset"
	"firstset/date"
	"firstset/plaintext"
)

// APIError is the body of every API error answer.
type APIError struct {
	Error APIErrorBody `json:"error"`
}

// APIErrorBody is what an API error says.
type APIErrorBody struct {
	Code    string                `json:"code"`
	Message string                `json:"message"`
	Field   string                `json:"field,omitempty"`
	Details []firstset.FieldError `json:"details,omitempty"`
}

// ListResponse is the shape of every API listing.
type ListResponse[T any] struct {
	Items []T `json:"items"`
	Total int `json:"total"`
}

// WriteJSON answers with v as JSON, never cached.
func (b *Base) WriteJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		b.Logger.ErrorContext(r.Context(), "encode json response",
			"request_id", InfoFrom(r.Context()).ID, "error", err.Error())
		body = []byte(`{"error":{"code":"internal","message":"系统内部错误"}}`)
		status = http.StatusInternalServerError
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n'))
}

// WriteAPIError answers err as the API's JSON error body.
func (b *Base) WriteAPIError(w http.ResponseWriter, r *http.Request, err error) {
	code := firstset.ErrorCode(err)
	body := APIErrorBody{Code: code, Message: PublicMessage(err)}
	if e, ok := firstset.AsError(err); ok && code != firstset.EINTERNAL {
		body.Field = e.Field
		if len(e.Fields) > 0 {
			body.Details = e.Fields
		}
	}
	b.WriteJSON(w, r, ErrorStatus(err), APIError{Error: body})
}

// MediaType is a Content-Type's media type, lower case, without parameters.
func MediaType(ct string) string {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return strings.ToLower(strings.TrimSpace(ct))
	}
	return mt
}

// DecodeJSON reads the request body into v strictly: JSON only, one
// object, every name spelt exactly as v has it and given once, nothing v
// does not have, UTF-8 throughout. Every failure names where it was, as a
// path (params[2].name) in the error's field.
func (b *Base) DecodeJSON(r *http.Request, v any) error {
	body, err := b.ReadJSONBody(r)
	if err != nil {
		return err
	}
	return decodeJSONBytes(body, v)
}

// ReadJSONBody reads a body declared as UTF-8 JSON, within the body limit.
func (b *Base) ReadJSONBody(r *http.Request) ([]byte, error) {
	ct := r.Header.Get("Content-Type")
	mt, params, _ := mime.ParseMediaType(ct)
	if mt != "application/json" {
		got := "（未声明）"
		if strings.TrimSpace(ct) != "" {
			got = ShownValue(MediaType(ct))
		}
		return nil, &firstset.Error{Code: firstset.EUNSUPPORTED, Field: "Content-Type",
			Message: "请求头 Content-Type 须为 application/json，收到的是" + got + "。"}
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return nil, &firstset.Error{Code: firstset.EUNSUPPORTED, Field: "Content-Type",
			Message: "JSON 请求内容须为 UTF-8 编码，请求头 Content-Type 声明的却是 " + ShownValue(cs) + "。"}
	}
	return ReadBody(r)
}

// strictJSON is how request bodies are read: names match exactly and
// once (the decoder's defaults), invalid UTF-8 is an error rather than
// replaced, and a name the target lacks is refused.
var strictJSON = jsonv2.RejectUnknownMembers(true)

func decodeJSONBytes(body []byte, v any) error {
	start := bytes.TrimLeft(body, " \t\r\n")
	if len(start) == 0 {
		return firstset.Errorf(firstset.EBADREQUEST, "请求内容为空，需要一个 JSON 对象。")
	}
	if start[0] != '{' {
		return firstset.Errorf(firstset.EBADREQUEST, "请求内容应为一个 JSON 对象（以 { 开始），收到的是%s。",
			jsonKindLabel(kindAt(start[0])))
	}
	dec := jsontext.NewDecoder(bytes.NewReader(body))
	if err := jsonv2.UnmarshalDecode(dec, v, strictJSON); err != nil {
		return jsonDecodeError(body, err)
	}
	if _, err := dec.ReadToken(); err != io.EOF {
		return firstset.Errorf(firstset.EBADREQUEST, "JSON 对象之后还有多余的内容（第 %s）。", lineColumn(body, dec.InputOffset()))
	}
	return nil
}

var (
	dateType = reflect.TypeFor[date.Date]()
	timeType = reflect.TypeFor[time.Time]()
)

// jsonDecodeError turns the decoder's errors into bad_request errors
// that say, in Chinese, what was wrong and where: the JSON path in Field,
// the line and column when there is no path.
func jsonDecodeError(body []byte, err error) error {
	// code is the detail's, for programs: the answer's own is bad_request.
	bad := func(field, code, format string, args ...any) error {
		msg := fmt.Sprintf(format, args...)
		e := &firstset.Error{Code: firstset.EBADREQUEST, Field: field, Message: msg, Err: err}
		if field != "" {
			e.Fields = []firstset.FieldError{{Field: field, Code: code, Message: msg}}
		}
		return e
	}
	var syn *jsontext.SyntacticError
	var sem *jsonv2.SemanticError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return bad("", "malformed_json", "JSON 内容不完整：在第 %s结束了。", lineColumn(body, int64(len(body))))
	case errors.As(err, &syn):
		field := jsonPath(syn.JSONPointer, false)
		where := lineColumn(body, syn.ByteOffset)
		switch {
		case errors.Is(syn.Err, jsontext.ErrDuplicateName):
			return bad(field, "duplicate_field", "字段 %s 重复出现：每个字段只能给出一次。", field)
		case isInvalidUTF8(syn.Err) && field != "":
			return bad(field, plaintext.Code, "字段 %s 的内容不是有效的 UTF-8 编码（第 %s）。", field, where)
		case isInvalidUTF8(syn.Err):
			return bad("", plaintext.Code, "JSON 内容不是有效的 UTF-8 编码（第 %s）。", where)
		case errors.Is(syn.Err, jsontext.ErrNonStringName):
			return bad(field, "malformed_json", "JSON 格式错误（第 %s）：字段名须为带双引号的字符串。", where)
		case field != "":
			return bad(field, "malformed_json", "JSON 格式错误（第 %s，字段 %s 处）：%s。", where, field, foundAt(body, syn.ByteOffset))
		}
		return bad("", "malformed_json", "JSON 格式错误（第 %s）：%s。", where, foundAt(body, syn.ByteOffset))
	case errors.As(err, &sem):
		if errors.Is(sem.Err, jsonv2.ErrUnknownName) {
			field := jsonPath(sem.JSONPointer, true)
			return bad(field, "unknown_field", "未知字段 %s：请检查字段名的拼写和大小写%s。", field, allowedNames(sem.GoType))
		}
		field := jsonPath(sem.JSONPointer, false)
		if field == "" {
			field = "（请求内容）"
		}
		got := shownJSON(body, sem.ByteOffset)
		switch {
		case sem.GoType == dateType:
			return bad(field, "invalid_date", "字段 %s 不是有效日期：应为 YYYY-MM-DD 格式的真实日期（如 2025-06-01），收到 %s。", field, got)
		case sem.GoType == timeType:
			return bad(field, "invalid_time", "字段 %s 不是有效的时间：应为带时区的日期和时间（RFC 3339，如 2026-12-31T23:59:59+08:00），收到 %s。", field, got)
		case errors.Is(sem.Err, strconv.ErrRange):
			return bad(field, "out_of_range", "字段 %s 的数值 %s 超出允许的范围。", field, got)
		case sem.GoType != nil && isInteger(sem.GoType) && sem.JSONKind == '0':
			return bad(field, "wrong_type", "字段 %s 应为整数，收到 %s。", field, got)
		}
		return bad(field, "wrong_type", "字段 %s 的类型错误：应为%s，收到的是%s %s。", field, goTypeLabel(sem.GoType), jsonKindLabel(sem.JSONKind), got)
	}
	return &firstset.Error{Code: firstset.EBADREQUEST, Message: "JSON 内容无法解析。", Err: err}
}

// allowedNames lists the JSON names of struct type t, for a message.
func allowedNames(t reflect.Type) string {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return ""
	}
	var names []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case !f.IsExported() || name == "-":
			continue
		case name == "":
			name = f.Name
		}
		names = append(names, name)
	}
	return "（允许的字段：" + strings.Join(names, "、") + "）"
}

// isInvalidUTF8 recognises the decoder's invalid-UTF-8 error, which it
// does not export.
func isInvalidUTF8(err error) bool {
	return err != nil && strings.Contains(err.Error(), "invalid UTF-8")
}

// jsonPath writes a JSON pointer (/params/2/name) as the API's field
// path (params[2].name). Numbers are array indexes, except for the last
// token of an unknown name, which is always a name.
func jsonPath(p jsontext.Pointer, lastIsName bool) string {
	var b strings.Builder
	tokens := slices.Collect(p.Tokens())
	for i, tok := range tokens {
		isName := lastIsName && i == len(tokens)-1
		if _, err := strconv.ParseUint(tok, 10, 64); err == nil && !isName {
			b.WriteString("[" + tok + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(pathName(tok))
	}
	return b.String()
}

// pathName keeps a strange name readable and on one line in a path.
func pathName(name string) string {
	if name == "" {
		return `""`
	}
	for _, c := range name {
		if !(c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return strconv.Quote(name)
		}
	}
	return name
}

// lineColumn says where byte offset is in body, as people count.
func lineColumn(body []byte, offset int64) string {
	offset = min(max(offset, 0), int64(len(body)))
	line, col := 1, 1
	for _, c := range string(body[:offset]) {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return fmt.Sprintf("%d 行第 %d 列", line, col)
}

// foundAt says what the decoder met at offset.
func foundAt(body []byte, offset int64) string {
	if offset < 0 || offset >= int64(len(body)) {
		return "内容意外结束"
	}
	r, _ := utf8.DecodeRune(body[offset:])
	if r == utf8.RuneError || !plaintext.Valid(string(r), plaintext.OneLine) {
		return fmt.Sprintf("此处不应出现字符 U+%04X", r)
	}
	return fmt.Sprintf("此处不应出现 %s", ShownValue(string(r)))
}

// shownJSON is the JSON value starting at offset, shortened, for messages.
func shownJSON(body []byte, offset int64) string {
	if offset < 0 || offset >= int64(len(body)) {
		return "（无）"
	}
	v, err := jsontext.NewDecoder(bytes.NewReader(body[offset:])).ReadValue()
	if err != nil {
		return "（无法读取的值）"
	}
	return ShownValue(string(v))
}

// ShownValue quotes what a caller sent, for a message: at most 40
// characters, with anything invisible replaced.
func ShownValue(s string) string {
	const most = 40
	var b strings.Builder
	n := 0
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		if n == most {
			b.WriteString("…")
			break
		}
		if !plaintext.Valid(string(r), plaintext.OneLine) {
			r = '\uFFFD'
		}
		b.WriteRune(r)
		n++
	}
	return "“" + b.String() + "”"
}

// kindAt is the kind of the JSON value whose first byte is c.
func kindAt(c byte) jsontext.Kind {
	if c == '-' || c >= '0' && c <= '9' {
		return '0'
	}
	return jsontext.Kind(c)
}

// jsonKindLabel names a JSON kind in the API's users' words.
func jsonKindLabel(k jsontext.Kind) string {
	switch k {
	case 'n':
		return " null"
	case 't', 'f':
		return "布尔值"
	case '"':
		return "文本"
	case '0':
		return "数字"
	case '{':
		return "对象"
	case '[':
		return "数组"
	}
	return "无法识别的内容"
}

func isInteger(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return true
	}
	return false
}

// goTypeLabel names what a Go type expects, in the words of the API's
// users rather than Go's.
func goTypeLabel(t reflect.Type) string {
	if t == nil {
		return "其他类型"
	}
	switch t.Kind() {
	case reflect.String:
		return "文本（JSON 字符串）"
	case reflect.Bool:
		return " true 或 false"
	case reflect.Float32, reflect.Float64:
		return "数字"
	case reflect.Slice, reflect.Array:
		return "数组"
	case reflect.Struct, reflect.Map:
		return "对象"
	case reflect.Pointer:
		return goTypeLabel(t.Elem())
	}
	if isInteger(t) {
		return "整数"
	}
	return "其他类型"
}
