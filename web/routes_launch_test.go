package web

import (
	"fmt"

	"firstset"
	"firstset/idnumber"
)

// addLaunch gives the route-by-role test the demo's launch event twice:
// with the pending honoree the demo enterprise named (and its plaque), and
// with a confirmed honoree of another enterprise (and that one's plaque).
func (fx *routeFixtures) addLaunch(own int64) {
	t := fx.t
	t.Helper()
	events, err := fx.env.svc.FindLaunchEvents(as(fx.staff))
	fx.kit.must(err, "launch events")
	if len(events) != 1 {
		t.Fatalf("demo data: %d launch events", len(events))
	}
	e, err := fx.env.svc.FindLaunchEventByID(as(fx.staff), events[0].ID)
	fx.kit.must(err, "launch event")
	for _, h := range e.Honorees {
		switch {
		case h.Status == firstset.HonoreePending && h.EnterpriseID == own && len(fx.launches) == 0:
			fx.launches = append(fx.launches, routeFixture{Label: "the demo enterprise's pending honoree",
				LaunchEvent: e, Honoree: h, PlaqueOf: own})
		}
	}
	for _, h := range e.Honorees {
		if h.Status == firstset.HonoreeConfirmed && h.EnterpriseID != own {
			fx.launches = append(fx.launches, routeFixture{Label: "another enterprise's confirmed honoree",
				LaunchEvent: e, Honoree: h, PlaqueOf: h.EnterpriseID})
			break
		}
	}
	if len(fx.launches) != 2 {
		t.Fatalf("demo data: launch fixtures %d", len(fx.launches))
	}
}

// freshHonoree is a new pending honoree like f's, for the confirmation
// that consumes it; a confirmed one stays as it is.
func (fx *routeFixtures) freshHonoree(f routeFixture) routeFixture {
	fx.t.Helper()
	if f.Honoree.Status != firstset.HonoreePending {
		return f
	}
	fx.copies++
	// Distinct valid ID numbers: a sequence under a fixed prefix, with its
	// check character.
	id17 := fmt.Sprintf("50010319900101%03d", fx.copies%1000)
	h, err := fx.env.svc.AddHonoree(as(fx.enterpriseUser()), f.LaunchEvent.ID, firstset.HonoreeInput{
		ProductID: f.Honoree.ProductID, Name: "路由测试人员", IDNumber: id17 + string(idnumber.CheckChar(id17)), Role: "研发人员"})
	fx.kit.must(err, "fresh honoree")
	f.Honoree = h
	return f
}

func (fx *routeFixtures) enterpriseUser() *firstset.User {
	for _, u := range fx.users {
		if u.Role == firstset.RoleEnterprise {
			return u
		}
	}
	fx.t.Fatal("no demo enterprise user")
	return nil
}

func seesLaunchEvent(a *firstset.Actor, fx routeFixture) bool {
	return firstset.SeesLaunchEvent(a, fx.LaunchEvent)
}

// entersHonoree: the planners, and an enterprise on an event presenting
// its products (its own product is then checked as input).
func entersHonoree(a *firstset.Actor, fx routeFixture) bool {
	return firstset.CanPlanLaunch(a) || a.Role() == firstset.RoleEnterprise && seesLaunchEvent(a, fx)
}

// confirmsHonoree: the planners, on a pending honoree.
func confirmsHonoree(a *firstset.Actor, fx routeFixture) bool {
	return firstset.CanPlanLaunch(a) && fx.Honoree.Status == firstset.HonoreePending
}

// withdrawsHonoree: the planners, and the honoree's enterprise, on a
// pending honoree.
func withdrawsHonoree(a *firstset.Actor, fx routeFixture) bool {
	return seesLaunchEvent(a, fx) && fx.Honoree.Status == firstset.HonoreePending && (firstset.CanPlanLaunch(a) ||
		a.Role() == firstset.RoleEnterprise && a.User.EnterpriseID == fx.Honoree.EnterpriseID)
}

