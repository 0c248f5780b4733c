package web

import (
	"fmt"

	"firstset"
	"firstset/date"
	"firstset/money"
)

// routePolicy is the demo insurer's policy the policy routes are sent with.
const routePolicy = "RT-POLICY-1"

// addIncentives gives the route-by-role test the incentives' records: an
// open round of each incentive; a buyer's reward application in draft
// (with a material) and the demo enterprise's subsidy application at the
// district's review; the demo insurer a consortium member with a policy;
// an offer the demo enterprise confirmed and one it has yet to decide.
func (fx *routeFixtures) addIncentives(own int64) {
	t := fx.t
	t.Helper()
	k := fx.kit
	byRole := map[firstset.Role]*firstset.User{}
	for _, u := range fx.users {
		byRole[u.Role] = u
	}
	finance, buyer, enterprise, insurer, admin := byRole[firstset.RoleFinance], byRole[firstset.RoleBuyer],
		byRole[firstset.RoleEnterprise], byRole[firstset.RoleInsurer], byRole[firstset.RoleAdmin]
	fx.insurer, fx.own, fx.staff = insurer, own, admin
	today := date.FromTime(fx.env.svc.Now())
	year, _, _ := today.Parts()
	round := func(kind string) *firstset.IncentiveRound {
		r, err := fx.env.svc.CreateIncentiveRound(as(finance), firstset.IncentiveRoundInput{Kind: kind, Year: year,
			Budget: 500000000, OpensOn: today.AddDays(-10), ClosesOn: today.AddDays(20)})
		k.must(err, "incentive round")
		return r
	}
	subsidyRound, rewardRound := round(firstset.IncentiveSubsidy), round(firstset.IncentiveReward)
	fx.incentiveRounds = []routeFixture{{Label: "an open subsidy round", IncentiveRound: subsidyRound},
		{Label: "an open reward round", IncentiveRound: rewardRound}}
	// The demo insurer's institution is a member (see the demo); the
	// consortium's stays, an open one and a closed one, fill {id}.
	stays, err := fx.env.svc.ConsortiumMemberships(as(admin), 0)
	k.must(err, "consortium")
	for _, m := range stays {
		label := "a closed stay in the consortium"
		if m.Open() {
			label = "an open stay in the consortium"
		}
		fx.memberships = append(fx.memberships, routeFixture{Label: label, Membership: m})
	}
	if len(fx.memberships) != 2 || fx.memberships[0].Label == fx.memberships[1].Label {
		t.Fatalf("demo data: consortium stays %+v", stays)
	}

	insured := fx.insuredProduct(routePolicy)
	confirmedOffer := fx.offerOf(insured.ID)
	_, err = fx.env.svc.ConfirmOffer(as(enterprise), confirmedOffer.ID)
	k.must(err, "confirm offer")
	confirmedOffer, err = fx.env.svc.Offer(as(enterprise), confirmedOffer.ID)
	k.must(err, "read offer")
	open := fx.offerOf(fx.insuredProduct("RT-POLICY-2").ID)
	fx.offers = []routeFixture{{Label: "a confirmed offer of the demo enterprise", Offer: confirmedOffer},
		{Label: "an offer waiting for the demo enterprise", Offer: open}}

	reward, err := fx.env.svc.Apply(as(buyer), firstset.ApplicationInput{RoundID: rewardRound.ID, ProductID: insured.ID,
		ContractDate: today.AddDays(-20), Paid: 100000000})
	k.must(err, "reward application")
	att := k.attach(buyer, reward.Case.ID, "其他材料")

	manual := fx.recognisedProduct("路由补贴装备")
	subsidy, err := fx.env.svc.Apply(as(enterprise), firstset.ApplicationInput{RoundID: subsidyRound.ID, ProductID: manual.ID,
		PolicyYears: []firstset.PolicyYear{{Start: today.AddDays(-30), End: today.AddDays(334), InsuredAmount: 1000000000, Premium: 20000000}}})
	k.must(err, "subsidy application")
	for _, item := range []string{"保险单", "保费发票"} {
		k.attach(enterprise, subsidy.Case.ID, item)
	}
	k.act(enterprise, subsidy.Case.ID, "submit", "")
	sv, err := fx.env.svc.Application(as(enterprise), subsidy.Case.ID)
	k.must(err, "read subsidy application")
	rv, err := fx.env.svc.Application(as(buyer), reward.Case.ID)
	k.must(err, "read reward application")
	fx.incentiveApplicants = map[int64]*firstset.User{reward.Case.ID: buyer, subsidy.Case.ID: enterprise}
	fx.applications = []routeFixture{
		{Label: "a buyer's reward application in draft", Case: rv.Case, Attachment: att.ID},
		{Label: "a subsidy application of the demo enterprise at the district", Case: sv.Case, Attachment: sv.Attachments[0].ID},
	}
}

// recognisedProduct registers a product of the demo enterprise,
// recognised 100 days ago.
func (fx *routeFixtures) recognisedProduct(name string) *firstset.Product {
	fx.t.Helper()
	p := fx.kit.product(fx.own, fx.firstCategory(), name)
	p, err := fx.env.svc.SetRecognition(fx.system, p.ID, firstset.RecognitionInput{Status: firstset.StatusRecognised,
		RecognizedOn: date.FromTime(fx.env.svc.Now()).AddDays(-100)})
	fx.kit.must(err, "recognise "+name)
	return p
}

func (fx *routeFixtures) firstCategory() int64 {
	cats, err := fx.env.svc.Categories(fx.system)
	fx.kit.must(err, "categories")
	return cats[0].ID
}

