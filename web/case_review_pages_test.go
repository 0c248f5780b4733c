package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"firstset"
	"firstset/cases"
	"firstset/date"
	"firstset/dbtest"
	"firstset/service"
	"firstset/web/httpx"
)

// reviewEnv is the page tests' environment with a district office for
// enterprise A's district, four experts in the pool for its category (a
// draw picks three), an open round, and a case of enterprise A submitted
// and through the district's and the formal review.
type reviewEnv struct {
	*testEnv
	kit                           *caseKit
	reviewer, district, applicant *firstset.User
	round                         *firstset.Round
	caseID                        int64
}

func newReviewEnv(t *testing.T, store firstset.Store) *reviewEnv {
	t.Helper()
	env := newTestEnvConfig(t, store, func(c *service.Config) { c.Cases.DrawN = 3 })
	env.addUsers(
		firstset.UserInput{Username: "district-a", Name: "九龙坡区经信委", Role: firstset.RoleDistrict, DistrictCode: "500107"},
		firstset.UserInput{Username: "expert-1", Name: "专家甲", Role: firstset.RoleExpert},
		firstset.UserInput{Username: "expert-2", Name: "专家乙", Role: firstset.RoleExpert},
		firstset.UserInput{Username: "expert-3", Name: "专家丙", Role: firstset.RoleExpert},
		firstset.UserInput{Username: "expert-4", Name: "专家丁", Role: firstset.RoleExpert},
	)
	e := &reviewEnv{testEnv: env, kit: newCaseKit(t, env), reviewer: env.demoUser("reviewer"),
		district: env.demoUser("district-a"), applicant: env.demoUser("ent-a")}
	for _, name := range []string{"expert-1", "expert-2", "expert-3", "expert-4"} {
		e.kit.pool(e.reviewer, env.demoUser(name), env.catA.ID)
	}
	e.round = e.kit.round(e.reviewer, "2026年度首台（套）认定")
	v := e.kit.declare(e.applicant, e.round, env.draftA)
	e.kit.attachRequired(e.applicant, v.ID, e.round)
	e.kit.act(e.applicant, v.ID, "submit", "")
	e.kit.toExpertReview(e.district, e.reviewer, v.ID)
	e.caseID = v.ID
	return e
}

