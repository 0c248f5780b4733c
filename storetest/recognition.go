package storetest

import (
	"context"
	"testing"
	"time"

	"firstset"
	"firstset/date"
)

// recognitionTests check the RecognitionStore contract.
var recognitionTests = []test{
	{"Rounds", testRounds},
	{"Experts", testExperts},
	{"Draws", testDraws},
	{"CaseExperts", testCaseExperts},
	{"Notices", testNotices},
	{"Objections", testObjections},
}

func testRounds(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	w := newCaseWorld(t, s)
	other := categoryID(t, s, "电力装备")
	full := &firstset.Round{
		Title: "2026 年度首台（套）重大技术装备认定", Year: 2026,
		OpensOn: date.MustParse("2026-02-01"), ClosesOn: date.MustParse("2026-04-30"),
		CategoryIDs: []int64{other, w.cat},
		NoticeText:  "请于 4 月 30 日前提交。",
		Checklist: []firstset.ChecklistItem{
			{Item: "产品说明书", Required: true, Types: []string{"application/pdf"}, MaxBytes: 20 << 20},
			{Item: "第三方检测报告", Required: true, Types: []string{"application/pdf", "image/png"}, MaxBytes: 50 << 20},
			{Item: "其他", Types: []string{}},
			{Item: "无类型"},
		},
		CreatedBy: w.reviewer.ID,
		CreatedAt: at("2026-01-10T02:00:00.000001Z"), UpdatedAt: at("2026-01-10T02:00:00.000001Z"),
	}
	// Nothing set that may be empty: the lists come back empty, not null.
	bare := &firstset.Round{Title: "2025 年度", Year: 2025, OpensOn: date.MustParse("2025-03-01"),
		ClosesOn: date.MustParse("2025-05-31")}
	update(t, s, func(tx firstset.Tx) error {
		if err := tx.CreateRound(ctx, full); err != nil {
			return err
		}
		return tx.CreateRound(ctx, bare)
	})
	if bare.CreatedAt.IsZero() || bare.UpdatedAt.IsZero() {
		t.Fatal("zero round times must be stamped")
	}
	wantBare := *bare
	wantBare.CategoryIDs, wantBare.Checklist = []int64{}, []firstset.ChecklistItem{}
	view(t, s, func(tx firstset.Tx) error {
		got, err := tx.RoundByID(ctx, full.ID)
		if err != nil {
			return err
		}
		same(t, "round", got, full)
		got, err = tx.RoundByID(ctx, bare.ID)
		if err != nil {
			return err
		}
		same(t, "bare round", got, &wantBare)
		if got.CategoryIDs == nil || got.Checklist == nil {
			t.Fatalf("empty lists read back nil: %#v", got)
		}
		_, err = tx.RoundByID(ctx, bare.ID+100)
		wantCode(t, err, firstset.ENOTFOUND, "")
		list, err := tx.ListRounds(ctx)
		if err != nil {
			return err
		}
		same(t, "rounds, newest first", list, []*firstset.Round{&wantBare, full})
		return nil
	})

	// Publication, and a round narrowed to one category.
	full.DocumentNumber, full.PublishedOn = "渝经信发〔2026〕12号", date.MustParse("2026-07-01")
	full.CategoryIDs, full.Checklist = []int64{w.cat}, full.Checklist[:1]
	full.Title, full.NoticeText, full.ClosesOn = "2026 年度认定", "", date.MustParse("2026-05-15")
	full.UpdatedAt = at("2026-07-01T00:00:00.000002Z")
	update(t, s, func(tx firstset.Tx) error { return tx.UpdateRound(ctx, full) })
	view(t, s, func(tx firstset.Tx) error {
		got, err := tx.RoundByID(ctx, full.ID)
		if err != nil {
			return err
		}
		same(t, "published round", got, full)
		return nil
	})
	ghost := *full
	ghost.ID = bare.ID + 100
	err := s.Update(ctx, func(tx firstset.Tx) error { return tx.UpdateRound(ctx, &ghost) })
	wantCode(t, err, firstset.ENOTFOUND, "")
}

