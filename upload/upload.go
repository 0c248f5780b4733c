// Package upload receives one uploaded file safely: it copies the client's
// stream into a temporary file through a small fixed buffer while hashing it
// (SHA-256), stops reading one byte past the size limit, and decides the type
// from the content alone, never from the file name or the client's
// Content-Type. Accepted are PDF, PNG, JPEG, WebP and GIF images, Word
// (.docx) and Excel (.xlsx); the caller may narrow that list.
//
// Every refusal is an *Error with a stable Code and a Chinese Message for
// the person who sent the file; on a refusal nothing stays on disk. Other
// errors (the temporary file could not be written) are the server's fault.
package upload

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/gabriel-vasile/mimetype"
)

// The content types Spool can recognise.
const (
	PDF  = "application/pdf"
	PNG  = "image/png"
	JPEG = "image/jpeg"
	WebP = "image/webp"
	GIF  = "image/gif"
	DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// AllTypes lists every content type Spool accepts; a nil allowed list means these.
var AllTypes = []string{PDF, PNG, JPEG, WebP, GIF, DOCX, XLSX}

// labels: the label for people (TypeLabel) and the short one used in the
// list of what is accepted.
var labels = map[string][2]string{
	PDF:  {"PDF", "PDF"},
	PNG:  {"PNG 图片", "PNG"},
	JPEG: {"JPEG 图片", "JPEG"},
	WebP: {"WebP 图片", "WebP"},
	GIF:  {"GIF 图片", "GIF"},
	DOCX: {"Word 文档（.docx）", "Word（.docx）"},
	XLSX: {"Excel 表格（.xlsx）", "Excel（.xlsx）"},
}

// TypeLabel names a content type for people: "PDF", "PNG 图片",
// "Word 文档（.docx）"…; a type it does not know is returned as it is.
func TypeLabel(contentType string) string {
	if l, ok := labels[contentType]; ok {
		return l[0]
	}
	return contentType
}

// Refusal codes: stable, programs branch on them.
const (
	CodeTooLarge = "file_too_large"
	CodeEmpty    = "file_empty"
	CodeType     = "file_type" // not allowed, or not recognised
	CodeRead     = "file_read" // the client's stream broke
)

// Error is a refusal of the upload.
type Error struct {
	Code    string
	Message string // Chinese, for the person who sent the file
	Type    string // file_type: the content type found ("text/plain", "application/zip")
	Max     int64  // file_too_large: the limit in bytes
	Err     error  // file_read: the stream's error, for logs only
}

func (e *Error) Error() string {
	s := "upload: " + e.Code + ": " + e.Message
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

const (
	bufSize = 32 << 10
	// headSize is what the type is decided on: mimetype's own read limit.
	headSize = 4096
	// MaxZipEntries bounds the central directory of a .docx or .xlsx; a
	// large real document has a few hundred entries.
	MaxZipEntries = 10000
)

// dirSig opens every entry of a ZIP central directory.
var dirSig = []byte("PK\x01\x02")

// Spooled is an upload received into a temporary file.
type Spooled struct {
	Size        int64
	SHA256      string // lower-case hex
	ContentType string // one of AllTypes, sniffed from the content
	f           *os.File
}

// Open reads the content from the start. Each reader is independent (its
// own offset over the same file, so several may be open at once); closing
// one releases nothing, and none can be read after s.Close.
func (s *Spooled) Open() (io.ReadSeekCloser, error) {
	if s.f == nil {
		return nil, os.ErrClosed
	}
	return section{io.NewSectionReader(s.f, 0, s.Size)}, nil
}

type section struct{ *io.SectionReader }

func (section) Close() error { return nil }

// Close removes the temporary file. Calling it again does nothing.
func (s *Spooled) Close() error {
	if s.f == nil {
		return nil
	}
	f := s.f
	s.f = nil
	return errors.Join(f.Close(), os.Remove(f.Name()))
}

// Spool copies r into a temporary file in dir ("" = os.TempDir()) while
// hashing it, through one 32 KiB buffer. It refuses more than max bytes (it
// reads at most max+1 of r, never the rest), an empty file, and a type not
// in allowed (nil = AllTypes). On any refusal or error nothing stays on disk.
func Spool(r io.Reader, max int64, allowed []string, dir string) (*Spooled, error) {
	if max < 1 {
		return nil, fmt.Errorf("upload: size limit %d is not positive", max)
	}
	if allowed == nil {
		allowed = AllTypes
	}
	for _, t := range allowed {
		if _, ok := labels[t]; !ok {
			return nil, fmt.Errorf("upload: cannot recognise type %q", t)
		}
	}
	f, err := os.CreateTemp(dir, "upload-*")
	if err != nil {
		return nil, fmt.Errorf("upload: %w", err)
	}
	s := &Spooled{f: f}
	if err := s.receive(r, max, allowed); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func (s *Spooled) receive(r io.Reader, max int64, allowed []string) error {
	h := sha256.New()
	// The buffer starts with the last len(dirSig)-1 bytes read before, so
	// that a central directory signature cut between two reads is counted.
	const carry = 3
	buf := make([]byte, carry+bufSize)
	k, entries := 0, 0
	for {
		want := min(bufSize, max+1-s.Size)
		n, err := r.Read(buf[k : k+int(want)])
		if n > 0 {
			data := buf[k : k+n]
			if _, err := s.f.Write(data); err != nil {
				return fmt.Errorf("upload: %w", err)
			}
			h.Write(data)
			s.Size += int64(n)
			if s.Size > max {
				return &Error{Code: CodeTooLarge, Max: max,
					Message: "文件超过 " + sizeLabel(max) + " 的上限"}
			}
			entries += bytes.Count(buf[:k+n], dirSig)
			k = copy(buf, buf[k+n-min(carry, k+n):k+n])
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return &Error{Code: CodeRead, Err: err, Message: "文件上传中断，请重新上传"}
		}
	}
	if s.Size == 0 {
		return &Error{Code: CodeEmpty, Message: "文件为空"}
	}
	s.SHA256 = hex.EncodeToString(h.Sum(nil))

	head := make([]byte, min(headSize, s.Size))
	if _, err := s.f.ReadAt(head, 0); err != nil {
		return fmt.Errorf("upload: %w", err)
	}
	ct, err := s.sniff(head, entries, allowed)
	if err != nil {
		return err
	}
	if !slices.Contains(allowed, ct) {
		return typeError(ct, "文件类型为 "+TypeLabel(ct), allowed)
	}
	s.ContentType = ct
	return nil
}

// sniff decides the type. mimetype is used rather than a handful of magic
// numbers because a refusal must name what the file is (text/plain,
// text/html, an executable…), which the library knows for hundreds of
// types; the accepted images and PDF are matched on their signatures either
// way. ZIP-based files are decided on their parts instead, as the first
// bytes of a .docx or .xlsx depend on the program that wrote it.
func (s *Spooled) sniff(head []byte, entries int, allowed []string) (string, error) {
	m := mimetype.Detect(head)
	switch {
	case under(m, "application/zip"):
		return s.office(entries, allowed)
	case under(m, "application/x-ole-storage"):
		msg := "文件是旧版 Office 格式（.doc、.xls），请另存为 .docx 或 .xlsx 后上传"
		switch {
		case m.Is("application/msword"):
			msg = "文件是旧版 Word 文档（.doc），请另存为 .docx 后上传"
		case m.Is("application/vnd.ms-excel"):
			msg = "文件是旧版 Excel 表格（.xls），请另存为 .xlsx 后上传"
		}
		return "", typeError(bare(m), msg, allowed)
	}
	for _, t := range []string{PDF, PNG, JPEG, WebP, GIF} {
		if under(m, t) {
			return t, nil
		}
	}
	return "", typeError(bare(m), "文件类型为 "+bare(m), allowed)
}

// office tells a .docx or .xlsx by its parts, read from the central
// directory. Before archive/zip reads it, entries (the central directory
// signatures anywhere in the file, counted while spooling) must be at most
// MaxZipEntries: archive/zip reads every header it finds whatever the
// archive's own count says, at some 200 bytes of heap each, so without the
// guard a 20 MB file of bare headers would cost over 100 MB.
func (s *Spooled) office(entries int, allowed []string) (string, error) {
	const zipMsg = "文件是 ZIP 压缩包"
	if entries > MaxZipEntries {
		return "", typeError("application/zip",
			fmt.Sprintf("%s，条目超过 %d 个，不是正常的 Word 或 Excel 文档", zipMsg, MaxZipEntries), allowed)
	}
	zr, err := zip.NewReader(s.f, s.Size)
	if err != nil {
		return "", typeError("application/zip", zipMsg+"，但已损坏，无法读取", allowed)
	}
	var types, word, excel bool
	for _, zf := range zr.File {
		// Part names are case-insensitive (ECMA-376 Part 2).
		switch name := zf.Name; {
		case strings.EqualFold(name, "[Content_Types].xml"):
			types = true
		case strings.EqualFold(name, "word/document.xml"):
			word = true
		case strings.EqualFold(name, "xl/workbook.xml"):
			excel = true
		}
	}
	switch {
	case types && word && !excel:
		return DOCX, nil
	case types && excel && !word:
		return XLSX, nil
	}
	return "", typeError("application/zip", zipMsg+"，不是 Word（.docx）或 Excel（.xlsx）文档", allowed)
}

func typeError(found, msg string, allowed []string) *Error {
	short := make([]string, len(allowed))
	for i, t := range allowed {
		short[i] = labels[t][1]
	}
	return &Error{Code: CodeType, Type: found, Message: msg + "，只接受 " + strings.Join(short, "、")}
}

// under: m is t or a subtype of it in mimetype's tree (APNG under PNG).
func under(m *mimetype.MIME, t string) bool {
	for ; m != nil; m = m.Parent() {
		if m.Is(t) {
			return true
		}
	}
	return false
}

// bare is the detected type without parameters ("text/plain", not
// "text/plain; charset=utf-8").
func bare(m *mimetype.MIME) string {
	t, _, _ := strings.Cut(m.String(), ";")
	return strings.TrimSpace(t)
}

func sizeLabel(n int64) string {
	switch {
	case n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}
