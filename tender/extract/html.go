package extract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

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

// HTMLText returns the visible text of an HTML document with DefaultLimits.
func HTMLText(data []byte) ([]string, error) { return Limits{}.HTMLText(data) }

// HTMLText returns the visible text of an HTML document, one line per block
// element. Table cells of one row share a line, separated by a tab, so a
// label cell and its value cell ("投标保证金" | "20万元") stay together.
// Empty lines are dropped; line numbers count the lines that remain. The
// tokenizer streams and builds no tree, so nesting costs nothing; the text
// it yields is held to the limits as it grows.
func (l Limits) HTMLText(data []byte) ([]string, error) {
	l = l.withDefaults()
	r, err := charset.NewReader(bytes.NewReader(data), "text/html")
	if err != nil {
		return nil, fmt.Errorf("%w: 无法确定 HTML 文件的字符编码。", ErrUnsupported)
	}
	z := html.NewTokenizer(r)
	var (
		b     = budget{lim: l, format: HTML}
		lines []string
		cur   strings.Builder
		runes int  // characters in cur
		text  bool // cur holds more than white space
		skip  int  // depth inside skipped elements
		pre   int  // depth inside <pre>, where newlines are line breaks
	)
	// write adds to the current line. White space that starts a line is
	// dropped (a line is trimmed), so markup of nothing but spaces between
	// blocks adds nothing.
	write := func(s string) error {
		if !text {
			if s = strings.TrimLeftFunc(s, unicode.IsSpace); s == "" {
				return nil
			}
			text = true
		}
		if err := b.text(len(lines)+1, &runes, s); err != nil {
			return err
		}
		cur.WriteString(s)
		return nil
	}
	flush := func() error {
		line := strings.TrimSpace(cur.String())
		cur.Reset()
		runes, text = 0, false
		if line == "" {
			return nil
		}
		if err := b.newLine(); err != nil {
			return err
		}
		lines = append(lines, line)
		return nil
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if errors.Is(z.Err(), io.EOF) {
				if err := flush(); err != nil {
					return nil, err
				}
				return lines, nil
			}
			return nil, fmt.Errorf("%w: HTML 文件无法读取。", ErrMalformed)
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
				if err := flush(); err != nil {
					return nil, err
				}
			case tag == "td" || tag == "th":
				if tt != html.EndTagToken && text {
					if err := write("\t"); err != nil {
						return nil, err
					}
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
						if err := flush(); err != nil {
							return nil, err
						}
					}
					if err := write(p); err != nil {
						return nil, err
					}
				}
				continue
			}
			if err := write(collapseSpace(text)); err != nil {
				return nil, err
			}
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