func expertIDs(list []*firstset.Expert) []int64 {
	ids := []int64{}
	for _, e := range list {
		ids = append(ids, e.UserID)
	}
	return ids
}

func testExperts(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	w := newCaseWorld(t, s)
	power := categoryID(t, s, "电力装备")
	medical := categoryID(t, s, "医疗装备")
	mkUser := func(username, name string, disabled bool) *firstset.User {
		return createUser(t, s, &firstset.User{Username: username, Name: name, Role: firstset.RoleExpert,
			Disabled: disabled, PasswordHash: "x"})
	}
	u1, u2, u3, u4 := mkUser("qian", "钱教授", false), mkUser("sun", "孙研究员", false),
		mkUser("li", "李高工", true), mkUser("zhou", "周教授", false)
	mkUser("wu", "吴工", false) // an expert user without a profile
	e1 := &firstset.Expert{UserID: u1.ID, Categories: []int64{power, w.cat, power}, Employer: "重庆大学",
		EmployerCreditCode: "12500000450400000X", DistrictCode: "500106", Active: true,
		ConflictEnterprises: []int64{w.e2.ID}, UpdatedAt: at("2026-01-05T00:00:00.000003Z")}
	e2 := &firstset.Expert{UserID: u2.ID, Categories: []int64{w.cat}, Employer: "中国汽车工程研究院", Active: false}
	e3 := &firstset.Expert{UserID: u3.ID, Categories: []int64{w.cat}, Employer: "某院", Active: true} // disabled account
	e4 := &firstset.Expert{UserID: u4.ID, Categories: []int64{medical}, Employer: "重庆医科大学", Active: true}
	update(t, s, func(tx firstset.Tx) error {
		for _, e := range []*firstset.Expert{e1, e2, e3, e4} {
			if err := tx.PutExpert(ctx, e); err != nil {
				return err
			}
		}
		return nil
	})
	sorted := []int64{w.cat, power}
	if power < w.cat {
		sorted = []int64{power, w.cat}
	}
	same(t, "categories sorted and unique", e1.Categories, sorted)
	if e1.Username != "qian" || e1.Name != "钱教授" || e2.UpdatedAt.IsZero() {
		t.Fatalf("PutExpert fills in the user's names and stamps the time: %+v %+v", e1, e2)
	}
	e2.ConflictEnterprises = []int64{} // nil reads back empty
	e3.ConflictEnterprises, e4.ConflictEnterprises = []int64{}, []int64{}

	experts := func(f firstset.ExpertFilter) ([]*firstset.Expert, int) {
		t.Helper()
		var list []*firstset.Expert
		var total int
		view(t, s, func(tx firstset.Tx) (err error) {
			list, total, err = tx.ListExperts(ctx, f)
			return err
		})
		return list, total
	}
	all, total := experts(firstset.ExpertFilter{})
	same(t, "the pool", all, []*firstset.Expert{e1, e2, e3, e4})
	if total != 4 {
		t.Fatalf("pool total %d", total)
	}
	for _, tc := range []struct {
		name string
		f    firstset.ExpertFilter
		want []int64
	}{
		{"category", firstset.ExpertFilter{CategoryID: w.cat}, []int64{u1.ID, u2.ID, u3.ID}},
		{"other category", firstset.ExpertFilter{CategoryID: power}, []int64{u1.ID}},
		{"no one", firstset.ExpertFilter{CategoryID: categoryID(t, s, "农机装备")}, []int64{}},
		{"active, accounts enabled", firstset.ExpertFilter{ActiveOnly: true}, []int64{u1.ID, u4.ID}},
		{"category and active", firstset.ExpertFilter{CategoryID: w.cat, ActiveOnly: true}, []int64{u1.ID}},
		{"query name", firstset.ExpertFilter{Query: "教授"}, []int64{u1.ID, u4.ID}},
		{"query username", firstset.ExpertFilter{Query: "sun"}, []int64{u2.ID}},
		{"page", firstset.ExpertFilter{Offset: 1, Limit: 2}, []int64{u2.ID, u3.ID}},
	} {
		list, total := experts(tc.f)
		same(t, tc.name, expertIDs(list), tc.want)
		want := len(tc.want)
		if tc.name == "page" {
			want = 4
		}
		if total != want {
			t.Fatalf("%s: total %d, want %d", tc.name, total, want)
		}
	}
	view(t, s, func(tx firstset.Tx) error {
		got, err := tx.ExpertByUserID(ctx, u1.ID)
		if err != nil {
			return err
		}
		same(t, "expert", got, e1)
		_, err = tx.ExpertByUserID(ctx, w.reviewer.ID)
		wantCode(t, err, firstset.ENOTFOUND, "")
		return nil
	})

	// Rewriting replaces the profile and its categories.
	e1.Categories, e1.ConflictEnterprises = []int64{medical}, nil
	e1.Employer, e1.EmployerCreditCode, e1.DistrictCode, e1.Active = "重庆邮电大学", "", "500108", false
	e1.UpdatedAt = at("2026-02-01T00:00:00Z")
	e2.Categories, e2.Active = nil, true
	update(t, s, func(tx firstset.Tx) error {
		if err := tx.PutExpert(ctx, e1); err != nil {
			return err
		}
		return tx.PutExpert(ctx, e2)
	})
	e1.ConflictEnterprises = []int64{}
	if e2.Categories == nil || len(e2.Categories) != 0 {
		t.Fatalf("no categories: %#v", e2.Categories)
	}
	view(t, s, func(tx firstset.Tx) error {
		got, err := tx.ExpertByUserID(ctx, u1.ID)
		if err != nil {
			return err
		}
		same(t, "rewritten expert", got, e1)
		got, err = tx.ExpertByUserID(ctx, u2.ID)
		if err != nil {
			return err
		}
		same(t, "expert without categories", got, e2)
		return nil
	})
	list, _ := experts(firstset.ExpertFilter{CategoryID: medical})
	same(t, "medical after the rewrite", expertIDs(list), []int64{u1.ID, u4.ID})
	list, _ = experts(firstset.ExpertFilter{CategoryID: w.cat})
	same(t, "category after the rewrite", expertIDs(list), []int64{u3.ID})

	// Disabling an account takes the expert out of the active pool.
	u4.Disabled = true
	update(t, s, func(tx firstset.Tx) error { return tx.UpdateUser(ctx, u4) })
	list, _ = experts(firstset.ExpertFilter{ActiveOnly: true})
	same(t, "active after disabling", expertIDs(list), []int64{u2.ID})

	err := s.Update(ctx, func(tx firstset.Tx) error {
		return tx.PutExpert(ctx, &firstset.Expert{UserID: u4.ID + 100})
	})
	wantCode(t, err, firstset.ENOTFOUND, "")
}

