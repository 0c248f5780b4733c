package storetest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"firstset"
	"firstset/date"
)

// caseTests check the CaseStore contract.
var caseTests = []test{
	{"CaseSequence", testCaseSequence},
	{"CaseSequenceConcurrent", testCaseSequenceConcurrent},
	{"Cases", testCases},
	{"OpenCaseUnique", testOpenCaseUnique},
	{"CaseList", testCaseList},
	{"CaseEvents", testCaseEvents},
	{"Blobs", testBlobs},
	{"BlobSizeMismatch", testBlobSizeMismatch},
	{"Attachments", testAttachments},
	{"Notifications", testNotifications},
	{"Ratings", testRatings},
	{"RatingSummaries", testRatingSummaries},
}

// same fails t unless got and want are deeply equal; stored times are UTC
// at microseconds, as the writers stamp them, so they compare equal too.
func same(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		t.Fatalf("%s\n got %s\nwant %s", what, g, w)
	}
}

func ptr[T any](v T) *T { return &v }

// caseWorld is what cases refer to: two enterprises in two districts, a
// category, and people.
type caseWorld struct {
	s         firstset.Store
	cat       int64
	e1, e2    *firstset.Enterprise
	applicant *firstset.User
	reviewer  *firstset.User
	products  int
}

func newCaseWorld(t *testing.T, s firstset.Store) *caseWorld {
	t.Helper()
	w := &caseWorld{s: s, cat: categoryID(t, s, "智能制造装备")}
	w.e1 = createEnterprise(t, s, newEnterprise(1, "500112"))
	w.e2 = createEnterprise(t, s, newEnterprise(2, "500107"))
	w.applicant = createUser(t, s, &firstset.User{Username: "applicant", Name: "王芳", Role: firstset.RoleEnterprise,
		EnterpriseID: w.e1.ID, PasswordHash: "x"})
	w.reviewer = createUser(t, s, &firstset.User{Username: "reviewer", Name: "赵敏", Role: firstset.RoleReviewer,
		PasswordHash: "x"})
	return w
}

// product creates a product of e.
func (w *caseWorld) product(t *testing.T, e *firstset.Enterprise, name string) *firstset.Product {
	t.Helper()
	w.products++
	return createProduct(t, w.s, newProduct(e, w.cat, name, fmt.Sprintf("M-%d", w.products)))
}

// newCase is an unsaved recognition case of p numbered seq, every field set.
func (w *caseWorld) newCase(p *firstset.Product, seq int64) *firstset.Case {
	return &firstset.Case{
		Number: fmt.Sprintf("RD-2026-%06d", seq), Kind: "recognition", Year: 2026, Seq: seq,
		EnterpriseID: p.EnterpriseID, ProductID: p.ID, Stage: "district_review", ReturnedFrom: "city_review",
		NextRole: firstset.RoleDistrict, NextDistrict: "500112",
		StageSince:          at("2026-03-02T01:00:00.000001Z"),
		DueOn:               date.MustParse("2026-03-13"),
		InnovationClaim:     "国内首台五轴联动。",
		TechnicalComparison: "定位精度优于同类进口产品。",
		FirstUse:            "2025 年于长安汽车首次应用。",
		Score:               ptr(firstset.Score(8725)),
		SubmittedAt:         ptr(at("2026-03-01T02:03:04.000005Z")),
		CreatedAt:           at("2026-02-28T08:00:00.123456Z"),
		UpdatedAt:           at("2026-03-02T01:00:00.000001Z"),
	}
}

func (w *caseWorld) createCase(t *testing.T, c *firstset.Case) *firstset.Case {
	t.Helper()
	update(t, w.s, func(tx firstset.Tx) error { return tx.CreateCase(context.Background(), c) })
	if c.ID == 0 {
		t.Fatal("CreateCase did not set the id")
	}
	return c
}

func getCase(t *testing.T, s firstset.Store, id int64) *firstset.Case {
	t.Helper()
	var c *firstset.Case
	view(t, s, func(tx firstset.Tx) (err error) {
		c, err = tx.CaseByID(context.Background(), id, false)
		return err
	})
	return c
}

func caseIDs(list []*firstset.Case) []int64 {
	ids := []int64{}
	for _, c := range list {
		ids = append(ids, c.ID)
	}
	return ids
}

func nextSeq(t *testing.T, s firstset.Store, prefix string, year int) int64 {
	t.Helper()
	var n int64
	update(t, s, func(tx firstset.Tx) (err error) {
		n, err = tx.NextCaseSeq(context.Background(), prefix, year)
		return err
	})
	return n
}

func testCaseSequence(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	for _, step := range []struct {
		prefix string
		year   int
		want   int64
	}{
		{"RD", 2026, 1}, {"RD", 2026, 2}, {"RD", 2027, 1}, {"JL", 2026, 1}, {"RD", 2026, 3}, {"RD", 2027, 2},
	} {
		if got := nextSeq(t, s, step.prefix, step.year); got != step.want {
			t.Fatalf("NextCaseSeq(%s, %d) = %d, want %d", step.prefix, step.year, got, step.want)
		}
	}
	// A rolled-back transaction may leave a gap, never a repeat.
	err := s.Update(ctx, func(tx firstset.Tx) error {
		if _, err := tx.NextCaseSeq(ctx, "RD", 2026); err != nil {
			return err
		}
		return errRollback
	})
	if !errors.Is(err, errRollback) {
		t.Fatal(err)
	}
	if got := nextSeq(t, s, "RD", 2026); got < 4 {
		t.Fatalf("after a rollback NextCaseSeq = %d, want 4 or more", got)
	}
}

// testCaseSequenceConcurrent takes numbers in 40 concurrent Updates: each
// gets its own, and together they are 1 to 40.
func testCaseSequenceConcurrent(t *testing.T, s firstset.Store) {
	caseSequenceConcurrent(t, []firstset.Store{s})
}

