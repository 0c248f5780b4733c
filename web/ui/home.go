package ui

import (
	"context"
	"fmt"
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// homePublic is the public's home: catalog search and recent recognitions.
type homePublic struct {
	Categories []firstset.Category
	Recent     []firstset.CatalogItem
	Total      int
}

// homeEnterprise is an enterprise user's home: its profile and its
// products, counted by where each stands.
type homeEnterprise struct {
	Enterprise   *firstset.Enterprise
	CanEdit      bool // the profile, by firstset.CanEditEnterprise
	StatusCounts []statusCount
	Products     []*firstset.Product
	Total        int
	Tender       bool // the tender checker is open to the viewer
	// Work is the viewer's cases (办件), for those who take part.
	Work caseWork
	// Offers are the subsidies offered from insurers' data waiting for
	// the enterprise's confirmation (免申即享).
	Offers []*firstset.SubsidyOffer
}

// homeDistrict is a district office's home: its district's products
// awaiting review and its enterprises.
type homeDistrict struct {
	District        string
	StatusCounts    []statusCount
	Declared        []*firstset.Product
	DeclaredTotal   int
	EnterpriseCount int
	// Work is the viewer's cases (办件), for those who take part.
	Work caseWork
	// Todos are what waits for the viewer in the market's workflows.
	Todos []todo
}

// homeReview is the home of those who recognise products (reviewers,
// administrators): the declarations awaiting recognition first.
type homeReview struct {
	StatusCounts    []statusCount
	Declared        []*firstset.Product
	DeclaredTotal   int
	EnterpriseCount int
	UserCount       int
	Tender          bool
	// Work is the viewer's cases (办件), for those who take part.
	Work caseWork
	// Todos are what waits for the viewer in the market's workflows.
	Todos []todo
}

// homeCatalog is the home of everyone who works from the published
// catalog (buyers, experts, insurers, and the city departments that read
// it): the search, the catalog's counts and recent recognitions.
type homeCatalog struct {
	Categories []firstset.Category
	Recent     []firstset.CatalogItem
	// CatalogCounts are the catalog's recognised, expired and revoked
	// products, for viewers who may filter the catalog by status; the
	// others see the recognised total alone.
	CatalogCounts   []statusCount
	Total           int
	EnterpriseCount int
	ShowEnterprises bool
	Tender          bool
	// Work is the viewer's cases (办件), for those who take part.
	Work caseWork
	// Todos are what waits for the viewer in the market's workflows.
	Todos []todo
}

// todo is one line of a home page's to-do panel outside the cases: what
// waits for the viewer in the market's workflows, and how much of it is
// past its time limit.
type todo struct {
	Label, Href    string
	Count, Overdue int
}

// todos lists what waits for the viewer in the market's workflows: the
// tender supervisor's open complaints, the insurer's open claims and the
// reviewer's overdue ones, the exemption requests its regulator decides,
// the financing requests a lender has yet to answer, the honorees the
// reviewer confirms. Lines with
// nothing waiting are left out.
func (s *Handler) todos(ctx context.Context, actor *firstset.Actor) ([]todo, error) {
	var out []todo
	if s.Complaints != nil && firstset.CanHandleComplaint(actor) {
		list, total, err := s.Complaints.FindComplaints(ctx, firstset.ComplaintFilter{Open: true, Limit: 500})
		if err != nil {
			return nil, err
		}
		out = append(out, todo{Label: "招标投诉待受理、处理中", Href: "/complaints?open=1", Count: total,
			Overdue: countWhere(list, func(c *firstset.Complaint) bool { return c.Overdue })})
	}
	if s.Claims != nil && (actor.Role() == firstset.RoleInsurer || actor.Role() == firstset.RoleReviewer) && firstset.CanListClaims(actor) {
		// An insurer works through its open claims; the reviewer watches
		// the fast track's limits, so sees the overdue ones.
		f := firstset.ClaimCaseFilter{Open: true, Limit: 500}
		label, href := "保险理赔待办理", "/claims?open=1"
		if actor.Role() == firstset.RoleReviewer {
			f, label, href = firstset.ClaimCaseFilter{Overdue: true, Limit: 500}, "保险理赔超过快速通道时限", "/claims?overdue=1"
		}
		list, total, err := s.Claims.FindClaims(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, todo{Label: label, Href: href, Count: total,
			Overdue: countWhere(list, func(c *firstset.ClaimCase) bool { return c.Overdue })})
	}
	if s.Exemptions != nil && firstset.CanListExemptions(actor) && actor.Role() != firstset.RoleBuyer {
		list, _, err := s.Exemptions.FindExemptions(ctx, firstset.ExemptionFilter{Status: firstset.ExemptionSubmitted, Limit: 500})
		if err != nil {
			return nil, err
		}
		n := countWhere(list, func(e *firstset.Exemption) bool { return firstset.CanDecideExemption(actor, e) })
		out = append(out, todo{Label: "容错免责申请待认定", Href: "/exemptions?status=submitted", Count: n})
	}
	if s.Financing != nil && actor.Role() == firstset.RoleInsurer && firstset.CanListFinancing(actor) {
		_, n, err := s.Financing.FindFinancingRequests(ctx, firstset.FinancingFilter{Awaiting: true, Limit: 1})
		if err != nil {
			return nil, err
		}
		out = append(out, todo{Label: "融资需求待答复", Href: "/financing?awaiting=1", Count: n})
	}
	if s.Launch != nil && firstset.CanPlanLaunch(actor) {
		events, err := s.Launch.FindLaunchEvents(ctx)
		if err != nil {
			return nil, err
		}
		for _, e := range events {
			full, err := s.Launch.FindLaunchEventByID(ctx, e.ID)
			if err != nil {
				return nil, err
			}
			if n := countWhere(full.Honorees, func(h *firstset.Honoree) bool { return h.Status == firstset.HonoreePending }); n > 0 {
				out = append(out, todo{Label: fmt.Sprintf("%d年发布会主要研发人员待确认", e.Year),
					Href: fmt.Sprintf("/launch-events/%d#honorees", e.ID), Count: n})
			}
		}
	}
	kept := out[:0]
	for _, t := range out {
		if t.Count > 0 {
			kept = append(kept, t)
		}
	}
	return kept, nil
}

// caseWork is the case workflow's panel of a home page: how many cases
// wait for the viewer (待办), how many of them are overdue.
type caseWork struct {
	Show    bool
	Waiting int
	Overdue int
	// Declare invites an enterprise to the open rounds.
	Declare bool
}

// caseWork counts the cases waiting for the viewer.
func (s *Handler) caseWork(ctx context.Context, actor *firstset.Actor) (caseWork, error) {
	if s.Cases == nil || !seesCases(actor) {
		return caseWork{}, nil
	}
	w := caseWork{Show: true, Declare: actor.Role() == firstset.RoleEnterprise}
	list, total, err := s.Cases.Cases(ctx, firstset.CaseFilter{Waiting: true, Limit: 100})
	if err != nil {
		return w, err
	}
	w.Waiting, w.Overdue = total, countWhere(list, func(c *firstset.CaseView) bool { return c.Overdue })
	return w, nil
}

// countWhere counts the items of list for which is holds.
func countWhere[T any](list []T, is func(T) bool) int {
	n := 0
	for _, x := range list {
		if is(x) {
			n++
		}
	}
	return n
}

type statusCount struct {
	Status firstset.ProductStatus
	Count  int
}

// homeTitle is every logged-in home's title.
const homeTitle = "工作台"

// handleHome shows each role a page about its own work, with counts only
// of what it may see.
func (s *Handler) handleHome(w http.ResponseWriter, r *http.Request) {
	actor := httpx.ActorOf(r)
	var (
		name string
		data any
		err  error
	)
	switch {
	case actor.IsPublic():
		name = "home_public"
		data, err = s.homePublic(r.Context())
	case firstset.ProductReachOf(actor) == firstset.ReachEnterprise:
		name = "home_enterprise"
		data, err = s.homeEnterprise(r.Context(), actor)
	case firstset.ProductReachOf(actor) == firstset.ReachDistrict:
		name = "home_district"
		data, err = s.homeDistrict(r.Context(), actor)
	case firstset.CanSetRecognition(actor):
		name = "home_review"
		data, err = s.homeReview(r.Context(), actor)
	default:
		name = "home_catalog"
		data, err = s.homeCatalog(r.Context(), actor)
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	title := homeTitle
	if actor.IsPublic() {
		title = "首页"
	}
	s.render(w, r, http.StatusOK, name, title, data)
}

func (s *Handler) homePublic(ctx context.Context) (homePublic, error) {
	cats, err := s.Products.Categories(ctx)
	if err != nil {
		return homePublic{}, err
	}
	page, err := s.Products.SearchCatalog(ctx, firstset.CatalogQuery{Limit: 10})
	if err != nil {
		return homePublic{}, err
	}
	return homePublic{Categories: cats, Recent: page.Items, Total: page.Total}, nil
}

func (s *Handler) homeEnterprise(ctx context.Context, actor *firstset.Actor) (homeEnterprise, error) {
	var d homeEnterprise
	if id, _ := firstset.ProductEnterpriseFixed(actor); id != 0 {
		e, err := s.Enterprises.FindEnterpriseByID(ctx, id)
		if err != nil {
			return d, err
		}
		d.Enterprise, d.CanEdit = e, firstset.CanEditEnterprise(actor, e)
	}
	var err error
	if d.StatusCounts, err = s.productCounts(ctx, firstset.ProductStatuses); err != nil {
		return d, err
	}
	if d.Products, d.Total, err = s.Products.FindProducts(ctx, firstset.ProductFilter{Limit: 20}); err != nil {
		return d, err
	}
	d.Tender = s.opensTender(ctx)
	if s.Insurance != nil && actor.Allows(firstset.ScopeCasesRead) {
		if d.Offers, _, err = s.Insurance.Offers(ctx, firstset.OfferFilter{State: firstset.OfferOffered, Limit: 20}); err != nil {
			return d, err
		}
	}
	d.Work, err = s.caseWork(ctx, actor)
	return d, err
}

func (s *Handler) homeDistrict(ctx context.Context, actor *firstset.Actor) (homeDistrict, error) {
	d := homeDistrict{District: DistrictName(actor.User.DistrictCode)}
	var err error
	if d.StatusCounts, err = s.productCounts(ctx, firstset.ProductStatuses); err != nil {
		return d, err
	}
	if d.Declared, d.DeclaredTotal, err = s.Products.FindProducts(ctx,
		firstset.ProductFilter{Status: firstset.StatusDeclared, Limit: 20}); err != nil {
		return d, err
	}
	if _, d.EnterpriseCount, err = s.Enterprises.FindEnterprises(ctx, firstset.EnterpriseFilter{Limit: 1}); err != nil {
		return d, err
	}
	if d.Todos, err = s.todos(ctx, actor); err != nil {
		return d, err
	}
	d.Work, err = s.caseWork(ctx, actor)
	return d, err
}

func (s *Handler) homeReview(ctx context.Context, actor *firstset.Actor) (homeReview, error) {
	var d homeReview
	var err error
	if d.StatusCounts, err = s.productCounts(ctx, firstset.ProductStatuses); err != nil {
		return d, err
	}
	if d.Declared, d.DeclaredTotal, err = s.Products.FindProducts(ctx,
		firstset.ProductFilter{Status: firstset.StatusDeclared, Limit: 20}); err != nil {
		return d, err
	}
	if firstset.CanListEnterprises(actor) {
		if _, d.EnterpriseCount, err = s.Enterprises.FindEnterprises(ctx, firstset.EnterpriseFilter{Limit: 1}); err != nil {
			return d, err
		}
	}
	if firstset.CanManageUsers(actor) {
		if _, d.UserCount, err = s.Users.FindUsers(ctx, firstset.UserFilter{Limit: 1}); err != nil {
			return d, err
		}
	}
	d.Tender = s.opensTender(ctx)
	if d.Todos, err = s.todos(ctx, actor); err != nil {
		return d, err
	}
	d.Work, err = s.caseWork(ctx, actor)
	return d, err
}

// catalogStatuses are the statuses of products that entered the catalog.
var catalogStatuses = []firstset.ProductStatus{firstset.StatusRecognised, firstset.StatusExpired, firstset.StatusRevoked}

func (s *Handler) homeCatalog(ctx context.Context, actor *firstset.Actor) (homeCatalog, error) {
	var d homeCatalog
	cats, err := s.Products.Categories(ctx)
	if err != nil {
		return d, err
	}
	d.Categories = cats
	// The catalog's own order, recognised products only, whatever else the
	// viewer may read.
	page, err := s.Products.SearchCatalog(ctx, firstset.CatalogQuery{Status: firstset.StatusRecognised, Limit: 10})
	if err != nil {
		return d, err
	}
	d.Recent, d.Total = page.Items, page.Total
	if firstset.CanFilterCatalogByStatus(actor) {
		for _, st := range catalogStatuses {
			n := page.Total
			if st != firstset.StatusRecognised {
				res, err := s.Products.SearchCatalog(ctx, firstset.CatalogQuery{Status: st, Limit: 1})
				if err != nil {
					return d, err
				}
				n = res.Total
			}
			d.CatalogCounts = append(d.CatalogCounts, statusCount{Status: st, Count: n})
		}
	}
	if firstset.CanListEnterprises(actor) {
		if _, d.EnterpriseCount, err = s.Enterprises.FindEnterprises(ctx, firstset.EnterpriseFilter{Limit: 1}); err != nil {
			return d, err
		}
		d.ShowEnterprises = true
	}
	d.Tender = s.opensTender(ctx)
	if d.Todos, err = s.todos(ctx, actor); err != nil {
		return d, err
	}
	d.Work, err = s.caseWork(ctx, actor)
	return d, err
}

// productCounts counts the viewer's products of each status, as the
// product list filtered by that status would.
func (s *Handler) productCounts(ctx context.Context, statuses []firstset.ProductStatus) ([]statusCount, error) {
	out := make([]statusCount, 0, len(statuses))
	for _, st := range statuses {
		_, n, err := s.Products.FindProducts(ctx, firstset.ProductFilter{Status: st, Limit: 1})
		if err != nil {
			return nil, err
		}
		out = append(out, statusCount{Status: st, Count: n})
	}
	return out, nil
}

// opensTender reports whether the tender checker is open to the viewer,
// by the service's rule.
func (s *Handler) opensTender(ctx context.Context) bool {
	return s.Tender != nil && firstset.CanCheckTenders(firstset.ActorFromContext(ctx))
}
