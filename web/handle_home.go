package web

import (
	"net/http"

	"firstset"
)

// homeEnterprise is an enterprise user's home: its profile and products.
type homeEnterprise struct {
	Enterprise *firstset.Enterprise
	Products   []*firstset.Product
	Total      int
}

// homeStaff is everyone else's home: counts by status and shortcuts.
type homeStaff struct {
	StatusCounts    []statusCount
	EnterpriseCount int
	ShowEnterprises bool
	UserCount       int
	ShowUsers       bool
}

type statusCount struct {
	Status firstset.ProductStatus
	Count  int
}

// homePublic is the public's home: catalog search and recent recognitions.
type homePublic struct {
	Categories []firstset.Category
	Recent     []firstset.CatalogItem
	Total      int
}

// handleHome shows each role its own starting page.
func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	actor := actorOf(r)
	ctx := r.Context()
	switch {
	case actor.IsPublic():
		cats, err := s.opts.Products.Categories(ctx)
		if err != nil {
			s.serveError(w, r, err)
			return
		}
		page, err := s.opts.Products.SearchCatalog(ctx, firstset.CatalogQuery{Limit: 10})
		if err != nil {
			s.serveError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "home_public", "首页", homePublic{Categories: cats, Recent: page.Items, Total: page.Total})

	case actor.Role() == firstset.RoleEnterprise:
		data := homeEnterprise{}
		if id := actor.User.EnterpriseID; id != 0 {
			e, err := s.opts.Enterprises.FindEnterpriseByID(ctx, id)
			if err != nil {
				s.serveError(w, r, err)
				return
			}
			data.Enterprise = e
		}
		products, total, err := s.opts.Products.FindProducts(ctx, firstset.ProductFilter{Limit: 20})
		if err != nil {
			s.serveError(w, r, err)
			return
		}
		data.Products, data.Total = products, total
		s.render(w, r, http.StatusOK, "home_enterprise", "工作台", data)

	default:
		data := homeStaff{}
		for _, st := range firstset.ProductStatuses {
			_, n, err := s.opts.Products.FindProducts(ctx, firstset.ProductFilter{Status: st, Limit: 1})
			if err != nil {
				s.serveError(w, r, err)
				return
			}
			data.StatusCounts = append(data.StatusCounts, statusCount{Status: st, Count: n})
		}
		// Counts a role may not read are left off rather than failing the page.
		if _, n, err := s.opts.Enterprises.FindEnterprises(ctx, firstset.EnterpriseFilter{Limit: 1}); err == nil {
			data.EnterpriseCount, data.ShowEnterprises = n, true
		} else if !isAccessError(err) {
			s.serveError(w, r, err)
			return
		}
		if actor.Role() == firstset.RoleAdmin {
			if _, n, err := s.opts.Users.FindUsers(ctx, firstset.UserFilter{Limit: 1}); err == nil {
				data.UserCount, data.ShowUsers = n, true
			} else if !isAccessError(err) {
				s.serveError(w, r, err)
				return
			}
		}
		s.render(w, r, http.StatusOK, "home_staff", "工作台", data)
	}
}

// isAccessError reports whether err only says the caller may not do this.
func isAccessError(err error) bool {
	switch firstset.ErrorCode(err) {
	case firstset.EFORBIDDEN, firstset.EUNAUTHORIZED:
		return true
	}
	return false
}