func caseSequenceConcurrent(t *testing.T, stores []firstset.Store) {
	t.Helper()
	ctx := context.Background()
	const n = 40
	got := make([]int64, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			errs[i] = stores[i%len(stores)].Update(ctx, func(tx firstset.Tx) (err error) {
				got[i], err = tx.NextCaseSeq(ctx, "CC", 2026)
				return err
			})
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("update %d: %v", i, err)
		}
	}
	slices.Sort(got)
	for i, v := range got {
		if v != int64(i+1) {
			t.Fatalf("concurrent numbers %v, want 1 to %d each once", got, n)
		}
	}
}

// SharedCaseSequence takes case numbers concurrently through two stores on
// one database, as two server instances would: no number is given twice.
func SharedCaseSequence(t *testing.T, a, b firstset.Store) {
	caseSequenceConcurrent(t, []firstset.Store{a, b})
}

func testCases(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	w := newCaseWorld(t, s)
	p := w.product(t, w.e1, "五轴联动数控加工中心")
	var round *firstset.Round
	update(t, s, func(tx firstset.Tx) error {
		round = &firstset.Round{Title: "2026 年度首台套认定", Year: 2026, OpensOn: date.MustParse("2026-02-01"),
			ClosesOn: date.MustParse("2026-04-30"), CreatedBy: w.reviewer.ID}
		return tx.CreateRound(ctx, round)
	})
	c := w.newCase(p, 1)
	c.RoundID = round.ID
	w.createCase(t, c)
	want := *c
	want.EnterpriseName, want.CreditCode, want.DistrictCode = w.e1.Name, w.e1.CreditCode, "500112"
	want.ProductName, want.ProductModel, want.CategoryID, want.CategoryName = p.Name, p.Model, w.cat, "智能制造装备"
	same(t, "created case (its joined context filled in)", c, &want)
	same(t, "case read back", getCase(t, s, c.ID), &want)
	view(t, s, func(tx firstset.Tx) error {
		got, err := tx.CaseByNumber(ctx, "RD-2026-000001")
		if err != nil {
			return err
		}
		same(t, "case by number", got, &want)
		_, err = tx.CaseByID(ctx, c.ID+100, false)
		wantCode(t, err, firstset.ENOTFOUND, "")
		_, err = tx.CaseByNumber(ctx, "RD-2026-999999")
		wantCode(t, err, firstset.ENOTFOUND, "")
		return nil
	})

	// Every field that changes over a case's life is rewritten, the
	// nullable ones to NULL and back.
	var notice *firstset.Notice
	update(t, s, func(tx firstset.Tx) error {
		notice = &firstset.Notice{Title: "公示", StartsOn: date.MustParse("2026-05-06"), EndsOn: date.MustParse("2026-05-12")}
		return tx.CreateNotice(ctx, notice)
	})
	update(t, s, func(tx firstset.Tx) error {
		got, err := tx.CaseByID(ctx, c.ID, true)
		if err != nil {
			return err
		}
		got.RoundID, got.Stage, got.ReturnedFrom = 0, "publicity", ""
		got.NextRole, got.NextDistrict = firstset.RoleReviewer, ""
		got.StageSince, got.DueOn = at("2026-05-06T00:00:00.5Z"), date.Date{}
		got.InnovationClaim, got.TechnicalComparison, got.FirstUse = "改", "", "首用"
		got.Score, got.NoticeID, got.SubmittedAt = nil, notice.ID, nil
		got.ClosedAt = ptr(at("2026-05-13T09:00:00.000007Z"))
		got.UpdatedAt = at("2026-05-13T09:00:00.000007Z")
		if err := tx.UpdateCase(ctx, got); err != nil {
			return err
		}
		want = *got
		return nil
	})
	same(t, "updated case", getCase(t, s, c.ID), &want)
	back := want
	back.RoundID, back.DueOn, back.Score = round.ID, date.MustParse("2026-06-01"), ptr(firstset.Score(0))
	back.NoticeID, back.SubmittedAt, back.ClosedAt = 0, ptr(at("2026-05-14T00:00:00Z")), nil
	update(t, s, func(tx firstset.Tx) error { return tx.UpdateCase(ctx, &back) })
	same(t, "case updated back", getCase(t, s, c.ID), &back)

	ghost := back
	ghost.ID = c.ID + 100
	err := s.Update(ctx, func(tx firstset.Tx) error { return tx.UpdateCase(ctx, &ghost) })
	wantCode(t, err, firstset.ENOTFOUND, "")

	// Times left zero are stamped; the stored ones are what the struct says.
	q := w.product(t, w.e1, "工业机器人")
	fresh := &firstset.Case{Number: "RD-2026-000002", Kind: "recognition", Year: 2026, Seq: 2,
		EnterpriseID: w.e1.ID, ProductID: q.ID, Stage: "draft", NextRole: firstset.RoleEnterprise}
	w.createCase(t, fresh)
	if fresh.CreatedAt.IsZero() || fresh.UpdatedAt.IsZero() || fresh.StageSince.IsZero() {
		t.Fatalf("zero times must be stamped: %+v", fresh)
	}
	got := getCase(t, s, fresh.ID)
	same(t, "case with defaults", got, fresh)
	if got.Score != nil || got.SubmittedAt != nil || !got.DueOn.IsZero() || got.RoundID != 0 {
		t.Fatalf("unset fields read back set: %+v", got)
	}

	dup := w.newCase(w.product(t, w.e1, "数控机床"), 1)
	err = s.Update(ctx, func(tx firstset.Tx) error { return tx.CreateCase(ctx, dup) })
	wantCode(t, err, firstset.ECONFLICT, "number")
}

