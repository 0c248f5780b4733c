package httpx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"slices"
	"strings"

	"firstset"
	"firstset/plaintext"
	"firstset/tender/extract"
)

// Paths that carry a whole tender document and so get the upload limit.
const (
	TenderPagePath   = "/tender"
	TenderExportPath = "/tender/export.xlsx"
	TenderAPIPath    = "/api/v1/tender/check"
)

// TenderSubmission is a document sent to the checker, from any of the
// API's and the page's encodings.
type TenderSubmission struct {
	Name      string // the uploaded file's name; empty for pasted text
	Format    extract.Format
	Lines     []string
	Text      string // pasted text, to fill the form again after an error
	ProductID int64
	Insured   bool
}

// TenderJSONInput is the JSON body of POST /api/v1/tender/check.
type TenderJSONInput struct {
	Text      string `json:"text"`
	ProductID int64  `json:"product_id,omitempty"`
	Insured   bool   `json:"insured,omitempty"`
}

// ReadTenderSubmission reads a multipart form (file "file" or field
// "text", "product_id", "insured") or, on the API, a JSON object.
func (b *Base) ReadTenderSubmission(r *http.Request) (*TenderSubmission, error) {
	if MediaType(r.Header.Get("Content-Type")) == "application/json" {
		var in TenderJSONInput
		if err := b.DecodeJSON(r, &in); err != nil {
			return nil, err
		}
		if in.ProductID < 0 {
			return nil, firstset.FieldErrorf("product_id", firstset.EINVALID, "装备编号无效。")
		}
		sub := &TenderSubmission{Text: in.Text, ProductID: in.ProductID, Insured: in.Insured}
		return sub, sub.readText(in.Text, b.TenderLimits())
	}
	if MediaType(r.Header.Get("Content-Type")) != "multipart/form-data" {
		return nil, &firstset.Error{Code: firstset.EUNSUPPORTED, Field: "Content-Type", Message: fmt.Sprintf(
			"请以 multipart/form-data 上传文件，或以 application/json 提交文本，请求头 Content-Type 却是 %q。", MediaType(r.Header.Get("Content-Type")))}
	}
	if err := b.ParsePostedForm(r); err != nil {
		return nil, err
	}
	var problems firstset.Problems
	sub := &TenderSubmission{
		Text:      r.PostForm.Get("text"),
		ProductID: FormInt(r.PostForm, "product_id", &problems, "装备编号"),
		Insured:   FormFlag(r.PostForm, "insured", &problems, "是否投保"),
	}
	if len(r.PostForm["text"]) > 1 {
		problems.Add("text", firstset.EINVALID, "只能提交一段文本。")
	}
	if len(r.MultipartForm.File["file"]) > 1 {
		problems.Add("file", firstset.EINVALID, "每次只能上传一个文件。")
	}
	if err := problems.Err(); err != nil {
		return sub, err
	}
	file, header, err := r.FormFile("file")
	switch {
	case errors.Is(err, http.ErrMissingFile):
		return sub, sub.readText(sub.Text, b.TenderLimits())
	case err != nil:
		return sub, &firstset.Error{Code: firstset.EBADREQUEST, Field: "file", Message: "上传的文件无法读取。", Err: err}
	}
	defer file.Close()
	data, err := io.ReadAll(file)
	if err != nil {
		return sub, &firstset.Error{Code: firstset.EBADREQUEST, Field: "file", Message: "上传的文件无法读取。", Err: err}
	}
	if len(data) == 0 && header.Filename == "" {
		// A browser sends an empty part when no file was chosen.
		return sub, sub.readText(sub.Text, b.TenderLimits())
	}
	if strings.TrimSpace(sub.Text) != "" {
		return sub, firstset.FieldErrorf("text", firstset.EINVALID, "请上传文件或粘贴文本，二者选其一。")
	}
	sub.Name = path.Base(strings.ReplaceAll(header.Filename, `\`, "/"))
	return sub, sub.readFile(r.Context(), data, b.TenderLimits())
}

// CheckInput is what the checker is asked about the submission.
func (sub *TenderSubmission) CheckInput() firstset.TenderCheckInput {
	return firstset.TenderCheckInput{Lines: sub.Lines, ProductID: sub.ProductID, Insured: sub.Insured,
		Paragraphs: sub.Format == extract.DOCX}
}

// TenderLimits bound what reading one document may cost: its text is
// held to the upload limit, whatever the file's encoding or compression.
func (b *Base) TenderLimits() extract.Limits {
	return extract.Limits{TextBytes: b.MaxUploadBytes}
}

func (sub *TenderSubmission) readText(text string, lim extract.Limits) error {
	if strings.TrimSpace(text) == "" {
		return firstset.FieldErrorf("text", "required", "请上传招标文件或粘贴其文本。")
	}
	// Pasted text is a form field, not a file: a control character in it
	// is named as such, not called a binary file.
	if prob := plaintext.Check(text, plaintext.MultiLine); prob != nil {
		msg := prob.Message("粘贴的文本")
		return &firstset.Error{Code: firstset.EINVALID, Field: "text", Message: msg,
			Fields: []firstset.FieldError{{Field: "text", Code: plaintext.Code, Message: msg}}}
	}
	lines, err := lim.Text([]byte(text))
	if err != nil {
		return DocumentError("text", err)
	}
	sub.Format, sub.Lines = extract.TXT, lines
	return nil
}

// readFile checks that the content is what the extension says before the
// extractor reads it: a renamed image is refused with the reason, a
// renamed PDF is read as the PDF it is, not as garbled text.
func (sub *TenderSubmission) readFile(ctx context.Context, data []byte, lim extract.Limits) error {
	ext := strings.ToLower(path.Ext(sub.Name))
	sniffed := http.DetectContentType(data)
	if bytes.HasPrefix(data, []byte("%PDF-")) && ext != ".pdf" {
		ext = ".pdf"
	}
	switch {
	case ext == ".docx" && sniffed != "application/zip":
		return &firstset.Error{Code: firstset.EUNSUPPORTED, Field: "file", Message: fmt.Sprintf(
			"文件扩展名为 .docx，但内容不是 Word 文档（识别为 %s）。", sniffed)}
	case (ext == ".txt" || ext == ".text" || ext == ".html" || ext == ".htm" || ext == ".xhtml") &&
		!strings.HasPrefix(sniffed, "text/") && sniffed != "application/octet-stream":
		// A known signature (an image, an archive); bytes of no known
		// kind are left to the extractor, which tells binary from text
		// over the whole file (a vertical tab from Word is text).
		return &firstset.Error{Code: firstset.EUNSUPPORTED, Field: "file", Message: fmt.Sprintf(
			"文件扩展名为 %s，但内容不是文本（识别为 %s）。", ext, sniffed)}
	}
	doc, err := lim.BytesContext(ctx, "document"+ext, data)
	if errors.Is(err, extract.ErrToolMissing) {
		// The server's fault, not the document's: 503, and the code says which tool.
		msg := extract.Message(err)
		return &firstset.Error{Code: firstset.EUNAVAILABLE, Field: "file", Message: msg, Err: err,
			Fields: []firstset.FieldError{{Field: "file", Code: extract.Code(err), Message: msg}}}
	}
	if err != nil {
		return DocumentError("file", err)
	}
	if !slices.ContainsFunc(doc.Lines, func(l string) bool { return strings.TrimSpace(l) != "" }) {
		return firstset.FieldErrorf("file", "empty", "文件中没有可检查的文字。")
	}
	sub.Format, sub.Lines = doc.Format, doc.Lines
	return nil
}
