package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"firstset"
	"firstset/cases"
	"firstset/date"
	"firstset/dbtest"
	"firstset/service"
)

// recognitionEnv is the test environment with the people a recognition
// needs: a district office per enterprise's district and an expert pool.
type recognitionEnv struct {
	*testEnv
	clock   time.Time
	experts []string
	clients map[string]*client
}

func newRecognitionEnv(t *testing.T, store firstset.Store) *recognitionEnv {
	t.Helper()
	return newRecognitionEnvConfig(t, store, nil)
}

// newRecognitionEnvConfig is newRecognitionEnv with the services'
// configuration changed by adjust (if not nil).
func newRecognitionEnvConfig(t *testing.T, store firstset.Store, adjust func(*service.Config)) *recognitionEnv {
	t.Helper()
	env := &recognitionEnv{testEnv: newTestEnvConfig(t, store, adjust)}
	env.clock = time.Now()
	env.svc.Now = func() time.Time { return env.clock }
	ctx := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("seed: %v", err)
		}
	}
	for _, u := range []firstset.UserInput{
		{Username: "district-a", Name: "九龙坡区经信委", Role: firstset.RoleDistrict, DistrictCode: env.entA.DistrictCode,
			Email: "district-a@example.gov.cn"},
		{Username: "district-b", Name: "渝北区经信委", Role: firstset.RoleDistrict, DistrictCode: env.entB.DistrictCode},
	} {
		u.Password = testPassword
		_, err := env.svc.CreateUser(ctx, u)
		must(err)
	}
	reviewer, err := env.svc.FindUserByID(ctx, env.userID("reviewer"))
	must(err)
	asReviewer := firstset.NewContextWithActor(context.Background(), &firstset.Actor{User: reviewer})
	for i := 1; i <= 8; i++ {
		name := fmt.Sprintf("expert%02d", i)
		u, err := env.svc.CreateUser(ctx, firstset.UserInput{Username: name, Name: "专家" + name, Role: firstset.RoleExpert,
			Password: testPassword})
		must(err)
		_, err = env.svc.SaveExpert(asReviewer, firstset.ExpertInput{UserID: u.ID, Categories: []int64{env.catA.ID},
			Employer: "重庆大学", Active: i != 8})
		must(err)
		env.experts = append(env.experts, name)
	}
	return env
}

// api is a client with a token holding every scope the user's role may;
// one per user, as logging in is slow by design (argon2id).
func (env *recognitionEnv) api(username string) *client {
	if c, ok := env.clients[username]; ok {
		return c
	}
	if env.clients == nil {
		env.clients = map[string]*client{}
	}
	u, err := env.svc.FindUserByID(firstset.NewContextWithActor(context.Background(), firstset.SystemActor()), env.userID(username))
	if err != nil {
		env.t.Fatal(err)
	}
	c := env.token(username, firstset.ScopesForRole(u.Role)...)
	env.clients[username] = c
	return c
}

func (c *client) postJSON(target string, v any) *httptest.ResponseRecorder {
	return c.sendJSON(http.MethodPost, target, v, nil)
}

// upload posts one file as multipart: item, then file.
func (c *client) upload(target, item, filename string, content []byte) *httptest.ResponseRecorder {
	body, contentType := multipartFile(item, filename, content)
	return c.request(http.MethodPost, target, bytes.NewReader(body), http.Header{"Content-Type": {contentType}})
}

func wantStatus(t *testing.T, what string, w *httptest.ResponseRecorder, status int) {
	t.Helper()
	if w.Code != status {
		t.Fatalf("%s: status %d, want %d: %s", what, w.Code, status, w.Body.String())
	}
}

func wantError(t *testing.T, what string, w *httptest.ResponseRecorder, status int, code string) {
	t.Helper()
	wantStatus(t, what, w, status)
	var e struct {
		Error struct {
			Code   string                `json:"code"`
			Fields []firstset.FieldError `json:"details"`
		} `json:"error"`
	}
	decode(t, w, &e)
	if e.Error.Code != code && !slices.ContainsFunc(e.Error.Fields, func(f firstset.FieldError) bool { return f.Code == code }) {
		t.Fatalf("%s: error %s, want %s: %s", what, e.Error.Code, code, w.Body.String())
	}
}