func testOpenCaseUnique(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	w := newCaseWorld(t, s)
	p := w.product(t, w.e1, "盾构机")
	first := w.createCase(t, w.newCase(p, 1))

	second := w.newCase(p, 2)
	err := s.Update(ctx, func(tx firstset.Tx) error { return tx.CreateCase(ctx, second) })
	wantCode(t, err, firstset.ECONFLICT, "product_id")
	if e, _ := firstset.AsError(err); e.Message == "" || e.Message[0] < 0x80 {
		t.Fatalf("the refusal must say why, in Chinese: %q", e.Message)
	}
	// The refusal rolls back the whole transaction, like any other.
	var n int
	view(t, s, func(tx firstset.Tx) error {
		_, total, err := tx.ListCases(ctx, firstset.CaseFilter{})
		n = total
		return err
	})
	if n != 1 {
		t.Fatalf("%d cases after the refusal, want 1", n)
	}

	// Another kind of case for the same product is not held back.
	reward := w.newCase(p, 3)
	reward.Kind, reward.Number = "reward", "JL-2026-000001"
	w.createCase(t, reward)

	// Once the first has ended, a new one may open; reopening the ended
	// one is then refused.
	first.ClosedAt = ptr(at("2026-04-01T00:00:00Z"))
	update(t, s, func(tx firstset.Tx) error { return tx.UpdateCase(ctx, first) })
	second.ID = 0
	w.createCase(t, second)
	first.ClosedAt = nil
	err = s.Update(ctx, func(tx firstset.Tx) error { return tx.UpdateCase(ctx, first) })
	wantCode(t, err, firstset.ECONFLICT, "product_id")

	// A case stored already ended is not open.
	ended := w.newCase(p, 4)
	ended.ClosedAt = ptr(at("2026-04-02T00:00:00Z"))
	w.createCase(t, ended)
}

func testCaseList(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	w := newCaseWorld(t, s)
	p1 := w.product(t, w.e1, "五轴联动数控加工中心")
	p2 := w.product(t, w.e1, "工业机器人焊接工作站")
	p3 := w.product(t, w.e2, "风电主轴轴承")
	p4 := w.product(t, w.e2, "盾构机")
	var r1, r2 *firstset.Round
	update(t, s, func(tx firstset.Tx) error {
		r1 = &firstset.Round{Title: "2026 年度", Year: 2026, OpensOn: date.MustParse("2026-02-01"), ClosesOn: date.MustParse("2026-04-30")}
		r2 = &firstset.Round{Title: "2026 年度第二批", Year: 2026, OpensOn: date.MustParse("2026-06-01"), ClosesOn: date.MustParse("2026-07-31")}
		if err := tx.CreateRound(ctx, r1); err != nil {
			return err
		}
		return tx.CreateRound(ctx, r2)
	})
	mk := func(p *firstset.Product, seq int64, round *firstset.Round, stage string, role firstset.Role, district, due string) *firstset.Case {
		c := w.newCase(p, seq)
		c.Stage, c.NextRole, c.NextDistrict = stage, role, district
		c.RoundID = 0
		if round != nil {
			c.RoundID = round.ID
		}
		c.DueOn = date.Date{}
		if due != "" {
			c.DueOn = date.MustParse(due)
		}
		return c
	}
	draft := mk(p1, 1, r1, "draft", firstset.RoleEnterprise, "", "")
	draft.SubmittedAt = nil
	w.createCase(t, draft)
	c2 := w.createCase(t, mk(p2, 2, r1, "district_review", firstset.RoleDistrict, "500112", "2026-03-10"))
	c3 := w.createCase(t, mk(p3, 3, r2, "district_review", firstset.RoleDistrict, "500107", "2026-03-05"))
	reward := mk(p1, 4, nil, "city_review", firstset.RoleReviewer, "", "2026-03-01")
	reward.Kind, reward.Number = "reward", "JL-2026-000004"
	w.createCase(t, reward)
	c5 := w.createCase(t, mk(p4, 5, r2, "expert_review", firstset.RoleExpert, "", "2026-03-20"))
	c6 := w.createCase(t, mk(w.product(t, w.e2, "数控磨床"), 6, r2, "district_review", firstset.RoleDistrict, "500107", ""))

	// An expert drawn for c5, scored c3, declined c2; another expert drawn
	// for c2.
	expert := createUser(t, s, &firstset.User{Username: "expert", Name: "钱教授", Role: firstset.RoleExpert, PasswordHash: "x"})
	other := createUser(t, s, &firstset.User{Username: "expert2", Name: "孙教授", Role: firstset.RoleExpert, PasswordHash: "x"})
	var notice *firstset.Notice
	update(t, s, func(tx firstset.Tx) error {
		for _, a := range []struct {
			c      *firstset.Case
			u      *firstset.User
			status string
		}{
			{c5, expert, firstset.AssignmentDrawn}, {c3, expert, firstset.AssignmentScored},
			{c2, expert, firstset.AssignmentDeclined}, {c2, other, firstset.AssignmentDrawn},
		} {
			d := &firstset.Draw{CaseID: a.c.ID, Seed: "s", N: 1, CandidatesSHA256: "h"}
			if err := tx.CreateDraw(ctx, d); err != nil {
				return err
			}
			if err := tx.AddCaseExpert(ctx, &firstset.CaseExpert{CaseID: a.c.ID, UserID: a.u.ID, DrawID: d.ID, Status: a.status}); err != nil {
				return err
			}
		}
		notice = &firstset.Notice{Title: "公示", StartsOn: date.MustParse("2026-05-06"), EndsOn: date.MustParse("2026-05-12"),
			CaseIDs: []int64{c3.ID, c5.ID}}
		return tx.CreateNotice(ctx, notice)
	})

	all := []int64{c6.ID, c5.ID, reward.ID, c3.ID, c2.ID, draft.ID}
	for _, tc := range []struct {
		name string
		f    firstset.CaseFilter
		want []int64
	}{
		{"all, newest first", firstset.CaseFilter{}, all},
		{"kind", firstset.CaseFilter{Kind: "reward"}, []int64{reward.ID}},
		{"enterprise", firstset.CaseFilter{EnterpriseID: w.e1.ID}, []int64{reward.ID, c2.ID, draft.ID}},
		{"round", firstset.CaseFilter{RoundID: r1.ID}, []int64{c2.ID, draft.ID}},
		{"notice", firstset.CaseFilter{NoticeID: notice.ID}, []int64{c5.ID, c3.ID}},
		{"applicant's district", firstset.CaseFilter{DistrictCode: "500107"}, []int64{c6.ID, c5.ID, c3.ID}},
		{"next role", firstset.CaseFilter{NextRole: firstset.RoleDistrict}, []int64{c6.ID, c3.ID, c2.ID}},
		{"next role and district", firstset.CaseFilter{NextRole: firstset.RoleDistrict, NextDistrict: "500107"}, []int64{c6.ID, c3.ID}},
		{"stages", firstset.CaseFilter{Stages: []string{"draft", "city_review"}}, []int64{reward.ID, draft.ID}},
		{"no drafts", firstset.CaseFilter{ExcludeDrafts: true}, []int64{c6.ID, c5.ID, reward.ID, c3.ID, c2.ID}},
		{"expert's cases", firstset.CaseFilter{ExpertID: expert.ID}, []int64{c5.ID, c3.ID}},
		{"expert's waiting", firstset.CaseFilter{ExpertID: expert.ID, Waiting: true}, []int64{c5.ID}},
		{"other expert's waiting", firstset.CaseFilter{ExpertID: other.ID, Waiting: true}, []int64{c2.ID}},
		{"waiting, soonest due first, none due last", firstset.CaseFilter{NextRole: firstset.RoleDistrict, Waiting: true},
			[]int64{c3.ID, c2.ID, c6.ID}},
		{"waiting for everyone", firstset.CaseFilter{Waiting: true, ExcludeDrafts: true},
			[]int64{reward.ID, c3.ID, c2.ID, c5.ID, c6.ID}},
		{"query: number", firstset.CaseFilter{Query: "rd-2026-000003"}, []int64{c3.ID}},
		{"query: number prefix", firstset.CaseFilter{Query: "JL-"}, []int64{reward.ID}},
		{"query: product", firstset.CaseFilter{Query: "机器人"}, []int64{c2.ID}},
		{"query: enterprise", firstset.CaseFilter{Query: w.e2.Name}, []int64{c6.ID, c5.ID, c3.ID}},
		{"query and filter", firstset.CaseFilter{Query: "五轴", Kind: "recognition"}, []int64{draft.ID}},
		{"no match", firstset.CaseFilter{Query: "不存在"}, []int64{}},
		{"combined", firstset.CaseFilter{Kind: "recognition", DistrictCode: "500107", Stages: []string{"district_review"}},
			[]int64{c6.ID, c3.ID}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			view(t, s, func(tx firstset.Tx) error {
				list, total, err := tx.ListCases(ctx, tc.f)
				if err != nil {
					return err
				}
				same(t, "cases", caseIDs(list), tc.want)
				if total != len(tc.want) {
					t.Fatalf("total %d, want %d", total, len(tc.want))
				}
				return nil
			})
		})
	}

	// A page, with the total of every match; listed cases carry their context.
	view(t, s, func(tx firstset.Tx) error {
		list, total, err := tx.ListCases(ctx, firstset.CaseFilter{Offset: 1, Limit: 2})
		if err != nil {
			return err
		}
		same(t, "page", caseIDs(list), all[1:3])
		if total != len(all) {
			t.Fatalf("page total %d, want %d", total, len(all))
		}
		same(t, "listed case", list[0], getCase(t, s, c5.ID))
		if list[0].EnterpriseName != w.e2.Name || list[0].ProductName != "盾构机" || list[0].NoticeID != notice.ID {
			t.Fatalf("listed case without its context: %+v", list[0])
		}
		list, total, err = tx.ListCases(ctx, firstset.CaseFilter{NextRole: firstset.RoleDistrict, Waiting: true, Offset: 2, Limit: 5})
		if err != nil {
			return err
		}
		same(t, "waiting page", caseIDs(list), []int64{c6.ID})
		if total != 3 {
			t.Fatalf("waiting page total %d, want 3", total)
		}
		return nil
	})
}