// drawWorld is a case with experts to draw.
func drawWorld(t *testing.T, s firstset.Store) (*caseWorld, *firstset.Case, []*firstset.User) {
	t.Helper()
	w := newCaseWorld(t, s)
	c := w.createCase(t, w.newCase(w.product(t, w.e1, "盾构机"), 1))
	var experts []*firstset.User
	for _, name := range []string{"qian", "sun", "li"} {
		experts = append(experts, createUser(t, s, &firstset.User{Username: name, Name: name + "专家",
			Role: firstset.RoleExpert, PasswordHash: "x"}))
	}
	return w, c, experts
}

func testDraws(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	w, c, ex := drawWorld(t, s)
	other := w.createCase(t, w.newCase(w.product(t, w.e1, "数控机床"), 2))
	cands := []firstset.Candidate{{UserID: ex[0].ID, Username: "qian"}, {UserID: ex[1].ID, Username: "sun"},
		{UserID: ex[2].ID, Username: "li"}}
	first := &firstset.Draw{CaseID: c.ID, Seed: "9f86d081884c7d65", N: 2, CandidatesSHA256: "ab12",
		Candidates: cands, Experts: cands[:2], DrawnBy: w.reviewer.ID, CreatedAt: at("2026-04-01T01:00:00.000001Z")}
	replacement := &firstset.Draw{CaseID: c.ID, Seed: "9f86d081884c7d65", N: 1, CandidatesSHA256: "cd34",
		Candidates: cands[2:], Experts: cands[2:], Replaces: ex[0].ID, DrawnBy: w.reviewer.ID}
	// A draw from nobody: the lists come back empty.
	none := &firstset.Draw{CaseID: other.ID, Seed: "00", N: 3, CandidatesSHA256: "e3b0"}
	update(t, s, func(tx firstset.Tx) error {
		for _, d := range []*firstset.Draw{first, replacement, none} {
			if err := tx.CreateDraw(ctx, d); err != nil {
				return err
			}
		}
		return nil
	})
	if replacement.CreatedAt.IsZero() || first.ID == 0 {
		t.Fatal("CreateDraw sets the id and stamps the time")
	}
	none.Candidates, none.Experts = []firstset.Candidate{}, []firstset.Candidate{}
	view(t, s, func(tx firstset.Tx) error {
		list, err := tx.Draws(ctx, c.ID)
		if err != nil {
			return err
		}
		same(t, "draws", list, []*firstset.Draw{first, replacement})
		list, err = tx.Draws(ctx, other.ID)
		if err != nil {
			return err
		}
		same(t, "empty draw", list, []*firstset.Draw{none})
		list, err = tx.Draws(ctx, other.ID+100)
		if err != nil {
			return err
		}
		if list == nil || len(list) != 0 {
			t.Fatalf("no draws: %#v", list)
		}
		return nil
	})
}

