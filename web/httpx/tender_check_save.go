package httpx

import (
	"net/http"
	"strings"

	"firstset"
)

// Paths where a buyer saves a checked tender document, which may be an
// upload.
const (
	TenderChecksPagePath = "/tender-checks"
	TenderChecksAPIPath  = "/api/v1/tender-checks"
)

// ReadTenderCheckSave reads a document a buyer saves with its check: a
// multipart form (file "file" or field "text", with "title",
// "procurement_id", "product_id", "insured"), a page's plain form, or on
// the API a JSON object. The caller removes r.MultipartForm's files.
func (b *Base) ReadTenderCheckSave(r *http.Request) (firstset.TenderCheckSave, error) {
	var in firstset.TenderCheckSave
	switch MediaType(r.Header.Get("Content-Type")) {
	case "application/json":
		return in, b.DecodeJSON(r, &in)
	case "multipart/form-data":
		sub, err := b.ReadTenderSubmission(r)
		if sub != nil {
			in.Text, in.ProductID, in.Insured = strings.ReplaceAll(sub.Text, "\r\n", "\n"), sub.ProductID, sub.Insured
		}
		if r.PostForm != nil {
			in.Title = r.PostForm.Get("title")
		}
		if err != nil {
			return in, err
		}
		if sub.Name != "" {
			in.Lines, in.Paragraphs, in.FileName = sub.Lines, sub.CheckInput().Paragraphs, sub.Name
		}
	default:
		if err := b.ParsePostedForm(r); err != nil {
			return in, err
		}
		in.Title, in.Text = r.PostForm.Get("title"), strings.ReplaceAll(r.PostForm.Get("text"), "\r\n", "\n")
	}
	var problems firstset.Problems
	in.ProcurementID = FormInt(r.PostForm, "procurement_id", &problems, "采购记录")
	return in, problems.Err()
}
