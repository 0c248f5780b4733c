package web

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"unicode/utf8"

	"firstset"
	"firstset/plaintext"
	"firstset/web/httpx"
)

// queryStringError is why a raw query string cannot be read as
// parameters, or nil. Every route is held to it (see checkQueryString):
// url.ParseQuery leaves out what it cannot read, and nothing checks that
// what it reads is UTF-8, so a listing would otherwise work from a query
// other than the one sent.
func queryStringError(raw string) error {
	if raw == "" {
		return nil
	}
	v, err := url.ParseQuery(raw)
	if err != nil {
		msg := "查询字符串无法解析：请对参数名和值做 URL 编码，参数之间用 & 分隔。"
		if esc, ok := err.(url.EscapeError); ok {
			msg = fmt.Sprintf("查询字符串中的 %s 不是有效的 URL 转义序列（应为 %% 加两位十六进制数）。", httpx.ShownValue(string(esc)))
		}
		return &firstset.Error{Code: firstset.EBADREQUEST, Message: msg, Err: err}
	}
	for _, name := range slices.Sorted(maps.Keys(v)) {
		values := v[name]
		if !utf8.ValidString(name) {
			return firstset.Errorf(firstset.EBADREQUEST, "查询参数名 %s 不是有效的 UTF-8 编码。", httpx.ShownValue(name))
		}
		for _, s := range values {
			if prob := plaintext.CheckUTF8(s); prob != nil {
				msg := fmt.Sprintf("参数 %s：%s", name, prob.Message("参数值"))
				return &firstset.Error{Code: firstset.EBADREQUEST, Field: name, Message: msg,
					Fields: []firstset.FieldError{{Field: name, Code: plaintext.Code, Message: msg}}}
			}
		}
	}
	return nil
}

// checkQueryString refuses a request whose query string is not UTF-8
// parameters, whichever route it is for.
func (s *Server) checkQueryString(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := queryStringError(r.URL.RawQuery); err != nil {
			s.base.ServeError(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}