func testCaseExperts(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	w, c, ex := drawWorld(t, s)
	d := &firstset.Draw{CaseID: c.ID, Seed: "s", N: 3, CandidatesSHA256: "h", DrawnBy: w.reviewer.ID}
	update(t, s, func(tx firstset.Tx) error { return tx.CreateDraw(ctx, d) })
	drawnAt := at("2026-04-01T01:00:00.000001Z")
	// Drawn at one moment the order is by user id; a later one comes after.
	a := &firstset.CaseExpert{CaseID: c.ID, UserID: ex[2].ID, DrawID: d.ID, Status: firstset.AssignmentDrawn, DrawnAt: drawnAt}
	b := &firstset.CaseExpert{CaseID: c.ID, UserID: ex[1].ID, DrawID: d.ID, Status: firstset.AssignmentDrawn, DrawnAt: drawnAt}
	late := &firstset.CaseExpert{CaseID: c.ID, UserID: ex[0].ID, DrawID: d.ID, Status: firstset.AssignmentDrawn,
		DrawnAt: drawnAt.Add(time.Hour)}
	update(t, s, func(tx firstset.Tx) error {
		for _, e := range []*firstset.CaseExpert{late, a, b} {
			if err := tx.AddCaseExpert(ctx, e); err != nil {
				return err
			}
		}
		return nil
	})
	if a.Username != "li" || a.Name != "li专家" {
		t.Fatalf("AddCaseExpert fills in the expert's names: %+v", a)
	}
	err := s.Update(ctx, func(tx firstset.Tx) error {
		return tx.AddCaseExpert(ctx, &firstset.CaseExpert{CaseID: c.ID, UserID: ex[1].ID, DrawID: d.ID, Status: firstset.AssignmentDrawn})
	})
	wantCode(t, err, firstset.ECONFLICT, "user_id")

	list := func() []*firstset.CaseExpert {
		t.Helper()
		var got []*firstset.CaseExpert
		view(t, s, func(tx firstset.Tx) (err error) {
			got, err = tx.CaseExperts(ctx, c.ID)
			return err
		})
		return got
	}
	same(t, "case experts by drawing time, then user id", list(), []*firstset.CaseExpert{b, a, late})

	// A score sheet round-trips, in UTC at microseconds.
	b.Status = firstset.AssignmentScored
	b.Sheet = &firstset.ScoreSheet{Scores: map[string]int{"innovation": 90, "market": 75, "benefit": 0},
		Comment: "创新性突出。", ScoredAt: time.Date(2026, 4, 3, 10, 0, 0, 123456789, date.Shanghai)}
	late.Status, late.Reason = firstset.AssignmentDeclined, "曾在该企业任职。"
	update(t, s, func(tx firstset.Tx) error {
		if err := tx.UpdateCaseExpert(ctx, b); err != nil {
			return err
		}
		return tx.UpdateCaseExpert(ctx, late)
	})
	if want := at("2026-04-03T02:00:00.123456Z"); !b.Sheet.ScoredAt.Equal(want) || b.Sheet.ScoredAt.Location() != time.UTC {
		t.Fatalf("the sheet's time as stored: %s", b.Sheet.ScoredAt)
	}
	same(t, "after scoring and declining", list(), []*firstset.CaseExpert{b, a, late})
	view(t, s, func(tx firstset.Tx) error {
		got, err := tx.CaseExpert(ctx, c.ID, ex[1].ID)
		if err != nil {
			return err
		}
		same(t, "one assignment", got, b)
		if got.Sheet.ScoredAt.Location() != time.UTC {
			t.Fatalf("sheet time in %s", got.Sheet.ScoredAt.Location())
		}
		got, err = tx.CaseExpert(ctx, c.ID, ex[2].ID)
		if err != nil {
			return err
		}
		if got.Sheet != nil {
			t.Fatalf("no sheet reads back %+v", got.Sheet)
		}
		_, err = tx.CaseExpert(ctx, c.ID, w.reviewer.ID)
		wantCode(t, err, firstset.ENOTFOUND, "")
		return nil
	})
	ghost := *a
	ghost.UserID = w.reviewer.ID
	err = s.Update(ctx, func(tx firstset.Tx) error { return tx.UpdateCaseExpert(ctx, &ghost) })
	wantCode(t, err, firstset.ENOTFOUND, "")
}

