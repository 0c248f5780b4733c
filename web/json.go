package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"

	"firstset"
	"firstset/date"
)

// apiError is the body of every API error answer.
type apiError struct {
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Code    string                `json:"code"`
	Message string                `json:"message"`
	Field   string                `json:"field,omitempty"`
	Details []firstset.FieldError `json:"details,omitempty"`
}

// listResponse is the shape of every API listing.
type listResponse[T any] struct {
	Items []T `json:"items"`
	Total int `json:"total"`
}

func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		s.logger.ErrorContext(r.Context(), "encode json response",
			"request_id", infoFrom(r.Context()).ID, "error", err.Error())
		body = []byte(`{"error":{"code":"internal","message":"系统内部错误"}}`)
		status = http.StatusInternalServerError
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n'))
}

func (s *Server) writeAPIError(w http.ResponseWriter, r *http.Request, err error) {
	code := firstset.ErrorCode(err)
	body := apiErrorBody{Code: code, Message: publicMessage(err)}
	if e, ok := firstset.AsError(err); ok && code != firstset.EINTERNAL {
		body.Field = e.Field
		if len(e.Fields) > 0 {
			body.Details = e.Fields
		}
	}
	s.writeJSON(w, r, httpStatus(code), apiError{Error: body})
}

// mediaType is a Content-Type's media type, lower case, without parameters.
func mediaType(ct string) string {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return strings.ToLower(strings.TrimSpace(ct))
	}
	return mt
}

// decodeJSON reads the request body into v strictly: JSON only, one value,
// no fields v does not have. Every failure names what was wrong.
func (s *Server) decodeJSON(r *http.Request, v any) error {
	body, err := s.readJSONBody(r)
	if err != nil {
		return err
	}
	return decodeJSONBytes(body, v)
}

// readJSONBody reads a body declared as JSON, within the body limit.
func (s *Server) readJSONBody(r *http.Request) ([]byte, error) {
	if mt := mediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		return nil, firstset.Errorf(firstset.EUNSUPPORTED, "请求内容类型必须为 application/json，收到的是 %q。", mt)
	}
	return readBody(r)
}

func decodeJSONBytes(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return firstset.Errorf(firstset.EBADREQUEST, "请求内容为空，需要一个 JSON 对象。")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonDecodeError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return firstset.Errorf(firstset.EBADREQUEST, "JSON 对象之后还有多余的内容。")
	}
	return nil
}

// jsonDecodeError turns encoding/json's errors into bad_request errors
// that say where the problem is.
func jsonDecodeError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return &firstset.Error{Code: firstset.EBADREQUEST,
			Message: fmt.Sprintf("JSON 格式错误（第 %d 个字节附近）：%s。", syntax.Offset, syntax.Error()), Err: err}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &firstset.Error{Code: firstset.EBADREQUEST, Message: "JSON 内容不完整。", Err: err}
	case errors.As(err, &typ) && typ.Type == reflect.TypeFor[date.Date]():
		return &firstset.Error{Code: firstset.EBADREQUEST, Field: typ.Field,
			Message: fmt.Sprintf("字段 %q 不是有效日期：应为 YYYY-MM-DD 格式的真实日期，收到 %s。", typ.Field, typ.Value), Err: err}
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "(body)"
		}
		return &firstset.Error{Code: firstset.EBADREQUEST, Field: field,
			Message: fmt.Sprintf("字段 %q 的类型错误：应为%s，收到的是 JSON %s。", field, jsonTypeLabel(typ.Type), typ.Value), Err: err}
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name = strings.Trim(name, `"`)
		return &firstset.Error{Code: firstset.EBADREQUEST, Field: name,
			Message: fmt.Sprintf("未知字段 %q。", name), Err: err}
	}
	// Anything else (a date in the wrong form, say) comes from a field's own
	// decoder, whose message says what it expected.
	return &firstset.Error{Code: firstset.EBADREQUEST, Message: "JSON 内容无法解析：" + err.Error(), Err: err}
}

// jsonTypeLabel names what a Go type expects, in the words of the API's
// users rather than Go's.
func jsonTypeLabel(t reflect.Type) string {
	if t == nil {
		return "其他类型"
	}
	switch t.Kind() {
	case reflect.String:
		return "文本（JSON 字符串）"
	case reflect.Bool:
		return "true 或 false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "整数"
	case reflect.Float32, reflect.Float64:
		return "数字"
	case reflect.Slice, reflect.Array:
		return "数组"
	case reflect.Struct, reflect.Map:
		return "对象"
	case reflect.Pointer:
		return jsonTypeLabel(t.Elem())
	}
	return "其他类型"
}
