package httpx

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"firstset"
	"firstset/date"
)

func TestDecodeJSONNamesTheProblem(t *testing.T) {
	s := &Base{MaxBodyBytes: 64}
	cases := []struct {
		name, contentType, body string
		code, field, mention    string
	}{
		{"unknown field", "application/json", `{"name":"a","colour":"red"}`, firstset.EBADREQUEST, "colour", "colour"},
		{"syntax", "application/json", `{"name":}`, firstset.EBADREQUEST, "name", "JSON 格式错误"},
		{"truncated", "application/json", `{"name":"a"`, firstset.EBADREQUEST, "", "不完整"},
		{"wrong type", "application/json", `{"name":5}`, firstset.EBADREQUEST, "name", "name"},
		{"trailing", "application/json", `{"name":"a"} {}`, firstset.EBADREQUEST, "", "多余"},
		{"empty", "application/json", ``, firstset.EBADREQUEST, "", "为空"},
		{"form", "application/x-www-form-urlencoded", `name=a`, firstset.EUNSUPPORTED, "Content-Type", "application/json"},
		{"missing type", "", `{"name":"a"}`, firstset.EUNSUPPORTED, "Content-Type", "未声明"},
		{"another charset", "application/json; charset=GB18030", `{"name":"a"}`, firstset.EUNSUPPORTED, "Content-Type", "UTF-8"},
		{"charset in capitals", "application/json; charset=UTF-8", `{"name":5}`, firstset.EBADREQUEST, "name", "name"},
		{"too large", "application/json", `{"name":"` + strings.Repeat("x", 100) + `"}`, firstset.ETOOLARGE, "", "64 字节"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/api/v1/x", strings.NewReader(c.body))
			if c.contentType != "" {
				r.Header.Set("Content-Type", c.contentType)
			}
			r.Body = http.MaxBytesReader(httptest.NewRecorder(), r.Body, s.MaxBodyBytes)
			var v struct {
				Name string `json:"name"`
			}
			err := s.DecodeJSON(r, &v)
			e, ok := firstset.AsError(err)
			if !ok {
				t.Fatalf("err = %v, want a *firstset.Error", err)
			}
			if e.Code != c.code || e.Field != c.field {
				t.Errorf("code, field = %q, %q; want %q, %q", e.Code, e.Field, c.code, c.field)
			}
			if !strings.Contains(e.Message, c.mention) {
				t.Errorf("message %q does not mention %q", e.Message, c.mention)
			}
		})
	}
}

func TestDecodeJSONAcceptsCharset(t *testing.T) {
	s := &Base{}
	r := httptest.NewRequest(http.MethodPost, "/api/v1/x", strings.NewReader(`{"name":"甲"}`))
	r.Header.Set("Content-Type", "application/json; charset=utf-8")
	var v struct {
		Name string `json:"name"`
	}
	if err := s.DecodeJSON(r, &v); err != nil || v.Name != "甲" {
		t.Fatalf("decode = %v, %q", err, v.Name)
	}
}

func TestHTTPStatusByCode(t *testing.T) {
	want := map[string]int{
		firstset.EINVALID: 422, firstset.EBADREQUEST: 400, firstset.ENOTFOUND: 404, firstset.ECONFLICT: 409,
		firstset.EUNAUTHORIZED: 401, firstset.EFORBIDDEN: 403, firstset.ERATELIMITED: 429,
		firstset.ETOOLARGE: 413, firstset.EUNSUPPORTED: 415, firstset.EINTERNAL: 500,
		firstset.EIDEMPOTENCYMISMATCH: 422, "something_new": 500,
	}
	for code, status := range want {
		if got := HTTPStatus(code); got != status {
			t.Errorf("httpStatus(%q) = %d, want %d", code, got, status)
		}
	}
}

// A bad date in a JSON body is named by its path, in Chinese.
func TestJSONDateErrorNamesTheField(t *testing.T) {
	var in struct {
		Product struct {
			RecognizedOn date.Date `json:"recognized_on"`
		} `json:"product"`
	}
	err := decodeJSONBytes([]byte(`{"product":{"recognized_on":"2025-13-02"}}`), &in)
	e, ok := firstset.AsError(err)
	if !ok || e.Field != "product.recognized_on" || !strings.Contains(e.Message, "不是有效日期") || !strings.Contains(e.Message, "2025-13-02") {
		t.Fatalf("got %+v", e)
	}
	err = decodeJSONBytes([]byte(`{"product":{"recognized_on":20250102}}`), &in)
	if e, _ := firstset.AsError(err); e == nil || e.Field != "product.recognized_on" {
		t.Fatalf("a number for a date: %+v", e)
	}
	err = decodeJSONBytes([]byte(`{"product":"x"}`), &in)
	if e, _ := firstset.AsError(err); e == nil || e.Field != "product" || !strings.Contains(e.Message, "应为对象") {
		t.Fatalf("a string for an object: %+v", e)
	}
}

