package ui

import (
	"net/http"
	"net/url"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// procurementForm is the purchase form, for a new record and for one
// being brought up to date.
type procurementForm struct {
	Record   *firstset.Procurement // nil when new
	Editable bool
	Products []firstset.CatalogItem
	ProductQ string
	Values   url.Values
	Errors   forms.Errors
}

// handleProcurementNew shows the form recording a purchase;
// ?product_q= narrows the catalog products offered.
func (s *Handler) handleProcurementNew(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckRecordProcurement(httpx.ActorOf(r))) {
		return
	}
	s.renderProcurementForm(w, r, http.StatusOK, procurementForm{Editable: true, Values: url.Values{}})
}

func (s *Handler) renderProcurementForm(w http.ResponseWriter, r *http.Request, status int, f procurementForm) {
	if f.Editable && s.Tender != nil {
		q := httpx.NewQueryReader(r)
		f.ProductQ = q.Text("product_q", "装备查找", firstset.MaxListQuery)
		if err := q.Err(); err != nil {
			s.ServeError(w, r, err)
			return
		}
		list, err := s.Tender.TenderProducts(r.Context(), f.ProductQ, 300)
		if err != nil {
			s.ServeError(w, r, err)
			return
		}
		f.Products = list
	}
	title := "登记采购记录"
	if f.Record != nil {
		title = "采购记录：" + f.Record.ProjectName
	}
	s.render(w, r, status, "procurement_form", title, f)
}
