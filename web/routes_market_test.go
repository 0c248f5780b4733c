package web

import (
	"firstset"
)

// addMarket gives the route-by-role test the market side's records from
// the demo: the two buyers (the demo buyer's own and another), a purchase
// of each, and the bulletins the demo composed.
func (fx *routeFixtures) addMarket() {
	t := fx.t
	t.Helper()
	var own int64
	for _, u := range fx.users {
		if u.Username == "buyer" {
			own = u.BuyerID
		}
	}
	buyers, _, err := fx.env.svc.FindBuyers(fx.system, firstset.BuyerFilter{Limit: 100})
	fx.kit.must(err, "buyers")
	for _, b := range buyers {
		label := "another buyer"
		if b.ID == own {
			label = "the demo buyer"
		}
		if len(fx.buyers) < 2 && (len(fx.buyers) == 0 || fx.buyers[0].Label != label) {
			fx.buyers = append(fx.buyers, routeFixture{Label: label, Buyer: b})
		}
		list, _, err := fx.env.svc.FindProcurements(fx.system, firstset.ProcurementFilter{BuyerID: b.ID, Limit: 1})
		fx.kit.must(err, "purchases")
		if len(list) == 1 && len(fx.procurements) < 2 && (len(fx.procurements) == 0 || fx.procurements[0].Label != "a purchase of "+label) {
			fx.procurements = append(fx.procurements, routeFixture{Label: "a purchase of " + label, Procurement: list[0]})
		}
	}
	if len(fx.buyers) != 2 || len(fx.procurements) != 2 {
		t.Fatalf("demo data: buyers %d, purchases %d", len(fx.buyers), len(fx.procurements))
	}
	bulletins, _, err := fx.env.svc.FindBulletins(fx.system, firstset.BulletinFilter{Limit: 10})
	fx.kit.must(err, "bulletins")
	seen := map[string]bool{}
	for _, b := range bulletins {
		label := "a draft bulletin"
		if b.Status == firstset.BulletinIssued {
			label = "an issued public bulletin"
			if !b.Public {
				label = "an issued bulletin to departments"
			}
		}
		if !seen[label] {
			seen[label] = true
			fx.bulletins = append(fx.bulletins, routeFixture{Label: label, Bulletin: b})
		}
	}
}

func onBuyer(a *firstset.Actor, fx routeFixture) bool { return firstset.SeesBuyer(a, fx.Buyer) }

func buyerOfPurchase(p *firstset.Procurement) *firstset.Buyer {
	return &firstset.Buyer{ID: p.BuyerID, DistrictCode: p.BuyerDistrict}
}

// seesPurchase: a purchase, to whoever sees its buyer.
func seesPurchase(a *firstset.Actor, fx routeFixture) bool {
	return firstset.SeesBuyer(a, buyerOfPurchase(fx.Procurement))
}

// changesPurchase: its buyer's users and the administrators.
func changesPurchase(a *firstset.Actor, fx routeFixture) bool {
	if firstset.CheckRecordProcurement(a) != nil {
		return false
	}
	return a.Role() == firstset.RoleAdmin || a.User.BuyerID == fx.Procurement.BuyerID
}

func onBulletin(a *firstset.Actor, fx routeFixture) bool {
	return firstset.SeesBulletin(a, fx.Bulletin)
}