// readsHonour: a confirmed honoree's certificate, to the city's staff
// and the product's enterprise.
func readsHonour(a *firstset.Actor, fx routeFixture) bool {
	return seesLaunchEvent(a, fx) && fx.Honoree.Status == firstset.HonoreeConfirmed &&
		firstset.SeesHonoree(a, fx.Honoree) && firstset.CheckReadCertificatePDF(a, fx.Honoree.EnterpriseID) == nil
}

func readsPlaque(a *firstset.Actor, fx routeFixture) bool {
	return seesLaunchEvent(a, fx) && firstset.CheckReadCertificatePDF(a, fx.PlaqueOf) == nil
}

// The launch event's route rules.
var launchRouteRules = map[string]routeRule{
	"GET /launch-events":                               {allow: byCheck(firstset.CheckReadLaunch)},
	"POST /launch-events":                              {allow: byCheck(firstset.CheckPlanLaunch)},
	"GET /launch-events/{id}":                          {ids: launchIDs, allow: seesLaunchEvent},
	"POST /launch-events/{id}/schedule":                {ids: launchIDs, allow: byCheck(firstset.CheckPlanLaunch)},
	"POST /launch-events/{id}/honorees":                {ids: launchIDs, allow: entersHonoree},
	"POST /launch-events/{id}/honorees/{hid}/confirm":  {ids: launchIDs, allow: byCheck(firstset.CheckPlanLaunch)},
	"POST /launch-events/{id}/honorees/{hid}/withdraw": {ids: launchIDs, allow: withdrawsHonoree},
	"GET /launch-events/{id}/honorees/{hid}/pdf":       {ids: launchIDs, allow: readsHonour},
	"GET /launch-events/{id}/plaques/{eid}/pdf":        {ids: launchIDs, allow: readsPlaque},

	"GET /api/v1/launch-events":                               {allow: byCheck(firstset.CheckReadLaunch)},
	"POST /api/v1/launch-events":                              {allow: byCheck(firstset.CheckPlanLaunch)},
	"GET /api/v1/launch-events/candidates":                    {allow: byCheck(firstset.CheckPlanLaunch)},
	"GET /api/v1/launch-events/{id}":                          {ids: launchIDs, allow: seesLaunchEvent},
	"PUT /api/v1/launch-events/{id}":                          {ids: launchIDs, allow: byCheck(firstset.CheckPlanLaunch)},
	"POST /api/v1/launch-events/{id}/honorees":                {ids: launchIDs, allow: entersHonoree},
	"POST /api/v1/launch-events/{id}/honorees/{hid}/confirm":  {ids: launchIDs, allow: confirmsHonoree, ends: true},
	"POST /api/v1/launch-events/{id}/honorees/{hid}/withdraw": {ids: launchIDs, allow: withdrawsHonoree, ends: true},
	"GET /api/v1/launch-events/{id}/honorees/{hid}/pdf":       {ids: launchIDs, allow: readsHonour},
	"GET /api/v1/launch-events/{id}/plaques/{eid}/pdf":        {ids: launchIDs, allow: readsPlaque},
}

// launchRouteTwins pair the launch pages with their API calls.
var launchRouteTwins = []struct {
	page, api  string
	viaSession bool
}{
	{page: "GET /launch-events", api: "GET /api/v1/launch-events"},
	{page: "POST /launch-events", api: "POST /api/v1/launch-events"},
	{page: "GET /launch-events/{id}", api: "GET /api/v1/launch-events/{id}"},
	{page: "POST /launch-events/{id}/schedule", api: "PUT /api/v1/launch-events/{id}"},
	{page: "POST /launch-events/{id}/honorees", api: "POST /api/v1/launch-events/{id}/honorees"},
	{page: "POST /launch-events/{id}/honorees/{hid}/withdraw", api: "POST /api/v1/launch-events/{id}/honorees/{hid}/withdraw"},
	{page: "GET /launch-events/{id}/honorees/{hid}/pdf", api: "GET /api/v1/launch-events/{id}/honorees/{hid}/pdf"},
	{page: "GET /launch-events/{id}/plaques/{eid}/pdf", api: "GET /api/v1/launch-events/{id}/plaques/{eid}/pdf"},
}