func testCaseEvents(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	w := newCaseWorld(t, s)
	c := w.createCase(t, w.newCase(w.product(t, w.e1, "盾构机"), 1))
	other := w.createCase(t, w.newCase(w.product(t, w.e1, "数控机床"), 2))
	events := []*firstset.Event{
		{CaseID: c.ID, At: at("2026-03-01T02:03:04.000005Z"), ActorID: w.applicant.ID, Actor: "王芳",
			ActorRole: firstset.RoleEnterprise, Action: "submit", FromStage: "draft", ToStage: "district_review",
			Opinion: "", Items: []string{}, AttachmentIDs: []int64{3, 1}},
		{CaseID: c.ID, At: at("2026-03-05T08:00:00Z"), ActorID: w.reviewer.ID, Actor: "赵敏",
			ActorRole: firstset.RoleReviewer, Action: "return", FromStage: "city_review", ToStage: "returned",
			Opinion: "请补充检测报告。", Items: []string{"第三方检测报告", "用户使用证明"}, AttachmentIDs: []int64{}},
		// A system event: no actor, no lists.
		{CaseID: c.ID, At: at("2026-03-06T00:00:00Z"), Actor: "系统", Action: "overdue"},
		{CaseID: other.ID, Action: "create", Actor: "王芳"},
	}
	update(t, s, func(tx firstset.Tx) error {
		for _, e := range events {
			if err := tx.AppendEvent(ctx, e); err != nil {
				return err
			}
			if e.ID == 0 {
				t.Fatal("AppendEvent did not set the id")
			}
		}
		return nil
	})
	if events[3].At.IsZero() {
		t.Fatal("a zero event time must be stamped")
	}
	events[2].Items, events[2].AttachmentIDs = []string{}, []int64{}
	events[3].Items, events[3].AttachmentIDs = []string{}, []int64{}
	view(t, s, func(tx firstset.Tx) error {
		got, err := tx.Events(ctx, c.ID)
		if err != nil {
			return err
		}
		same(t, "timeline", got, events[:3])
		got, err = tx.Events(ctx, other.ID)
		if err != nil {
			return err
		}
		same(t, "other timeline", got, events[3:])
		got, err = tx.Events(ctx, other.ID+100)
		if err != nil {
			return err
		}
		if got == nil || len(got) != 0 {
			t.Fatalf("no timeline must be an empty list, got %#v", got)
		}
		return nil
	})
}