type caseJSON struct {
	ID       int64  `json:"id"`
	Number   string `json:"number"`
	Stage    string `json:"stage"`
	NextRole string `json:"next_role"`
	DueOn    string `json:"due_on"`
	Score    *float64
	Timeline []struct {
		At      time.Time `json:"at"`
		Actor   string    `json:"actor"`
		Action  string    `json:"action"`
		Opinion string    `json:"opinion"`
	} `json:"timeline"`
	Attachments []firstset.Attachment `json:"attachments"`
	Criteria    []firstset.Criterion  `json:"criteria"`
	Missing     []string              `json:"missing"`
}

var samplePDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

// TestRecognitionEndToEnd drives one recognition through every stage over
// the API on both databases: declare → district → formal (with a return
// and a resubmission) → draw → experts score (one declines and is
// replaced) → on-site → notice → objection answered → publish → found in
// the public catalog with the validity the rule gives.
func TestRecognitionEndToEnd(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		runRecognitionFlow(t, newRecognitionEnv(t, store))
	})
}

// runRecognitionFlow is TestRecognitionEndToEnd's journey; it returns the
// published case.
func runRecognitionFlow(t *testing.T, env *recognitionEnv) int64 {
	{
		today := date.FromTime(env.clock)
		reviewer, entA, entB := env.api("reviewer"), env.api("ent-a"), env.api("ent-b")
		districtA, districtB, public := env.api("district-a"), env.api("district-b"), env.public()

		// A round, with the standard checklist.
		w := reviewer.postJSON("/api/v1/rounds", map[string]any{"title": "2026年度首台（套）认定", "year": 2026,
			"opens_on": today.AddDays(-1), "closes_on": today.AddDays(30)})
		wantStatus(t, "create round", w, http.StatusCreated)
		var round firstset.Round
		decode(t, w, &round)
		if len(round.Checklist) == 0 || round.Checklist[0].MaxBytes != 20<<20 {
			t.Fatalf("checklist: %+v", round.Checklist)
		}
		wantError(t, "enterprise opens a round", entA.postJSON("/api/v1/rounds", map[string]any{"title": "x", "year": 2026,
			"opens_on": today, "closes_on": today}), http.StatusForbidden, firstset.EFORBIDDEN)
		wantError(t, "dates out of order", reviewer.postJSON("/api/v1/rounds", map[string]any{"title": "x", "year": 2026,
			"opens_on": today, "closes_on": today.AddDays(-1)}), http.StatusUnprocessableEntity, "date_order")
		wantStatus(t, "rounds are public", public.get("/api/v1/rounds"), http.StatusOK)

		// The declaration: a draft, then submit names everything missing at once.
		w = entA.postJSON("/api/v1/recognitions", map[string]any{"round_id": round.ID, "product_id": env.draftA.ID})
		wantStatus(t, "declare", w, http.StatusCreated)
		var c caseJSON
		decode(t, w, &c)
		if c.Stage != "draft" || !strings.HasPrefix(c.Number, fmt.Sprintf("RD-%d-", today.Time().Year())) {
			t.Fatalf("new case: %+v", c)
		}
		wantError(t, "second open case of the product", entA.postJSON("/api/v1/recognitions",
			map[string]any{"round_id": round.ID, "product_id": env.draftA.ID}), http.StatusConflict, firstset.ECONFLICT)
		wantError(t, "another enterprise's product", entB.postJSON("/api/v1/recognitions",
			map[string]any{"round_id": round.ID, "product_id": env.draftA.ID}), http.StatusUnprocessableEntity, "unknown_product")
		path := fmt.Sprintf("/api/v1/recognitions/%d", c.ID)
		act := func(cl *client, action, opinion string) *httptest.ResponseRecorder {
			return cl.postJSON(path+"/actions", map[string]any{"action": action, "opinion": opinion})
		}
		w = act(entA, "submit", "")
		wantError(t, "submit incomplete", w, http.StatusUnprocessableEntity, "missing_material")
		var refusal struct {
			Error struct {
				Fields []firstset.FieldError `json:"details"`
			} `json:"error"`
		}
		decode(t, w, &refusal)
		required := 0
		for _, it := range round.Checklist {
			if it.Required {
				required++
			}
		}
		if len(refusal.Error.Fields) != required+3 {
			t.Fatalf("submit names %d problems, want %d (3 texts and every required item): %+v", len(refusal.Error.Fields), required+3, refusal.Error.Fields)
		}
		w = entA.sendJSON(http.MethodPut, path, map[string]any{"innovation_claim": "国内首创五轴联动控制算法",
			"technical_comparison": "定位精度优于国内同类产品 30%", "first_use": "2026年首次销售给重庆某汽车厂"}, nil)
		wantStatus(t, "write texts", w, http.StatusOK)
		var first firstset.Attachment
		for i, it := range round.Checklist {
			if !it.Required {
				continue
			}
			w = entA.upload(path+"/attachments", it.Item, fmt.Sprintf("材料%d.pdf", i), samplePDF)
			wantStatus(t, "upload "+it.Item, w, http.StatusCreated)
			var a firstset.Attachment
			decode(t, w, &a)
			if first.ID == 0 {
				first = a
			} else if !a.Reused || a.SHA256 != first.SHA256 {
				t.Fatalf("the same file again is reused: %+v", a)
			}
		}
		wantError(t, "a text file named .pdf", entA.upload(path+"/attachments", round.Checklist[0].Item, "x.pdf",
			[]byte("plain text, not a PDF")), http.StatusUnprocessableEntity, "file_type")
		wantError(t, "unknown item", entA.upload(path+"/attachments", "无此材料", "x.pdf", samplePDF),
			http.StatusUnprocessableEntity, "unknown_item")
		attPath := fmt.Sprintf("%s/attachments/%d", path, first.ID)
		w = entA.get(attPath)
		wantStatus(t, "download", w, http.StatusOK)
		if !bytes.Equal(w.Body.Bytes(), samplePDF) || w.Header().Get("Content-Type") != "application/pdf" {
			t.Fatalf("download: %q %q", w.Header().Get("Content-Type"), w.Body.String())
		}

		w = act(entA, "submit", "")
		wantStatus(t, "submit", w, http.StatusOK)
		decode(t, w, &c)
		if c.Stage != "district_review" || c.NextRole != "district" || c.DueOn == "" {
			t.Fatalf("submitted: %+v", c)
		}
		wantError(t, "upload after submit", entA.upload(path+"/attachments", round.Checklist[0].Item, "y.pdf", samplePDF),
			http.StatusConflict, firstset.EWRONGSTAGE)

		// Outsiders see nothing of it.
		for name, cl := range map[string]*client{"another enterprise": entB, "another district": districtB, "the public": public,
			"an expert not drawn": env.api(env.experts[7])} {
			wantError(t, name+" reads the case", cl.get(path), http.StatusNotFound, firstset.ENOTFOUND)
			wantError(t, name+" downloads", cl.get(attPath), http.StatusNotFound, firstset.ENOTFOUND)
		}
		wantError(t, "another district approves", act(districtB, "approve", "同意"), http.StatusNotFound, firstset.ENOTFOUND)
		wantError(t, "the reviewer at district review", act(reviewer, "approve", "同意"), http.StatusForbidden, firstset.EFORBIDDEN)
		wantError(t, "approve without opinion", act(districtA, "approve", ""), http.StatusUnprocessableEntity, "required")
		wantStatus(t, "district approves", act(districtA, "approve", "材料齐全，同意上报"), http.StatusOK)
		wantError(t, "district approves twice", act(districtA, "approve", "同意"), http.StatusForbidden, firstset.EFORBIDDEN)

		// A return for correction and the resubmission go back to the reviewer.
		w = act(reviewer, "return", "请补充第三方检测报告的盖章页")
		wantStatus(t, "return", w, http.StatusOK)
		decode(t, w, &c)
		if c.Stage != "returned" || c.NextRole != "enterprise" {
			t.Fatalf("returned: %+v", c)
		}
		w = act(entA, "resubmit", "已补充")
		wantStatus(t, "resubmit", w, http.StatusOK)
		decode(t, w, &c)
		if c.Stage != "formal_review" {
			t.Fatalf("resubmitted to %s, want formal_review", c.Stage)
		}
		wantError(t, "withdraw after the stage allows", act(entA, "approve", "x"), http.StatusForbidden, firstset.EFORBIDDEN)
		wantStatus(t, "formal review", act(reviewer, "approve", "形式审查通过"), http.StatusOK)
		wantError(t, "withdraw in expert review", act(entA, "withdraw", ""), http.StatusConflict, firstset.EWRONGSTAGE)

		// The draw, reproducible from its seed and candidates.
		wantError(t, "approve before scores", act(reviewer, "approve", "评审通过"), http.StatusUnprocessableEntity, "not_drawn")
		w = reviewer.get(path + "/experts/candidates")
		wantStatus(t, "candidates", w, http.StatusOK)
		var cand firstset.Draw
		decode(t, w, &cand)
		if len(cand.Candidates) != 7 || cand.CandidatesSHA256 != cases.CandidatesHash(cand.Candidates) {
			t.Fatalf("candidates: %+v", cand)
		}
		w = reviewer.postJSON(path+"/experts/draw", map[string]any{"seed": "2026-认定-001"})
		wantStatus(t, "draw", w, http.StatusOK)
		var draw firstset.Draw
		decode(t, w, &draw)
		if want := cases.DrawExperts("2026-认定-001", cand.Candidates, 5); !slices.Equal(draw.Experts, want) || draw.Seed != "2026-认定-001" {
			t.Fatalf("draw %+v, want %+v", draw.Experts, want)
		}
		wantError(t, "draw again", reviewer.postJSON(path+"/experts/draw", map[string]any{}), http.StatusConflict, firstset.ECONFLICT)
		drawn := map[string]bool{}
		for _, e := range draw.Experts {
			drawn[e.Username] = true
		}
		var outsider string
		for _, name := range env.experts[:7] {
			if !drawn[name] {
				outsider = name
			}
		}
		wantError(t, "an undrawn expert", env.api(outsider).get(path), http.StatusNotFound, firstset.ENOTFOUND)

		// The first drawn expert declares a conflict and is replaced.
		decliner := env.api(draw.Experts[0].Username)
		w = decliner.postJSON(path+"/experts/decline", map[string]any{"reason": "曾为该企业提供咨询"})
		wantStatus(t, "decline", w, http.StatusOK)
		var repl firstset.Draw
		decode(t, w, &repl)
		if len(repl.Experts) != 1 || drawn[repl.Experts[0].Username] || repl.Seed != draw.Seed {
			t.Fatalf("replacement: %+v", repl)
		}
		wantError(t, "the expert who declined", decliner.get(path), http.StatusNotFound, firstset.ENOTFOUND)
		scorers := append(slices.Clone(draw.Experts[1:]), repl.Experts[0])

		var sheets []cases.Sheet
		for i, e := range scorers {
			cl := env.api(e.Username)
			w = cl.get(path)
			wantStatus(t, "expert reads", w, http.StatusOK)
			decode(t, w, &c)
			if len(c.Criteria) != 4 {
				t.Fatalf("criteria shown to the expert: %+v", c.Criteria)
			}
			if i == 0 {
				wantError(t, "incomplete sheet", cl.postJSON(path+"/scores", map[string]any{"criteria": map[string]int{"innovation": 90}}),
					http.StatusUnprocessableEntity, "required")
				wantError(t, "score out of range", cl.postJSON(path+"/scores", map[string]any{"criteria": map[string]int{
					"innovation": 101, "technology": 80, "reliability": 80, "market": 80}}), http.StatusUnprocessableEntity, "out_of_range")
			}
			sheet := cases.Sheet{"innovation": 80 + i*3, "technology": 70 + i*5, "reliability": 90 - i*2, "market": 60 + i*7}
			sheets = append(sheets, sheet)
			body := map[string]any{"criteria": map[string]int{"创新性": sheet["innovation"], "technology": sheet["technology"],
				"reliability": sheet["reliability"], "market": sheet["market"]}, "comment": "同意"}
			wantStatus(t, "score", cl.postJSON(path+"/scores", body), http.StatusOK)
		}
		want, err := cases.CaseScore(service.DefaultCaseConfig.Criteria, sheets, 5)
		if err != nil {
			t.Fatal(err)
		}
		w = reviewer.get(path)
		if !strings.Contains(w.Body.String(), `"score":`+want.String()) {
			t.Fatalf("score %s not in %s", want, w.Body.String())
		}
		wantStatus(t, "expert review passes", act(reviewer, "approve", "专家评审通过"), http.StatusOK)
		wantStatus(t, "on-site check passes", act(reviewer, "approve", "现场核查：生产线与申报一致"), http.StatusOK)

		// 公示: five working days, with an objection answered.
		w = reviewer.postJSON("/api/v1/notices", map[string]any{"case_ids": []int64{c.ID}, "starts_on": today})
		wantStatus(t, "notice", w, http.StatusCreated)
		var notice firstset.Notice
		decode(t, w, &notice)
		if notice.EndsOn.Sub(notice.StartsOn) < 4 {
			t.Fatalf("notice %s to %s", notice.StartsOn, notice.EndsOn)
		}
		noticePath := fmt.Sprintf("/api/v1/notices/%d", notice.ID)
		wantStatus(t, "the public reads the notice", public.get(noticePath), http.StatusOK)
		w = public.postJSON(noticePath+"/objections", map[string]any{"case_id": c.ID, "name": "张某", "contact": "13800000000",
			"text": "该产品并非首台套"})
		wantStatus(t, "objection", w, http.StatusCreated)
		var obj firstset.Objection
		decode(t, w, &obj)
		publish := map[string]any{"document_number": "渝经信装备〔2026〕1号", "published_on": notice.EndsOn.AddDays(1)}
		wantError(t, "publish during the notice", reviewer.postJSON(fmt.Sprintf("/api/v1/rounds/%d/publish", round.ID),
			map[string]any{"document_number": "渝经信装备〔2026〕1号", "published_on": today}),
			http.StatusUnprocessableEntity, "notice_ongoing")
		wantStatus(t, "answer", reviewer.postJSON(fmt.Sprintf("/api/v1/objections/%d/answer", obj.ID),
			map[string]any{"decision": "dismissed", "reason": "经核实，该产品为国内首台"}), http.StatusOK)

		// After the notice: publication, and the catalog shows it at once.
		env.clock = notice.EndsOn.AddDays(1).Time().Add(10 * time.Hour)
		w = reviewer.postJSON(fmt.Sprintf("/api/v1/rounds/%d/publish", round.ID), publish)
		wantStatus(t, "publish", w, http.StatusOK)
		var pub struct {
			Products []struct {
				ID           int64     `json:"id"`
				Status       string    `json:"status"`
				RecognizedOn date.Date `json:"recognized_on"`
			} `json:"products"`
		}
		decode(t, w, &pub)
		if len(pub.Products) != 1 || pub.Products[0].ID != env.draftA.ID || pub.Products[0].Status != "recognised" ||
			!pub.Products[0].RecognizedOn.Equal(notice.EndsOn.AddDays(1)) {
			t.Fatalf("published: %s", w.Body.String())
		}
		w = public.get(fmt.Sprintf("/api/v1/catalog?q=%s", "甲草稿装备"))
		wantStatus(t, "catalog", w, http.StatusOK)
		wantValid := date.ValidUntil(notice.EndsOn.AddDays(1), 3)
		if !strings.Contains(w.Body.String(), `"valid_until":"`+wantValid.String()+`"`) {
			t.Fatalf("catalog lacks the product valid until %s: %s", wantValid, w.Body.String())
		}
		w = entA.get(path)
		decode(t, w, &c)
		if c.Stage != "published" {
			t.Fatalf("stage %s after publication", c.Stage)
		}
		wantStatus(t, "publication page", public.get(fmt.Sprintf("/api/v1/rounds/%d/publication", round.ID)), http.StatusOK)

		// The audit log holds the case's history; the applicant was told.
		w = env.api("admin").get(fmt.Sprintf("/api/v1/audit?entity_type=case&entity_id=%d", c.ID))
		wantStatus(t, "audit", w, http.StatusOK)
		var audit struct {
			Items []firstset.AuditEntry `json:"items"`
		}
		decode(t, w, &audit)
		if len(audit.Items) < 10 {
			t.Fatalf("audit entries of the case: %d", len(audit.Items))
		}
		w = entA.get("/api/v1/notifications?unread=1")
		var notes struct {
			Unread int `json:"unread"`
		}
		decode(t, w, &notes)
		if notes.Unread == 0 {
			t.Fatal("the applicant has no notifications")
		}
		return c.ID
	}
}