func testNotices(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	w := newCaseWorld(t, s)
	c1 := w.createCase(t, w.newCase(w.product(t, w.e1, "盾构机"), 1))
	c2 := w.createCase(t, w.newCase(w.product(t, w.e1, "数控机床"), 2))
	c3 := w.createCase(t, w.newCase(w.product(t, w.e2, "风电主轴轴承"), 3))
	first := &firstset.Notice{Title: "2026 年度首台套认定结果公示", StartsOn: date.MustParse("2026-05-06"),
		EndsOn: date.MustParse("2026-05-12"), CaseIDs: []int64{c3.ID, c1.ID, c3.ID}, CreatedBy: w.reviewer.ID,
		CreatedAt: at("2026-05-06T00:00:00.000001Z")}
	empty := &firstset.Notice{Title: "空公示", StartsOn: date.MustParse("2026-06-01"), EndsOn: date.MustParse("2026-06-05")}
	update(t, s, func(tx firstset.Tx) error {
		if err := tx.CreateNotice(ctx, first); err != nil {
			return err
		}
		return tx.CreateNotice(ctx, empty)
	})
	same(t, "case ids, sorted and unique", first.CaseIDs, []int64{c1.ID, c3.ID})
	if empty.CaseIDs == nil || empty.CreatedAt.IsZero() {
		t.Fatalf("an empty notice: %+v", empty)
	}
	if getCase(t, s, c1.ID).NoticeID != first.ID || getCase(t, s, c2.ID).NoticeID != 0 {
		t.Fatal("CreateNotice puts its cases on it, and no others")
	}
	view(t, s, func(tx firstset.Tx) error {
		got, err := tx.NoticeByID(ctx, first.ID)
		if err != nil {
			return err
		}
		same(t, "notice", got, first)
		got, err = tx.NoticeByID(ctx, empty.ID)
		if err != nil {
			return err
		}
		same(t, "empty notice", got, empty)
		_, err = tx.NoticeByID(ctx, empty.ID+100)
		wantCode(t, err, firstset.ENOTFOUND, "")
		list, err := tx.ListNotices(ctx)
		if err != nil {
			return err
		}
		same(t, "notices, newest first", list, []*firstset.Notice{empty, first})
		return nil
	})

	// A notice's cases are the cases on it: moving one moves it.
	c2.NoticeID = first.ID
	update(t, s, func(tx firstset.Tx) error { return tx.UpdateCase(ctx, c2) })
	c1.NoticeID = empty.ID
	update(t, s, func(tx firstset.Tx) error { return tx.UpdateCase(ctx, c1) })
	view(t, s, func(tx firstset.Tx) error {
		list, err := tx.ListNotices(ctx)
		if err != nil {
			return err
		}
		same(t, "cases of the notices", [][]int64{list[0].CaseIDs, list[1].CaseIDs}, [][]int64{{c1.ID}, {c2.ID, c3.ID}})
		return nil
	})

	// A notice of a case that does not exist is not stored.
	err := s.Update(ctx, func(tx firstset.Tx) error {
		return tx.CreateNotice(ctx, &firstset.Notice{Title: "x", StartsOn: date.MustParse("2026-07-01"),
			EndsOn: date.MustParse("2026-07-07"), CaseIDs: []int64{c2.ID, c3.ID + 100}})
	})
	wantCode(t, err, firstset.ENOTFOUND, "")
	view(t, s, func(tx firstset.Tx) error {
		list, err := tx.ListNotices(ctx)
		if err == nil && len(list) != 2 {
			t.Fatalf("%d notices after a refused one", len(list))
		}
		return err
	})
	if getCase(t, s, c2.ID).NoticeID != first.ID {
		t.Fatal("a refused notice moved a case")
	}
}

