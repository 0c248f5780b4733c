// Package extract turns a tender document (.txt, .docx, .html, .pdf) into numbered
// lines of plain text, so that a finding can point at "line N" of what the
// user uploaded: for .txt the file's own lines, for .docx the paragraph
// number (table cells included, in document order), for .html the lines that
// block elements produce, for .pdf the lines pdftotext -layout writes (page
// breaks are line breaks).
//
// Reading is bounded by Limits while it happens: a document that would
// produce too much text, too many or too long lines, or that inflates or
// nests beyond reason, is refused as soon as it goes past a limit.
//
// Error messages are Chinese, for the person who sent the document (Message);
// every error has a stable code for programs (Code): a LimitError's Limit*
// code or a ReadError's Code* code. errors.Is tells the kind apart:
// ErrUnsupported, ErrMalformed, ErrTooLarge, or the context's error.
package extract

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Format names the kind of document that was read.
type Format string

const (
	TXT  Format = "txt"
	DOCX Format = "docx"
	HTML Format = "html"
	PDF  Format = "pdf"
)

// Document is the text of one tender document. Lines[i] is line i+1.
type Document struct {
	Format Format
	Lines  []string
}

// ErrUnsupported is wrapped by every error about a file type the checker
// cannot read; callers map it to "unsupported file" (exit 2 on the CLI).
var ErrUnsupported = errors.New("unsupported file type")

// MaxFileBytes bounds what File reads from disk: a .docx holds images
// besides its text, so the file may be larger than the text it yields.
const MaxFileBytes = 64 << 20

// Message is what a person is told about err: the Chinese explanation,
// without the sentinel it wraps.
func Message(err error) string {
	msg := err.Error()
	for _, sentinel := range []error{ErrUnsupported, ErrMalformed, ErrToolMissing} {
		msg = strings.TrimPrefix(msg, sentinel.Error()+": ")
	}
	return msg
}

// File reads the document at path with DefaultLimits; the extension
// decides the format.
func File(path string) (Document, error) { return FileContext(context.Background(), path) }

// FileContext is File that stops once ctx is done.
func FileContext(ctx context.Context, path string) (Document, error) {
	info, err := os.Stat(path)
	if err != nil {
		return Document{}, &ReadError{Code: CodeReadFailed, msg: fmt.Sprintf("读取 %s：%v", path, err), err: err}
	}
	if info.IsDir() {
		return Document{}, &ReadError{Code: CodeNotAFile, msg: fmt.Sprintf("读取 %s：这是一个目录，不是文件", path)}
	}
	if info.Size() > MaxFileBytes {
		return Document{}, &ReadError{Code: CodeFileTooLarge,
			msg: fmt.Sprintf("读取 %s：文件有 %d 字节，超过 %s 的上限", path, info.Size(), SizeText(MaxFileBytes))}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return Document{}, &ReadError{Code: CodeReadFailed, msg: fmt.Sprintf("读取 %s：%v", path, err), err: err}
	}
	return Limits{}.BytesContext(ctx, filepath.Base(path), data)
}

// Bytes extracts the text of a document with DefaultLimits.
func Bytes(name string, data []byte) (Document, error) { return Limits{}.Bytes(name, data) }

// BytesContext is Bytes that stops once ctx is done.
func BytesContext(ctx context.Context, name string, data []byte) (Document, error) {
	return Limits{}.BytesContext(ctx, name, data)
}

// Bytes extracts the text of a document whose file name is name (only its
// extension matters) and whose content is data.
func (l Limits) Bytes(name string, data []byte) (Document, error) {
	return l.BytesContext(context.Background(), name, data)
}

// BytesContext is Bytes that stops once ctx is done (the client has gone),
// with an error for which errors.Is(err, ctx.Err()) holds (code CodeCanceled).
func (l Limits) BytesContext(ctx context.Context, name string, data []byte) (Document, error) {
	if err := ctx.Err(); err != nil {
		return Document{}, canceled(err)
	}
	c := &ctxCheck{ctx: ctx}
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".txt", ".text":
		lines, err := l.text(c, data)
		return Document{Format: TXT, Lines: lines}, err
	case ".docx":
		lines, err := l.docx(c, data)
		return Document{Format: DOCX, Lines: lines}, err
	case ".html", ".htm", ".xhtml":
		lines, err := l.html(c, data)
		return Document{Format: HTML, Lines: lines}, err
	case ".pdf":
		lines, err := l.pdf(c, data)
		return Document{Format: PDF, Lines: lines}, err
	case ".doc", ".wps":
		return Document{}, unsupported(CodeLegacyDoc, "", "%s 为旧版二进制格式，请另存为 .docx 后再检查。", ext)
	case "":
		return Document{}, unsupported(CodeNoExtension, "", "文件没有扩展名，无法判断格式；支持 .txt、.docx、.html、.pdf。")
	default:
		return Document{}, unsupported(CodeUnsupportedType, "", "不支持 %s 文件；支持 .txt、.docx、.html、.pdf。", ext)
	}
}
