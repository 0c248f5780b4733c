package web

import (
	"firstset"
)

// addInstitutions gives the route-by-role test the demo's institutions:
// the one the demo insurer acts for, and another.
func (fx *routeFixtures) addInstitutions() {
	t := fx.t
	t.Helper()
	var own int64
	for _, u := range fx.users {
		if u.Username == "insurer" {
			own = u.InstitutionID
		}
	}
	list, _, err := fx.env.svc.FindInstitutions(fx.system, firstset.InstitutionFilter{Limit: 100})
	fx.kit.must(err, "institutions")
	for _, n := range list {
		label := "another institution"
		if n.ID == own {
			label = "the demo insurer's institution"
		}
		if len(fx.institutions) < 2 && (len(fx.institutions) == 0 || fx.institutions[0].Label != label) {
			fx.institutions = append(fx.institutions, routeFixture{Label: label, Institution: n})
		}
	}
	if own == 0 || len(fx.institutions) != 2 {
		t.Fatalf("demo data: the insurer's institution %d, institutions %d", own, len(fx.institutions))
	}
}

// addInspections gives the route-by-role test the demo's open inspection
// draw, on which findings and publishing are still allowed.
func (fx *routeFixtures) addInspections() {
	t := fx.t
	t.Helper()
	draws, err := fx.env.svc.InspectionDraws(fx.system)
	fx.kit.must(err, "inspection draws")
	if len(draws) < 2 || draws[0].Published() || !draws[1].Published() {
		t.Fatal("demo data: want an open inspection draw and a published one, newest first")
	}
	fx.draws = []routeFixture{{Label: "an inspection draw", Draw: draws[0]}}
}

// addClaims gives the route-by-role test the demo's claims: one still
// open, one closed.
func (fx *routeFixtures) addClaims() {
	t := fx.t
	t.Helper()
	list, _, err := fx.env.svc.FindClaims(fx.system, firstset.ClaimCaseFilter{Limit: 20})
	fx.kit.must(err, "claims")
	for _, c := range list {
		label := "a closed claim"
		if c.Status.Open() {
			label = "an open claim"
		}
		if len(fx.claims) == 0 || fx.claims[0].Label != label && len(fx.claims) < 2 {
			fx.claims = append(fx.claims, routeFixture{Label: label, Claim: c})
		}
	}
	if len(fx.claims) != 2 {
		t.Fatalf("demo data: %d kinds of claim, want an open and a closed one", len(fx.claims))
	}
}

// addProgrammes gives the route-by-role test one of the demo's lists.
func (fx *routeFixtures) addProgrammes() {
	list, _, err := fx.env.svc.FindProgrammes(fx.system, firstset.ProgrammeFilter{Limit: 1})
	fx.kit.must(err, "programmes")
	if len(list) == 0 {
		fx.t.Fatal("demo data: no programme")
	}
	fx.programmes = []routeFixture{{Label: "a programme", Programme: list[0]}}
}

// addConsultations gives the route-by-role test the demo's meeting.
func (fx *routeFixtures) addConsultations() {
	list, err := fx.env.svc.FindConsultations(fx.system)
	fx.kit.must(err, "consultations")
	if len(list) == 0 {
		fx.t.Fatal("demo data: no consultation")
	}
	fx.consultations = []routeFixture{{Label: "a consultation", Consultation: list[0]}}
}

// seesConsultation: the departments, and an enterprise whose product the
// meeting took up.
func seesConsultation(a *firstset.Actor, fx routeFixture) bool {
	if firstset.CheckReadConsultations(a) != nil {
		return false
	}
	if a.Role() != firstset.RoleEnterprise {
		return true
	}
	for _, p := range fx.Consultation.Products {
		if p.EnterpriseID == a.User.EnterpriseID {
			return true
		}
	}
	return false
}

func seesClaim(a *firstset.Actor, fx routeFixture) bool { return firstset.SeesClaim(a, fx.Claim) }

// actsOnClaim: the insurer's users, and the reporter's side (who may
// withdraw); an empty action is refused as input once they are let in.
func actsOnClaim(a *firstset.Actor, fx routeFixture) bool {
	return firstset.CanHandleClaim(a, fx.Claim) || firstset.CanWithdrawClaim(a, fx.Claim)
}