func TestDrawScoreAndDeclinePages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newReviewEnv(t, store)
		casePage := idPath("/cases/{id}", env.caseID)
		rev := env.login("reviewer")
		page := rev.get(casePage).Body.String()
		for _, want := range []string{`action="` + idPath("/cases/{id}/draws", env.caseID) + `"`, "candidates.json", "尚未抽取专家"} {
			if !strings.Contains(page, want) {
				t.Errorf("the reviewer's page of a case in expert review lacks %q", want)
			}
		}

		// The candidates, as the offline draw reads them.
		w := rev.get(idPath("/cases/{id}/candidates.json", env.caseID))
		if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Disposition"), "attachment;") {
			t.Fatalf("candidates: status %d, %v", w.Code, w.Header())
		}
		var file cases.CandidateFile
		decode(t, w, &file)
		number := env.kit.caseOf(env.applicant, env.caseID).Number
		if file.Case != number || file.CategoryID != env.catA.ID || len(file.Candidates) != 4 ||
			file.CandidatesSHA256 != cases.CandidatesHash(file.Candidates) {
			t.Fatalf("candidate file %+v", file)
		}

		// The draw asks for the confirmation, keeping the seed.
		w = rev.postForm(idPath("/cases/{id}/draws", env.caseID), url.Values{"seed": {"page-seed-2026"}})
		if w.Code != http.StatusUnprocessableEntity {
			t.Fatalf("draw without confirmation: status %d", w.Code)
		}
		if body := w.Body.String(); !strings.Contains(body, `value="page-seed-2026"`) || !strings.Contains(body, "请勾选确认") {
			t.Errorf("the refused draw lost its seed or shows no error: %s", pageText(body[strings.Index(body, `id="experts"`):]))
		}
		location(t, rev.postForm(idPath("/cases/{id}/draws", env.caseID),
			url.Values{"seed": {"page-seed-2026"}, "confirm": {"1"}}), "draw")
		page = rev.get(casePage).Body.String()
		if !strings.Contains(page, "page-seed-2026") || !strings.Contains(page, file.CandidatesSHA256) {
			t.Errorf("the recorded draw's seed and hash are not shown")
		}
		// Anyone recomputes it from the file and the seed.
		want := cases.DrawExperts("page-seed-2026", file.Candidates, 3)
		draws, err := env.svc.Draws(as(env.reviewer), env.caseID)
		if err != nil || len(draws) != 1 {
			t.Fatalf("draws: %v, %v", draws, err)
		}
		if got := draws[0].Experts; len(got) != len(want) || got[0] != want[0] || got[len(got)-1] != want[len(want)-1] {
			t.Errorf("drawn %v, recomputed %v", got, want)
		}
		drawn := env.kit.drawn(env.reviewer, env.caseID)
		// An expert's sheet: a bad score is refused beside it, the rest kept.
		first := env.login(drawn[0].Username)
		page = first.get(casePage).Body.String()
		if !strings.Contains(page, `action="`+idPath("/cases/{id}/score", env.caseID)+`"`) {
			t.Fatalf("the drawn expert is offered no scoring sheet")
		}
		sheet := url.Values{"comment": {"创新性突出。"}}
		criteria := env.svc.Criteria()
		for i, c := range criteria {
			sheet.Set("criteria."+c.ID, "88")
			if i == 0 {
				sheet.Set("criteria."+c.ID, "120")
			}
		}
		w = first.postForm(idPath("/cases/{id}/score", env.caseID), sheet)
		if w.Code != http.StatusUnprocessableEntity {
			t.Fatalf("score 120: status %d", w.Code)
		}
		if !strings.Contains(fieldBlock(t, w.Body.String(), "criteria."+criteria[0].ID), `class="field-error"`) ||
			!strings.Contains(w.Body.String(), "创新性突出。") || !strings.Contains(w.Body.String(), `value="120"`) {
			t.Errorf("the refused sheet lost its input or its error")
		}
		sheet.Set("criteria."+criteria[0].ID, "90")
		location(t, first.postForm(idPath("/cases/{id}/score", env.caseID), sheet), "score")
		if page := first.get(casePage).Body.String(); !strings.Contains(page, "提交评分。") && !strings.Contains(page, "您已于") {
			t.Errorf("the expert's page does not show their sheet as sent")
		}

		// Another declines: the reason is needed; then the case is gone
		// for them and a replacement is drawn.
		second := env.login(drawn[1].Username)
		w = second.postForm(idPath("/cases/{id}/decline", env.caseID), url.Values{"reason": {""}})
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(fieldBlock(t, w.Body.String(), "reason"), `class="field-error"`) {
			t.Fatalf("decline without a reason: status %d", w.Code)
		}
		location(t, second.postForm(idPath("/cases/{id}/decline", env.caseID), url.Values{"reason": {"曾在申报企业任职。"}}), "decline")
		if w := second.get(casePage); w.Code != http.StatusNotFound {
			t.Errorf("the expert who declined: case page answers %d, want 404", w.Code)
		}
		page = pageText(rev.get(casePage).Body.String())
		for _, want := range []string{"已评分", "已回避", "曾在申报企业任职。", "补抽"} {
			if !strings.Contains(page, want) {
				t.Errorf("the reviewer's page lacks %q", want)
			}
		}
		// Experts and candidates are the reviewers'.
		if w := env.login("ent-a").get(idPath("/cases/{id}/candidates.json", env.caseID)); w.Code != http.StatusForbidden {
			t.Errorf("the applicant: candidates answer %d, want 403", w.Code)
		}
	})
}

func TestNoticeObjectionsAndPublicationPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newReviewEnv(t, store)
		env.kit.toProposed(env.reviewer, env.caseID)
		rev := env.login("reviewer")

		page := rev.get("/notices/new").Body.String()
		if !strings.Contains(page, `name="case_ids" value="`+httpx.Itoa(env.caseID)+`"`) {
			t.Fatalf("the notice form does not offer the proposed case")
		}
		today := date.FromTime(env.svc.Now())
		w := rev.postForm("/notices", url.Values{"starts_on": {today.String()}, "title": {"保留的公示标题"}})
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(fieldBlock(t, w.Body.String(), "case_ids"), `class="field-error"`) ||
			!strings.Contains(w.Body.String(), "保留的公示标题") {
			t.Fatalf("a notice of no case: status %d", w.Code)
		}
		noticePath := location(t, rev.postForm("/notices", url.Values{"starts_on": {today.String()},
			"case_ids": {httpx.Itoa(env.caseID)}}), "create notice")

		// The public reads it and objects; a missing name is refused
		// beside it with the text kept.
		pub := env.public()
		number := env.kit.caseOf(env.applicant, env.caseID).Number
		page = pub.get(noticePath).Body.String()
		if !strings.Contains(page, number) || !strings.Contains(page, "公示中") {
			t.Fatalf("the public notice lacks the case or its state")
		}
		objections := noticePath + "/objections"
		objection := url.Values{"case_id": {httpx.Itoa(env.caseID)}, "name": {""}, "contact": {"023-12345678"}, "text": {"保留的异议内容"}}
		w = pub.postForm(objections, objection)
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(fieldBlock(t, w.Body.String(), "name"), `class="field-error"`) ||
			!strings.Contains(w.Body.String(), "保留的异议内容") {
			t.Fatalf("an objection without a name: status %d", w.Code)
		}
		objection.Set("name", "张三")
		for i := 0; i < 5; i++ {
			location(t, pub.postForm(objections, objection), "objection")
		}
		w = pub.postForm(objections, objection)
		if w.Code != http.StatusTooManyRequests || !strings.Contains(w.Body.String(), "每小时最多") {
			t.Fatalf("the sixth objection in an hour: status %d", w.Code)
		}

		// The reviewers answer each; a missing decision is refused.
		n, err := env.svc.Notice(as(env.reviewer), lastID(t, noticePath))
		if err != nil || len(n.Objections) != 5 {
			t.Fatalf("notice objections: %v, %v", n, err)
		}
		answer := noticePath + "/objections/" + httpx.Itoa(n.Objections[0].ID) + "/answer"
		w = rev.postForm(answer, url.Values{"reason": {"保留的答复理由"}})
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "保留的答复理由") {
			t.Fatalf("an answer without a decision: status %d", w.Code)
		}
		for _, o := range n.Objections {
			location(t, rev.postForm(noticePath+"/objections/"+httpx.Itoa(o.ID)+"/answer",
				url.Values{"decision": {"dismissed"}, "reason": {"经核实，异议不成立。"}}), "answer")
		}
		if page := pageText(rev.get(noticePath).Body.String()); !strings.Contains(page, "经核实，异议不成立。") {
			t.Errorf("the answers are not shown on the notice")
		}
		if page := pub.get(noticePath).Body.String(); strings.Contains(page, "张三") || strings.Contains(page, "023-12345678") {
			t.Errorf("the public notice shows the objector")
		}

		// After the notice: publish with the confirmation.
		ends := n.EndsOn
		env.svc.Now = func() time.Time { return ends.AddDays(3).Time().Add(4 * time.Hour) }
		rev = env.login("reviewer") // the session ended days ago by the services' clock
		roundPath := idPath("/rounds/{id}", env.round.ID)
		publish := url.Values{"document_number": {"渝经信发〔2026〕99号"}, "published_on": {ends.AddDays(2).String()}}
		w = rev.postForm(roundPath+"/publish", publish)
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "渝经信发〔2026〕99号") {
			t.Fatalf("publish without confirmation: status %d", w.Code)
		}
		publish.Set("confirm", "1")
		pubPath := location(t, rev.postForm(roundPath+"/publish", publish), "publish")
		page = pub.get(pubPath).Body.String()
		if !strings.Contains(page, env.draftA.Name) || !strings.Contains(page, "渝经信发〔2026〕99号") {
			t.Errorf("the publication page lacks the product or the document number")
		}
		w = pub.get(pubPath + ".xlsx")
		if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
			t.Errorf("publication export: status %d, %s", w.Code, w.Header().Get("Content-Type"))
		}
		if page := pageText(env.login("ent-a").get(idPath("/cases/{id}", env.caseID)).Body.String()); !strings.Contains(page, "已发布") ||
			!strings.Contains(page, "服务评价") {
			t.Errorf("the published case's page lacks its stage or the rating form")
		}
	})
}

