package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

type launchShowPage struct {
	Event *firstset.LaunchEvent
	// Plan shows the confirm buttons; Enter the form naming people, for
	// the products in Products (an enterprise's own).
	Plan     bool
	Enter    bool
	Products []*firstset.LaunchProduct
	Posted   caseForm
	// PDFs offers the downloads, when this server can lay PDFs out.
	PDFs bool
}

func (s *Handler) handleLaunchShow(w http.ResponseWriter, r *http.Request) {
	e, ok := httpx.LoadByID(s.Base, w, r, nil, s.Launch.FindLaunchEventByID)
	if !ok {
		return
	}
	s.renderLaunch(w, r, http.StatusOK, e, caseForm{})
}

func (s *Handler) renderLaunch(w http.ResponseWriter, r *http.Request, status int, e *firstset.LaunchEvent, posted caseForm) {
	a := httpx.ActorOf(r)
	page := launchShowPage{Event: e, Plan: firstset.CanPlanLaunch(a), Posted: posted,
		PDFs: s.Certificates.CertificatePDFAvailable()}
	for _, p := range e.Products {
		if firstset.CheckEnterHonoree(a, p.EnterpriseID) == nil {
			page.Products = append(page.Products, p)
		}
	}
	page.Enter = len(page.Products) > 0 && a.Allows(firstset.ScopeProductsWrite)
	s.render(w, r, status, "launch_show", e.HeldOn.Chinese()+"新产品发布会", page)
}
