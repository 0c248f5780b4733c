package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleProductAdjust revokes, restores or re-dates a recognition from
// the product page, after the confirmation; a refusal shows the form again
// with what was typed.
func (s *Handler) handleProductAdjust(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckAdjustCatalog(httpx.ActorOf(r))) {
		return
	}
	p, ok := httpx.LoadByID(s.Base, w, r, nil, s.Products.FindProductByID)
	if !ok {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := forms.AdjustmentFrom(r.PostForm, &problems)
	err := problems.Err()
	if err == nil {
		_, err = s.Lifecycle.AdjustProduct(r.Context(), p.ID, in)
	}
	if forms.IsFormError(err) || firstset.ErrorCode(err) == firstset.EWRONGSTAGE {
		s.renderProduct(w, r, httpx.HTTPStatus(firstset.ErrorCode(err)), p, r.PostForm, forms.NewErrors(err, forms.AdjustmentFields...))
		return
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/products/"+httpx.Itoa(p.ID), "已"+in.Action.Label()+"，并记入该装备的目录记录。")
}

// handleProductCertificate downloads the certificate PDF.
func (s *Handler) handleProductCertificate(w http.ResponseWriter, r *http.Request) {
	httpx.ServeCertificatePDF(s.Base, w, r)
}
