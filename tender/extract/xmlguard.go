package extract

import "io"

// maxTokenBytes bounds one XML token (a run of text, a tag with its
// attributes, a comment): encoding/xml holds a whole token in memory
// before it returns it, so one huge token inflated from a small .docx
// would cost as much memory as it is long. Word writes a run of text per
// formatting change, so a real token is a few kilobytes; a paragraph at
// the line limit is under 400 KB.
const maxTokenBytes = 1 << 20

// tokenGuard passes XML through while following just enough of its
// lexical structure (text, tags with quoted attribute values, comments,
// CDATA sections, processing instructions and declarations) to know how
// long the current token is, and stops the stream once one is longer than
// max. It also stops it at a tag with more than maxAttrs attributes (when
// maxAttrs > 0) and, with refuseDTD, at a declaration such as <!DOCTYPE:
// either would be read whole by encoding/xml before it could be refused.
type tokenGuard struct {
	r         io.Reader
	max       int
	maxAttrs  int
	refuseDTD bool
	state     guardState
	quote     byte // the quote of an attribute value being read
	tail      uint32
	run       int   // bytes of the current token so far
	attrs     int   // attributes of the current tag so far
	err       error // set once the stream is stopped
}

type guardState uint8

const (
	inText guardState = iota
	afterLT
	inTag
	inQuoted
	inComment
	inCDATA
	inPI
	inDecl
)

func (g *tokenGuard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	for _, c := range p[:n] {
		g.tail = g.tail<<8 | uint32(c)
		g.run++
		switch g.state {
		case inText:
			if c == '<' {
				g.state, g.run, g.attrs = afterLT, 1, 0
			}
		case afterLT:
			switch c {
			case '?':
				g.state = inPI
			case '!':
				g.state = inDecl // until it shows to be a comment or CDATA
			default:
				g.state = inTag
				if c == '>' {
					g.state, g.run = inText, 0
				}
			}
		case inTag:
			switch c {
			case '"', '\'':
				g.state, g.quote = inQuoted, c
			case '>':
				g.state, g.run = inText, 0
			case '=': // one per attribute: outside quotes, encoding/xml allows no other
				if g.attrs++; g.maxAttrs > 0 && g.attrs > g.maxAttrs {
					g.err = &LimitError{Code: LimitAttributes, Max: int64(g.maxAttrs), Format: DOCX}
					return 0, g.err
				}
			}
		case inQuoted:
			if c == g.quote {
				g.state = inTag
			}
		case inDecl:
			switch {
			case g.run == 4 && g.tail&0xFFFFFF == '!'<<16|'-'<<8|'-':
				g.state = inComment
			case g.run == 3 && c == '[':
				g.state = inCDATA // <![CDATA[
			case g.run == 3 && c != '-' && g.refuseDTD:
				g.err = errDTD()
				return 0, g.err
			case c == '>':
				g.state, g.run = inText, 0
			}
		case inComment:
			if g.run >= 7 && g.tail&0xFFFFFF == '-'<<16|'-'<<8|'>' {
				g.state, g.run = inText, 0
			}
		case inCDATA:
			if g.tail&0xFFFFFF == ']'<<16|']'<<8|'>' {
				g.state, g.run = inText, 0
			}
		case inPI:
			if g.tail&0xFFFF == '?'<<8|'>' {
				g.state, g.run = inText, 0
			}
		}
		if g.run > g.max {
			g.err = &LimitError{Code: LimitToken, Max: int64(g.max), Format: DOCX}
			return 0, g.err
		}
	}
	return n, err
}

// errDTD refuses a document type declaration (or any other <!…>
// declaration), which Word never writes.
func errDTD() error {
	return malformed(CodeDTD, DOCX, ".docx 的正文 word/document.xml 含有文档类型声明，正常的 .docx 文件不含此类声明，无法检查。")
}
