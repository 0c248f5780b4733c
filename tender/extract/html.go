package extract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// blockTags start and end a line of their own; everything else is inline.
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "body": true,
	"caption": true, "dd": true, "details": true, "dialog": true, "div": true, "dl": true,
	"dt": true, "fieldset": true, "figcaption": true, "figure": true, "footer": true,
	"form": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"header": true, "hr": true, "li": true, "main": true, "nav": true, "ol": true, "p": true,
	"pre": true, "section": true, "summary": true, "table": true, "tbody": true, "tfoot": true,
	"thead": true, "tr": true, "ul": true, "br": true,
}

// skippedTags hold no text a reader sees.
var skippedTags = map[string]bool{
	"script": true, "style": true, "head": true, "template": true, "noscript": true,
	"svg": true, "iframe": true, "object": true,
}

// HTMLText returns the visible text of an HTML document, one line per block
// element. Table cells of one row share a line, separated by a tab, so a
// label cell and its value cell ("投标保证金" | "20万元") stay together.
// Empty lines are dropped; line numbers count the lines that remain.
func HTMLText(data []byte) ([]string, error) {
	r, err := charset.NewReader(bytes.NewReader(data), "text/html")
	if err != nil {
		return nil, fmt.Errorf("%w: cannot determine the HTML character set: %v", ErrUnsupported, err)
	}
	z := html.NewTokenizer(r)
	var (
		lines []string
		cur   strings.Builder
		skip  int // depth inside skipped elements
		pre   int // depth inside <pre>, where newlines are line breaks
	)
	flush := func() {
		line := strings.TrimSpace(cur.String())
		cur.Reset()
		if line != "" {
			lines = append(lines, line)
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if errors.Is(z.Err(), io.EOF) {
				flush()
				return lines, nil
			}
			return nil, fmt.Errorf("read HTML: %w", z.Err())
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if skippedTags[tag] {
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			}
			if skip > 0 {
				continue
			}
			if tag == "pre" {
				if tt == html.StartTagToken {
					pre++
				} else if tt == html.EndTagToken && pre > 0 {
					pre--
				}
			}
			switch {
			case blockTags[tag]:
				flush()
			case tag == "td" || tag == "th":
				if tt != html.EndTagToken && strings.TrimSpace(cur.String()) != "" {
					cur.WriteByte('\t')
				}
			}
		case html.TextToken:
			if skip > 0 {
				continue
			}
			text := string(z.Text())
			if pre > 0 {
				parts := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
				for i, p := range parts {
					if i > 0 {
						flush()
					}
					cur.WriteString(p)
				}
				continue
			}
			cur.WriteString(collapseSpace(text))
		}
	}
}

// collapseSpace folds HTML whitespace runs into one space, as a browser does.
func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f':
			if !space {
				b.WriteByte(' ')
			}
			space = true
		default:
			b.WriteRune(r)
			space = false
		}
	}
	return b.String()
}
