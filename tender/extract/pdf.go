package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// PDF text is read by poppler's pdftotext (Debian package poppler-utils),
// run as a separate process: a hostile PDF can then cost at most the
// process's limits, and the parser's bugs stay out of the server. The
// decoded CJK fonts (predefined CMaps such as UniGB-UCS2-H) are what no
// maintained pure-Go library reads.

// ErrToolMissing is wrapped by the error of a PDF that could not be read
// because the server lacks pdftotext (HTTP 503).
var ErrToolMissing = errors.New("pdf tool missing")

// Codes of the PDF errors.
const (
	CodeScannedPDF   = "scanned_pdf"      // a PDF with no text layer (a scan)
	CodeMalformedPDF = "malformed_pdf"    // a file pdftotext cannot parse
	CodePDFTooCostly = "pdf_too_costly"   // pdftotext passed its time, CPU or memory limit
	CodePDFTool      = "pdf_tool_missing" // the server has no pdftotext
)

// PDF limits: the wall-clock time, CPU seconds and address space the
// pdftotext process may use. A 300-page text PDF converts in well under a
// second and a few dozen MiB.
const (
	PDFTimeout  = 20 * time.Second
	PDFCPU      = 15 // seconds
	PDFMemBytes = 512 << 20
)

// pdfToText is the pdftotext program; tests may point it elsewhere.
var pdfToText = "pdftotext"

func lookPDFTool() (string, error) { return exec.LookPath(pdfToText) }

// pdf converts data with pdftotext into the text checker's lines: the text
// is read like a .txt (the same limits), its form feeds (page breaks)
// become line breaks.
func (l Limits) pdf(c *ctxCheck, data []byte) ([]string, error) {
	l = l.withDefaults()
	if !bytes.HasPrefix(bytes.TrimLeft(data, "\x00\t\r\n "), []byte("%PDF-")) {
		return nil, malformed(CodeMalformedPDF, PDF, "文件扩展名为 .pdf，但内容不是 PDF 文档。")
	}
	bin, err := lookPDFTool()
	if err != nil {
		return nil, &ReadError{Code: CodePDFTool, Format: PDF, kind: ErrToolMissing, err: err,
			msg: "服务器暂时无法读取 PDF（缺少 pdftotext），请上传 .docx 或 .html 版本。"}
	}
	// The tool reads a file: a PDF's cross-reference table is at its end,
	// so a pipe would make poppler buffer the whole input anyway.
	tmp, err := os.CreateTemp("", "tender-*.pdf")
	if err != nil {
		return nil, fmt.Errorf("pdf: temporary file: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("pdf: temporary file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return nil, fmt.Errorf("pdf: temporary file: %w", err)
	}

	ctx, cancel := context.WithTimeout(c.ctx, PDFTimeout)
	defer cancel()
	args := []string{bin, "-layout", "-enc", "UTF-8", "-q", tmp.Name(), "-"}
	if pl, err := exec.LookPath("prlimit"); err == nil {
		// prlimit sets the limits on itself and then execs pdftotext, so
		// they bind only the child, not the server.
		args = append([]string{pl, "--cpu=" + strconv.Itoa(PDFCPU), "--as=" + strconv.Itoa(PDFMemBytes), "--"}, args...)
	}
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Env = []string{"LANG=C.UTF-8"}
	var stderr bytes.Buffer
	cmd.Stderr = &limitedBuffer{buf: &stderr, max: 4 << 10}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, &ReadError{Code: CodePDFTool, Format: PDF, kind: ErrToolMissing, err: err,
			msg: "服务器暂时无法读取 PDF（pdftotext 无法启动），请上传 .docx 或 .html 版本。"}
	}
	// Output past the text limit (plus the form feeds and layout spaces
	// that -layout adds) is not read: the text reader refuses it anyway.
	maxOut := l.TextBytes*2 + 1
	text, readErr := io.ReadAll(io.LimitReader(out, maxOut+1))
	if int64(len(text)) > maxOut {
		cancel() // stop the tool; what it has written is already too much
	}
	waitErr := cmd.Wait()
	if cerr := c.ctx.Err(); cerr != nil {
		return nil, canceled(cerr)
	}
	if int64(len(text)) > maxOut {
		return nil, &LimitError{Code: LimitTextBytes, Max: l.TextBytes, Format: PDF}
	}
	if ctx.Err() != nil || killedByLimit(waitErr) {
		return nil, malformed(CodePDFTooCostly, PDF,
			"PDF 过于复杂，读取超过了时间或内存限制（%d 秒、%s），请上传 .docx 或 .html 版本。",
			int(PDFTimeout/time.Second), SizeText(PDFMemBytes))
	}
	if readErr != nil {
		return nil, fmt.Errorf("pdf: reading pdftotext output: %w", readErr)
	}
	if waitErr != nil {
		return nil, malformed(CodeMalformedPDF, PDF, "PDF 文件已损坏或无法解析，请检查文件或上传 .docx 或 .html 版本。")
	}
	text = trimLayout(text)
	if !hasLetters(text) {
		return nil, malformed(CodeScannedPDF, PDF, "PDF 中没有可识别的文字（可能是扫描件），请上传带文字层的 PDF 或 Word/HTML 版本")
	}
	return l.text(c, text)
}

// trimLayout turns page breaks into line breaks and drops the spaces that
// -layout pads lines with at their end, which are no text of the tender.
func trimLayout(text []byte) []byte {
	text = bytes.ReplaceAll(text, []byte("\f"), []byte("\n"))
	var out bytes.Buffer
	out.Grow(len(text))
	for len(text) > 0 {
		line, rest, found := bytes.Cut(text, []byte("\n"))
		out.Write(bytes.TrimRight(line, " \t\r"))
		if found {
			out.WriteByte('\n')
		}
		text = rest
	}
	return out.Bytes()
}

// killedByLimit tells whether the process was ended by a resource limit:
// SIGXCPU or SIGKILL past --cpu, or a failed allocation under --as, which
// poppler reports as an abort.
func killedByLimit(err error) bool {
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return false
	}
	s := ee.ProcessState.String()
	return strings.Contains(s, "CPU time limit") || strings.Contains(s, "killed") || strings.Contains(s, "aborted")
}

// hasLetters tells whether the text has a letter or digit: a scanned PDF
// yields only form feeds and spaces.
func hasLetters(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
		b = b[n:]
	}
	return false
}

// limitedBuffer keeps the first max bytes written to it and drops the
// rest, so a chatty tool cannot fill memory through stderr.
type limitedBuffer struct {
	buf *bytes.Buffer
	max int
}

func (w *limitedBuffer) Write(p []byte) (int, error) {
	if room := w.max - w.buf.Len(); room > 0 {
		w.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}
