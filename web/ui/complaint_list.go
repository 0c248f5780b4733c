package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

type complaintListPage struct {
	Complaints []*firstset.Complaint
	Total      int
	Status     string
	Open       bool
	Statuses   []firstset.ComplaintStatus
	// File is set for those who may file: an enterprise (its recognised
	// products to choose from) or the supervisor (catalog products found
	// by ProductQ, and the buyers on the platform).
	File       bool
	Supervisor bool
	Products   []complaintProduct
	ProductQ   string
	Buyers     []*firstset.Buyer
	Posted     caseForm
}

// complaintProduct is a product a complaint may be about.
type complaintProduct struct {
	ID                      int64
	Name, Model, Enterprise string
}

// handleComplaintList lists the complaints the viewer may see; makers and
// the supervisor also file one here.
func (s *Handler) handleComplaintList(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckListComplaints(httpx.ActorOf(r))) {
		return
	}
	s.renderComplaints(w, r, http.StatusOK, caseForm{})
}

func (s *Handler) renderComplaints(w http.ResponseWriter, r *http.Request, status int, posted caseForm) {
	a := httpx.ActorOf(r)
	q := httpx.NewQueryReader(r)
	f := q.ComplaintFilter()
	productQ := q.Text("product_q", "装备查找", firstset.MaxListQuery)
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Complaints.FindComplaints(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	p := complaintListPage{Complaints: list, Total: total, Status: string(f.Status), Open: f.Open, Statuses: firstset.ComplaintStatuses,
		File: firstset.CanFileComplaint(a), Supervisor: firstset.CanHandleComplaint(a), ProductQ: productQ, Posted: posted}
	switch {
	case p.Supervisor:
		items, err := s.Tender.TenderProducts(r.Context(), productQ, 300)
		if err != nil {
			s.ServeError(w, r, err)
			return
		}
		for _, it := range items {
			p.Products = append(p.Products, complaintProduct{it.ID, it.Name, it.Model, it.Enterprise})
		}
		if p.Buyers, _, err = s.Buyers.FindBuyers(r.Context(), firstset.BuyerFilter{Limit: 500}); err != nil {
			s.ServeError(w, r, err)
			return
		}
	case p.File:
		own, _, err := s.Products.FindProducts(r.Context(), firstset.ProductFilter{EnterpriseID: a.User.EnterpriseID,
			Status: firstset.StatusRecognised, Limit: 500})
		if err != nil {
			s.ServeError(w, r, err)
			return
		}
		for _, x := range own {
			p.Products = append(p.Products, complaintProduct{x.ID, x.Name, x.Model, x.EnterpriseName})
		}
	}
	s.render(w, r, status, "complaint_list", "招标投诉", p)
}
