package web

import (
	"net/http"
	"strings"

	"firstset"
)

// tenderFields are the checker form's inputs, for errors shown beside them.
var tenderFields = []string{"file", "text", "product_id"}

// handleTenderForm shows the tender checker's form. ?product_q= narrows
// the product select, so a product can be found without scripts.
func (s *Server) handleTenderForm(w http.ResponseWriter, r *http.Request) {
	if !s.authorizeTenderPage(w, r) {
		return
	}
	page := &tenderPage{ProductQuery: strings.TrimSpace(r.URL.Query().Get("product_q"))}
	if err := s.fillProductChoices(r, page); err != nil && !isFormError(err) {
		s.serveError(w, r, err)
		return
	} else if err != nil {
		page.Errors = newFormErrors(err, "product_q")
	}
	s.renderTenderPage(w, r, http.StatusOK, page)
}

// handleTenderCheck checks an uploaded or pasted document and shows it
// with its findings marked.
func (s *Server) handleTenderCheck(w http.ResponseWriter, r *http.Request) {
	if !s.authorizeTenderPage(w, r) {
		return
	}
	sub, err := s.readTenderSubmission(r)
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	var page tenderPage
	if sub != nil {
		page.Text, page.ProductID, page.Insured = sub.Text, sub.ProductID, sub.Insured
	}
	if err == nil {
		rep, cerr := s.opts.Tender.CheckTender(r.Context(), firstset.TenderCheckInput{
			Lines: sub.Lines, ProductID: sub.ProductID, Insured: sub.Insured})
		if cerr == nil {
			page.Result = newTenderResult(sub, rep)
		}
		err = cerr
	}
	if err != nil && !isTenderInputError(err) {
		s.serveError(w, r, err)
		return
	}
	status := http.StatusOK
	if err != nil {
		status = httpStatus(firstset.ErrorCode(err))
		page.Errors = newFormErrors(err, tenderFields...)
	}
	if cerr := s.fillProductChoices(r, &page); cerr != nil && !isFormError(cerr) {
		s.serveError(w, r, cerr)
		return
	}
	s.renderTenderPage(w, r, status, &page)
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

func (s *Server) authorizeTenderPage(w http.ResponseWriter, r *http.Request) bool {
	if s.opts.Tender == nil {
		s.handleNotFound(w, r)
		return false
	}
	if err := s.opts.Tender.AuthorizeTenderCheck(r.Context()); err != nil {
		s.serveError(w, r, err)
		return false
	}
	return true
}

// maxProductChoices is how many catalog products the select offers; a
// search narrows it.
const maxProductChoices = 50

// fillProductChoices lists catalog products for the select, keeping the
// chosen one even when the search does not find it.
func (s *Server) fillProductChoices(r *http.Request, page *tenderPage) error {
	res, err := s.opts.Products.SearchCatalog(r.Context(), firstset.CatalogQuery{Query: page.ProductQuery, Limit: maxProductChoices})
	if err != nil {
		return err
	}
	page.ProductChoices = res.Items
	if page.ProductID == 0 {
		return nil
	}
	for _, it := range page.ProductChoices {
		if it.ID == page.ProductID {
			return nil
		}
	}
	p, err := s.opts.Products.FindProductByID(r.Context(), page.ProductID)
	if err != nil || p.Status != firstset.StatusRecognised {
		return nil // the check itself says why the product is refused
	}
	page.ProductChoices = append([]firstset.CatalogItem{{ID: p.ID, Name: p.Name, Model: p.Model,
		Enterprise: p.EnterpriseName}}, page.ProductChoices...)
	return nil
}

func (s *Server) renderTenderPage(w http.ResponseWriter, r *http.Request, status int, page *tenderPage) {
	page.MaxUpload = formatBytes(s.opts.MaxUploadBytes)
	s.render(w, r, status, "tender", "招标文件检查", page)
}
