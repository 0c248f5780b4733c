package web

import (
	"context"

	"firstset"
	"firstset/date"
)

// addCases gives the route-by-role test the case workflow's records: an
// open round; cases of the demo enterprise in draft, in expert review
// (the demo expert drawn) and on a public notice (with an objection), and
// a submitted case of another enterprise in another district.
func (fx *routeFixtures) addCases(own int64, enterprises []*firstset.Enterprise) {
	t := fx.t
	t.Helper()
	fx.kit = newCaseKit(t, fx.env)
	k := fx.kit
	byRole := map[firstset.Role]*firstset.User{}
	for _, u := range fx.users {
		byRole[u.Role] = u
	}
	reviewer, district, applicant, expert := byRole[firstset.RoleReviewer], byRole[firstset.RoleDistrict],
		byRole[firstset.RoleEnterprise], byRole[firstset.RoleExpert]
	var other *firstset.Enterprise
	for _, e := range enterprises {
		if e.ID != own && e.DistrictCode != district.DistrictCode {
			other = e
			break
		}
	}
	if other == nil {
		t.Fatal("demo data: no enterprise outside the demo district")
	}
	otherUser, err := fx.env.svc.CreateUser(fx.system, firstset.UserInput{Username: "route-other", Name: "另一企业用户",
		Role: firstset.RoleEnterprise, EnterpriseID: other.ID, Password: testPassword})
	k.must(err, "other enterprise's user")
	fx.applicants = map[int64]*firstset.User{own: applicant, other.ID: otherUser}
	cats, err := fx.env.svc.Categories(fx.system)
	k.must(err, "categories")
	cat := cats[0].ID

	round := k.round(reviewer, "路由测试申报批次")
	fx.rounds = []routeFixture{{Label: "an open round", Round: round}}
	k.pool(reviewer, expert, cat)

	draft := k.declare(applicant, round, k.product(own, cat, "路由草稿装备"))
	att := k.attach(applicant, draft.ID, "用户使用证明")

	review := k.declare(applicant, round, k.product(own, cat, "路由评审装备"))
	k.attachRequired(applicant, review.ID, round)
	k.act(applicant, review.ID, "submit", "")
	k.toExpertReview(district, reviewer, review.ID)
	_, err = fx.env.svc.DrawExperts(as(reviewer), review.ID, "route-seed")
	k.must(err, "draw")

	noticed := k.declare(applicant, round, k.product(own, cat, "路由公示装备"))
	k.attachRequired(applicant, noticed.ID, round)
	k.act(applicant, noticed.ID, "submit", "")
	k.toExpertReview(district, reviewer, noticed.ID)
	k.toProposed(reviewer, noticed.ID)
	nv, err := fx.env.svc.CreateNotice(as(reviewer), firstset.NoticeInput{CaseIDs: []int64{noticed.ID},
		StartsOn: date.FromTime(fx.env.svc.Now())})
	k.must(err, "notice")
	public := firstset.NewContextWithActor(context.Background(), &firstset.Actor{IP: "192.0.2.10"})
	obj, err := fx.env.svc.RaiseObjection(public, nv.ID, firstset.ObjectionInput{CaseID: noticed.ID,
		Name: "某公众", Contact: "13800000000", Text: "对该装备的首台套属性有疑问。"})
	k.must(err, "objection")
	fx.notices = []routeFixture{{Label: "an ongoing notice", Notice: nv.Notice, Objection: obj.ID}}

	submitted := k.declare(otherUser, round, k.product(other.ID, cat, "路由他企装备"))
	k.attachRequired(otherUser, submitted.ID, round)
	k.act(otherUser, submitted.ID, "submit", "")

	first := func(v *firstset.CaseView) int64 { return v.Attachments[0].ID }
	v := k.caseOf(applicant, review.ID)
	w := k.caseOf(applicant, noticed.ID)
	x := k.caseOf(otherUser, submitted.ID)
	fx.cases = []routeFixture{
		{Label: "draft case of the demo enterprise", Case: k.caseOf(applicant, draft.ID).Case, Attachment: att.ID},
		{Label: "case of the demo enterprise in expert review", Case: v.Case, Drawn: ids(k.drawn(reviewer, review.ID)), Attachment: first(v)},
		{Label: "noticed case of the demo enterprise", Case: w.Case, Drawn: ids(k.drawn(reviewer, noticed.ID)), Attachment: first(w)},
		{Label: "submitted case of another enterprise", Case: x.Case, Attachment: first(x)},
	}
}

// applicantOf is a user of the enterprise that applied for c.
func (fx *routeFixtures) applicantOf(c *firstset.Case) *firstset.User {
	return fx.applicants[c.EnterpriseID]
}
