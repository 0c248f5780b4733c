package extract

import (
	"bytes"
	"fmt"
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
// towards the line limit).
func (l Limits) Text(data []byte) ([]string, error) {
	s, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	b := budget{lim: l.withDefaults(), format: TXT}
	var lines []string
	for len(s) > 0 {
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
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(data[2:], false)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data[2:], true)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", fmt.Errorf("%w: 文件含二进制内容，不是文本文件。", ErrUnsupported)
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return "", fmt.Errorf("%w: 文本既不是 UTF-8 也不是 GB18030 编码。", ErrUnsupported)
	}
	return string(out), nil
}

func decodeUTF16(data []byte, bigEndian bool) (string, error) {
	if len(data)%2 != 0 {
		return "", fmt.Errorf("%w: UTF-16 文本的字节数为奇数，文件可能不完整。", ErrUnsupported)
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
	return string(utf16.Decode(units)), nil
}