func onInstitution(a *firstset.Actor, fx routeFixture) bool {
	return firstset.SeesInstitution(a, fx.Institution)
}

// The institutions' route rules: an empty body is refused as input once
// the caller is let in.
var institutionRouteRules = map[string]routeRule{
	"GET /institutions":           {allow: byCheck(firstset.CheckListInstitutions)},
	"POST /institutions":          {allow: byCheck(firstset.CheckManageInstitutions)},
	"GET /institutions/{id}/edit": {ids: institutionIDs, allow: byCheck(firstset.CheckManageInstitutions)},
	"POST /institutions/{id}":     {ids: institutionIDs, allow: byCheck(firstset.CheckManageInstitutions)},

	"GET /consortium":             {allow: loggedIn},
	"POST /consortium":            {allow: byCheck(firstset.CheckManageInsurers)},
	"POST /consortium/{id}/leave": {ids: membershipIDs, allow: byCheck(firstset.CheckManageInsurers)},

	"GET /inspections":                      {allow: byCheck(firstset.CheckReadInspections)},
	"POST /inspections/bodies":              {allow: byCheck(firstset.CheckManageInspections)},
	"POST /inspections/inspectors":          {allow: byCheck(firstset.CheckManageInspections)},
	"POST /inspections/draws":               {allow: byCheck(firstset.CheckManageInspections)},
	"POST /inspections/draws/{id}/findings": {ids: drawIDs, allow: byCheck(firstset.CheckManageInspections)},
	"POST /inspections/draws/{id}/publish":  {ids: drawIDs, allow: byCheck(firstset.CheckManageInspections)},
	"GET /inspections/results":              {allow: everyone},

	"GET /api/v1/evaluation-bodies":                {allow: byCheck(firstset.CheckReadInspections)},
	"POST /api/v1/evaluation-bodies":               {allow: byCheck(firstset.CheckManageInspections)},
	"GET /api/v1/inspectors":                       {allow: byCheck(firstset.CheckReadInspections)},
	"POST /api/v1/inspectors":                      {allow: byCheck(firstset.CheckManageInspections)},
	"GET /api/v1/inspections/draws":                {allow: byCheck(firstset.CheckReadInspections)},
	"POST /api/v1/inspections/draws":               {allow: byCheck(firstset.CheckManageInspections)},
	"GET /api/v1/inspections/draws/{id}":           {ids: drawIDs, allow: byCheck(firstset.CheckReadInspections)},
	"POST /api/v1/inspections/draws/{id}/findings": {ids: drawIDs, allow: byCheck(firstset.CheckManageInspections)},
	"POST /api/v1/inspections/draws/{id}/publish":  {ids: drawIDs, allow: byCheck(firstset.CheckManageInspections)},
	"GET /api/v1/inspections/results":              {allow: everyone},

	"GET /insurance/statistics":               {allow: byCheck(firstset.CheckReadInsuranceStatistics)},
	"GET /insurance/statistics.xlsx":          {allow: byCheck(firstset.CheckReadInsuranceStatistics)},
	"GET /api/v1/insurance/statistics":        {allow: byCheck(firstset.CheckReadInsuranceStatistics)},
	"GET /api/v1/insurance/statistics/export": {allow: byCheck(firstset.CheckReadInsuranceStatistics)},
	"GET /consultations":                      {allow: byCheck(firstset.CheckReadConsultations)},
	"POST /consultations":                     {allow: byCheck(firstset.CheckManageDualUse)},
	"GET /consultations/{id}":                 {ids: consultationIDs, allow: seesConsultation},
	"POST /dual-use":                          {allow: byCheck(firstset.CheckManageDualUse)},
	"GET /api/v1/dual-use":                    {allow: byCheck(firstset.CheckReadConsultations)},
	"PUT /api/v1/products/{id}/dual-use":      {ids: productIDs, allow: byCheck(firstset.CheckManageDualUse)},
	"GET /api/v1/consultations":               {allow: byCheck(firstset.CheckReadConsultations)},
	"POST /api/v1/consultations":              {allow: byCheck(firstset.CheckManageDualUse)},
	"GET /api/v1/consultations/{id}":          {ids: consultationIDs, allow: seesConsultation},
	"GET /programmes":                         {allow: everyone},
	"POST /programmes":                        {allow: byCheck(firstset.CheckManageProgrammes)},
	"GET /programmes/{id}":                    {ids: programmeIDs, allow: everyone},
	"POST /programmes/{id}":                   {ids: programmeIDs, allow: byCheck(firstset.CheckManageProgrammes)},
	"GET /api/v1/programmes":                  {allow: everyone},
	"POST /api/v1/programmes":                 {allow: byCheck(firstset.CheckManageProgrammes)},
	"GET /api/v1/programmes/{id}":             {ids: programmeIDs, allow: everyone},
	"PUT /api/v1/programmes/{id}":             {ids: programmeIDs, allow: byCheck(firstset.CheckManageProgrammes)},
	"GET /claims":                             {allow: byCheck(firstset.CheckListClaims)},
	"POST /claims":                            {allow: byCheck(firstset.CheckReportClaim)},
	"GET /claims/{id}":                        {ids: claimIDs, allow: seesClaim},
	"POST /claims/{id}/actions":               {ids: claimIDs, allow: actsOnClaim},
	"GET /api/v1/claims":                      {allow: byCheck(firstset.CheckListClaims)},
	"POST /api/v1/claims":                     {allow: byCheck(firstset.CheckReportClaim)},
	"GET /api/v1/claims/{id}":                 {ids: claimIDs, allow: seesClaim},
	"POST /api/v1/claims/{id}/actions":        {ids: claimIDs, allow: actsOnClaim},

	"GET /api/v1/institutions":      {allow: byCheck(firstset.CheckListInstitutions)},
	"POST /api/v1/institutions":     {allow: byCheck(firstset.CheckManageInstitutions)},
	"GET /api/v1/institutions/{id}": {ids: institutionIDs, allow: onInstitution},
	"PUT /api/v1/institutions/{id}": {ids: institutionIDs, allow: byCheck(firstset.CheckManageInstitutions)},
}

