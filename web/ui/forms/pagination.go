package forms

import (
	"net/url"
	"strconv"
	"strings"
)

// Pagination is the page links under a listing.
type Pagination struct {
	Page, PerPage, Total, Pages int
	Links                       []PageLink
	Prev, Next                  string
}

// PageLink is one numbered link of a Pagination.
type PageLink struct {
	Number  int    // 0 for a gap
	URL     string // empty for the current page
	Current bool
}

// NewPagination builds the links for a listing of total items, keeping the
// rest of the query so filters survive paging.
func NewPagination(u *url.URL, page, per, total int) Pagination {
	p := Pagination{Page: page, PerPage: per, Total: total}
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
			p.Links = append(p.Links, PageLink{})
		}
		if n == page {
			p.Links = append(p.Links, PageLink{Number: n, Current: true})
		} else {
			p.Links = append(p.Links, PageLink{Number: n, URL: link(n)})
		}
		last = n
	}
	return p
}

// SafeNext returns a local path to go back to after login, or "/".
func SafeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return "/"
	}
	return next
}
