package ui

import (
	"net/http"
	"slices"
	"strings"

	"firstset"
	"firstset/tender/extract"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// tenderFields are the checker form's inputs, for errors shown beside them.
var tenderFields = []string{"file", "text", "product_id", "product_q"}

// handleTenderForm shows the tender checker's form. ?product_q= narrows
// the product select, so a product can be found without scripts.
func (s *Handler) handleTenderForm(w http.ResponseWriter, r *http.Request) {
	if !s.authorizeTenderPage(w, r) {
		return
	}
	page := &tenderPage{ProductQuery: strings.TrimSpace(r.URL.Query().Get("product_q"))}
	if !s.fillProductChoices(w, r, page) {
		return
	}
	s.renderTenderPage(w, r, http.StatusOK, page)
}

// handleTenderCheck checks an uploaded or pasted document and shows it
// with its findings marked. The product search is a second button of the
// same form, so that searching keeps what was pasted and chosen: it posts
// the form with product_search set, and nothing is checked.
func (s *Handler) handleTenderCheck(w http.ResponseWriter, r *http.Request) {
	if !s.authorizeTenderPage(w, r) {
		return
	}
	var (
		sub *httpx.TenderSubmission
		err error
	)
	if httpx.MediaType(r.Header.Get("Content-Type")) == "multipart/form-data" {
		err = s.ParsePostedForm(r)
		if err == nil && r.PostForm.Get("product_search") != "" {
			s.handleTenderProductSearch(w, r)
			return
		}
	}
	if err == nil {
		sub, err = s.ReadTenderSubmission(r)
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	page := tenderPage{ProductQuery: strings.TrimSpace(r.PostForm.Get("product_q"))}
	if sub != nil {
		page.Text, page.ProductID, page.Insured = sub.Text, sub.ProductID, sub.Insured
	}
	if err == nil {
		rep, cerr := s.Tender.CheckTender(r.Context(), sub.CheckInput())
		if cerr == nil {
			page.Result, cerr = newTenderResult(sub, rep)
		}
		err = cerr
	}
	if err != nil && !isTenderInputError(err) {
		s.ServeError(w, r, err)
		return
	}
	status := http.StatusOK
	if err != nil {
		status = httpx.ErrorStatus(err)
		page.Errors = forms.NewErrors(err, tenderFields...)
	}
	if !s.fillProductChoices(w, r, &page) {
		return
	}
	s.renderTenderPage(w, r, status, &page)
}

// handleTenderProductSearch shows the form again with the products that
// match, keeping the pasted text, the chosen product and the insurance
// tick; a chosen file cannot be put back, and the page says so.
func (s *Handler) handleTenderProductSearch(w http.ResponseWriter, r *http.Request) {
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	page := tenderPage{
		Text:         r.PostForm.Get("text"),
		ProductQuery: strings.TrimSpace(r.PostForm.Get("product_q")),
	}
	var problems firstset.Problems
	page.Insured = httpx.FormFlag(r.PostForm, "insured", &problems, "是否投保")
	page.ProductID = httpx.FormInt(r.PostForm, "product_id", &problems, "装备编号")
	if err := problems.Err(); err != nil {
		page.Errors = forms.NewErrors(err, tenderFields...)
	}
	if f := r.MultipartForm; f != nil && len(f.File["file"]) > 0 && f.File["file"][0].Filename != "" {
		page.FileDropped = true
	}
	if !s.fillProductChoices(w, r, &page) {
		return
	}
	s.renderTenderPage(w, r, http.StatusOK, &page)
}

// isTenderInputError tells a problem with the submitted document, shown on
// the form, from a reason to leave the page.
func isTenderInputError(err error) bool {
	switch firstset.ErrorCode(err) {
	case firstset.EINVALID, firstset.EUNSUPPORTED, firstset.ETOOLARGE, firstset.EBADREQUEST:
		return true
	}
	return false
}

func (s *Handler) authorizeTenderPage(w http.ResponseWriter, r *http.Request) bool {
	if s.Tender == nil {
		s.handleNotFound(w, r)
		return false
	}
	if err := s.Tender.AuthorizeTenderCheck(r.Context()); err != nil {
		s.ServeError(w, r, err)
		return false
	}
	return true
}

// maxProductChoices is how many catalog products the select offers; a
// search narrows it.
const maxProductChoices = 50

// fillProductChoices lists the products a check may name (recognised and
// in force: TenderProducts), keeping the chosen one even when the search
// does not find it. A bad search is shown beside its field; it reports
// false when it has answered the request itself.
func (s *Handler) fillProductChoices(w http.ResponseWriter, r *http.Request, page *tenderPage) bool {
	items, err := s.Tender.TenderProducts(r.Context(), page.ProductQuery, maxProductChoices)
	if forms.IsFormError(err) {
		if !page.Errors.Any() {
			page.Errors = forms.NewErrors(err, "product_q")
		}
		items, err = s.Tender.TenderProducts(r.Context(), "", maxProductChoices)
	}
	if err != nil {
		s.ServeError(w, r, err)
		return false
	}
	page.ProductChoices = items
	if page.ProductID == 0 || slices.ContainsFunc(items, func(it firstset.CatalogItem) bool { return it.ID == page.ProductID }) {
		return true
	}
	p, err := s.Products.FindProductByID(r.Context(), page.ProductID)
	if err != nil || p.Status != firstset.StatusRecognised {
		return true // the check itself says why the product is refused
	}
	page.ProductChoices = append([]firstset.CatalogItem{{ID: p.ID, Name: p.Name, Model: p.Model,
		Enterprise: p.EnterpriseName}}, page.ProductChoices...)
	return true
}

func (s *Handler) renderTenderPage(w http.ResponseWriter, r *http.Request, status int, page *tenderPage) {
	page.MaxUpload = extract.SizeText(s.MaxUploadBytes)
	s.render(w, r, status, "tender", "招标文件检查", page)
}
