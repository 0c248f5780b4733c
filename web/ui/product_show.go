package ui

import (
	"net/http"
	"net/url"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

type productShowPage struct {
	Product *firstset.Product
	// CanEdit and CanDelete offer the edit and delete buttons, by the
	// service's own rules (firstset.CanEditProduct, CanDeleteProduct); the
	// service still decides when they are pressed.
	CanEdit      bool
	CanDelete    bool
	CanRecognise bool
	// EnterpriseLink links the maker's profile, for viewers who may read it.
	EnterpriseLink bool
	// Certificate is the current certificate of a product ever recognised;
	// VerifyURL its public verification; CanDownload offers the PDF.
	Certificate *firstset.Certificate
	VerifyURL   string
	CanDownload bool
	History     []*firstset.ProductEvent
	// Honours are its people honoured at launch events (never their ID).
	Honours []firstset.Honour
	// CanAdjust shows the adjustment form (动态调整) to the city's reviewers.
	CanAdjust bool
	Actions   []firstset.AdjustmentAction
	Posted    url.Values
	Errors    forms.Errors
}

// handleProductShow shows one product. The public sees products ever
// recognised only: the service answers not_found for anything else, as
// for a product that does not exist.
func (s *Handler) handleProductShow(w http.ResponseWriter, r *http.Request) {
	p, ok := httpx.LoadByID(s.Base, w, r, nil, s.Products.FindProductByID)
	if !ok {
		return
	}
	s.renderProduct(w, r, http.StatusOK, p, nil, forms.Errors{})
}

func (s *Handler) renderProduct(w http.ResponseWriter, r *http.Request, status int, p *firstset.Product, posted url.Values, errs forms.Errors) {
	actor := httpx.ActorOf(r)
	page := productShowPage{
		Product:      p,
		CanEdit:      firstset.CanEditProduct(actor, p),
		CanDelete:    firstset.CanDeleteProduct(actor, p),
		CanRecognise: firstset.CanSetRecognition(actor),
		EnterpriseLink: firstset.CanSeeEnterprise(actor,
			&firstset.Enterprise{ID: p.EnterpriseID, DistrictCode: p.DistrictCode}),
		Actions: adjustmentsFor(p),
		Posted:  posted,
		Errors:  errs,
	}
	if p.EverRecognised() {
		page.CanAdjust = firstset.CheckAdjustCatalog(actor) == nil
		if c, err := s.Certificates.ProductCertificate(r.Context(), p.ID); err == nil {
			page.Certificate = c
			page.VerifyURL = httpx.VerifyPath(c.Token)
			page.CanDownload = firstset.CheckReadCertificatePDF(actor, p.EnterpriseID) == nil && s.Certificates.CertificatePDFAvailable()
		} else if firstset.ErrorCode(err) != firstset.ENOTFOUND {
			s.ServeError(w, r, err)
			return
		}
		h, err := s.Lifecycle.ProductHistory(r.Context(), p.ID)
		if err != nil {
			s.ServeError(w, r, err)
			return
		}
		page.History = h
		if page.Honours, err = s.Launch.ProductHonours(r.Context(), p.ID); err != nil {
			s.ServeError(w, r, err)
			return
		}
	}
	s.render(w, r, status, "product_show", p.Name, page)
}

// adjustmentsFor are the adjustments the form offers for p's state: a
// revoked recognition is restored, any other revoked; either re-dated.
func adjustmentsFor(p *firstset.Product) []firstset.AdjustmentAction {
	if p.Status == firstset.StatusRevoked {
		return []firstset.AdjustmentAction{firstset.AdjustRestore, firstset.AdjustSetValidUntil}
	}
	return []firstset.AdjustmentAction{firstset.AdjustRevoke, firstset.AdjustSetValidUntil}
}
