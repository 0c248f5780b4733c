package web

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"firstset"
	"firstset/plaintext"
)

// formErrors holds one message per input name, for display beside it.
// Messages for inputs the form does not show go to Other, above the form.
type formErrors struct {
	Fields map[string]string
	Other  []string
}

// Any reports whether there is anything to show.
func (e formErrors) Any() bool { return len(e.Fields) > 0 || len(e.Other) > 0 }

// newFormErrors spreads err over the form's inputs; known lists the input
// names the form shows (a name ending in "." matches any field under it,
// such as "params." for "params[2].value").
func newFormErrors(err error, known ...string) formErrors {
	fe := formErrors{Fields: map[string]string{}}
	e, ok := firstset.AsError(err)
	if !ok {
		fe.Other = append(fe.Other, firstset.ErrorMessage(err))
		return fe
	}
	fields := e.Fields
	if len(fields) == 0 && e.Field != "" {
		fields = []firstset.FieldError{{Field: e.Field, Code: e.Code, Message: e.Message}}
	}
	if len(fields) == 0 {
		fe.Other = append(fe.Other, e.Message)
		return fe
	}
	for _, f := range fields {
		if !isKnownField(f.Field, known) {
			fe.Other = append(fe.Other, f.Message)
			continue
		}
		if prev, ok := fe.Fields[f.Field]; ok {
			fe.Fields[f.Field] = prev + "；" + f.Message
		} else {
			fe.Fields[f.Field] = f.Message
		}
	}
	return fe
}

func isKnownField(field string, known []string) bool {
	for _, k := range known {
		base, prefix := strings.CutSuffix(k, ".")
		if field == k || (prefix && (strings.HasPrefix(field, base+"[") || strings.HasPrefix(field, k))) {
			return true
		}
	}
	return false
}

// isFormError reports whether err is about the input, to be shown on the
// form, rather than a reason to leave the page.
func isFormError(err error) bool {
	switch firstset.ErrorCode(err) {
	case firstset.EINVALID, firstset.ECONFLICT:
		return true
	}
	return false
}

// formTextError refuses a posted form holding bytes that are not UTF-8,
// naming the first input that does. Browsers send UTF-8 from the
// platform's pages, so only programs can; nothing of theirs is kept.
// Which characters a field may hold beyond that is the services' rule.
func formTextError(v url.Values) error {
	for _, name := range slices.Sorted(maps.Keys(v)) {
		if !utf8.ValidString(name) {
			return firstset.Errorf(firstset.EBADREQUEST, "表单字段名 %s 不是有效的 UTF-8 编码。", shownValue(name))
		}
		for _, value := range v[name] {
			if prob := plaintext.CheckUTF8(value); prob != nil {
				msg := fmt.Sprintf("表单字段 %s：%s", name, prob.Message("内容"))
				return &firstset.Error{Code: firstset.EBADREQUEST, Field: name, Message: msg,
					Fields: []firstset.FieldError{{Field: name, Code: plaintext.Code, Message: msg}}}
			}
		}
	}
	return nil
}

// formInt reads an optional integer input; a malformed one is recorded as
// a problem with that field.
func formInt(v url.Values, field string, p *firstset.Problems, label string) int64 {
	s := strings.TrimSpace(v.Get(field))
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		p.Add(field, firstset.EINVALID, "%s无效。", label)
		return 0
	}
	return n
}

// formFlag reads a checkbox or a boolean field: empty or absent is false;
// anything but the usual spellings of yes and no is a problem, not a no.
func formFlag(v url.Values, field string, p *firstset.Problems, label string) bool {
	switch strings.ToLower(strings.TrimSpace(v.Get(field))) {
	case "", "false", "0", "off":
		return false
	case "true", "1", "on":
		return true
	}
	p.Add(field, firstset.EINVALID, "%s只能填“是”（true）或“否”（false）。", label)
	return false
}

// pagination is the page links under a listing.
type pagination struct {
	Page, PerPage, Total, Pages int
	Links                       []pageLink
	Prev, Next                  string
}

type pageLink struct {
	Number  int    // 0 for a gap
	URL     string // empty for the current page
	Current bool
}

// newPagination builds the links for a listing of total items, keeping the
// rest of the query so filters survive paging.
func newPagination(u *url.URL, page, per, total int) pagination {
	p := pagination{Page: page, PerPage: per, Total: total}
	p.Pages = (total + per - 1) / per
	if p.Pages <= 1 {
		return p
	}
	link := func(n int) string {
		q := u.Query()
		q.Set("page", strconv.Itoa(n))
		return u.Path + "?" + q.Encode()
	}
	if page > 1 {
		p.Prev = link(page - 1)
	}
	if page < p.Pages {
		p.Next = link(page + 1)
	}
	last := 0
	for n := 1; n <= p.Pages; n++ {
		// The first and last pages and two either side of the current one.
		if n != 1 && n != p.Pages && (n < page-2 || n > page+2) {
			continue
		}
		if last != 0 && n > last+1 {
			p.Links = append(p.Links, pageLink{})
		}
		if n == page {
			p.Links = append(p.Links, pageLink{Number: n, Current: true})
		} else {
			p.Links = append(p.Links, pageLink{Number: n, URL: link(n)})
		}
		last = n
	}
	return p
}

// safeNext returns a local path to go back to after login, or "/".
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return "/"
	}
	return next
}

// lines writes one item per line, as a textarea shows a list.
func lines(xs []string) string { return strings.Join(xs, "\n") }
