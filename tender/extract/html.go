package extract

import (
	"bytes"
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/simplifiedchinese"
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

// skippedTags hold no text a reader sees. A <head> is not one of them: it
// ends where the body starts, whether or not it is closed, and the tags it
// holds that have text (title, style, script) are skipped by name.
var skippedTags = map[string]bool{
	"script": true, "style": true, "title": true, "template": true, "noscript": true,
	"svg": true, "iframe": true, "object": true,
}

// rawTextTags are the elements whose content the tokenizer takes as text
// up to their end tag, however much of the document that is (x/net/html's
// list but plaintext, which has no end).
var rawTextTags = []string{"iframe", "noembed", "noframes", "noscript", "script", "style", "textarea", "title", "xmp"}

// HTMLText returns the visible text of an HTML document with DefaultLimits.
func HTMLText(data []byte) ([]string, error) { return Limits{}.HTMLText(data) }

// HTMLText returns the visible text of an HTML document, one line per block
// element. Table cells of one row share a line, separated by a tab, so a
// label cell and its value cell ("投标保证金" | "20万元") stay together.
// Empty lines are dropped; line numbers count the lines that remain. The
// tokenizer streams and builds no tree, so nesting costs nothing; the text
// it yields is held to the limits as it grows.
//
// An element that is never closed must not hide the rest of the document:
// a raw-text element (<title>, <style>, <script>…) with no end tag is read
// as empty, the text up to the next tag dropped; any other skipped element
// left open over text (<svg>, <template>…) is refused as malformed.
func (l Limits) HTMLText(data []byte) ([]string, error) {
	return l.html(&ctxCheck{ctx: context.Background()}, data)
}

func (l Limits) html(c *ctxCheck, data []byte) ([]string, error) {
	l = l.withDefaults()
	data, err := decodeHTML(data)
	if err != nil {
		return nil, err
	}
	if err := c.now(); err != nil {
		return nil, err
	}
	lastEnd := lastRawEndTags(data)
	z := html.NewTokenizer(bytes.NewReader(data))
	type skipped struct {
		tag   string
		texts int // skippedTexts when it started
	}
	var (
		b            = budget{lim: l, format: HTML}
		lines        []string
		cur          strings.Builder
		runes        int       // characters in cur
		text         bool      // cur holds more than white space
		skip         []skipped // the skipped elements open, innermost last
		skippedTexts int       // texts skipped that are more than white space
		pre          int       // depth inside <pre>, where newlines are line breaks
		pos          int       // bytes of data tokenized so far
		dropNext     bool      // the next token is the content of an unclosed raw-text element
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
		if err := c.step(); err != nil {
			return nil, err
		}
		tt := z.Next()
		pos += len(z.Raw())
		drop := dropNext
		dropNext = false
		switch tt {
		case html.ErrorToken:
			if !errors.Is(z.Err(), io.EOF) {
				return nil, malformed(CodeMalformedHTML, HTML, "HTML 文件无法读取。")
			}
			if len(skip) > 0 && skippedTexts > skip[0].texts {
				return nil, malformed(CodeMalformedHTML, HTML,
					"HTML 文件中的 <%s> 元素没有结束标记，其后的文字无法可靠读取；请补上 </%s> 后再检查。", skip[0].tag, skip[0].tag)
			}
			if err := flush(); err != nil {
				return nil, err
			}
			return lines, nil
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			unclosed := false
			if tt == html.StartTagToken && slices.Contains(rawTextTags, tag) {
				if end, ok := lastEnd[tag]; !ok || end < pos {
					// The tokenizer would take the rest of the document
					// as this element's text.
					z.NextIsNotRawText()
					unclosed = true
				}
			}
			if skippedTags[tag] {
				switch {
				case unclosed:
					dropNext = true
				case tt == html.StartTagToken:
					skip = append(skip, skipped{tag: tag, texts: skippedTexts})
				case tt == html.EndTagToken:
					// It closes the innermost element of its name and
					// whatever is open inside it.
					for i := len(skip) - 1; i >= 0; i-- {
						if skip[i].tag == tag {
							skip = skip[:i]
							break
						}
					}
				}
				continue
			}
			if len(skip) > 0 {
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
			if drop {
				continue
			}
			text := string(z.Text())
			if len(skip) > 0 {
				if strings.TrimSpace(text) != "" {
					skippedTexts++
				}
				continue
			}
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

// lastRawEndTags gives, for each raw-text element, where its last end tag
// starts in data, found as the tokenizer finds one: "</", the name in any
// case, then white space, '/' or '>'.
func lastRawEndTags(data []byte) map[string]int {
	last := map[string]int{}
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("</"))
		if j < 0 {
			return last
		}
		at := i + j
		i = at + 2
		for _, tag := range rawTextTags {
			end := i + len(tag)
			if end < len(data) && asciiFoldEqual(data[i:end], tag) && strings.IndexByte(" \n\r\t\f/>", data[end]) >= 0 {
				last[tag] = at
			}
		}
	}
}

// asciiFoldEqual is b == lower, ignoring the case of ASCII letters only.
func asciiFoldEqual(b []byte, lower string) bool {
	for i := range b {
		if c := b[i]; c != lower[i] && c+('a'-'A') != lower[i] {
			return false
		}
	}
	return true
}

// decodeHTML gives data in UTF-8. A byte order mark decides first, then a
// charset the page declares (<meta charset>, <meta http-equiv>, in its first
// 1024 bytes); GBK and GB2312 are read as GB18030, which contains both.
// A page that declares nothing is UTF-8 if all of it is valid UTF-8, and
// otherwise GB18030, refused if it is not that either: charset's default,
// windows-1252, would turn Chinese text into mojibake without a sign.
func decodeHTML(data []byte) ([]byte, error) {
	e, name, certain := charset.DetermineEncoding(data, "text/html")
	if !certain && !declaresCharset(data) {
		switch {
		case utf8.Valid(data):
			e = nil
		default:
			if err := checkBinary(data, HTML); err != nil {
				return nil, err
			}
			out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
			if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
				return nil, unsupported(CodeEncoding, HTML,
					"HTML 文件未声明字符编码，且既不是 UTF-8 也不是 GB18030 编码；请另存为 UTF-8 编码后再检查。")
			}
			data, e = out, nil
		}
	}
	if certain {
		for _, bom := range [][]byte{{0xEF, 0xBB, 0xBF}, {0xFF, 0xFE}, {0xFE, 0xFF}} {
			if bytes.HasPrefix(data, bom) {
				data = data[len(bom):]
				break
			}
		}
	}
	switch {
	case e == nil, name == "utf-8" && utf8.Valid(data):
	case name == "gbk":
		e = simplifiedchinese.GB18030
		fallthrough
	default:
		out, err := e.NewDecoder().Bytes(data)
		if err != nil {
			return nil, unsupported(CodeEncoding, HTML, "HTML 文件的内容与其声明的字符编码（%s）不符。", name)
		}
		data = out
	}
	if err := checkBinary(data, HTML); err != nil {
		return nil, err
	}
	return data, nil
}

// declaresCharset reports whether the first 1024 bytes of data declare a
// charset. DetermineEncoding does not tell a declared charset from its
// guess, but a declaration decides whatever bytes follow it while the
// guess follows them; so two probes, the page's start (bytes past ASCII
// replaced) ending once in valid and once in invalid UTF-8, come out the
// same only if the page declares its charset.
func declaresCharset(data []byte) bool {
	head := data[:min(len(data), 1024-4)]
	probe := make([]byte, len(head), 1024)
	for i, c := range head {
		if c >= 0x80 {
			c = 'x'
		}
		probe[i] = c
	}
	// The trailing ASCII byte keeps DetermineEncoding from cutting the last
	// rune off as possibly partial.
	_, valid, _ := charset.DetermineEncoding(append(probe, "一."...), "text/html")
	_, invalid, _ := charset.DetermineEncoding(append(probe[:len(head)], "\xff."...), "text/html")
	return valid == invalid
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