// requestBodyTypes are the types every API JSON body is decoded into.
var requestBodyTypes = []func() any{
	func() any { return new(CategoryInput) },
	func() any { return new(firstset.EnterpriseInput) },
	func() any { return new(firstset.ProductInput) },
	func() any { return new(firstset.RecognitionInput) },
	func() any { return new(firstset.TokenInput) },
	func() any { return new(firstset.UserInput) },
	func() any { return new(TenderJSONInput) },
}

// FuzzDecodeJSON: whatever a caller sends, the decoder answers with the
// body decoded or a bad_request error in Chinese whose field is a path,
// for every request type; it never panics, and what it accepts is UTF-8
// JSON that the lenient standard decoder accepts too.
func FuzzDecodeJSON(f *testing.F) {
	for _, seed := range []string{
		`{"name":"智能制造装备","sort":3}`,
		`{"name":"重庆甲机床有限公司","credit_code":"91500107MA5U000000","district_code":"500107","address":"九龙坡区","contact_name":"张","contact_phone":"023-61234567"}`,
		`{"enterprise_id":1,"name":"数控机床","model":"VMC-850","category_id":1,"description":"说明","params":[{"name":"转速","value":"12000","unit":"r/min"}],"innovation_level":"national","talent_led":false,"patents":["ZL202010000000.1"]}`,
		`{"status":"recognised","recognized_on":"2025-06-01","valid_until":"2028-05-31","reason":""}`,
		`{"name":"令牌","scopes":["catalog:read"],"expires_at":"2026-12-31T23:59:59+08:00"}`,
		`{"username":"ent-a","name":"甲","role":"enterprise","enterprise_id":1,"password":"x"}`,
		`{"text":"招标文件","product_id":3,"insured":true}`,
		`{"name":"a","name":"b"}`, `{"Name":"a"}`, `{"params":[{"name":1}]}`, `{"name":"` + "\xff" + `"}`,
		`{"recognized_on":"2025-02-30"}`, `{"expires_at":"soon"}`, `{"sort":1e400}`, `[1,2]`, `{"a":{"b":[{"c":` + "\x00",
		`{"name":"\u0000\u202e"}`, "\ufeff{}", `{}{}`, ``,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, newValue := range requestBodyTypes {
			v := newValue()
			err := decodeJSONBytes(body, v)
			if err == nil {
				if !utf8.Valid(body) || !json.Valid(body) {
					t.Fatalf("%T accepted a body that is not UTF-8 JSON: %q", v, body)
				}
				if lenient := json.Unmarshal(body, newValue()); lenient != nil {
					t.Fatalf("%T accepted %q, which encoding/json refuses: %v", v, body, lenient)
				}
				continue
			}
			e, ok := firstset.AsError(err)
			if !ok || e.Code != firstset.EBADREQUEST {
				t.Fatalf("%T, %q: %v, want a bad_request error", v, body, err)
			}
			if !hasHan(e.Message) || strings.Contains(e.Message, "json:") || strings.Contains(e.Message, "jsontext") {
				t.Fatalf("%T, %q: message %q", v, body, e.Message)
			}
			// A path, not a JSON pointer; strange names are quoted, so no
			// raw control character gets into it.
			if strings.HasPrefix(e.Field, "/") || strings.ContainsAny(e.Field, "\x00\n") || !utf8.ValidString(e.Field) {
				t.Fatalf("%T, %q: field %q is not a path", v, body, e.Field)
			}
		}
	})
}

// BenchmarkDecodeJSON decodes a product body as the API does, beside
// encoding/json with DisallowUnknownFields (the decoder used before) for
// comparison.
func BenchmarkDecodeJSON(b *testing.B) {
	in := firstset.ProductInput{EnterpriseID: 7, Name: "高速精密数控磨齿机", Model: "YW7232CNC", CategoryID: 3,
		Description: strings.Repeat("用于精密减速器齿轮的成形磨削。", 30), InnovationLevel: firstset.LevelNational,
		Patents: []string{"ZL202010000000.1", "ZL202110000000.5"}}
	for i := range 5 {
		in.Params = append(in.Params, firstset.Param{Name: fmt.Sprintf("参数%d", i), Value: "320", Unit: "mm"})
	}
	body, err := json.Marshal(in)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("strict", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			var v firstset.ProductInput
			if err := decodeJSONBytes(body, &v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			var v firstset.ProductInput
			dec := json.NewDecoder(bytes.NewReader(body))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&v); err != nil {
				b.Fatal(err)
			}
			if _, err := dec.Token(); err != io.EOF {
				b.Fatal("trailing data")
			}
		}
	})
}
