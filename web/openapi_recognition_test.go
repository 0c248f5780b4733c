package web

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"firstset"
	"firstset/date"
	"firstset/dbtest"
	"firstset/web/httpx"
)

// recognitionOperations are the operations of the recognition workflow
// (认定) the OpenAPI document describes; TestOpenAPIRecognitionRoutes
// calls each with success at least once.
var recognitionOperations = []string{
	"listRounds", "createRound", "getRound", "publishRound", "getRoundPublication",
	"listRecognitions", "createRecognition", "getRecognition", "updateRecognition", "actRecognition",
	"createRecognitionAttachment", "getRecognitionAttachment", "deleteRecognitionAttachment",
	"getRecognitionCandidates", "listRecognitionDraws", "drawRecognitionExperts", "declineRecognition",
	"scoreRecognition", "rateRecognition",
	"listExperts", "getExpert", "putExpert",
	"listNotices", "createNotice", "getNotice", "createObjection", "listObjections", "answerObjection",
	"getWorkingDays", "getCalendarYear", "putCalendarYear",
	"listNotifications", "markNotificationsRead", "listRatings", "answerRating", "listAudit",
}

// TestOpenAPIRecognitionRoutes takes one recognition case through the
// whole workflow over the JSON API (exerciseRecognitionAPI); the client
// checks every request and answer against the OpenAPI document, and every
// recognition operation must have answered with success.
func TestOpenAPIRecognitionRoutes(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		exerciseRecognitionAPI(t, env)
		var missing []string
		for _, id := range env.spec.missing() {
			if slices.Contains(recognitionOperations, id) {
				missing = append(missing, id)
			}
		}
		if len(missing) > 0 {
			t.Errorf("recognition operations never called with success: %v", missing)
		}
	})
}

