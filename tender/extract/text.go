package extract

import (
	"bytes"
	"context"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Text decodes a plain-text document with DefaultLimits.
func Text(data []byte) ([]string, error) { return Limits{}.Text(data) }

// Text decodes a plain-text document: UTF-8 (with or without BOM), UTF-16
// with a BOM, or GB18030/GBK, which many Chinese editors still save.
// Line numbers are the file's own, so empty lines are kept (and count
// towards the line limit). A file with binary bytes anywhere is refused.
func (l Limits) Text(data []byte) ([]string, error) {
	return l.text(&ctxCheck{ctx: context.Background()}, data)
}

func (l Limits) text(c *ctxCheck, data []byte) ([]string, error) {
	s, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	if err := c.now(); err != nil {
		return nil, err
	}
	b := budget{lim: l.withDefaults(), format: TXT}
	var lines []string
	for len(s) > 0 {
		if err := c.step(); err != nil {
			return nil, err
		}
		i := strings.IndexAny(s, "\r\n")
		line, rest := s, ""
		if i >= 0 {
			line, rest = s[:i], s[i+1:]
			if s[i] == '\r' && strings.HasPrefix(rest, "\n") {
				rest = rest[1:]
			}
		}
		if err := b.newLine(); err != nil {
			return nil, err
		}
		runes := 0
		if err := b.text(len(lines)+1, &runes, line); err != nil {
			return nil, err
		}
		lines = append(lines, line)
		s = rest
	}
	return lines, nil
}

func decodeText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(data[2:], false)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data[2:], true)
	}
	// Binary bytes are looked for before the encoding, so that a binary
	// file is named for what it is.
	if err := checkBinary(data, TXT); err != nil {
		return "", err
	}
	if utf8.Valid(data) {
		return string(bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	// The decoder writes U+FFFD for bytes it cannot decode rather than fail.
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return "", unsupported(CodeEncoding, TXT, "文本既不是 UTF-8 也不是 GB18030 编码。")
	}
	return string(out), nil
}

// isBinary holds the control characters that make content binary: those
// http.DetectContentType counts as binary in the first 512 bytes (NUL,
// U+0001–U+0008, U+000E–U+001A, U+001C–U+001F) but VT, which Office puts
// in copied text for a manual line break. Held to the whole file, a binary
// tail past what a sniff sees is refused as well.
var isBinary = func() (t [0x20]bool) {
	for c := range t {
		t[c] = c <= 0x08 || 0x0E <= c && c <= 0x1A || 0x1C <= c
	}
	return t
}()

// checkBinary refuses text in UTF-8 or GB18030 (in either, a byte below
// 0x20 is always a control character) that holds a binary control
// character.
func checkBinary[T string | []byte](data T, format Format) error {
	for i := 0; i < len(data); i++ {
		if c := data[i]; c < 0x20 && isBinary[c] {
			return unsupported(CodeBinary, format, "文件含二进制内容，不是文本文件。")
		}
	}
	return nil
}

func decodeUTF16(data []byte, bigEndian bool) (string, error) {
	if len(data)%2 != 0 {
		return "", unsupported(CodeEncoding, TXT, "UTF-16 文本的字节数为奇数，文件可能不完整。")
	}
	units := make([]uint16, len(data)/2)
	for i := range units {
		a, b := uint16(data[2*i]), uint16(data[2*i+1])
		if bigEndian {
			units[i] = a<<8 | b
		} else {
			units[i] = b<<8 | a
		}
	}
	s := string(utf16.Decode(units))
	if err := checkBinary(s, TXT); err != nil {
		return "", err
	}
	return s, nil
}
