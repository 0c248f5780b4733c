package web

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"firstset"
	"firstset/date"
	"firstset/district"
	"firstset/plaintext"
)

// Limits on paging shared by every listing, pages and API alike.
const (
	maxPerPage = 100
	maxPage    = 100000
	// maxListQuery is the longest search of a management listing, in
	// characters, as the services take it.
	maxListQuery = firstset.MaxListQuery
)

// queryReader reads a listing's query parameters strictly: a value it
// cannot use (an unknown status, a page that is not a number, a search
// with a control character) is a problem naming the parameter, never
// dropped, so a caller never silently gets everything. Parameters the
// listing does not know are ignored: links carry tracking parameters
// (utm_source and the like) that are none of the listing's business.
type queryReader struct {
	v        url.Values
	problems firstset.Problems
}

func newQueryReader(r *http.Request) *queryReader { return &queryReader{v: r.URL.Query()} }

func (q *queryReader) add(name, code, format string, args ...any) {
	q.problems.Add(name, code, format, args...)
}

// one returns the value of a parameter given at most once, trimmed.
func (q *queryReader) one(name string) string {
	vs := q.v[name]
	switch len(vs) {
	case 0:
		return ""
	case 1:
		return strings.TrimSpace(vs[0])
	}
	q.add(name, "repeated", "参数 %s 只能给出一次，收到了 %d 个。", name, len(vs))
	return ""
}

// text reads one line of text, such as search words, of at most max
// characters.
func (q *queryReader) text(name, label string, max int) string {
	s := q.one(name)
	if prob := plaintext.Check(s, plaintext.OneLine); prob != nil {
		q.add(name, plaintext.Code, "参数 %s：%s", name, prob.Message(label))
		return ""
	}
	if n := utf8.RuneCountInString(s); n > max {
		q.add(name, "too_long", "参数 %s（%s）不能超过 %d 个字符，收到 %d 个。", name, label, max, n)
		return ""
	}
	return s
}

// choice reads one of a fixed list of values; empty means no filter.
func (q *queryReader) choice(name, label string, valid func(string) bool, choices []string) string {
	s := q.one(name)
	if s == "" || valid(s) {
		return s
	}
	q.add(name, "unknown_value", "参数 %s（%s）的值 %s 无效，可选值为：%s。", name, label, shownValue(s), strings.Join(choices, "、"))
	return ""
}

// district reads a district code from the district table; empty means
// every district.
func (q *queryReader) district(name string) string {
	s := q.one(name)
	if _, ok := district.ByCode(s); s == "" || ok {
		return s
	}
	q.add(name, "unknown_district", "参数 %s（区县）的值 %s 不是重庆市的区县代码（如九龙坡区为 500107）。", name, shownValue(s))
	return ""
}

// id reads a record's id, a positive integer; empty means none.
func (q *queryReader) id(name, label string) int64 {
	s := q.one(name)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		q.add(name, "invalid_id", "参数 %s（%s）须为正整数，收到 %s。", name, label, shownValue(s))
		return 0
	}
	return n
}

// day reads a calendar day, YYYY-MM-DD; ok is false when the parameter is
// absent or refused.
func (q *queryReader) day(name, label string) (d date.Date, ok bool) {
	s := q.one(name)
	if s == "" {
		return date.Date{}, false
	}
	d, err := date.Parse(s)
	if err != nil {
		q.add(name, "invalid_date", "参数 %s（%s）须为 年-月-日 格式的真实日期，如 2026-03-01，收到 %s。", name, label, shownValue(s))
		return date.Date{}, false
	}
	return d, true
}

// number reads an integer from lo to hi, or def when the parameter is
// absent or empty.
func (q *queryReader) number(name, label string, lo, hi, def int) int {
	s := q.one(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		q.add(name, "out_of_range", "参数 %s（%s）须为 %d 至 %d 之间的整数，收到 %s。", name, label, lo, hi, shownValue(s))
		return def
	}
	return n
}

// page reads page and per_page, per_page defaulting to defaultPer.
func (q *queryReader) page(defaultPer int) (page, per int) {
	return q.number("page", "页码", 1, maxPage, 1), q.number("per_page", "每页条数", 1, maxPerPage, defaultPer)
}

// err is every problem found, as one bad_request error whose field is
// the first parameter at fault.
func (q *queryReader) err() error {
	if len(q.problems) == 0 {
		return nil
	}
	first := q.problems[0]
	return &firstset.Error{Code: firstset.EBADREQUEST, Field: first.Field, Message: first.Message, Fields: q.problems}
}

// names lists the string values of a set of constants, for choice.
func names[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// enterpriseFilterFrom reads an enterprise listing's parameters, for the
// page and the API.
func enterpriseFilterFrom(q *queryReader, page, per int) (firstset.EnterpriseFilter, error) {
	f := firstset.EnterpriseFilter{
		Query:        q.text("q", "搜索词", maxListQuery),
		DistrictCode: q.district("district"),
		Offset:       (page - 1) * per,
		Limit:        per,
	}
	return f, q.err()
}

// productFilterFrom reads a product listing's parameters, for the page
// and the API.
func productFilterFrom(q *queryReader, page, per int) (firstset.ProductFilter, error) {
	f := firstset.ProductFilter{
		Query: q.text("q", "搜索词", maxListQuery),
		Status: firstset.ProductStatus(q.choice("status", "认定状态",
			func(s string) bool { return firstset.ProductStatus(s).Valid() }, names(firstset.ProductStatuses))),
		EnterpriseID: q.id("enterprise_id", "企业编号"),
		Offset:       (page - 1) * per,
		Limit:        per,
	}
	return f, q.err()
}

// userFilterFrom reads a user listing's parameters, for the page and the
// API.
func userFilterFrom(q *queryReader, page, per int) (firstset.UserFilter, error) {
	f := firstset.UserFilter{
		Query: q.text("q", "搜索词", maxListQuery),
		Role: firstset.Role(q.choice("role", "角色",
			func(s string) bool { return firstset.Role(s).Valid() }, names(firstset.Roles))),
		Offset: (page - 1) * per,
		Limit:  per,
	}
	return f, q.err()
}

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
			msg = fmt.Sprintf("查询字符串中的 %s 不是有效的 URL 转义序列（应为 %% 加两位十六进制数）。", shownValue(string(esc)))
		}
		return &firstset.Error{Code: firstset.EBADREQUEST, Message: msg, Err: err}
	}
	for _, name := range slices.Sorted(maps.Keys(v)) {
		values := v[name]
		if !utf8.ValidString(name) {
			return firstset.Errorf(firstset.EBADREQUEST, "查询参数名 %s 不是有效的 UTF-8 编码。", shownValue(name))
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
			s.serveError(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}
