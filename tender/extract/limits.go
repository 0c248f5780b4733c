package extract

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// Limits bound what reading one document may cost. They are applied while
// the document is read, so a hostile file is refused as soon as it goes
// past one, before it has been turned into lines; a zero field takes the
// default.
type Limits struct {
	// TextBytes bounds the extracted text: UTF-8 bytes of every line plus
	// one for each line break.
	TextBytes int64
	// Lines bounds the lines (.docx: paragraphs), empty ones included,
	// since they are numbered too.
	Lines int
	// LineRunes bounds one line (paragraph), in characters.
	LineRunes int
	// InflatedBytes bounds what a .docx's word/document.xml inflates to:
	// the upload's own size says nothing about that (a zip bomb).
	InflatedBytes int64
	// Elements bounds the XML elements of word/document.xml.
	Elements int
	// Depth bounds how deeply XML elements nest.
	Depth int
	// Attributes bounds the attributes of one XML element, namespace
	// declarations included: Word writes a few dozen at most, on the root.
	Attributes int
}

// DefaultLimits are generous for tender documents: a 300-page tender has
// about 600 KB of text in 20,000 paragraphs, and Word nests its XML a few
// dozen levels deep. Reading a document at the limits takes about a second
// on one core.
var DefaultLimits = Limits{
	TextBytes:     10 << 20,
	Lines:         500_000,
	LineRunes:     100_000,
	InflatedBytes: 64 << 20,
	Elements:      4_000_000,
	Depth:         256,
	Attributes:    256,
}

func (l Limits) withDefaults() Limits {
	return Limits{
		TextBytes:     positiveOr(l.TextBytes, DefaultLimits.TextBytes),
		Lines:         positiveOr(l.Lines, DefaultLimits.Lines),
		LineRunes:     positiveOr(l.LineRunes, DefaultLimits.LineRunes),
		InflatedBytes: positiveOr(l.InflatedBytes, DefaultLimits.InflatedBytes),
		Elements:      positiveOr(l.Elements, DefaultLimits.Elements),
		Depth:         positiveOr(l.Depth, DefaultLimits.Depth),
		Attributes:    positiveOr(l.Attributes, DefaultLimits.Attributes),
	}
}

// positiveOr is v, or def when v is not set (zero or less).
func positiveOr[T int | int64](v, def T) T {
	if v > 0 {
		return v
	}
	return def
}

// ErrTooLarge is wrapped by a LimitError about size: more text, lines or
// inflated bytes than the limits allow (HTTP 413).
var ErrTooLarge = errors.New("document too large")

// ErrMalformed is wrapped by errors about a document of a supported type
// whose content cannot be used: broken or hostile structure (HTTP 422).
var ErrMalformed = errors.New("malformed document")

// Stable codes of the limits, for API clients.
const (
	LimitTextBytes     = "text_too_large"
	LimitLines         = "too_many_lines"
	LimitLineRunes     = "line_too_long"
	LimitInflatedBytes = "inflated_too_large"
	LimitElements      = "too_many_elements"
	LimitDepth         = "nested_too_deep"
	LimitToken         = "token_too_large"
	LimitAttributes    = "too_many_attributes"
)

// LimitError is a document refused because it went past one of Limits.
// Its message is Chinese, for the person who sent the document.
type LimitError struct {
	Code   string // one of the Limit* codes
	Max    int64  // the limit that was passed
	Line   int    // for LimitLineRunes: the line (paragraph), 1-based
	Format Format
}

func (e *LimitError) Error() string {
	unit := "行"
	if e.Format == DOCX {
		unit = "段"
	}
	switch e.Code {
	case LimitTextBytes:
		return fmt.Sprintf("文件中的文字过多：不得超过 %s。", SizeText(e.Max))
	case LimitLines:
		return fmt.Sprintf("文件的%s数过多：不得超过 %d %s（空%s也计算在内）。", unit, e.Max, unit, unit)
	case LimitLineRunes:
		return fmt.Sprintf("第 %d %s过长：每%s不得超过 %d 字，请分段后再检查。", e.Line, unit, unit, e.Max)
	case LimitInflatedBytes:
		return fmt.Sprintf(".docx 文件的正文（word/document.xml）解压后超过 %s，无法检查。", SizeText(e.Max))
	case LimitElements:
		return fmt.Sprintf(".docx 文件的正文含 XML 元素过多：不得超过 %d 个。", e.Max)
	case LimitDepth:
		return fmt.Sprintf("文件结构异常：元素嵌套超过 %d 层，无法检查。", e.Max)
	case LimitToken:
		return fmt.Sprintf("文件结构异常：正文中有一段文字、标记或注释超过 %s，无法检查。", SizeText(e.Max))
	case LimitAttributes:
		return fmt.Sprintf("文件结构异常：正文中有一个 XML 元素带有超过 %d 个属性，无法检查。", e.Max)
	}
	return "文件超出检查限制。"
}

// Unwrap tells a size (ErrTooLarge) from a structure (ErrMalformed).
func (e *LimitError) Unwrap() error {
	if e.Code == LimitDepth || e.Code == LimitToken || e.Code == LimitAttributes {
		return ErrMalformed
	}
	return ErrTooLarge
}

// SizeText writes a byte count the way the limits are stated: 10 MiB, 512 KiB.
func SizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}

// budget counts the lines and text a document has produced so far.
type budget struct {
	lim    Limits
	format Format
	lines  int
	bytes  int64
}

// newLine accounts for one more line.
func (b *budget) newLine() error {
	b.lines++
	b.bytes++
	if b.lines > b.lim.Lines {
		return &LimitError{Code: LimitLines, Max: int64(b.lim.Lines), Format: b.format}
	}
	if b.bytes > b.lim.TextBytes {
		return &LimitError{Code: LimitTextBytes, Max: b.lim.TextBytes, Format: b.format}
	}
	return nil
}

// text accounts for s added to line (1-based), whose length in runes so
// far *runes holds.
func (b *budget) text(line int, runes *int, s string) error {
	b.bytes += int64(len(s))
	if b.bytes > b.lim.TextBytes {
		return &LimitError{Code: LimitTextBytes, Max: b.lim.TextBytes, Format: b.format}
	}
	*runes += utf8.RuneCountInString(s)
	if *runes > b.lim.LineRunes {
		return &LimitError{Code: LimitLineRunes, Max: int64(b.lim.LineRunes), Line: line, Format: b.format}
	}
	return nil
}

// textBytes is text for a []byte, which it does not copy.
func (b *budget) textBytes(line int, runes *int, s []byte) error {
	b.bytes += int64(len(s))
	if b.bytes > b.lim.TextBytes {
		return &LimitError{Code: LimitTextBytes, Max: b.lim.TextBytes, Format: b.format}
	}
	*runes += utf8.RuneCount(s)
	if *runes > b.lim.LineRunes {
		return &LimitError{Code: LimitLineRunes, Max: int64(b.lim.LineRunes), Line: line, Format: b.format}
	}
	return nil
}

// CheckLines applies the limits to lines that come from elsewhere than a
// document just read, such as text a form sends back for export.
func (l Limits) CheckLines(lines []string, format Format) error {
	b := budget{lim: l.withDefaults(), format: format}
	for i, s := range lines {
		if err := b.newLine(); err != nil {
			return err
		}
		runes := 0
		if err := b.text(i+1, &runes, s); err != nil {
			return err
		}
	}
	return nil
}
