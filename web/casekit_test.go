package web

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"firstset"
	"firstset/date"
	"firstset/service"
)

// caseKit takes recognition cases through the workflow with the services,
// as each party would, for tests that need a case at some stage.
type caseKit struct {
	t   *testing.T
	svc *service.Services
}

func newCaseKit(t *testing.T, env *testEnv) *caseKit { return &caseKit{t: t, svc: env.svc} }

// as is a context acting as u.
func as(u *firstset.User) context.Context {
	return firstset.NewContextWithActor(context.Background(), &firstset.Actor{User: u})
}

func (k *caseKit) must(err error, what string) {
	k.t.Helper()
	if err != nil {
		k.t.Fatalf("%s: %v", what, err)
	}
}

// round opens a round, open today, with the standard checklist.
func (k *caseKit) round(reviewer *firstset.User, title string) *firstset.Round {
	k.t.Helper()
	today := date.FromTime(k.svc.Now())
	y, _, _ := today.Parts()
	r, err := k.svc.CreateRound(as(reviewer), firstset.RoundInput{Title: title, Year: y,
		OpensOn: today.AddDays(-10), ClosesOn: today.AddDays(60), NoticeText: title + "的申报通知。"})
	k.must(err, "create round")
	return r
}

// product registers a new draft product of enterprise e in category cat.
func (k *caseKit) product(e int64, cat int64, name string) *firstset.Product {
	k.t.Helper()
	ctx := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
	p, err := k.svc.CreateProduct(ctx, firstset.ProductInput{EnterpriseID: e, Name: name, Model: "RD-" + name,
		CategoryID: cat, Description: name + "的说明", InnovationLevel: firstset.LevelNational,
		Params: []firstset.Param{{Name: "额定功率", Value: "100", Unit: "kW"}}})
	k.must(err, "create product "+name)
	return p
}

// testPDF is a small PDF whose bytes depend on label, so each is a blob of
// its own.
func testPDF(label string) []byte {
	return []byte("%PDF-1.4\n% " + label + "\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" +
		"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
}

// declare opens a draft for p in round r with its texts filled in.
func (k *caseKit) declare(applicant *firstset.User, r *firstset.Round, p *firstset.Product) *firstset.CaseView {
	k.t.Helper()
	v, err := k.svc.Declare(as(applicant), firstset.DeclarationInput{RoundID: r.ID, ProductID: p.ID,
		InnovationClaim: "核心部件自主研制。", TechnicalComparison: "主要指标优于同类进口产品。", FirstUse: "已在本市用户首次应用。"})
	k.must(err, "declare")
	return v
}

// attach uploads a PDF under item.
func (k *caseKit) attach(applicant *firstset.User, caseID int64, item string) *firstset.Attachment {
	k.t.Helper()
	a, err := k.svc.AddAttachment(as(applicant), caseID, item, item+".pdf", bytes.NewReader(testPDF(fmt.Sprint(caseID, item))))
	k.must(err, "attach "+item)
	return a
}

// attachRequired uploads every required item of r.
func (k *caseKit) attachRequired(applicant *firstset.User, caseID int64, r *firstset.Round) {
	k.t.Helper()
	for _, it := range r.Checklist {
		if it.Required {
			k.attach(applicant, caseID, it.Item)
		}
	}
}

// act takes action on case id as u.
func (k *caseKit) act(u *firstset.User, id int64, action, opinion string) *firstset.CaseView {
	k.t.Helper()
	v, err := k.svc.Act(as(u), id, firstset.ActionInput{Action: action, Opinion: opinion})
	k.must(err, action)
	return v
}

// pool puts expert into the pool for category cat.
func (k *caseKit) pool(reviewer, expert *firstset.User, cat int64) {
	k.t.Helper()
	_, err := k.svc.SaveExpert(as(reviewer), firstset.ExpertInput{UserID: expert.ID, Categories: []int64{cat},
		Employer: "重庆大学", Active: true})
	k.must(err, "pool "+expert.Username)
}

// toExpertReview takes a submitted case through the district's and the
// reviewers' review.
func (k *caseKit) toExpertReview(district, reviewer *firstset.User, id int64) {
	k.t.Helper()
	k.act(district, id, "approve", "材料齐全，同意上报。")
	k.act(reviewer, id, "approve", "形式审查通过。")
}

// toProposed draws the experts of a case in expert review, has each one
// drawn score it, and takes it through the on-site check.
func (k *caseKit) toProposed(reviewer *firstset.User, id int64) {
	k.t.Helper()
	_, err := k.svc.DrawExperts(as(reviewer), id, "kit-seed")
	k.must(err, "draw")
	for _, e := range k.drawn(reviewer, id) {
		sheet := map[string]int{}
		for _, c := range k.svc.Criteria() {
			sheet[c.ID] = 85
		}
		_, err := k.svc.ScoreCase(as(e), id, firstset.ScoreInput{Criteria: sheet, Comment: "同意。"})
		k.must(err, "score as "+e.Username)
	}
	k.act(reviewer, id, "approve", "专家评审通过。")
	k.act(reviewer, id, "approve", "现场核查属实。")
}

// drawn are the experts drawn for case id and not declined, as the
// reviewer sees them.
func (k *caseKit) drawn(reviewer *firstset.User, id int64) []*firstset.User {
	k.t.Helper()
	system := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
	var out []*firstset.User
	for _, e := range k.caseOf(reviewer, id).Experts {
		if e.Status == firstset.AssignmentDeclined {
			continue
		}
		u, err := k.svc.FindUserByID(system, e.UserID)
		k.must(err, "expert user")
		out = append(out, u)
	}
	return out
}

// ids are the users' ids.
func ids(users []*firstset.User) []int64 {
	out := make([]int64, len(users))
	for i, u := range users {
		out[i] = u.ID
	}
	return out
}

// caseOf reads case id as u.
func (k *caseKit) caseOf(u *firstset.User, id int64) *firstset.CaseView {
	k.t.Helper()
	v, err := k.svc.Case(as(u), id)
	k.must(err, "read case")
	return v
}