// TestWorkingDaysAcrossHolidays counts notice periods across the 2025
// Spring Festival and National Day and the 2026 Spring Festival, by the
// State Council's arrangements (调休 days worked).
func TestWorkingDaysAcrossHolidays(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		public := env.public()
		for _, tc := range []struct {
			from string
			days int
			want string
		}{
			{"2025-01-27", 5, "2025-02-08"}, // Mon; 28 Jan–4 Feb off; Sat 8 Feb worked
			{"2025-01-26", 1, "2025-01-26"}, // a make-up Sunday counts as day 1
			{"2025-09-30", 5, "2025-10-13"}, // 1–8 Oct off; Sat 11 Oct worked
			{"2025-10-01", 1, "2025-10-09"}, // a holiday start: day 1 is the next working day
			{"2026-02-13", 5, "2026-02-26"}, // Fri; Sat 14 Feb worked; 15–23 Feb off
			{"2026-02-27", 2, "2026-02-28"}, // Sat 28 Feb worked
		} {
			w := public.get(fmt.Sprintf("/api/v1/calendar/working-days?from=%s&days=%d", tc.from, tc.days))
			wantStatus(t, tc.from, w, http.StatusOK)
			var got struct {
				EndsOn string `json:"ends_on"`
			}
			decode(t, w, &got)
			if got.EndsOn != tc.want {
				t.Errorf("%d working days from %s end %s, want %s", tc.days, tc.from, got.EndsOn, tc.want)
			}
		}
		wantError(t, "into a year without data", public.get("/api/v1/calendar/working-days?from=2026-12-28&days=10"),
			http.StatusUnprocessableEntity, "no_calendar")
		wantError(t, "bad date", public.get("/api/v1/calendar/working-days?from=2026-02-30&days=1"),
			http.StatusBadRequest, "invalid_date")
	})
}

