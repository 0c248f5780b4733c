package httpx

import (
	"net/http"
	"net/url"
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
	MaxPerPage = 100
	MaxPage    = 100000
	// MaxListQuery is the longest search of a management listing, in
	// characters, as the services take it.
	MaxListQuery = firstset.MaxListQuery
)

// QueryReader reads a listing's query parameters strictly: a value it
// cannot use (an unknown status, a page that is not a number, a search
// with a control character) is a problem naming the parameter, never
// dropped, so a caller never silently gets everything. Parameters the
// listing does not know are ignored: links carry tracking parameters
// (utm_source and the like) that are none of the listing's business.
type QueryReader struct {
	v        url.Values
	problems firstset.Problems
}

// NewQueryReader reads the query parameters of r.
func NewQueryReader(r *http.Request) *QueryReader { return &QueryReader{v: r.URL.Query()} }

// Add records a problem with parameter name.
func (q *QueryReader) Add(name, code, format string, args ...any) {
	q.problems.Add(name, code, format, args...)
}

// one returns the value of a parameter given at most once, trimmed.
func (q *QueryReader) one(name string) string {
	vs := q.v[name]
	switch len(vs) {
	case 0:
		return ""
	case 1:
		return strings.TrimSpace(vs[0])
	}
	q.Add(name, "repeated", "参数 %s 只能给出一次，收到了 %d 个。", name, len(vs))
	return ""
}

// Text reads one line of text, such as search words, of at most max
// characters.
func (q *QueryReader) Text(name, label string, max int) string {
	s := q.one(name)
	if prob := plaintext.Check(s, plaintext.OneLine); prob != nil {
		q.Add(name, plaintext.Code, "参数 %s：%s", name, prob.Message(label))
		return ""
	}
	if n := utf8.RuneCountInString(s); n > max {
		q.Add(name, "too_long", "参数 %s（%s）不能超过 %d 个字符，收到 %d 个。", name, label, max, n)
		return ""
	}
	return s
}

// Choice reads one of a fixed list of values; empty means no filter.
func (q *QueryReader) Choice(name, label string, valid func(string) bool, choices []string) string {
	s := q.one(name)
	if s == "" || valid(s) {
		return s
	}
	q.Add(name, "unknown_value", "参数 %s（%s）的值 %s 无效，可选值为：%s。", name, label, ShownValue(s), strings.Join(choices, "、"))
	return ""
}

// Flag reads a yes/no switch given as 1 or 0; absent means no.
func (q *QueryReader) Flag(name, label string) bool {
	return q.Choice(name, label, func(v string) bool { return v == "1" || v == "0" }, []string{"1", "0"}) == "1"
}

// District reads a district code from the district table; empty means
// every district.
func (q *QueryReader) District(name string) string {
	s := q.one(name)
	if _, ok := district.ByCode(s); s == "" || ok {
		return s
	}
	q.Add(name, "unknown_district", "参数 %s（区县）的值 %s 不是重庆市的区县代码（如九龙坡区为 500107）。", name, ShownValue(s))
	return ""
}

// ID reads a record's id, a positive integer; empty means none.
func (q *QueryReader) ID(name, label string) int64 {
	s := q.one(name)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		q.Add(name, "invalid_id", "参数 %s（%s）须为正整数，收到 %s。", name, label, ShownValue(s))
		return 0
	}
	return n
}

// Day reads a calendar day, YYYY-MM-DD; ok is false when the parameter is
// absent or refused.
func (q *QueryReader) Day(name, label string) (d date.Date, ok bool) {
	s := q.one(name)
	if s == "" {
		return date.Date{}, false
	}
	d, err := date.Parse(s)
	if err != nil {
		q.Add(name, "invalid_date", "参数 %s（%s）须为 年-月-日 格式的真实日期，如 2026-03-01，收到 %s。", name, label, ShownValue(s))
		return date.Date{}, false
	}
	return d, true
}

// Number reads an integer from lo to hi, or def when the parameter is
// absent or empty.
func (q *QueryReader) Number(name, label string, lo, hi, def int) int {
	s := q.one(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		q.Add(name, "out_of_range", "参数 %s（%s）须为 %d 至 %d 之间的整数，收到 %s。", name, label, lo, hi, ShownValue(s))
		return def
	}
	return n
}

// Page reads page and per_page, per_page defaulting to defaultPer.
func (q *QueryReader) Page(defaultPer int) (page, per int) {
	return q.Number("page", "页码", 1, MaxPage, 1), q.Number("per_page", "每页条数", 1, MaxPerPage, defaultPer)
}

// Err is every problem found, as one bad_request error whose field is
// the first parameter at fault.
func (q *QueryReader) Err() error {
	if len(q.problems) == 0 {
		return nil
	}
	first := q.problems[0]
	return &firstset.Error{Code: firstset.EBADREQUEST, Field: first.Field, Message: first.Message, Fields: q.problems}
}

// Names lists the string values of a set of constants, for choice.
func Names[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// EnterpriseFilterFrom reads an enterprise listing's parameters, for the
// page and the API.
func EnterpriseFilterFrom(q *QueryReader, page, per int) (firstset.EnterpriseFilter, error) {
	f := firstset.EnterpriseFilter{
		Query:        q.Text("q", "搜索词", MaxListQuery),
		DistrictCode: q.District("district"),
		Offset:       (page - 1) * per,
		Limit:        per,
	}
	return f, q.Err()
}

// ProductFilterFrom reads a product listing's parameters, for the page
// and the API.
func ProductFilterFrom(q *QueryReader, page, per int) (firstset.ProductFilter, error) {
	f := firstset.ProductFilter{
		Query: q.Text("q", "搜索词", MaxListQuery),
		Status: firstset.ProductStatus(q.Choice("status", "认定状态",
			func(s string) bool { return firstset.ProductStatus(s).Valid() }, Names(firstset.ProductStatuses))),
		EnterpriseID: q.ID("enterprise_id", "企业编号"),
		Offset:       (page - 1) * per,
		Limit:        per,
	}
	return f, q.Err()
}

// UserFilterFrom reads a user listing's parameters, for the page and the
// API.
func UserFilterFrom(q *QueryReader, page, per int) (firstset.UserFilter, error) {
	f := firstset.UserFilter{
		Query: q.Text("q", "搜索词", MaxListQuery),
		Role: firstset.Role(q.Choice("role", "角色",
			func(s string) bool { return firstset.Role(s).Valid() }, Names(firstset.Roles))),
		Offset: (page - 1) * per,
		Limit:  per,
	}
	return f, q.Err()
}