// content is n pseudo-random bytes, the same for the same seed.
func content(n int, seed byte) []byte {
	b := make([]byte, n)
	x := uint32(seed) + 1
	for i := range b {
		x = x*1664525 + 1013904223
		b[i] = byte(x >> 24)
	}
	return b
}

func sha(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// countingReader records the largest read asked of it.
type countingReader struct {
	r       io.Reader
	largest int
}

func (c *countingReader) Read(p []byte) (int, error) {
	c.largest = max(c.largest, len(p))
	return c.r.Read(p)
}

func readBlob(t *testing.T, s firstset.Store, b *firstset.Blob) []byte {
	t.Helper()
	var out []byte
	view(t, s, func(tx firstset.Tx) error {
		for n := 0; n < b.Chunks; n++ {
			chunk, err := tx.BlobChunk(context.Background(), b.ID, n)
			if err != nil {
				return err
			}
			if n < b.Chunks-1 && len(chunk) != firstset.BlobChunkSize {
				t.Fatalf("chunk %d holds %d bytes, want %d", n, len(chunk), firstset.BlobChunkSize)
			}
			out = append(out, chunk...)
		}
		_, err := tx.BlobChunk(context.Background(), b.ID, b.Chunks)
		wantCode(t, err, firstset.ENOTFOUND, "")
		return nil
	})
	return out
}

func testBlobs(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	w := newCaseWorld(t, s)
	data := content(1<<20+3, 1)
	b := &firstset.Blob{EnterpriseID: w.e1.ID, SHA256: sha(data), Size: int64(len(data)), ContentType: "application/pdf"}
	r := &countingReader{r: bytes.NewReader(data)}
	update(t, s, func(tx firstset.Tx) error { return tx.CreateBlob(ctx, b, r) })
	if b.ID == 0 || b.Chunks != 5 {
		t.Fatalf("CreateBlob set id %d, %d chunks; want an id and 5 chunks", b.ID, b.Chunks)
	}
	if r.largest > firstset.BlobChunkSize {
		t.Fatalf("CreateBlob read %d bytes at once, more than a chunk", r.largest)
	}
	if got := readBlob(t, s, b); !bytes.Equal(got, data) {
		t.Fatalf("the content read back differs: %d bytes, want %d", len(got), len(data))
	}
	view(t, s, func(tx firstset.Tx) error {
		got, err := tx.BlobByID(ctx, b.ID)
		if err != nil {
			return err
		}
		same(t, "blob by id", got, b)
		got, err = tx.BlobByHash(ctx, w.e1.ID, b.SHA256)
		if err != nil {
			return err
		}
		same(t, "blob by hash", got, b)
		_, err = tx.BlobByHash(ctx, w.e2.ID, b.SHA256)
		wantCode(t, err, firstset.ENOTFOUND, "")
		_, err = tx.BlobByID(ctx, b.ID+100)
		wantCode(t, err, firstset.ENOTFOUND, "")
		return nil
	})

	// One enterprise keeps a content once; another enterprise keeps its own.
	again := &firstset.Blob{EnterpriseID: w.e1.ID, SHA256: b.SHA256, Size: b.Size, ContentType: "application/pdf"}
	err := s.Update(ctx, func(tx firstset.Tx) error { return tx.CreateBlob(ctx, again, bytes.NewReader(data)) })
	wantCode(t, err, firstset.ECONFLICT, "file")
	theirs := &firstset.Blob{EnterpriseID: w.e2.ID, SHA256: b.SHA256, Size: b.Size, ContentType: "application/pdf"}
	update(t, s, func(tx firstset.Tx) error { return tx.CreateBlob(ctx, theirs, bytes.NewReader(data)) })
	if theirs.ID == b.ID || !bytes.Equal(readBlob(t, s, theirs), data) {
		t.Fatalf("the other enterprise's blob %d (first %d) differs", theirs.ID, b.ID)
	}

	// Exactly one chunk, and nothing at all.
	one := content(firstset.BlobChunkSize, 2)
	exact := &firstset.Blob{EnterpriseID: w.e1.ID, SHA256: sha(one), Size: int64(len(one))}
	update(t, s, func(tx firstset.Tx) error { return tx.CreateBlob(ctx, exact, bytes.NewReader(one)) })
	if exact.Chunks != 1 || !bytes.Equal(readBlob(t, s, exact), one) {
		t.Fatalf("a blob of one chunk: %d chunks", exact.Chunks)
	}
	empty := &firstset.Blob{EnterpriseID: w.e1.ID, SHA256: sha(nil), Size: 0, ContentType: "text/plain"}
	update(t, s, func(tx firstset.Tx) error { return tx.CreateBlob(ctx, empty, bytes.NewReader(nil)) })
	if empty.Chunks != 0 || len(readBlob(t, s, empty)) != 0 {
		t.Fatalf("an empty blob: %d chunks", empty.Chunks)
	}
}

// errReader fails after its content.
type errReader struct{ r io.Reader }

var errBroken = errors.New("connection reset")

func (e errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err == io.EOF {
		return n, errBroken
	}
	return n, err
}

// testBlobSizeMismatch: content shorter or longer than the size given, or
// a reader failing, is refused, and the Update rolls back: nothing is
// stored.
func testBlobSizeMismatch(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	w := newCaseWorld(t, s)
	data := content(firstset.BlobChunkSize+10, 3)
	for _, tc := range []struct {
		name string
		size int64
		r    io.Reader
	}{
		{"shorter", int64(len(data)) + 1, bytes.NewReader(data)},
		{"longer", int64(len(data)) - 1, bytes.NewReader(data)},
		{"longer by a chunk", int64(len(data) - firstset.BlobChunkSize), bytes.NewReader(data)},
		{"empty but some", 0, bytes.NewReader(data)},
		{"failing", int64(len(data)), errReader{bytes.NewReader(data)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := &firstset.Blob{EnterpriseID: w.e1.ID, SHA256: sha(data), Size: tc.size}
			err := s.Update(ctx, func(tx firstset.Tx) error { return tx.CreateBlob(ctx, b, tc.r) })
			if err == nil {
				t.Fatal("CreateBlob must refuse content that is not of the size given")
			}
			if tc.name == "failing" {
				if !errors.Is(err, errBroken) {
					t.Fatalf("want the reader's error, got %v", err)
				}
			} else {
				wantCode(t, err, firstset.EINVALID, "file")
			}
			view(t, s, func(tx firstset.Tx) error {
				_, err := tx.BlobByHash(ctx, w.e1.ID, sha(data))
				wantCode(t, err, firstset.ENOTFOUND, "")
				if b.ID != 0 {
					_, err = tx.BlobChunk(ctx, b.ID, 0)
					wantCode(t, err, firstset.ENOTFOUND, "")
				}
				return nil
			})
		})
	}
	// After every refusal, the right content goes in.
	b := &firstset.Blob{EnterpriseID: w.e1.ID, SHA256: sha(data), Size: int64(len(data))}
	update(t, s, func(tx firstset.Tx) error { return tx.CreateBlob(ctx, b, bytes.NewReader(data)) })
	if !bytes.Equal(readBlob(t, s, b), data) {
		t.Fatal("content differs")
	}
}

func testAttachments(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	w := newCaseWorld(t, s)
	c := w.createCase(t, w.newCase(w.product(t, w.e1, "盾构机"), 1))
	other := w.createCase(t, w.newCase(w.product(t, w.e1, "数控机床"), 2))
	pdf, png := content(1000, 4), content(300, 5)
	b1 := &firstset.Blob{EnterpriseID: w.e1.ID, SHA256: sha(pdf), Size: int64(len(pdf)), ContentType: "application/pdf"}
	b2 := &firstset.Blob{EnterpriseID: w.e1.ID, SHA256: sha(png), Size: int64(len(png)), ContentType: "image/png"}
	var a1, a2, a3, a4 *firstset.Attachment
	update(t, s, func(tx firstset.Tx) error {
		if err := tx.CreateBlob(ctx, b1, bytes.NewReader(pdf)); err != nil {
			return err
		}
		if err := tx.CreateBlob(ctx, b2, bytes.NewReader(png)); err != nil {
			return err
		}
		a1 = &firstset.Attachment{CaseID: c.ID, Item: "产品说明书", BlobID: b1.ID, Filename: "说明书.pdf",
			UploadedBy: w.applicant.ID, UploadedAt: at("2026-03-01T01:00:00.000001Z")}
		a2 = &firstset.Attachment{CaseID: c.ID, Item: "检测报告", BlobID: b2.ID, Filename: "报告.png",
			UploadedBy: w.applicant.ID, UploadedAt: at("2026-03-01T01:05:00Z")}
		a3 = &firstset.Attachment{CaseID: other.ID, Item: "产品说明书", BlobID: b1.ID, Filename: "说明书-副本.pdf",
			Reused: true, UploadedBy: w.applicant.ID, UploadedAt: at("2026-03-02T00:00:00Z")}
		a4 = &firstset.Attachment{CaseID: c.ID, Item: "产品说明书", BlobID: b1.ID, Filename: "说明书(2).pdf", Reused: true}
		for _, a := range []*firstset.Attachment{a1, a2, a3, a4} {
			if err := tx.CreateAttachment(ctx, a); err != nil {
				return err
			}
		}
		return nil
	})
	if a1.Size != 1000 || a1.SHA256 != b1.SHA256 || a1.ContentType != "application/pdf" || a4.UploadedAt.IsZero() {
		t.Fatalf("CreateAttachment fills in the blob's size, hash and type and stamps the time: %+v %+v", a1, a4)
	}
	view(t, s, func(tx firstset.Tx) error {
		list, err := tx.Attachments(ctx, c.ID)
		if err != nil {
			return err
		}
		same(t, "attachments", list, []*firstset.Attachment{a1, a2, a4})
		list, err = tx.Attachments(ctx, other.ID)
		if err != nil {
			return err
		}
		same(t, "other attachments", list, []*firstset.Attachment{a3})
		got, err := tx.AttachmentByID(ctx, a2.ID)
		if err != nil {
			return err
		}
		same(t, "attachment by id", got, a2)
		_, err = tx.AttachmentByID(ctx, a4.ID+100)
		wantCode(t, err, firstset.ENOTFOUND, "")
		return nil
	})
	err := s.Update(ctx, func(tx firstset.Tx) error {
		return tx.CreateAttachment(ctx, &firstset.Attachment{CaseID: c.ID, Item: "x", BlobID: b2.ID + 100, Filename: "x"})
	})
	wantCode(t, err, firstset.ENOTFOUND, "")

	// Removing an attachment keeps its blob for the next upload.
	update(t, s, func(tx firstset.Tx) error { return tx.DeleteAttachment(ctx, a1.ID) })
	err = s.Update(ctx, func(tx firstset.Tx) error { return tx.DeleteAttachment(ctx, a1.ID) })
	wantCode(t, err, firstset.ENOTFOUND, "")
	view(t, s, func(tx firstset.Tx) error {
		list, err := tx.Attachments(ctx, c.ID)
		if err != nil {
			return err
		}
		same(t, "attachments after removal", list, []*firstset.Attachment{a2, a4})
		_, err = tx.BlobByHash(ctx, w.e1.ID, b1.SHA256)
		return err
	})
	if !bytes.Equal(readBlob(t, s, b1), pdf) {
		t.Fatal("the blob of a removed attachment changed")
	}
}

func testNotifications(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	w := newCaseWorld(t, s)
	c := w.createCase(t, w.newCase(w.product(t, w.e1, "盾构机"), 1))
	u1, u2 := w.applicant, w.reviewer
	base := at("2026-03-01T00:00:00Z")
	mk := func(u *firstset.User, n int, email string) *firstset.Notification {
		return &firstset.Notification{UserID: u.ID, CaseID: c.ID, Title: fmt.Sprintf("通知 %d", n),
			Body: "您的办件已受理。", Link: fmt.Sprintf("/cases/%d", c.ID), CreatedAt: base.Add(time.Duration(n) * time.Minute),
			Email: email}
	}
	n1, n2, n3 := mk(u1, 1, ""), mk(u1, 2, "wf@example.cn"), mk(u1, 3, "")
	n3.CaseID, n3.Link = 0, ""
	n4 := mk(u2, 4, "zm@example.cn")
	n5 := mk(u1, 5, "")
	n5.ReadAt = ptr(base.Add(time.Hour))
	all := []*firstset.Notification{n1, n2, n3, n4, n5}
	update(t, s, func(tx firstset.Tx) error {
		for _, n := range all {
			if err := tx.CreateNotification(ctx, n); err != nil {
				return err
			}
		}
		return nil
	})
	list := func(u *firstset.User, unread bool, offset, limit int) ([]*firstset.Notification, int) {
		t.Helper()
		var got []*firstset.Notification
		var total int
		view(t, s, func(tx firstset.Tx) (err error) {
			got, total, err = tx.ListNotifications(ctx, u.ID, unread, offset, limit)
			return err
		})
		return got, total
	}
	unread := func(u *firstset.User) int {
		t.Helper()
		var n int
		view(t, s, func(tx firstset.Tx) (err error) {
			n, err = tx.CountUnread(ctx, u.ID)
			return err
		})
		return n
	}
	got, total := list(u1, false, 0, 0)
	same(t, "notifications, newest first", got, []*firstset.Notification{n5, n3, n2, n1})
	if total != 4 {
		t.Fatalf("total %d", total)
	}
	got, total = list(u1, true, 1, 1)
	same(t, "unread page", got, []*firstset.Notification{n2})
	if total != 3 || unread(u1) != 3 || unread(u2) != 1 {
		t.Fatalf("unread: total %d, counts %d %d", total, unread(u1), unread(u2))
	}

	// Marking read touches only the caller's own.
	readAt := at("2026-03-02T00:00:00.000001Z")
	update(t, s, func(tx firstset.Tx) error { return tx.MarkRead(ctx, u1.ID, []int64{n1.ID, n4.ID, n5.ID}, readAt) })
	n1.ReadAt = ptr(readAt)
	got, _ = list(u1, false, 0, 0)
	same(t, "after marking one read", got, []*firstset.Notification{n5, n3, n2, n1})
	got, _ = list(u2, false, 0, 0)
	same(t, "another user's notification stays unread", got, []*firstset.Notification{n4})
	later := at("2026-03-03T00:00:00Z")
	update(t, s, func(tx firstset.Tx) error { return tx.MarkRead(ctx, u1.ID, nil, later) })
	n2.ReadAt, n3.ReadAt = ptr(later), ptr(later)
	got, _ = list(u1, false, 0, 0)
	same(t, "after marking all read", got, []*firstset.Notification{n5, n3, n2, n1})
	if unread(u1) != 0 || unread(u2) != 1 {
		t.Fatalf("unread after marking all: %d %d", unread(u1), unread(u2))
	}

	pending := func(limit int) []*firstset.Notification {
		t.Helper()
		var got []*firstset.Notification
		view(t, s, func(tx firstset.Tx) (err error) {
			got, err = tx.PendingEmails(ctx, limit)
			return err
		})
		return got
	}
	same(t, "pending emails, oldest first", pending(0), []*firstset.Notification{n2, n4})
	same(t, "pending emails, one", pending(1), []*firstset.Notification{n2})
	sent := at("2026-03-01T00:10:00Z")
	update(t, s, func(tx firstset.Tx) error { return tx.MarkEmailed(ctx, n2.ID, sent) })
	same(t, "pending after one is sent", pending(0), []*firstset.Notification{n4})
	n2.EmailedAt = ptr(sent)
	got, _ = list(u1, false, 0, 0)
	same(t, "emailed notification", got[2], n2)
	err := s.Update(ctx, func(tx firstset.Tx) error { return tx.MarkEmailed(ctx, n5.ID+100, sent) })
	wantCode(t, err, firstset.ENOTFOUND, "")
}

func testRatings(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	w := newCaseWorld(t, s)
	c := w.createCase(t, w.newCase(w.product(t, w.e1, "盾构机"), 1))
	d := w.createCase(t, w.newCase(w.product(t, w.e1, "数控机床"), 2))
	whole := &firstset.Rating{CaseID: c.ID, Stage: "", Score: 5, Comment: "办理高效。", RatedBy: w.applicant.ID,
		RatedAt: at("2026-01-31T15:59:59.999999Z")} // 2026-01-31 23:59 in Shanghai
	bad := &firstset.Rating{CaseID: c.ID, Stage: "city_review", Score: 2, Comment: "等待太久。", RatedBy: w.applicant.ID,
		RatedAt: at("2026-01-31T16:00:00Z"), FollowUp: true, DueOn: date.MustParse("2026-02-06")} // 2026-02-01 00:00
	late := &firstset.Rating{CaseID: d.ID, Stage: "", Score: 1, RatedBy: w.applicant.ID,
		RatedAt: at("2026-02-20T00:00:00Z"), FollowUp: true, DueOn: date.MustParse("2026-02-27")}
	update(t, s, func(tx firstset.Tx) error {
		for _, r := range []*firstset.Rating{whole, bad, late} {
			if err := tx.CreateRating(ctx, r); err != nil {
				return err
			}
		}
		return nil
	})
	if whole.CaseNumber != c.Number {
		t.Fatalf("CreateRating fills in the case number: %q", whole.CaseNumber)
	}
	err := s.Update(ctx, func(tx firstset.Tx) error {
		return tx.CreateRating(ctx, &firstset.Rating{CaseID: c.ID, Stage: "city_review", Score: 4})
	})
	wantCode(t, err, firstset.ECONFLICT, "stage")

	ratings := func(f firstset.RatingFilter) ([]*firstset.Rating, int) {
		t.Helper()
		var got []*firstset.Rating
		var total int
		view(t, s, func(tx firstset.Tx) (err error) {
			got, total, err = tx.ListRatings(ctx, f)
			return err
		})
		return got, total
	}
	for _, tc := range []struct {
		name  string
		f     firstset.RatingFilter
		want  []*firstset.Rating
		total int
	}{
		{"all, newest first", firstset.RatingFilter{}, []*firstset.Rating{late, bad, whole}, 3},
		{"January in Shanghai", firstset.RatingFilter{Month: "2026-01"}, []*firstset.Rating{whole}, 1},
		{"February in Shanghai", firstset.RatingFilter{Month: "2026-02"}, []*firstset.Rating{late, bad}, 2},
		{"December", firstset.RatingFilter{Month: "2026-12"}, []*firstset.Rating{}, 0},
		{"follow-ups", firstset.RatingFilter{FollowUps: true}, []*firstset.Rating{late, bad}, 2},
		{"follow-ups in January", firstset.RatingFilter{FollowUps: true, Month: "2026-01"}, []*firstset.Rating{}, 0},
		{"page", firstset.RatingFilter{Offset: 1, Limit: 1}, []*firstset.Rating{bad}, 3},
	} {
		got, total := ratings(tc.f)
		same(t, tc.name, got, tc.want)
		if total != tc.total {
			t.Fatalf("%s: total %d, want %d", tc.name, total, tc.total)
		}
	}
	view(t, s, func(tx firstset.Tx) error {
		_, _, err := tx.ListRatings(ctx, firstset.RatingFilter{Month: "2026-13"})
		wantCode(t, err, firstset.EINVALID, "month")
		got, err := tx.RatingByID(ctx, bad.ID)
		if err != nil {
			return err
		}
		same(t, "rating by id", got, bad)
		_, err = tx.RatingByID(ctx, late.ID+100)
		wantCode(t, err, firstset.ENOTFOUND, "")
		list, err := tx.RatingsOfCase(ctx, c.ID)
		if err != nil {
			return err
		}
		same(t, "ratings of a case", list, []*firstset.Rating{whole, bad})
		return nil
	})

	// An answer takes a rating off the follow-ups.
	bad.Answer, bad.AnsweredBy, bad.AnsweredAt = "已督促办理。", w.reviewer.ID, ptr(at("2026-02-03T01:02:03.000004Z"))
	update(t, s, func(tx firstset.Tx) error { return tx.UpdateRating(ctx, bad) })
	got, total := ratings(firstset.RatingFilter{FollowUps: true})
	same(t, "follow-ups after an answer", got, []*firstset.Rating{late})
	if total != 1 {
		t.Fatalf("follow-ups total %d", total)
	}
	got, _ = ratings(firstset.RatingFilter{Month: "2026-02"})
	same(t, "answered rating", got[1], bad)
	ghost := *bad
	ghost.ID = late.ID + 100
	err = s.Update(ctx, func(tx firstset.Tx) error { return tx.UpdateRating(ctx, &ghost) })
	wantCode(t, err, firstset.ENOTFOUND, "")
}

func testRatingSummaries(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	w := newCaseWorld(t, s)
	p := w.product(t, w.e1, "盾构机")
	summaries := func() []firstset.RatingSummary {
		t.Helper()
		var got []firstset.RatingSummary
		view(t, s, func(tx firstset.Tx) (err error) {
			got, err = tx.RatingSummaries(ctx)
			return err
		})
		return got
	}
	if got := summaries(); got == nil || len(got) != 0 {
		t.Fatalf("no ratings: %#v", got)
	}
	// Ended cases of one product, each rated once as a whole and once for
	// a stage.
	seq := int64(0)
	rate := func(when string, stage string, score int) {
		t.Helper()
		seq++
		c := w.newCase(p, seq)
		c.ClosedAt = ptr(at("2026-01-01T00:00:00Z"))
		w.createCase(t, c)
		update(t, s, func(tx firstset.Tx) error {
			return tx.CreateRating(ctx, &firstset.Rating{CaseID: c.ID, Stage: stage, Score: score, RatedAt: at(when),
				FollowUp: score <= 2})
		})
	}
	// March (Shanghai), the whole case: 8 ratings summing 33, a mean of
	// 4.125 that rounds half up to 4.13 (not to 4.12).
	for i, score := range []int{5, 5, 5, 5, 5, 4, 3, 1} {
		rate(fmt.Sprintf("2026-03-%02dT10:00:00Z", i+1), "", score)
	}
	// March, a stage: 2, 3, 3 → 2.666… → 2.67; one bad.
	rate("2026-03-05T00:00:00Z", "district_review", 2)
	rate("2026-03-06T00:00:00Z", "district_review", 3)
	rate("2026-03-31T15:59:59Z", "district_review", 3) // still March in Shanghai
	// April in Shanghai though March in UTC: 4 and 5 → 4.50.
	rate("2026-03-31T16:00:00Z", "", 4)
	rate("2026-04-10T00:00:00Z", "", 5)
	rate("2026-04-11T00:00:00Z", "city_review", 1)
	// February: 1, 2 → 1.50, two bad; 4 → 4.00.
	rate("2026-02-01T00:00:00Z", "city_review", 1)
	rate("2026-02-02T00:00:00Z", "city_review", 2)
	rate("2026-02-03T00:00:00Z", "", 4)

	same(t, "summaries, latest month first, then by stage", summaries(), []firstset.RatingSummary{
		{Month: "2026-04", Stage: "", Count: 2, Mean: 450, Bad: 0},
		{Month: "2026-04", Stage: "city_review", Count: 1, Mean: 100, Bad: 1},
		{Month: "2026-03", Stage: "", Count: 8, Mean: 413, Bad: 1},
		{Month: "2026-03", Stage: "district_review", Count: 3, Mean: 267, Bad: 1},
		{Month: "2026-02", Stage: "", Count: 1, Mean: 400, Bad: 0},
		{Month: "2026-02", Stage: "city_review", Count: 2, Mean: 150, Bad: 2},
	})
}