// The market side's route rules: an empty body is refused as input once
// the caller is let in.
var marketRouteRules = map[string]routeRule{
	"GET /buyers":           {allow: byCheck(firstset.CheckListBuyers)},
	"POST /buyers":          {allow: byCheck(firstset.CheckManageBuyers)},
	"GET /buyers/{id}/edit": {ids: buyerIDs, allow: byCheck(firstset.CheckManageBuyers)},
	"POST /buyers/{id}":     {ids: buyerIDs, allow: byCheck(firstset.CheckManageBuyers)},

	"GET /procurements":               {allow: byCheck(firstset.CheckListProcurements)},
	"GET /procurements/new":           {allow: byCheck(firstset.CheckRecordProcurement)},
	"POST /procurements":              {allow: byCheck(firstset.CheckRecordProcurement)},
	"GET /procurements/import":        {allow: byCheck(firstset.CheckRecordProcurement)},
	"POST /procurements/import":       {allow: byCheck(firstset.CheckRecordProcurement)},
	"GET /procurements/template.xlsx": {allow: everyone},
	"GET /procurements/{id}":          {ids: procurementIDs, allow: seesPurchase},
	"POST /procurements/{id}":         {ids: procurementIDs, allow: changesPurchase},
	"POST /procurement-totals":        {allow: byCheck(firstset.CheckRecordProcurement)},
	"GET /soe-shares":                 {allow: byCheck(firstset.CheckReadShares)},

	"GET /bulletins":                 {allow: everyone},
	"POST /bulletins":                {allow: byCheck(firstset.CheckComposeBulletin)},
	"GET /bulletins/{id}":            {ids: bulletinIDs, allow: onBulletin},
	"POST /bulletins/{id}/issue":     {ids: bulletinIDs, allow: byCheck(firstset.CheckComposeBulletin)},
	"GET /bulletins/{id}/pdf":        {ids: bulletinIDs, allow: onBulletin},
	"GET /bulletins/{id}/xlsx":       {ids: bulletinIDs, allow: onBulletin},
	"GET /bulletins/{id}/charts/{n}": {ids: bulletinIDs, allow: onBulletin},

	"GET /api/v1/buyers":      {allow: byCheck(firstset.CheckListBuyers)},
	"POST /api/v1/buyers":     {allow: byCheck(firstset.CheckManageBuyers)},
	"GET /api/v1/buyers/{id}": {ids: buyerIDs, allow: onBuyer},
	"PUT /api/v1/buyers/{id}": {ids: buyerIDs, allow: byCheck(firstset.CheckManageBuyers)},

	"GET /api/v1/procurements":               {allow: byCheck(firstset.CheckListProcurements)},
	"POST /api/v1/procurements":              {allow: byCheck(firstset.CheckRecordProcurement)},
	"GET /api/v1/procurements/template.xlsx": {allow: everyone},
	"POST /api/v1/procurements/import":       {allow: byCheck(firstset.CheckRecordProcurement)},
	"GET /api/v1/procurements/{id}":          {ids: procurementIDs, allow: seesPurchase},
	"PUT /api/v1/procurements/{id}":          {ids: procurementIDs, allow: changesPurchase},
	"GET /api/v1/procurement-totals":         {allow: byCheck(firstset.CheckListProcurements)},
	"POST /api/v1/procurement-totals":        {allow: byCheck(firstset.CheckRecordProcurement)},
	"GET /api/v1/soe-shares":                 {allow: byCheck(firstset.CheckReadShares)},

	"GET /api/v1/bulletins":                 {allow: everyone},
	"POST /api/v1/bulletins":                {allow: byCheck(firstset.CheckComposeBulletin)},
	"GET /api/v1/bulletins/{id}":            {ids: bulletinIDs, allow: onBulletin},
	"POST /api/v1/bulletins/{id}/issue":     {ids: bulletinIDs, allow: byCheck(firstset.CheckComposeBulletin)},
	"GET /api/v1/bulletins/{id}/pdf":        {ids: bulletinIDs, allow: onBulletin},
	"GET /api/v1/bulletins/{id}/xlsx":       {ids: bulletinIDs, allow: onBulletin},
	"GET /api/v1/bulletins/{id}/charts/{n}": {ids: bulletinIDs, allow: onBulletin},
}

// marketRouteTwins pair the market pages with their API calls.
var marketRouteTwins = []struct {
	page, api  string
	viaSession bool
}{
	{page: "GET /buyers", api: "GET /api/v1/buyers"},
	{page: "POST /buyers", api: "POST /api/v1/buyers"},
	{page: "POST /buyers/{id}", api: "PUT /api/v1/buyers/{id}"},
	{page: "GET /procurements", api: "GET /api/v1/procurements"},
	{page: "POST /procurements", api: "POST /api/v1/procurements"},
	{page: "GET /procurements/{id}", api: "GET /api/v1/procurements/{id}"},
	{page: "POST /procurements/{id}", api: "PUT /api/v1/procurements/{id}"},
	{page: "POST /procurement-totals", api: "POST /api/v1/procurement-totals"},
	{page: "GET /soe-shares", api: "GET /api/v1/soe-shares"},
	{page: "GET /bulletins", api: "GET /api/v1/bulletins"},
	{page: "POST /bulletins", api: "POST /api/v1/bulletins"},
	{page: "GET /bulletins/{id}", api: "GET /api/v1/bulletins/{id}"},
	{page: "GET /bulletins/{id}/pdf", api: "GET /api/v1/bulletins/{id}/pdf"},
}
