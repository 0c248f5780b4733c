package web

import (
	"firstset"
	"firstset/cases"
)

// addFinancing gives the route-by-role test the demo's open financing
// request: the bank has offered, the leasing firm not yet answered.
func (fx *routeFixtures) addFinancing() {
	t := fx.t
	t.Helper()
	var ent *firstset.User
	for _, u := range fx.users {
		if u.Username == "enterprise" {
			ent = u
		}
	}
	list, _, err := fx.env.svc.FindFinancingRequests(as(ent), firstset.FinancingFilter{Status: firstset.FinancingOpen})
	fx.kit.must(err, "financing requests")
	if len(list) != 1 || len(list[0].Offers) != 2 || list[0].Offers[0].Status == list[0].Offers[1].Status {
		t.Fatalf("demo data: want one open financing request with an offer and an answer awaited: %+v", list)
	}
	fx.financing = []routeFixture{{Label: "the demo financing request", Financing: list[0]}}
}

// seesFinancing is FindFinancingRequestByID's rule.
func seesFinancing(a *firstset.Actor, fx routeFixture) bool {
	return firstset.SeesFinancing(a, fx.Financing) && a.Allows(firstset.ScopeFinancingRead)
}

// actsOnFinancing: a party that sees the request, taking an action its
// stage (and, for a lender, its own answer's) allows; an empty body is
// then refused as input.
func actsOnFinancing(action cases.Action, lender bool) func(*firstset.Actor, routeFixture) bool {
	return func(a *firstset.Actor, fx routeFixture) bool {
		if !seesFinancing(a, fx) || firstset.CheckFinancingParty(a, lender) != nil {
			return false
		}
		party, answer := cases.Applicant, cases.Stage("")
		if lender {
			party, answer = cases.Lender, cases.Stage(fx.Financing.Offer(a.User.InstitutionID).Status)
		}
		_, ref := cases.DecideFinancing(cases.Stage(fx.Financing.Status), answer, action, party)
		return ref == nil
	}
}

// The financing requests' route rules.
var financingRouteRules = map[string]routeRule{
	"GET /financing":                {allow: byCheck(firstset.CheckListFinancing)},
	"POST /financing":               {allow: byCheck(firstset.CheckRequestFinancing)},
	"GET /financing/{id}":           {ids: financingIDs, allow: seesFinancing},
	"POST /financing/{id}/interest": {ids: financingIDs, allow: actsOnFinancing(cases.Interest, true)},
	"POST /financing/{id}/offers":   {ids: financingIDs, allow: actsOnFinancing(cases.Offer, true)},
	"POST /financing/{id}/decline":  {ids: financingIDs, allow: actsOnFinancing(cases.Decline, true)},
	"POST /financing/{id}/accept":   {ids: financingIDs, allow: actsOnFinancing(cases.Accept, false)},
	"POST /financing/{id}/withdraw": {ids: financingIDs, allow: actsOnFinancing(cases.Withdraw, false)},

	"GET /api/v1/financing-lenders":                 {allow: byCheck(firstset.CheckRequestFinancing)},
	"GET /api/v1/financing-requests":                {allow: byCheck(firstset.CheckListFinancing)},
	"POST /api/v1/financing-requests":               {allow: byCheck(firstset.CheckRequestFinancing)},
	"GET /api/v1/financing-requests/{id}":           {ids: financingIDs, allow: seesFinancing},
	"POST /api/v1/financing-requests/{id}/interest": {ids: financingIDs, allow: actsOnFinancing(cases.Interest, true)},
	"POST /api/v1/financing-requests/{id}/offers":   {ids: financingIDs, allow: actsOnFinancing(cases.Offer, true)},
	"POST /api/v1/financing-requests/{id}/decline":  {ids: financingIDs, allow: actsOnFinancing(cases.Decline, true)},
	"POST /api/v1/financing-requests/{id}/accept":   {ids: financingIDs, allow: actsOnFinancing(cases.Accept, false)},
	"POST /api/v1/financing-requests/{id}/withdraw": {ids: financingIDs, allow: actsOnFinancing(cases.Withdraw, false)},
}

var financingRouteTwins = []struct {
	page, api  string
	viaSession bool
}{
	{page: "GET /financing", api: "GET /api/v1/financing-requests"},
	{page: "POST /financing", api: "POST /api/v1/financing-requests"},
	{page: "GET /financing/{id}", api: "GET /api/v1/financing-requests/{id}"},
	{page: "POST /financing/{id}/interest", api: "POST /api/v1/financing-requests/{id}/interest"},
	{page: "POST /financing/{id}/offers", api: "POST /api/v1/financing-requests/{id}/offers"},
	{page: "POST /financing/{id}/decline", api: "POST /api/v1/financing-requests/{id}/decline"},
	{page: "POST /financing/{id}/accept", api: "POST /api/v1/financing-requests/{id}/accept"},
	{page: "POST /financing/{id}/withdraw", api: "POST /api/v1/financing-requests/{id}/withdraw"},
}
