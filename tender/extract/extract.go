// Package extract turns a tender document (.txt, .docx, .html) into numbered
// lines of plain text, so that a finding can point at "line N" of what the
// user uploaded: for .txt the file's own lines, for .docx the paragraph
// number (table cells included, in document order), for .html the lines that
// block elements produce.
package extract

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Format names the kind of document that was read.
type Format string

const (
	TXT  Format = "txt"
	DOCX Format = "docx"
	HTML Format = "html"
)

// Document is the text of one tender document. Lines[i] is line i+1.
type Document struct {
	Format Format
	Lines  []string
}

// ErrUnsupported is wrapped by every error about a file type the checker
// cannot read; callers map it to "unsupported file" (exit 2 on the CLI).
var ErrUnsupported = errors.New("unsupported file type")

// MaxFileBytes bounds what is read from disk and what a .docx may inflate to:
// tender documents are text, and a zip bomb must not exhaust memory.
const MaxFileBytes = 64 << 20

// File reads the document at path; the extension decides the format.
func File(path string) (Document, error) {
	info, err := os.Stat(path)
	if err != nil {
		return Document{}, fmt.Errorf("read %s: %w", path, err)
	}
	if info.IsDir() {
		return Document{}, fmt.Errorf("read %s: is a directory", path)
	}
	if info.Size() > MaxFileBytes {
		return Document{}, fmt.Errorf("read %s: %d bytes is more than the %d-byte limit", path, info.Size(), MaxFileBytes)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return Document{}, fmt.Errorf("read %s: %w", path, err)
	}
	doc, err := Bytes(filepath.Base(path), data)
	if err != nil {
		return Document{}, fmt.Errorf("%s: %w", path, err)
	}
	return doc, nil
}

// Bytes extracts the text of a document whose file name is name (only its
// extension matters) and whose content is data.
func Bytes(name string, data []byte) (Document, error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".txt", ".text":
		lines, err := Text(data)
		return Document{Format: TXT, Lines: lines}, err
	case ".docx":
		lines, err := Docx(data)
		return Document{Format: DOCX, Lines: lines}, err
	case ".html", ".htm", ".xhtml":
		lines, err := HTMLText(data)
		return Document{Format: HTML, Lines: lines}, err
	case ".pdf":
		// No maintained pure-Go library decodes the CID fonts (GBK-EUC-H,
		// UniGB-UCS2-H without ToUnicode) that Chinese tender PDFs use, and
		// silently checking garbled text would report "no findings".
		return Document{}, fmt.Errorf("%w: PDF 文件暂不支持（中文 PDF 的文字无法可靠提取），请另存为 .docx、.html 或 .txt 后再检查 (PDF text extraction is not supported)", ErrUnsupported)
	case ".doc", ".wps":
		return Document{}, fmt.Errorf("%w: %s 为旧版二进制格式，请另存为 .docx 后再检查 (legacy binary format)", ErrUnsupported, ext)
	case "":
		return Document{}, fmt.Errorf("%w: 文件没有扩展名，无法判断格式；支持 .txt、.docx、.html (no file extension)", ErrUnsupported)
	default:
		return Document{}, fmt.Errorf("%w: 不支持 %s 文件；支持 .txt、.docx、.html (extension %s)", ErrUnsupported, ext, ext)
	}
}

// Text decodes a plain-text document: UTF-8 (with or without BOM), UTF-16
// with a BOM, or GB18030/GBK, which many Chinese editors still save.
// Line numbers are the file's own, so empty lines are kept.
func Text(data []byte) ([]string, error) {
	s, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil, nil
	}
	return strings.Split(s, "\n"), nil
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
		return "", fmt.Errorf("%w: 文件含二进制内容，不是文本文件 (binary content)", ErrUnsupported)
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return "", fmt.Errorf("%w: 文本既不是 UTF-8 也不是 GB18030 编码: %v", ErrUnsupported, err)
	}
	return string(out), nil
}

func decodeUTF16(data []byte, bigEndian bool) (string, error) {
	if len(data)%2 != 0 {
		return "", fmt.Errorf("%w: UTF-16 text has an odd number of bytes", ErrUnsupported)
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