func TestRatingAfterTheCaseEnds(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		kit := newCaseKit(t, env)
		round := kit.round(env.demoUser("reviewer"), "评价测试批次")
		v := kit.declare(env.demoUser("ent-a"), round, env.draftA)
		a := env.login("ent-a")
		location(t, a.postForm(idPath("/cases/{id}/actions", v.ID), url.Values{"action": {"withdraw"},
			"opinion": {"暂不申报。"}, "confirm": {"1"}}), "withdraw")
		page := a.get(idPath("/cases/{id}", v.ID)).Body.String()
		if !strings.Contains(page, "已撤回") || !strings.Contains(page, `action="`+idPath("/cases/{id}/rating", v.ID)+`"`) {
			t.Fatalf("the withdrawn case offers no rating")
		}
		w := a.postForm(idPath("/cases/{id}/rating", v.ID), url.Values{"score": {"4"}, "comment": {"保留的评价"}})
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "保留的评价") ||
			!strings.Contains(fieldBlock(t, w.Body.String(), "stage_score"), `class="field-error"`) {
			t.Fatalf("a rating without the stage's score: status %d", w.Code)
		}
		location(t, a.postForm(idPath("/cases/{id}/rating", v.ID), url.Values{"score": {"4"}, "comment": {"办理高效"},
			"stage_score": {"5"}}), "rate")
		page = pageText(a.get(idPath("/cases/{id}", v.ID)).Body.String())
		if !strings.Contains(page, "办理高效") || strings.Contains(page, "提交评价") {
			t.Errorf("the rating is not shown, or the form is still offered")
		}
	})
}

func TestNotificationsBadgeAndCalendarPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newReviewEnv(t, store)
		// The formal review's approval told the applicant.
		a := env.login("ent-a")
		if !strings.Contains(a.get("/").Body.String(), `class="badge badge-count"`) {
			t.Errorf("no unread badge in the header")
		}
		if page := pageText(a.get("/notifications").Body.String()); !strings.Contains(page, "审查通过") {
			t.Errorf("the notifications page lacks the formal review's notice")
		}
		location(t, a.postForm("/notifications/read", url.Values{}), "mark read")
		if strings.Contains(a.get("/").Body.String(), `class="badge badge-count"`) {
			t.Errorf("the badge stays after marking everything read")
		}
		if page := a.get("/").Body.String(); !strings.Contains(page, `href="/cases?waiting=1"`) || !strings.Contains(navOf(page), `href="/cases"`) {
			t.Errorf("the enterprise's home or navigation does not link its cases")
		}

		admin := env.login("admin")
		page := admin.get("/admin/calendar").Body.String()
		if !strings.Contains(page, "2026 年") {
			t.Fatalf("the calendar page lacks the years covered")
		}
		bad := "2027-01-01 休 元旦\n2027-13-01 休 不存在"
		w := admin.postForm("/admin/calendar", url.Values{"year": {"2027"}, "days": {bad}, "confirm": {"1"}})
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(fieldBlock(t, w.Body.String(), "days"), `class="field-error"`) ||
			!strings.Contains(w.Body.String(), "2027-13-01") {
			t.Fatalf("a bad calendar line: status %d", w.Code)
		}
		good := url.Values{"year": {"2027"}, "days": {"2027-01-01 休 元旦\n2027-02-07 班 春节"}}
		if w := admin.postForm("/admin/calendar", good); w.Code != http.StatusUnprocessableEntity {
			t.Errorf("replacing a year without the confirmation: status %d", w.Code)
		}
		good.Set("confirm", "1")
		to := location(t, admin.postForm("/admin/calendar", good), "set calendar")
		if page := pageText(admin.get(to).Body.String()); !strings.Contains(page, "元旦") || !strings.Contains(page, "调休上班") {
			t.Errorf("the 2027 calendar is not shown")
		}
		if w := env.login("reviewer").get("/admin/calendar"); w.Code != http.StatusForbidden {
			t.Errorf("a reviewer: calendar answers %d, want 403", w.Code)
		}

		// Past its time limit the case is marked overdue in the to-do list.
		due := env.kit.caseOf(env.applicant, env.caseID).DueOn
		if due.IsZero() {
			t.Fatal("the case in expert review has no time limit")
		}
		env.svc.Now = func() time.Time { return due.AddDays(2).Time().Add(2 * time.Hour) }
		list := env.login("reviewer").get("/cases?waiting=1").Body.String()
		if !strings.Contains(list, `<tr class="overdue">`) || !strings.Contains(list, "已超期") {
			t.Errorf("the overdue case is not marked in the reviewer's to-do list")
		}
		if list := env.login("reviewer").get("/cases?stage=draft").Body.String(); strings.Contains(list, idPath("/cases/{id}", env.caseID)) {
			t.Errorf("the stage filter lets a case of another stage through")
		}
	})
}
