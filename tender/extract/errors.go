package extract

import (
	"context"
	"errors"
	"fmt"
)

// Stable codes of the errors that are not about a limit, for API clients;
// the Limit* codes name the others. Code(err) gives either.
const (
	CodeUnsupportedType = "unsupported_type" // an extension the checker cannot read
	CodeLegacyDoc       = "legacy_doc"       // a .doc or .wps (old binary formats)
	CodeNoExtension     = "no_extension"     // a file name without extension
	CodeNotDocx         = "not_docx"         // a .docx that is no zip or has no word/document.xml
	CodeMalformedDocx   = "malformed_docx"   // a .docx whose XML is broken
	CodeMalformedHTML   = "malformed_html"   // an .html that cannot be read reliably
	CodeBinary          = "binary_content"   // a text or HTML file holding binary bytes
	CodeEncoding        = "bad_encoding"     // text in no encoding the checker reads
	CodeDTD             = "dtd_refused"      // XML with a document type declaration
	CodeCanceled        = "canceled"         // the context ended before reading did
	CodeReadFailed      = "read_failed"      // File: the file could not be read
	CodeNotAFile        = "not_a_file"       // File: the path is a directory
	CodeFileTooLarge    = "file_too_large"   // File: past MaxFileBytes
)

// ReadError is a document refused for what it is or holds rather than for
// passing a limit (that is a LimitError). Its message is Chinese, for the
// person who sent the document.
type ReadError struct {
	Code   string // one of the Code* codes
	Format Format // what was being read; "" when the type is not supported
	msg    string
	kind   error // ErrUnsupported or ErrMalformed, or nil
	err    error // the cause (an os or context error), or nil
}

func (e *ReadError) Error() string {
	if e.kind != nil {
		return e.kind.Error() + ": " + e.msg
	}
	return e.msg
}

// Unwrap gives the kind (ErrUnsupported, ErrMalformed) and the cause.
func (e *ReadError) Unwrap() []error {
	var errs []error
	for _, err := range []error{e.kind, e.err} {
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

func unsupported(code string, format Format, f string, a ...any) *ReadError {
	return &ReadError{Code: code, Format: format, msg: fmt.Sprintf(f, a...), kind: ErrUnsupported}
}

func malformed(code string, format Format, f string, a ...any) *ReadError {
	return &ReadError{Code: code, Format: format, msg: fmt.Sprintf(f, a...), kind: ErrMalformed}
}

// canceled is ctx's error as the package returns it: errors.Is(err,
// context.Canceled) (or DeadlineExceeded) still holds.
func canceled(err error) *ReadError {
	return &ReadError{Code: CodeCanceled, msg: "读取文件已中止（请求已取消或超时）。", err: err}
}

// Code is the stable code of an error the package returned: a Code* or
// Limit* constant, or "" for nil and for errors that are not the package's.
func Code(err error) string {
	var re *ReadError
	var le *LimitError
	switch {
	case errors.As(err, &re):
		return re.Code
	case errors.As(err, &le):
		return le.Code
	}
	return ""
}

// ctxCheck looks at a context every ctxEvery steps (tokens, lines), so that
// a read whose request is gone stops soon without paying for a look at
// every step.
type ctxCheck struct {
	ctx context.Context
	n   int
}

const ctxEvery = 1024

func (c *ctxCheck) step() error {
	c.n++
	if c.n%ctxEvery != 0 {
		return nil
	}
	return c.now()
}

func (c *ctxCheck) now() error {
	if err := c.ctx.Err(); err != nil {
		return canceled(err)
	}
	return nil
}
