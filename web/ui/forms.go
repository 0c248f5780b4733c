package ui

import (
	"net/url"
	"strconv"
	"strings"

	"firstset"
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
