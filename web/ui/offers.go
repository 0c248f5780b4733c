package ui

import (
	"firstset"
)

// offers is what the navigation and the pages offer the viewer. Each
// answer is the service's own rule (service.Can…), so nothing is offered
// that the service then refuses.
type offers struct {
	// Products offers the product list: for those who see more than the
	// published catalog, which the catalog page already shows.
	Products bool
	// OwnEnterprise is the enterprise a user acts for, whose profile the
	// navigation links to; Enterprises offers the list to everyone else
	// allowed to read it.
	OwnEnterprise int64
	Enterprises   bool

	CreateProduct    bool
	CreateEnterprise bool
	Users            bool
	Categories       bool
	Audit            bool
	Tender           bool
}

func offersFor(a *firstset.Actor) offers {
	if a.IsPublic() {
		return offers{}
	}
	reach := firstset.ProductReachOf(a)
	o := offers{
		Products:         reach != firstset.ReachNone && reach != firstset.ReachCatalog,
		CreateProduct:    firstset.CanCreateProduct(a),
		CreateEnterprise: firstset.CanCreateEnterprise(a),
		Users:            firstset.CanManageUsers(a),
		Categories:       firstset.CanManageCategories(a),
		Audit:            firstset.CanReadAudit(a),
		Tender:           firstset.CanCheckTenders(a),
	}
	if id, fixed := firstset.ProductEnterpriseFixed(a); fixed {
		if id != 0 && firstset.CanSeeEnterprise(a, &firstset.Enterprise{ID: id}) {
			o.OwnEnterprise = id
		}
	} else {
		o.Enterprises = firstset.CanListEnterprises(a)
	}
	return o
}

// visibleStatuses are the statuses the viewer's products can have, for a
// status filter that offers nothing that always finds nothing.
func visibleStatuses(a *firstset.Actor) []firstset.ProductStatus {
	var out []firstset.ProductStatus
	for _, st := range firstset.ProductStatuses {
		if firstset.SeesStatus(a, st) {
			out = append(out, st)
		}
	}
	return out
}