func testObjections(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	w := newCaseWorld(t, s)
	c1 := w.createCase(t, w.newCase(w.product(t, w.e1, "盾构机"), 1))
	c2 := w.createCase(t, w.newCase(w.product(t, w.e2, "风电主轴轴承"), 2))
	var n1, n2 *firstset.Notice
	update(t, s, func(tx firstset.Tx) error {
		n1 = &firstset.Notice{Title: "第一批公示", StartsOn: date.MustParse("2026-05-06"), EndsOn: date.MustParse("2026-05-12"),
			CaseIDs: []int64{c1.ID}}
		n2 = &firstset.Notice{Title: "第二批公示", StartsOn: date.MustParse("2026-06-01"), EndsOn: date.MustParse("2026-06-05"),
			CaseIDs: []int64{c2.ID}}
		if err := tx.CreateNotice(ctx, n1); err != nil {
			return err
		}
		return tx.CreateNotice(ctx, n2)
	})
	base := at("2026-05-07T01:00:00.000001Z")
	o1 := &firstset.Objection{NoticeID: n1.ID, CaseID: c1.ID, Name: "张三", Contact: "13900000000",
		Text: "该装备并非首台。", IP: "203.0.113.5", Status: firstset.ObjectionOpen, CreatedAt: base}
	o2 := &firstset.Objection{NoticeID: n1.ID, CaseID: c1.ID, Text: "专利存在争议。", IP: "203.0.113.5",
		CreatedAt: base.Add(time.Hour)} // no status: open
	o3 := &firstset.Objection{NoticeID: n2.ID, CaseID: c2.ID, Name: "李四", Text: "数据不实。", IP: "2001:db8::1",
		Status: firstset.ObjectionOpen, CreatedAt: base.Add(2 * time.Hour)}
	update(t, s, func(tx firstset.Tx) error {
		for _, o := range []*firstset.Objection{o1, o2, o3} {
			if err := tx.CreateObjection(ctx, o); err != nil {
				return err
			}
		}
		return nil
	})
	if o2.Status != firstset.ObjectionOpen || o1.CaseNumber != c1.Number {
		t.Fatalf("CreateObjection defaults the status and fills in the case number: %+v", o2)
	}
	objections := func(noticeID int64, openOnly bool) []*firstset.Objection {
		t.Helper()
		var got []*firstset.Objection
		view(t, s, func(tx firstset.Tx) (err error) {
			got, err = tx.ListObjections(ctx, noticeID, openOnly)
			return err
		})
		return got
	}
	same(t, "all, oldest first", objections(0, false), []*firstset.Objection{o1, o2, o3})
	same(t, "one notice's", objections(n1.ID, false), []*firstset.Objection{o1, o2})

	// An answer, with the objection locked while it is written.
	update(t, s, func(tx firstset.Tx) error {
		o, err := tx.ObjectionByID(ctx, o1.ID, true)
		if err != nil {
			return err
		}
		same(t, "objection by id", o, o1)
		o.Status, o.Reason, o.AnsweredBy = firstset.ObjectionDismissed, "经核实，该装备为国内首台。", w.reviewer.ID
		o.AnsweredAt = ptr(at("2026-05-08T00:00:00.000002Z"))
		if err := tx.UpdateObjection(ctx, o); err != nil {
			return err
		}
		*o1 = *o
		return nil
	})
	view(t, s, func(tx firstset.Tx) error {
		got, err := tx.ObjectionByID(ctx, o1.ID, false)
		if err != nil {
			return err
		}
		same(t, "answered objection", got, o1)
		_, err = tx.ObjectionByID(ctx, o3.ID+100, false)
		wantCode(t, err, firstset.ENOTFOUND, "")
		return nil
	})
	same(t, "open ones", objections(0, true), []*firstset.Objection{o2, o3})
	same(t, "one notice's open ones", objections(n1.ID, true), []*firstset.Objection{o2})
	same(t, "another notice's", objections(n2.ID, true), []*firstset.Objection{o3})
	ghost := *o1
	ghost.ID = o3.ID + 100
	err := s.Update(ctx, func(tx firstset.Tx) error { return tx.UpdateObjection(ctx, &ghost) })
	wantCode(t, err, firstset.ENOTFOUND, "")

	for _, tc := range []struct {
		ip    string
		since time.Time
		want  int
	}{
		{"203.0.113.5", base, 2},
		{"203.0.113.5", base.Add(time.Microsecond), 1},
		{"203.0.113.5", base.Add(time.Hour), 1},
		{"203.0.113.5", base.Add(time.Hour + time.Microsecond), 0},
		{"2001:db8::1", base, 1},
		{"198.51.100.1", base.Add(-time.Hour), 0},
	} {
		// Counting comes before adding, in an Update.
		update(t, s, func(tx firstset.Tx) error {
			n, err := tx.CountObjectionsFrom(ctx, tc.ip, tc.since)
			if err == nil && n != tc.want {
				t.Fatalf("CountObjectionsFrom(%s, %s) = %d, want %d", tc.ip, tc.since.Format(time.RFC3339Nano), n, tc.want)
			}
			return err
		})
	}
	view(t, s, func(tx firstset.Tx) error {
		n, err := tx.CountObjectionsFrom(ctx, "203.0.113.5", base)
		if err == nil && n != 2 {
			t.Fatalf("count in a View: %d", n)
		}
		return err
	})
}
