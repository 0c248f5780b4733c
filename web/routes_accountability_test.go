package web

import (
	"firstset"
)

// stateOwnedBuyers are the demo buyers that may ask for exemptions, by id.
var stateOwnedBuyers = map[int64]bool{}

// addAccountability gives the route-by-role test the demo's exemption
// requests: one waiting for 市国资委, one decided.
func (fx *routeFixtures) addAccountability() {
	t := fx.t
	t.Helper()
	for _, b := range fx.buyers {
		stateOwnedBuyers[b.Buyer.ID] = b.Buyer.Kind.StateOwned()
	}
	list, _, err := fx.env.svc.FindExemptions(fx.system, firstset.ExemptionFilter{Limit: 10})
	fx.kit.must(err, "exemptions")
	seen := map[firstset.ExemptionStatus]bool{}
	for _, e := range list {
		open := e.Status == firstset.ExemptionSubmitted
		if seen[firstset.ExemptionSubmitted] && open || seen[firstset.ExemptionGranted] && !open {
			continue
		}
		label := "a decided exemption request"
		if open {
			label = "a pending exemption request"
			seen[firstset.ExemptionSubmitted] = true
		} else {
			seen[firstset.ExemptionGranted] = true
		}
		fx.exemptions = append(fx.exemptions, routeFixture{Label: label, Exemption: e})
	}
	checks, _, err := fx.env.svc.FindTenderChecks(fx.system, firstset.TenderCheckFilter{Limit: 1})
	fx.kit.must(err, "tender checks")
	if len(checks) != 1 {
		t.Fatalf("demo data: %d saved tender checks", len(checks))
	}
	fx.tenderChecks = []routeFixture{{Label: "a buyer's saved tender check", TenderCheck: checks[0]}}
	if len(fx.exemptions) != 2 {
		t.Fatalf("demo data: %d exemption requests, want a pending and a decided one", len(fx.exemptions))
	}
	complaints, _, err := fx.env.svc.FindComplaints(fx.system, firstset.ComplaintFilter{Limit: 10})
	fx.kit.must(err, "complaints")
	for _, c := range complaints {
		label := "a closed complaint about a tender"
		if c.Status.Open() {
			label = "an open complaint about a tender"
		}
		if len(fx.complaints) == 0 || fx.complaints[0].Label != label {
			fx.complaints = append(fx.complaints, routeFixture{Label: label, Complaint: c})
		}
	}
	if len(fx.complaints) != 2 {
		t.Fatalf("demo data: %d kinds of complaint, want an open and a closed one", len(fx.complaints))
	}
}

func seesComplaint(a *firstset.Actor, fx routeFixture) bool {
	return firstset.SeesComplaint(a, fx.Complaint)
}

// actsOnComplaint: the supervisor, and the complainant (who may withdraw);
// an empty action is refused as input before the stage is looked at.
func actsOnComplaint(a *firstset.Actor, fx routeFixture) bool {
	return firstset.SeesComplaint(a, fx.Complaint) &&
		(firstset.CanHandleComplaint(a) || firstset.CanWithdrawComplaint(a, fx.Complaint))
}

// requestsExemption: a state-owned buyer's users.
func requestsExemption(a *firstset.Actor, _ routeFixture) bool {
	return firstset.CheckRequestExemption(a) == nil && stateOwnedBuyers[a.User.BuyerID]
}

func seesTenderCheck(a *firstset.Actor, fx routeFixture) bool {
	return firstset.SeesTenderCheck(a, fx.TenderCheck)
}

func marksFindings(a *firstset.Actor, fx routeFixture) bool {
	return firstset.CanMarkFindings(a, fx.TenderCheck)
}

func seesExemption(a *firstset.Actor, fx routeFixture) bool {
	return firstset.SeesExemption(a, fx.Exemption)
}

// decidesExemption: its regulator, decided or not (an empty decision is
// refused as input before the stage is looked at).
func decidesExemption(a *firstset.Actor, fx routeFixture) bool {
	return firstset.SeesExemption(a, fx.Exemption) && firstset.CanDecideExemption(a, fx.Exemption)
}

