// Package policydoc holds the texts of the policy documents the platform
// applies, as published, and splits them into the items the rules engine
// cites (M24-2, O18-14): the policy library shows each item under its
// own anchor, so that every explanation citing a clause can link to its
// words.
package policydoc

import (
	"embed"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"firstset/date"
)

//go:embed texts/*.txt
var texts embed.FS

// Document is one policy document split into its items.
type Document struct {
	// ID is the prefix of its clause ids: "M24", "O18".
	ID       string
	Number   string // 文号, e.g. 渝经信规范〔2024〕9号
	Title    string
	Issuer   string
	IssuedOn date.Date
	Clauses  []Clause
}

// Clause is one numbered item of a document.
type Clause struct {
	ID string // "M24-2"
	// Section is the heading of the part the item is in (一、资金奖励类).
	Section string
	// Number is the item's number as printed: （二）.
	Number     string
	Title      string
	Paragraphs []Paragraph
}

// Paragraph is one paragraph of an item; ID is set where the engine cites
// the paragraph on its own (M24-2-talent).
type Paragraph struct {
	ID   string
	Text string
}

// Text is the item's paragraphs, one a line.
func (c Clause) Text() string {
	parts := make([]string, len(c.Paragraphs))
	for i, p := range c.Paragraphs {
		parts[i] = p.Text
	}
	return strings.Join(parts, "\n")
}

// source says where a document's items are in its file and what is not
// part of them.
type source struct {
	doc  Document
	file string
	// closing is the line that starts the signature after the last item.
	closing string
	// anchors give paragraphs of an item an id of their own, by the words
	// they begin with.
	anchors map[string]map[string]string
}

var sources = []source{
	{
		doc: Document{ID: "M24", Number: "渝经信规范〔2024〕9号", Title: "进一步支持重庆市首台（套）重大技术装备推广应用政策措施",
			Issuer: "重庆市经济和信息化委员会 重庆市发展和改革委员会 重庆市财政局 重庆市国有资产监督管理委员会 国家金融监督管理总局重庆监管局", IssuedOn: date.Of(2024, 4, 8)},
		file:    "texts/M24.txt",
		anchors: map[string]map[string]string{"M24-2": {"同等条件下": "M24-2-talent"}},
	},
	{
		doc: Document{ID: "O18", Number: "渝府办发〔2018〕170号", Title: "重庆市人民政府办公厅关于促进首台（套）重大技术装备示范应用的实施意见",
			Issuer: "重庆市人民政府办公厅", IssuedOn: date.Of(2018, 11, 23)},
		file:    "texts/O18.txt",
		closing: "重庆市人民政府办公厅",
	},
}

var (
	loadOnce sync.Once
	docs     []Document
	loadErr  error
)

// Documents returns the documents, parsed once. A text that cannot be
// split is a programming error the package's tests catch, so it panics.
func Documents() []Document {
	loadOnce.Do(func() {
		for _, s := range sources {
			raw, err := texts.ReadFile(s.file)
			if err != nil {
				loadErr = err
				return
			}
			d, err := parse(s, string(raw))
			if err != nil {
				loadErr = fmt.Errorf("%s: %w", s.file, err)
				return
			}
			docs = append(docs, d)
		}
	})
	if loadErr != nil {
		panic(loadErr)
	}
	return docs
}

// Lookup returns the document with id.
func Lookup(id string) (Document, bool) {
	for _, d := range Documents() {
		if d.ID == id {
			return d, true
		}
	}
	return Document{}, false
}

// Clause returns the item with id, or the item holding the paragraph of
// that id (M24-2-talent is in M24-2), with its document.
func FindClause(id string) (Document, Clause, bool) {
	for _, d := range Documents() {
		for _, c := range d.Clauses {
			if c.ID == id {
				return d, c, true
			}
			for _, p := range c.Paragraphs {
				if p.ID == id {
					return d, c, true
				}
			}
		}
	}
	return Document{}, Clause{}, false
}

// DocumentOf is the document id of a clause id: "M24" for "M24-2-talent".
func DocumentOf(clauseID string) string {
	doc, _, _ := strings.Cut(clauseID, "-")
	return doc
}

var (
	itemLine    = regexp.MustCompile(`^（([一二三四五六七八九十]+)）(.*)$`)
	sectionLine = regexp.MustCompile(`^[一二三四五六七八九十]+、\S+$`)
)

// parse splits a document's text into its items. The texts are as
// published: lines wrapped at the page's width, page breaks (several
// blank lines) inside sentences, a running footer. So lines are joined
// into paragraphs, and a run of blank lines ends one only where the text
// before it ends a sentence, or where it is a single blank line.
func parse(s source, text string) (Document, error) {
	d := s.doc
	var (
		section string
		cur     *Clause
		para    strings.Builder
		blanks  int
		done    bool
	)
	flush := func() {
		t := strings.TrimSpace(para.String())
		para.Reset()
		if t == "" || cur == nil {
			return
		}
		p := Paragraph{Text: t}
		for prefix, id := range s.anchors[cur.ID] {
			if strings.HasPrefix(t, prefix) {
				p.ID = id
			}
		}
		cur.Paragraphs = append(cur.Paragraphs, p)
	}
	for _, line := range strings.Split(text, "\n") {
		if done {
			break
		}
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			blanks++
			continue
		case strings.HasPrefix(line, "**") && strings.HasSuffix(line, "**") && cur != nil:
			continue // the running footer of a page
		}
		if blanks > 0 && (blanks == 1 || endsSentence(para.String())) {
			flush()
		}
		blanks = 0
		if s.closing != "" && line == s.closing && cur != nil {
			done = true
			continue
		}
		if sectionLine.MatchString(line) && para.Len() == 0 {
			section = line
			continue
		}
		if m := itemLine.FindStringSubmatch(line); m != nil && para.Len() == 0 {
			flush()
			n := chineseNumber(m[1])
			if n != len(d.Clauses)+1 {
				return d, fmt.Errorf("item （%s） follows item %d", m[1], len(d.Clauses))
			}
			title, rest, _ := strings.Cut(m[2], "。")
			d.Clauses = append(d.Clauses, Clause{ID: fmt.Sprintf("%s-%d", d.ID, n), Section: section,
				Number: "（" + m[1] + "）", Title: title})
			cur = &d.Clauses[len(d.Clauses)-1]
			para.WriteString(rest)
			continue
		}
		if cur != nil {
			para.WriteString(line)
		}
	}
	flush()
	if len(d.Clauses) == 0 {
		return d, fmt.Errorf("no items found")
	}
	for _, c := range d.Clauses {
		if c.Title == "" || len(c.Paragraphs) == 0 {
			return d, fmt.Errorf("item %s has no title or no text", c.ID)
		}
	}
	return d, nil
}

// endsSentence reports whether a paragraph so far ends where a sentence
// or a heading may end.
func endsSentence(s string) bool {
	s = strings.TrimSpace(s)
	for _, end := range []string{"。", "：", "；", "）", "”"} {
		if strings.HasSuffix(s, end) {
			return true
		}
	}
	return s == ""
}

// chineseNumber reads 一 … 九十九.
func chineseNumber(s string) int {
	digit := func(r rune) int { return strings.IndexRune("〇一二三四五六七八九", r) / len("一") }
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10
	case len(rs) == 1:
		return digit(rs[0])
	case rs[0] == '十':
		return 10 + digit(rs[1])
	case len(rs) == 2 && rs[1] == '十':
		return digit(rs[0]) * 10
	case len(rs) == 3 && rs[1] == '十':
		return digit(rs[0])*10 + digit(rs[2])
	}
	return 0
}