var institutionRouteTwins = []struct {
	page, api  string
	viaSession bool
}{
	{page: "GET /institutions", api: "GET /api/v1/institutions"},
	{page: "POST /institutions", api: "POST /api/v1/institutions"},
	{page: "GET /consortium", api: "GET /api/v1/consortium/memberships"},
	{page: "POST /inspections/bodies", api: "POST /api/v1/evaluation-bodies"},
	{page: "POST /inspections/inspectors", api: "POST /api/v1/inspectors"},
	{page: "POST /inspections/draws", api: "POST /api/v1/inspections/draws"},
	{page: "POST /inspections/draws/{id}/findings", api: "POST /api/v1/inspections/draws/{id}/findings"},
	{page: "POST /inspections/draws/{id}/publish", api: "POST /api/v1/inspections/draws/{id}/publish"},
	{page: "GET /inspections/results", api: "GET /api/v1/inspections/results"},
	{page: "POST /consortium", api: "POST /api/v1/consortium/memberships"},
	{page: "POST /consortium/{id}/leave", api: "POST /api/v1/consortium/memberships/{id}/leave"},
	{page: "GET /insurance/statistics", api: "GET /api/v1/insurance/statistics"},
	{page: "GET /insurance/statistics.xlsx", api: "GET /api/v1/insurance/statistics/export"},
	{page: "GET /consultations", api: "GET /api/v1/consultations"},
	{page: "POST /consultations", api: "POST /api/v1/consultations"},
	{page: "GET /consultations/{id}", api: "GET /api/v1/consultations/{id}"},
	{page: "GET /programmes", api: "GET /api/v1/programmes"},
	{page: "POST /programmes", api: "POST /api/v1/programmes"},
	{page: "GET /programmes/{id}", api: "GET /api/v1/programmes/{id}"},
	{page: "POST /programmes/{id}", api: "PUT /api/v1/programmes/{id}"},
	{page: "GET /claims", api: "GET /api/v1/claims"},
	{page: "POST /claims", api: "POST /api/v1/claims"},
	{page: "GET /claims/{id}", api: "GET /api/v1/claims/{id}"},
	{page: "POST /claims/{id}/actions", api: "POST /api/v1/claims/{id}/actions"},
}