// The accountability routes' rules: an empty body is refused as input once
// the caller is let in.
var accountabilityRouteRules = map[string]routeRule{
	"GET /tender-checks":                    {allow: byCheck(firstset.CheckListTenderChecks)},
	"POST /tender-checks":                   {allow: byCheck(firstset.CheckSaveTenderCheck)},
	"GET /tender-checks/{id}":               {ids: tenderCheckIDs, allow: seesTenderCheck},
	"POST /tender-checks/{id}/findings/{n}": {ids: tenderCheckIDs, allow: marksFindings},

	"GET /api/v1/tender-checks":                    {allow: byCheck(firstset.CheckListTenderChecks)},
	"POST /api/v1/tender-checks":                   {allow: byCheck(firstset.CheckSaveTenderCheck)},
	"GET /api/v1/tender-checks/{id}":               {ids: tenderCheckIDs, allow: seesTenderCheck},
	"POST /api/v1/tender-checks/{id}/findings/{n}": {ids: tenderCheckIDs, allow: marksFindings},

	"GET /exemptions":                {allow: byCheck(firstset.CheckListExemptions)},
	"POST /exemptions":               {allow: requestsExemption},
	"GET /exemptions/{id}":           {ids: exemptionIDs, allow: seesExemption},
	"POST /exemptions/{id}/decision": {ids: exemptionIDs, allow: decidesExemption},

	"GET /api/v1/exemptions":                {allow: byCheck(firstset.CheckListExemptions)},
	"POST /api/v1/exemptions":               {allow: requestsExemption},
	"GET /api/v1/exemptions/{id}":           {ids: exemptionIDs, allow: seesExemption},
	"POST /api/v1/exemptions/{id}/decision": {ids: exemptionIDs, allow: decidesExemption},

	"GET /complaints":                      {allow: byCheck(firstset.CheckListComplaints)},
	"POST /complaints":                     {allow: byCheck(firstset.CheckFileComplaint)},
	"GET /complaints/{id}":                 {ids: complaintIDs, allow: seesComplaint},
	"POST /complaints/{id}/actions":        {ids: complaintIDs, allow: actsOnComplaint},
	"GET /api/v1/complaints":               {allow: byCheck(firstset.CheckListComplaints)},
	"POST /api/v1/complaints":              {allow: byCheck(firstset.CheckFileComplaint)},
	"GET /api/v1/complaints/{id}":          {ids: complaintIDs, allow: seesComplaint},
	"POST /api/v1/complaints/{id}/actions": {ids: complaintIDs, allow: actsOnComplaint},
}

// accountabilityRouteTwins pair the accountability pages with their API calls.
var accountabilityRouteTwins = []struct {
	page, api  string
	viaSession bool
}{
	{page: "GET /tender-checks", api: "GET /api/v1/tender-checks"},
	{page: "POST /tender-checks", api: "POST /api/v1/tender-checks"},
	{page: "GET /tender-checks/{id}", api: "GET /api/v1/tender-checks/{id}"},
	{page: "POST /tender-checks/{id}/findings/{n}", api: "POST /api/v1/tender-checks/{id}/findings/{n}"},
	{page: "GET /exemptions", api: "GET /api/v1/exemptions"},
	{page: "POST /exemptions", api: "POST /api/v1/exemptions"},
	{page: "GET /exemptions/{id}", api: "GET /api/v1/exemptions/{id}"},
	{page: "POST /exemptions/{id}/decision", api: "POST /api/v1/exemptions/{id}/decision"},
	{page: "GET /complaints", api: "GET /api/v1/complaints"},
	{page: "POST /complaints", api: "POST /api/v1/complaints"},
	{page: "GET /complaints/{id}", api: "GET /api/v1/complaints/{id}"},
	{page: "POST /complaints/{id}/actions", api: "POST /api/v1/complaints/{id}/actions"},
}