// exerciseRecognitionAPI calls every recognition operation with success,
// and many with refusals: from the round to the publication and the
// applicant's rating, with the calendar, notifications and the audit log
// beside it. It declares a product of its own, so it can follow other
// calls on env; the services' clock is a fixed day of 2026 meanwhile.
func exerciseRecognitionAPI(t *testing.T, env *testEnv) {
	t.Helper()
	clock := env.svc.Now
	defer func() { env.svc.Now = clock }()
	// Monday 2 March 2026, 10:00 in Chongqing.
	now := time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)
	env.svc.Now = func() time.Time { return now }
	system := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
	product, err := env.svc.CreateProduct(system, firstset.ProductInput{EnterpriseID: env.entA.ID, Name: "甲申报装备",
		Model: "R-1", CategoryID: env.catA.ID, InnovationLevel: firstset.LevelNational,
		Params: []firstset.Param{{Name: "定位精度", Value: "0.005", Unit: "mm"}}})
	if err != nil {
		t.Fatal(err)
	}
	experts := []string{"expert-1", "expert-2", "expert-3", "expert-4", "expert-5", "expert-6"}
	users := []firstset.UserInput{{Username: "district-a", Name: "九龙坡区经信委", Role: firstset.RoleDistrict, DistrictCode: "500107"}}
	for i, u := range experts {
		users = append(users, firstset.UserInput{Username: u, Name: fmt.Sprintf("专家%d", i+1), Role: firstset.RoleExpert})
	}
	env.addUsers(users...)

	want := func(w interface{ Result() *http.Response }, status int) {
		t.Helper()
		if got := w.Result().StatusCode; got != status {
			t.Fatalf("status %d, want %d", got, status)
		}
	}
	as := func(username string, role firstset.Role) *client {
		return env.token(username, firstset.ScopesForRole(role)...)
	}
	pub := env.public()
	reviewer := as("reviewer", firstset.RoleReviewer)
	entA := as("ent-a", firstset.RoleEnterprise)
	district := as("district-a", firstset.RoleDistrict)
	admin := as("admin", firstset.RoleAdmin)

	// Rounds: one with the standard checklist, one with a checklist of
	// its own, which the case is declared into.
	w := reviewer.sendJSON(http.MethodPost, "/api/v1/rounds", firstset.RoundInput{Title: "2026年第一批首台（套）申报",
		Year: 2026, OpensOn: date.Of(2026, 3, 1), ClosesOn: date.Of(2026, 3, 31), NoticeText: "申报通知"}, nil)
	want(w, http.StatusCreated)
	w = reviewer.sendJSON(http.MethodPost, "/api/v1/rounds", firstset.RoundInput{Title: "2026年专项申报",
		Year: 2026, OpensOn: date.Of(2026, 2, 20), ClosesOn: date.Of(2026, 3, 20), CategoryIDs: []int64{env.catA.ID},
		Checklist: []firstset.ChecklistItem{
			{Item: "申报书", Required: true, Types: []string{"application/pdf"}},
			{Item: "用户使用证明", Required: false},
		}}, http.Header{"Idempotency-Key": {"round-2"}})
	want(w, http.StatusCreated)
	var round firstset.Round
	decode(t, w, &round)
	want(pub.get("/api/v1/rounds"), http.StatusOK)
	want(pub.get(idPath("/api/v1/rounds/{id}", round.ID)), http.StatusOK)

	// The declaration, its texts and materials.
	w = entA.sendJSON(http.MethodPost, "/api/v1/recognitions", firstset.DeclarationInput{RoundID: round.ID, ProductID: product.ID}, nil)
	want(w, http.StatusCreated)
	var cv firstset.CaseView
	decode(t, w, &cv)
	casePath := idPath("/api/v1/recognitions/{id}", cv.ID)
	if cv.Stage != "draft" || cv.Score != nil || len(cv.Missing) != 1 || len(cv.Actions) == 0 {
		t.Errorf("declared case: %+v", cv)
	}
	want(entA.sendJSON(http.MethodPut, casePath, firstset.DeclarationInput{InnovationClaim: "国内首创",
		TechnicalComparison: "精度高于同类产品", FirstUse: "2025年在重庆首次应用"}, nil), http.StatusOK)
	pdf := []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
	w = entA.postMultipart(casePath+"/attachments", map[string]string{"item": "申报书"}, "申报书.pdf", pdf)
	want(w, http.StatusCreated)
	var att firstset.Attachment
	decode(t, w, &att)
	w = entA.postMultipart(casePath+"/attachments", map[string]string{"item": "用户使用证明"}, "证明.pdf", pdf)
	want(w, http.StatusCreated)
	var again firstset.Attachment
	decode(t, w, &again)
	if att.ContentType != "application/pdf" || att.Reused || !again.Reused {
		t.Errorf("attachments: %+v, %+v", att, again)
	}
	want(entA.request(http.MethodDelete, fmt.Sprintf("%s/attachments/%d", casePath, again.ID), nil, nil), http.StatusNoContent)
	w = entA.get(fmt.Sprintf("%s/attachments/%d", casePath, att.ID))
	want(w, http.StatusOK)
	if w.Body.String() != string(pdf) || w.Header().Get("Content-Type") != "application/pdf" {
		t.Errorf("download: %q %q", w.Header().Get("Content-Type"), w.Body.String())
	}
	want(entA.get(casePath), http.StatusOK)
	want(entA.get("/api/v1/recognitions?waiting=1&round_id="+httpx.Itoa(round.ID)+"&stage=draft&page=1&per_page=10"), http.StatusOK)

	// Refusals.
	want(pub.get("/api/v1/rounds/999999"), http.StatusNotFound)
	want(entA.get("/api/v1/recognitions/999999"), http.StatusNotFound)
	want(pub.get(casePath), http.StatusNotFound) // a case's existence is not public
	want(env.token("ent-b", firstset.ScopesForRole(firstset.RoleEnterprise)...).get(casePath), http.StatusNotFound)
	want(env.token("ent-a", firstset.ScopeCatalogRead).get(casePath), http.StatusForbidden)
	want(pub.sendJSON(http.MethodPost, "/api/v1/rounds", firstset.RoundInput{Title: "匿名"}, nil), http.StatusUnauthorized)
	want(entA.sendJSON(http.MethodPost, "/api/v1/rounds", firstset.RoundInput{Title: "企业"}, nil), http.StatusForbidden)
	want(reviewer.sendJSON(http.MethodPost, "/api/v1/rounds", firstset.RoundInput{Year: 2026}, nil), http.StatusUnprocessableEntity)
	want(entA.sendJSON(http.MethodPost, "/api/v1/recognitions", firstset.DeclarationInput{RoundID: round.ID}, nil), http.StatusUnprocessableEntity)
	want(entA.sendJSON(http.MethodPost, "/api/v1/recognitions", firstset.DeclarationInput{RoundID: round.ID, ProductID: product.ID}, nil), http.StatusConflict)
	want(entA.sendJSON(http.MethodPost, casePath+"/attachments", map[string]string{"item": "申报书"}, nil), http.StatusUnsupportedMediaType)
	want(entA.postMultipart(casePath+"/attachments", map[string]string{"item": "申报书"}, "a.png", []byte("\x89PNG\r\n\x1a\n0000")), http.StatusUnprocessableEntity)
	want(district.sendJSON(http.MethodPost, casePath+"/actions", firstset.ActionInput{Action: "approve", Opinion: "同意"}, nil), http.StatusNotFound)

	// Submitted, it passes the district's and the city's review.
	want(entA.sendJSON(http.MethodPost, casePath+"/actions", firstset.ActionInput{Action: "submit"}, nil), http.StatusOK)
	e := assertAPIError(t, entA.sendJSON(http.MethodPut, casePath, firstset.DeclarationInput{FirstUse: "改"}, nil), http.StatusConflict, firstset.EWRONGSTAGE)
	if e.Message == "" {
		t.Errorf("wrong stage: %+v", e)
	}
	assertAPIError(t, entA.sendJSON(http.MethodPost, casePath+"/actions", firstset.ActionInput{Action: "submit"}, nil), http.StatusConflict, firstset.EWRONGSTAGE)
	want(district.sendJSON(http.MethodPost, casePath+"/actions", firstset.ActionInput{Action: "approve"}, nil), http.StatusUnprocessableEntity)
	want(district.sendJSON(http.MethodPost, casePath+"/actions", firstset.ActionInput{Action: "approve", Opinion: "初审通过"}, nil), http.StatusOK)
	want(reviewer.sendJSON(http.MethodPost, casePath+"/actions", firstset.ActionInput{Action: "approve", Opinion: "形式审查通过"}, nil), http.StatusOK)

	// The expert pool and the draw.
	ids := map[string]int64{}
	for _, u := range experts {
		ids[u] = env.userID(u)
		want(reviewer.sendJSON(http.MethodPut, idPath("/api/v1/experts/{id}", ids[u]), firstset.ExpertInput{
			Categories: []int64{env.catA.ID}, Employer: "重庆大学", Active: true}, nil), http.StatusOK)
	}
	want(reviewer.get("/api/v1/experts?active=1&category_id="+httpx.Itoa(env.catA.ID)+"&q=expert&page=1&per_page=20"), http.StatusOK)
	want(reviewer.get(idPath("/api/v1/experts/{id}", ids["expert-1"])), http.StatusOK)
	want(reviewer.get(casePath+"/experts/candidates"), http.StatusOK)
	w = reviewer.sendJSON(http.MethodPost, casePath+"/experts/draw", map[string]string{"seed": "openapi"}, nil)
	want(w, http.StatusOK)
	var draw firstset.Draw
	decode(t, w, &draw)
	if len(draw.Experts) != 5 || len(draw.Candidates) != 6 {
		t.Fatalf("draw: %+v", draw)
	}
	assertAPIError(t, reviewer.sendJSON(http.MethodPost, casePath+"/experts/draw", map[string]string{}, nil), http.StatusConflict, firstset.ECONFLICT)
	drawn := []string{}
	for _, x := range draw.Experts {
		drawn = append(drawn, x.Username)
	}
	// The first drawn declares a conflict; the one left is drawn instead.
	first := as(drawn[0], firstset.RoleExpert)
	want(first.get(casePath), http.StatusOK)
	want(first.sendJSON(http.MethodPost, casePath+"/experts/decline", map[string]string{"reason": "曾为申报企业提供咨询"}, nil), http.StatusOK)
	want(first.get(casePath), http.StatusNotFound)
	want(reviewer.get(casePath+"/experts/draws"), http.StatusOK)
	scored := 0
	for _, u := range experts {
		if u == drawn[0] {
			continue
		}
		x := as(u, firstset.RoleExpert)
		want(x.get(idPath("/api/v1/experts/{id}", ids[u])), http.StatusOK)
		want(x.sendJSON(http.MethodPost, casePath+"/scores", firstset.ScoreInput{Criteria: map[string]int{"innovation": 101}}, nil),
			http.StatusUnprocessableEntity)
		want(x.sendJSON(http.MethodPost, casePath+"/scores", firstset.ScoreInput{Comment: "同意推荐",
			Criteria: map[string]int{"innovation": 85 + scored, "technology": 80, "reliability": 90, "市场前景与带动作用": 75}}, nil), http.StatusOK)
		want(x.get(casePath), http.StatusOK) // with the sheet and the expert's own scores
		scored++
	}
	if scored != 5 {
		t.Fatalf("%d experts scored", scored)
	}
	w = reviewer.get(casePath)
	want(w, http.StatusOK)
	var scoredCase struct { // firstset.Score does not decode
		Score   *float64               `json:"score"`
		Experts []*firstset.CaseExpert `json:"experts"`
	}
	decode(t, w, &scoredCase)
	if scoredCase.Score == nil || len(scoredCase.Experts) != 6 {
		t.Errorf("after scoring: score %v, %d experts", scoredCase.Score, len(scoredCase.Experts))
	}
	want(reviewer.sendJSON(http.MethodPost, casePath+"/actions", firstset.ActionInput{Action: "approve", Opinion: "专家评审通过"}, nil), http.StatusOK)
	want(reviewer.sendJSON(http.MethodPost, casePath+"/actions", firstset.ActionInput{Action: "approve", Opinion: "现场核查通过"}, nil), http.StatusOK)

	// The notice, an objection from the public and its answer.
	w = reviewer.sendJSON(http.MethodPost, "/api/v1/notices", firstset.NoticeInput{CaseIDs: []int64{cv.ID}, StartsOn: date.Of(2026, 3, 2)}, nil)
	want(w, http.StatusCreated)
	var notice firstset.NoticeView
	decode(t, w, &notice)
	if notice.EndsOn != date.Of(2026, 3, 6) || !notice.Ongoing {
		t.Errorf("notice: %+v", notice.Notice)
	}
	noticePath := idPath("/api/v1/notices/{id}", notice.ID)
	want(pub.get("/api/v1/notices"), http.StatusOK)
	want(pub.get(noticePath), http.StatusOK)
	want(pub.sendJSON(http.MethodPost, noticePath+"/objections", firstset.ObjectionInput{CaseID: cv.ID, Name: "张三"}, nil), http.StatusUnprocessableEntity)
	w = pub.sendJSON(http.MethodPost, noticePath+"/objections", firstset.ObjectionInput{CaseID: cv.ID, Name: "张三",
		Contact: "13800000000", Text: "该装备并非首台。"}, nil)
	want(w, http.StatusCreated)
	var obj firstset.Objection
	decode(t, w, &obj)
	want(reviewer.get("/api/v1/objections?open=1"), http.StatusOK)
	want(reviewer.get(noticePath), http.StatusOK) // with the objection
	want(reviewer.sendJSON(http.MethodPost, idPath("/api/v1/objections/{id}/answer", obj.ID),
		firstset.AnswerInput{Decision: "dismissed", Reason: "经核实，异议不成立。"}, nil), http.StatusOK)
	want(reviewer.sendJSON(http.MethodPost, idPath("/api/v1/objections/{id}/answer", obj.ID),
		firstset.AnswerInput{Decision: "upheld", Reason: "再答"}, nil), http.StatusConflict)
	want(pub.get(idPath("/api/v1/rounds/{id}/publication", round.ID)), http.StatusNotFound)

	// A week later the notice has ended and the batch is published.
	now = time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC)
	want(pub.sendJSON(http.MethodPost, noticePath+"/objections", firstset.ObjectionInput{CaseID: cv.ID, Name: "李四",
		Contact: "13900000000", Text: "逾期异议"}, nil), http.StatusConflict)
	want(reviewer.sendJSON(http.MethodPost, idPath("/api/v1/rounds/{id}/publish", round.ID),
		firstset.PublishInput{DocumentNumber: "渝经信发〔2026〕1号", PublishedOn: date.Of(2026, 3, 6)}, nil), http.StatusUnprocessableEntity)
	w = reviewer.sendJSON(http.MethodPost, idPath("/api/v1/rounds/{id}/publish", round.ID),
		firstset.PublishInput{DocumentNumber: "渝经信发〔2026〕1号", PublishedOn: date.Of(2026, 3, 9)}, nil)
	want(w, http.StatusOK)
	var pubn firstset.Publication
	decode(t, w, &pubn)
	if len(pubn.Products) != 1 || pubn.Products[0].ID != product.ID || pubn.Round.PublishedOn != date.Of(2026, 3, 9) {
		t.Errorf("publication: %+v", pubn)
	}
	want(pub.get(idPath("/api/v1/rounds/{id}/publication", round.ID)), http.StatusOK)
	want(pub.get(idPath("/api/v1/rounds/{id}", round.ID)), http.StatusOK)

	// The applicant rates the ended case; the bad rating is answered.
	want(entA.sendJSON(http.MethodPost, casePath+"/ratings", firstset.RatingInput{Score: 9, StageScore: 5}, nil), http.StatusUnprocessableEntity)
	w = entA.sendJSON(http.MethodPost, casePath+"/ratings", firstset.RatingInput{Score: 2, Comment: "时间较长", StageScore: 5}, nil)
	want(w, http.StatusCreated)
	var rated httpx.ListResponse[*firstset.Rating]
	decode(t, w, &rated)
	if len(rated.Items) != 2 || !rated.Items[0].FollowUp || rated.Items[0].DueOn.IsZero() || rated.Items[1].FollowUp {
		t.Fatalf("ratings: %+v", rated.Items)
	}
	want(entA.sendJSON(http.MethodPost, casePath+"/ratings", firstset.RatingInput{Score: 5, StageScore: 5}, nil), http.StatusConflict)
	want(entA.get(casePath), http.StatusOK) // ended, with its ratings
	want(reviewer.get("/api/v1/ratings?month=2026-03&follow_up=1"), http.StatusOK)
	want(reviewer.sendJSON(http.MethodPost, idPath("/api/v1/ratings/{id}/answer", rated.Items[0].ID),
		map[string]string{"answer": "已优化流程"}, nil), http.StatusOK)
	want(reviewer.get("/api/v1/ratings"), http.StatusOK)
	want(reviewer.get("/api/v1/recognitions?stage=published"), http.StatusOK)

	// Notifications.
	w = entA.get("/api/v1/notifications?unread=1")
	want(w, http.StatusOK)
	var notes struct {
		Items  []*firstset.Notification `json:"items"`
		Unread int                      `json:"unread"`
	}
	decode(t, w, &notes)
	if len(notes.Items) == 0 || notes.Unread != len(notes.Items) {
		t.Errorf("notifications: %d items, %d unread", len(notes.Items), notes.Unread)
	}
	want(entA.sendJSON(http.MethodPost, "/api/v1/notifications/read", map[string][]int64{"ids": {notes.Items[0].ID}}, nil), http.StatusNoContent)
	want(entA.sendJSON(http.MethodPost, "/api/v1/notifications/read", map[string]any{}, nil), http.StatusNoContent)
	want(entA.get("/api/v1/notifications"), http.StatusOK)

	// The working-day calendar.
	w = pub.get("/api/v1/calendar/working-days?from=2025-01-27&days=5")
	want(w, http.StatusOK)
	if !strings.Contains(w.Body.String(), `"ends_on":"2025-02-08"`) {
		t.Errorf("working days: %s", w.Body.String())
	}
	want(pub.get("/api/v1/calendar/working-days?days=5"), http.StatusBadRequest)
	want(pub.get("/api/v1/calendar/working-days?from=2099-01-01&days=5"), http.StatusUnprocessableEntity)
	want(pub.get("/api/v1/calendar/2025"), http.StatusOK)
	want(pub.get("/api/v1/calendar/2031"), http.StatusOK)
	want(admin.sendJSON(http.MethodPut, "/api/v1/calendar/2027", map[string]any{"days": []firstset.CalendarDay{
		{Date: date.Of(2027, 1, 1), Work: false, Name: "元旦"}}}, nil), http.StatusOK)
	want(reviewer.sendJSON(http.MethodPut, "/api/v1/calendar/2027", map[string]any{"days": []firstset.CalendarDay{}}, nil), http.StatusForbidden)

	// The audit log.
	w = admin.get("/api/v1/audit?page=1&per_page=100")
	want(w, http.StatusOK)
	if !strings.Contains(w.Body.String(), `"entity":"case"`) {
		t.Errorf("no case in the audit log")
	}
	want(admin.get("/api/v1/audit?entity_type=product&entity_id="+httpx.Itoa(product.ID)+"&action=set_recognition"), http.StatusOK)
	w = admin.get(fmt.Sprintf("/api/v1/audit?entity_type=case&entity_id=%d&action=submit", cv.ID))
	want(w, http.StatusOK)
	if !strings.Contains(w.Body.String(), `"action":"submit"`) {
		t.Errorf("the case's submission is not in the audit log: %s", w.Body.String())
	}
	want(admin.get("/api/v1/audit?entity_type=case&entity_id=x"), http.StatusBadRequest)
	want(reviewer.get("/api/v1/audit"), http.StatusForbidden)
}