// insuredProduct is a new recognised product of the demo enterprise the
// demo insurer insures under policy number.
func (fx *routeFixtures) insuredProduct(number string) *firstset.Product {
	fx.t.Helper()
	p := fx.recognisedProduct("路由投保装备" + number)
	today := date.FromTime(fx.env.svc.Now())
	_, _, err := fx.env.svc.SubmitPolicy(as(fx.insurer), firstset.PolicyInput{PolicyNumber: number, ProductID: p.ID,
		Start: today.AddDays(-60), End: today.AddDays(304), InsuredAmount: money.Fen(1000000000), Premium: money.Fen(20000000)})
	fx.kit.must(err, "policy "+number)
	return p
}

// offerOf is the one offer of a product, as the system sees it.
func (fx *routeFixtures) offerOf(productID int64) *firstset.SubsidyOffer {
	fx.t.Helper()
	// The demo has an open subsidy round of its own: the fixture's offer
	// is the one in the fixture's round.
	list, _, err := fx.env.svc.Offers(as(fx.staff), firstset.OfferFilter{ProductID: productID,
		RoundID: fx.incentiveRounds[0].IncentiveRound.ID})
	fx.kit.must(err, "offers")
	if len(list) != 1 || list[0].State != firstset.OfferOffered {
		fx.t.Fatalf("offers of product %d: %+v", productID, list)
	}
	return list[0]
}

// freshOffer is a new offer like f's: one waiting for the demo
// enterprise gets a product of its own; a decided one stays as it is.
func (fx *routeFixtures) freshOffer(f routeFixture) routeFixture {
	if f.Offer.State == firstset.OfferOffered {
		fx.copies++
		f.Offer = fx.offerOf(fx.insuredProduct(fmt.Sprintf("RT-POLICY-COPY-%d", fx.copies)).ID)
	}
	return f
}

// The incentives' route rules.

func managesIncentives(a *firstset.Actor, _ routeFixture) bool {
	return firstset.CheckManageIncentiveRounds(a) == nil
}

// allocates: a reviewer runs a round's allocation once it has closed
// and until it is approved (none of the fixtures' has closed).
func allocates(a *firstset.Actor, fx routeFixture) bool {
	r := fx.IncentiveRound
	return firstset.CheckAllocate(a) == nil && firstset.CheckCaseWrite(a) == nil && r.Status != firstset.RoundApproved &&
		date.Today().After(r.ClosesOn)
}

// approvesRound: finance approves a round's proposal.
func approvesRound(a *firstset.Actor, fx routeFixture) bool {
	return managesIncentives(a, fx) && fx.IncentiveRound.Status == firstset.RoundProposed
}

// resultsPublic: a round's results are public once approved.
func resultsPublic(_ *firstset.Actor, fx routeFixture) bool {
	return fx.IncentiveRound.Status == firstset.RoundApproved
}

// writesCases: a credential that may change cases, past the input's
// check.
func writesCases(a *firstset.Actor, _ routeFixture) bool { return firstset.CheckCaseWrite(a) == nil }

// scoresApplication: the reviewer scores (or draws the experts of) an
// application at the city's review.
func scoresApplication(a *firstset.Actor, fx routeFixture) bool {
	return actsOnCase(a, fx) && a.Role() == firstset.RoleReviewer && fx.Case.Stage == "review"
}

// changesApplication: the applicant rewrites a draft or returned one.
func changesApplication(a *firstset.Actor, fx routeFixture) bool {
	return changesMaterials(a, fx) && firstset.CheckCaseWrite(a) == nil
}

// readsPolicy: an insurer reads its own policy by number; the route's
// policy is the demo insurer's, which the demo bank's and leasing firm's
// users (of the same role) do not find.
func readsPolicy(a *firstset.Actor, _ routeFixture) bool {
	return firstset.CheckReadPolicies(a) == nil && a.Role() == firstset.RoleInsurer && a.User.Username == "insurer"
}

// claimsOnPolicy: the demo insurer reports claims on its own policy.
func claimsOnPolicy(a *firstset.Actor, fx routeFixture) bool {
	return firstset.CheckSubmitPolicies(a) == nil && readsPolicy(a, fx)
}

// listsOffers: an enterprise its own offers, the city's staff all.
func listsOffers(a *firstset.Actor, _ routeFixture) bool {
	switch a.Role() {
	case firstset.RoleEnterprise:
		return a.Allows(firstset.ScopeCasesRead)
	case firstset.RoleReviewer, firstset.RoleFinance, firstset.RoleAdmin:
		return a.Allows(firstset.ScopeIncentivesRead)
	}
	return false
}

// seesOffer: an enterprise its own offer, the city's staff any.
func seesOffer(a *firstset.Actor, fx routeFixture) bool {
	switch a.Role() {
	case firstset.RoleEnterprise:
		return a.User.EnterpriseID == fx.Offer.EnterpriseID
	case firstset.RoleReviewer, firstset.RoleFinance, firstset.RoleAdmin:
		return true
	}
	return false
}

// decidesOffer: the enterprise confirms or declines its offer while it
// waits.
func decidesOffer(a *firstset.Actor, fx routeFixture) bool {
	return firstset.CheckCaseWrite(a) == nil && seesOffer(a, fx) && a.Role() == firstset.RoleEnterprise &&
		fx.Offer.State == firstset.OfferOffered
}

// recomputes: the city's staff recompute the offers.
func recomputes(a *firstset.Actor, _ routeFixture) bool {
	return a.RequireRole(firstset.RoleAdmin, firstset.RoleFinance, firstset.RoleReviewer) == nil
}
