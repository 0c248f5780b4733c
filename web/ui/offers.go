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
	Jobs             bool
	Tender           bool

	// Cases offers the case list (办件): to everyone whose role takes part
	// in a workflow. Experts, Rounds and Notices manage the recognition
	// (the city's reviewers; administrators read the pool), Calendar the
	// working-day calendar.
	Cases        bool
	Experts      bool
	ManageRounds bool
	Calendar     bool

	// The incentives: the rounds (everyone logged in), the ledger, the
	// subsidies offered from insurers' data, the insurers' policies.
	IncentiveRounds bool
	Ledger          bool
	SubsidyOffers   bool
	Policies        bool

	// The market side: purchasing units (administrators and the city),
	// purchases (buyers and those who follow them), the SOE shares, and
	// the bulletins (everyone; the public sees the public ones).
	Buyers       bool
	Institutions bool // insurers, banks, leasing firms and funds
	Consortium   bool // the insurance consortium's members
	Inspections  bool // double-random inspections of evaluation bodies
	Procurements bool
	Shares       bool
	// Launch offers the launch events (the city's departments and the
	// enterprises).
	Launch bool
	// Exemptions: the buyers' fault-tolerance requests and their regulators.
	Exemptions bool
	// TenderChecks: the checks buyers save, and the tender supervisor.
	TenderChecks bool
	// Complaints: the makers' complaints about tenders, the buyers they
	// name, and the tender supervisor.
	Complaints bool
	// Claims: the insurance claims' fast track (理赔).
	Claims bool
	// Consultations: the dual-use products and the 会商 meetings.
	Consultations bool
	// Financing: enterprises' financing requests and the banks and
	// leasing firms they are shared with.
	Financing bool
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
		Jobs:             a.Role() == firstset.RoleAdmin,
		Tender:           firstset.CanCheckTenders(a),
		Cases:            seesCases(a),
		Experts:          readsExperts(a),
		ManageRounds:     firstset.CheckManageRecognition(a) == nil,
		Calendar:         firstset.CheckManageCalendar(a) == nil,
		IncentiveRounds:  firstset.CheckReadIncentiveRounds(a) == nil,
		Ledger:           firstset.CheckReadLedger(a) == nil,
		SubsidyOffers:    seesOffers(a),
		Policies:         firstset.CheckReadPolicies(a) == nil,
		Buyers:           firstset.CheckListBuyers(a) == nil && a.Role() != firstset.RoleBuyer,
		Institutions:     firstset.CheckListInstitutions(a) == nil && a.Role() != firstset.RoleInsurer,
		Consortium:       firstset.CheckManageInsurers(a) == nil || a.Role() == firstset.RoleInsurer,
		Inspections:      firstset.CheckReadInspections(a) == nil,
		Procurements:     firstset.CheckListProcurements(a) == nil,
		Shares:           firstset.CanReadShares(a),
		Launch:           firstset.CheckReadLaunch(a) == nil,
		Exemptions:       firstset.CanListExemptions(a),
		TenderChecks:     firstset.CanListTenderChecks(a),
		Complaints:       firstset.CanListComplaints(a),
		Claims:           firstset.CanListClaims(a),
		Consultations:    firstset.CanReadConsultations(a),
		Financing:        firstset.CanListFinancing(a),
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

// seesCases reports whether the case list can hold anything for a: the
// applicant's staff, the district offices, the city's reviewers and
// administrators, the experts (the service's scopeCaseFilter).
func seesCases(a *firstset.Actor) bool {
	if a.IsPublic() || !a.Allows(firstset.ScopeCasesRead) {
		return false
	}
	u := a.User
	switch u.Role {
	case firstset.RoleEnterprise:
		return u.EnterpriseID != 0
	case firstset.RoleDistrict:
		return u.DistrictCode != ""
	case firstset.RoleReviewer, firstset.RoleAdmin, firstset.RoleExpert, firstset.RoleBuyer, firstset.RoleFinance:
		return true
	}
	return false
}

// seesOffers reports whether a may list the subsidies offered from
// insurers' data: an enterprise its own, the city's staff all (the
// service's Offers).
func seesOffers(a *firstset.Actor) bool {
	switch a.Role() {
	case firstset.RoleEnterprise:
		return a.User.EnterpriseID != 0 && a.Allows(firstset.ScopeCasesRead)
	case firstset.RoleReviewer, firstset.RoleFinance, firstset.RoleAdmin:
		return a.Allows(firstset.ScopeIncentivesRead)
	}
	return false
}

// readsExperts reports whether a may read the expert pool.
func readsExperts(a *firstset.Actor) bool { return firstset.CheckReadRecognition(a) == nil }