// exerciseRecognitionExtras calls what the journey does not: listings,
// the pool, draws, ratings, notifications, the calendar's upkeep, an
// attachment removed and a withdrawal.
func exerciseRecognitionExtras(t *testing.T, env *recognitionEnv, caseID int64) {
	t.Helper()
	reviewer, entA, entB, admin := env.api("reviewer"), env.api("ent-a"), env.api("ent-b"), env.api("admin")
	path := fmt.Sprintf("/api/v1/recognitions/%d", caseID)
	wantStatus(t, "to-do", reviewer.get("/api/v1/recognitions?waiting=1"), http.StatusOK)
	w := entA.get("/api/v1/recognitions?stage=published")
	wantStatus(t, "own cases", w, http.StatusOK)
	var mine struct {
		Items []caseJSON `json:"items"`
		Total int        `json:"total"`
	}
	decode(t, w, &mine)
	if mine.Total != 1 || mine.Items[0].ID != caseID {
		t.Fatalf("the applicant's published cases: %+v", mine)
	}
	wantStatus(t, "draws", reviewer.get(path+"/experts/draws"), http.StatusOK)
	wantStatus(t, "notices", env.public().get("/api/v1/notices"), http.StatusOK)
	wantStatus(t, "objections", reviewer.get("/api/v1/objections?open=0"), http.StatusOK)

	w = reviewer.get("/api/v1/experts?active=1")
	wantStatus(t, "pool", w, http.StatusOK)
	expertID := env.userID(env.experts[7])
	wantStatus(t, "expert", reviewer.get(fmt.Sprintf("/api/v1/experts/%d", expertID)), http.StatusOK)
	wantStatus(t, "expert saved", reviewer.sendJSON(http.MethodPut, fmt.Sprintf("/api/v1/experts/%d", expertID),
		map[string]any{"categories": []int64{env.catA.ID}, "employer": "重庆大学", "active": true}, nil), http.StatusOK)
	wantError(t, "an enterprise edits the pool", entA.sendJSON(http.MethodPut, fmt.Sprintf("/api/v1/experts/%d", expertID),
		map[string]any{"categories": []int64{env.catA.ID}}, nil), http.StatusForbidden, firstset.EFORBIDDEN)

	// 好差评: a bad rating opens a follow-up the reviewer answers.
	w = entA.postJSON(path+"/ratings", map[string]any{"score": 2, "comment": "等待时间较长", "stage_score": 4})
	wantStatus(t, "rate", w, http.StatusCreated)
	wantError(t, "rate twice", entA.postJSON(path+"/ratings", map[string]any{"score": 5, "stage_score": 5}), http.StatusConflict, firstset.ECONFLICT)
	w = reviewer.get("/api/v1/ratings?follow_up=1")
	wantStatus(t, "ratings", w, http.StatusOK)
	var ratings struct {
		Items   []firstset.Rating `json:"items"`
		Summary []struct {
			Stage string `json:"stage"`
			Count int    `json:"count"`
		} `json:"summary"`
	}
	decode(t, w, &ratings)
	if len(ratings.Items) != 1 || len(ratings.Summary) != 2 {
		t.Fatalf("ratings: %+v", ratings)
	}
	wantStatus(t, "answer the rating", reviewer.postJSON(fmt.Sprintf("/api/v1/ratings/%d/answer", ratings.Items[0].ID),
		map[string]any{"answer": "已优化审核流程，缩短办理时限。"}), http.StatusOK)
	wantStatus(t, "mark read", entA.postJSON("/api/v1/notifications/read", map[string]any{}), http.StatusNoContent)
	w = entA.get("/api/v1/notifications")
	var notes struct {
		Unread int `json:"unread"`
	}
	decode(t, w, &notes)
	if notes.Unread != 0 {
		t.Fatalf("unread after marking all read: %d", notes.Unread)
	}

	// The calendar: a later year entered by an administrator.
	wantStatus(t, "a shipped year", env.public().get("/api/v1/calendar/2025"), http.StatusOK)
	days := map[string]any{"days": []map[string]any{{"date": "2027-01-01", "work": false, "name": "元旦"}}}
	wantError(t, "a reviewer edits the calendar", reviewer.sendJSON(http.MethodPut, "/api/v1/calendar/2027", days, nil),
		http.StatusForbidden, firstset.EFORBIDDEN)
	wantError(t, "a day of another year", admin.sendJSON(http.MethodPut, "/api/v1/calendar/2027",
		map[string]any{"days": []map[string]any{{"date": "2028-01-01", "work": false, "name": "元旦"}}}, nil),
		http.StatusUnprocessableEntity, "invalid_calendar")
	wantStatus(t, "2027 entered", admin.sendJSON(http.MethodPut, "/api/v1/calendar/2027", days, nil), http.StatusOK)
	w = env.public().get("/api/v1/calendar/working-days?from=2026-12-31&days=2")
	wantStatus(t, "into 2027", w, http.StatusOK)
	if !strings.Contains(w.Body.String(), `"ends_on":"2027-01-04"`) {
		t.Fatalf("2 working days from 2026-12-31 with 1 Jan 2027 off: %s", w.Body.String())
	}

	// A draft: an attachment removed, then the declaration withdrawn.
	var rounds struct {
		Items []firstset.Round `json:"items"`
	}
	today := date.FromTime(env.clock)
	wantStatus(t, "a second round", reviewer.postJSON("/api/v1/rounds", map[string]any{"title": "补充申报批次", "year": 2026,
		"opens_on": today, "closes_on": today.AddDays(10)}), http.StatusCreated)
	decode(t, env.public().get("/api/v1/rounds"), &rounds)
	wantStatus(t, "round", env.public().get(fmt.Sprintf("/api/v1/rounds/%d", rounds.Items[0].ID)), http.StatusOK)
	w = entB.postJSON("/api/v1/recognitions", map[string]any{"round_id": rounds.Items[0].ID, "product_id": env.draftB.ID})
	wantStatus(t, "declare", w, http.StatusCreated)
	var draft caseJSON
	decode(t, w, &draft)
	dpath := fmt.Sprintf("/api/v1/recognitions/%d", draft.ID)
	w = entB.upload(dpath+"/attachments", rounds.Items[0].Checklist[0].Item, "申报书.pdf", samplePDF)
	wantStatus(t, "upload", w, http.StatusCreated)
	var att firstset.Attachment
	decode(t, w, &att)
	wantError(t, "another enterprise removes it", entA.request(http.MethodDelete, fmt.Sprintf("%s/attachments/%d", dpath, att.ID), nil, nil),
		http.StatusNotFound, firstset.ENOTFOUND)
	wantStatus(t, "remove", entB.request(http.MethodDelete, fmt.Sprintf("%s/attachments/%d", dpath, att.ID), nil, nil), http.StatusNoContent)
	w = entB.postJSON(dpath+"/actions", map[string]any{"action": "withdraw"})
	wantStatus(t, "withdraw", w, http.StatusOK)
	decode(t, w, &draft)
	if draft.Stage != "withdrawn" {
		t.Fatalf("withdrawn: %s", draft.Stage)
	}
}
