package web

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"firstset"
	"firstset/date"
	"firstset/dbtest"
	"firstset/web/httpx"
)

// TestArticlesFromOutside publishes notices and interpretations over the
// API and reads them as the public would: only published ones, by the
// services' clock, searchable by a Chinese word, and in the feed.
func TestArticlesFromOutside(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		runArticleFlow(t, newTestEnvOn(t, store))
	})
}

// runArticleFlow is the articles' and the library's flow, for its test and
// the OpenAPI test's coverage.
func runArticleFlow(t *testing.T, env *testEnv) {
	clock := env.svc.Now
	defer func() { env.svc.Now = clock }()
	now := time.Date(2026, 3, 10, 10, 0, 0, 0, date.Shanghai)
	env.svc.Now = func() time.Time { return now }
	today := date.FromTime(now)

	reviewer := env.token("reviewer", firstset.ScopeCasesRead)
	create := func(in firstset.ArticleInput) firstset.Article {
		t.Helper()
		w := reviewer.sendJSON(http.MethodPost, "/api/v1/articles", in, http.Header{"Idempotency-Key": {"article-" + in.Title}})
		wantStatus(t, "create "+in.Title, w, http.StatusCreated)
		var x firstset.Article
		decode(t, w, &x)
		return x
	}
	notice := create(firstset.ArticleInput{Kind: firstset.ArticleNotice, Title: "关于申报2026年度首台（套）保费补贴的通知",
		Body: "各有关单位：\n现组织申报2026年度首台（套）重大技术装备保费补贴。\n申报截止日期为2026年4月30日。", PublishOn: today,
		ClauseIDs: []string{"M24-2", "M24-2"}})
	reading := create(firstset.ArticleInput{Kind: firstset.ArticleInterpretation, Title: "一图读懂首购首用奖励",
		Body: "首购首用奖励按实际支付额的30%以内择优给予，最高500万元。\n保险机构共保体另见解读。", PublishOn: today.AddDays(-1),
		ClauseIDs: []string{"M24-1"}})
	future := create(firstset.ArticleInput{Kind: firstset.ArticleNotice, Title: "2026年第一批首台（套）认定结果公示",
		Body: "公示期五个工作日，公示期内可提出异议。", PublishOn: today.AddDays(10), EndOn: today.AddDays(16)})
	ended := create(firstset.ArticleInput{Kind: firstset.ArticleNotice, Title: "2025年度保费补贴结果公告",
		Body: "已按程序拨付。", PublishOn: today.AddDays(-20), EndOn: today.AddDays(-1)})
	draft := create(firstset.ArticleInput{Kind: firstset.ArticlePolicy, Title: "某配套政策（征求意见稿）", Body: "草稿。",
		PublishOn: today, Draft: true})
	if notice.Status != firstset.ArticlePublished || future.Status != firstset.ArticleScheduled || ended.Status != firstset.ArticleEnded ||
		draft.Status != firstset.ArticleDraft || !slices.Equal(notice.ClauseIDs, []string{"M24-2"}) {
		t.Fatalf("statuses %s %s %s %s, clauses %v", notice.Status, future.Status, ended.Status, draft.Status, notice.ClauseIDs)
	}

	// Input is checked, field by field.
	good := firstset.ArticleInput{Kind: firstset.ArticleNotice, Title: "标题", Body: "正文", PublishOn: today}
	bad := func(field string, change func(*firstset.ArticleInput)) {
		t.Helper()
		in := good
		change(&in)
		wantField(t, reviewer.sendJSON(http.MethodPost, "/api/v1/articles", in, nil), 422, field)
	}
	bad("kind", func(in *firstset.ArticleInput) { in.Kind = "news" })
	bad("title", func(in *firstset.ArticleInput) { in.Title = " " })
	bad("title", func(in *firstset.ArticleInput) { in.Title = strings.Repeat("长", 201) })
	bad("body", func(in *firstset.ArticleInput) { in.Body = "" })
	bad("body", func(in *firstset.ArticleInput) { in.Body = "正文\x00" })
	bad("body", func(in *firstset.ArticleInput) { in.Body = strings.Repeat("字", firstset.MaxArticleBody+1) })
	bad("publish_on", func(in *firstset.ArticleInput) { in.PublishOn = date.Date{} })
	bad("end_on", func(in *firstset.ArticleInput) { in.EndOn = today.AddDays(-1) })
	bad("clause_ids", func(in *firstset.ArticleInput) { in.ClauseIDs = []string{"M24-99"} })
	wantField(t, reviewer.sendJSON(http.MethodPost, "/api/v1/articles",
		map[string]any{"kind": "notice", "title": "t", "body": "b", "publish_on": "2026-02-30"}, nil), 400, "publish_on")

	// Only reviewers write.
	wantStatus(t, "enterprise writes", env.token("ent-a", firstset.ScopeCasesRead).sendJSON(http.MethodPost, "/api/v1/articles", good, nil), http.StatusForbidden)
	wantStatus(t, "public writes", env.public().sendJSON(http.MethodPost, "/api/v1/articles", good, nil), http.StatusUnauthorized)
	wantStatus(t, "public edits", env.public().sendJSON(http.MethodPut, idPath("/api/v1/articles/{id}", notice.ID), good, nil), http.StatusUnauthorized)

	// The public sees what is published today, newest first; the reviewer
	// everything.
	titles := func(c *client, query string) []string {
		t.Helper()
		w := c.get("/api/v1/articles" + query)
		wantStatus(t, "list "+query, w, http.StatusOK)
		var list httpx.ListResponse[firstset.Article]
		decode(t, w, &list)
		var out []string
		for _, x := range list.Items {
			out = append(out, x.Title)
		}
		if list.Total != len(out) {
			t.Fatalf("list %s: total %d, items %d", query, list.Total, len(out))
		}
		return out
	}
	pub := env.public()
	if got := titles(pub, ""); !slices.Equal(got, []string{notice.Title, reading.Title}) {
		t.Fatalf("the public sees %v", got)
	}
	if got := titles(reviewer, ""); len(got) != 5 || got[0] != future.Title {
		t.Fatalf("the reviewer sees %v", got)
	}
	wantStatus(t, "public reads a future one", pub.get(idPath("/api/v1/articles/{id}", future.ID)), http.StatusNotFound)
	wantStatus(t, "public reads an ended one", pub.get(idPath("/api/v1/articles/{id}", ended.ID)), http.StatusNotFound)
	wantStatus(t, "public reads a draft", pub.get(idPath("/api/v1/articles/{id}", draft.ID)), http.StatusNotFound)
	wantStatus(t, "public reads a published one", pub.get(idPath("/api/v1/articles/{id}", notice.ID)), http.StatusOK)
	wantStatus(t, "reviewer reads a future one", reviewer.get(idPath("/api/v1/articles/{id}", future.ID)), http.StatusOK)
	wantStatus(t, "enterprise reads a future one", env.token("ent-a", firstset.ScopeCasesRead).get(idPath("/api/v1/articles/{id}", future.ID)), http.StatusNotFound)

	// Search by a Chinese word, in the title or the body, with the kind.
	if got := titles(pub, "?q=保险"); !slices.Equal(got, []string{reading.Title}) {
		t.Errorf("保险 finds %v", got)
	}
	if got := titles(pub, "?q=补贴"); !slices.Equal(got, []string{notice.Title}) {
		t.Errorf("补贴 finds %v", got)
	}
	if got := titles(reviewer, "?q=补贴"); !slices.Equal(got, []string{notice.Title, ended.Title}) {
		t.Errorf("补贴 finds %v for the reviewer", got)
	}
	if got := titles(pub, "?q=奖励&kind=interpretation"); !slices.Equal(got, []string{reading.Title}) {
		t.Errorf("奖励 among interpretations finds %v", got)
	}
	if got := titles(pub, "?clause=M24-2"); !slices.Equal(got, []string{notice.Title}) {
		t.Errorf("clause M24-2 finds %v", got)
	}
	if got := titles(pub, "?q=不存在的词"); len(got) != 0 {
		t.Errorf("a missing word finds %v", got)
	}
	wantStatus(t, "a bad kind", pub.get("/api/v1/articles?kind=news"), http.StatusBadRequest)

	// Ten days on, the scheduled notice is out; then it is withdrawn.
	now = now.AddDate(0, 0, 10)
	if got := titles(pub, ""); !slices.Equal(got, []string{future.Title, notice.Title, reading.Title}) {
		t.Fatalf("ten days on, the public sees %v", got)
	}
	in := firstset.ArticleInput{Kind: future.Kind, Title: future.Title, Body: future.Body, PublishOn: future.PublishOn, EndOn: future.EndOn, Draft: true}
	w := reviewer.sendJSON(http.MethodPut, idPath("/api/v1/articles/{id}", future.ID), in, nil)
	wantStatus(t, "withdraw", w, http.StatusOK)
	if got := titles(pub, "?q=公示"); len(got) != 0 {
		t.Fatalf("a withdrawn notice is still found: %v", got)
	}

	// The feed: Atom, the published ones newest first, absolute links.
	w = pub.get("/feed.atom")
	wantStatus(t, "feed", w, http.StatusOK)
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/atom+xml") {
		t.Errorf("feed content type %q", ct)
	}
	var feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		ID      string   `xml:"id"`
		Updated string   `xml:"updated"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(w.Body.Bytes(), &feed); err != nil {
		t.Fatalf("feed: %v\n%s", err, w.Body)
	}
	if len(feed.Entries) != 2 || feed.Entries[0].Title != notice.Title || feed.Entries[1].Title != reading.Title {
		t.Fatalf("feed entries %+v", feed.Entries)
	}
	for _, e := range feed.Entries {
		if !strings.HasPrefix(e.Link.Href, "http://example.com/articles/") || e.ID != e.Link.Href {
			t.Errorf("entry link %q id %q", e.Link.Href, e.ID)
		}
		if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
			t.Errorf("entry updated %q", e.Updated)
		}
	}
	if _, err := time.Parse(time.RFC3339, feed.Updated); err != nil || feed.ID == "" {
		t.Errorf("feed id %q updated %q", feed.ID, feed.Updated)
	}

	// The pages: the list links the feed, searches, and hides what the
	// public may not see.
	page := pub.get("/articles?q=补贴")
	wantStatus(t, "articles page", page, http.StatusOK)
	body := page.Body.String()
	mustContain(t, body, `<link rel="alternate" type="application/atom+xml"`, notice.Title, `href="/articles"`)
	if strings.Contains(body, ended.Title) || strings.Contains(body, "撰写文章") {
		t.Errorf("the public's list shows an ended article or the writing button")
	}
	mustContain(t, pub.get(idPath("/articles/{id}", notice.ID)).Body.String(), "现组织申报", `href="/policies/M24#M24-2"`)
	wantStatus(t, "public page of a draft", pub.get(idPath("/articles/{id}", draft.ID)), http.StatusNotFound)

	// The library: both documents, each clause under its anchor, and the
	// clauses as the engine cites them.
	var docs httpx.ListResponse[firstset.PolicyDocument]
	decode(t, pub.get("/api/v1/policies"), &docs)
	if docs.Total != 2 || len(docs.Items[0].Clauses) != 7 || len(docs.Items[1].Clauses) != 19 {
		t.Fatalf("policies %d", docs.Total)
	}
	var c firstset.PolicyClause
	decode(t, pub.get("/api/v1/clauses/M24-2"), &c)
	if c.Citation != "渝经信规范〔2024〕9号 第（二）条" || c.Path != "/policies/M24#M24-2" || len(c.Paragraphs) != 2 {
		t.Errorf("clause M24-2: %+v", c)
	}
	decode(t, pub.get("/api/v1/clauses/M24-2-talent"), &c)
	if len(c.Paragraphs) != 1 || !strings.HasPrefix(c.Paragraphs[0].Text, "同等条件下") || c.Path != "/policies/M24#M24-2-talent" {
		t.Errorf("clause M24-2-talent: %+v", c)
	}
	wantStatus(t, "no such clause", pub.get("/api/v1/clauses/M24-99"), http.StatusNotFound)
	lib := pub.get("/policies/M24").Body.String()
	mustContain(t, lib, `id="M24-2"`, `id="M24-2-talent"`, "一、资金奖励类", notice.Title)
	mustContain(t, pub.get("/policies").Body.String(), `href="/policies/O18#O18-19"`)
	wantStatus(t, "no such policy", pub.get("/policies/X99"), http.StatusNotFound)
}

// TestArticlePagesForReviewers writes, edits and withdraws an article
// through the forms, the withdrawal asking for its confirmation.
func TestArticlePagesForReviewers(t *testing.T) {
	env := newTestEnv(t)
	rev := env.login("reviewer")
	today := date.FromTime(env.svc.Now()).String()
	mustContain(t, rev.get("/articles/new").Body.String(), `action="/articles"`, `name="publish_on"`)
	w := rev.postForm("/articles", map[string][]string{"kind": {"interpretation"}, "title": {"政策解读"}, "body": {"正文"},
		"publish_on": {today}, "end_on": {"2000-01-01"}})
	wantStatus(t, "end before publish", w, http.StatusUnprocessableEntity)
	mustContain(t, w.Body.String(), "下线日期")
	w = rev.postForm("/articles", map[string][]string{"kind": {"interpretation"}, "title": {"保费补贴政策解读"},
		"body": {"第一段。\r\n第二段。"}, "publish_on": {today}, "clause_ids": {"M24-2、O18-12"}})
	wantStatus(t, "create", w, http.StatusSeeOther)
	at := w.Header().Get("Location")
	page := rev.get(at).Body.String()
	mustContain(t, page, "<p>第一段。</p>", "<p>第二段。</p>", `href="/policies/O18#O18-12"`, `action="`+at+`/withdraw"`, at+"/edit")
	mustContain(t, rev.get(at+"/edit").Body.String(), `value="M24-2 O18-12"`)
	wantStatus(t, "withdraw unconfirmed", rev.postForm(at+"/withdraw", url.Values{}), http.StatusUnprocessableEntity)
	wantStatus(t, "withdraw", rev.postForm(at+"/withdraw", map[string][]string{"confirm": {"1"}}), http.StatusSeeOther)
	wantStatus(t, "public after withdrawal", env.public().get(at), http.StatusNotFound)
	w = rev.postForm(at, map[string][]string{"kind": {"interpretation"}, "title": {"保费补贴政策解读（修订）"}, "body": {"正文"}, "publish_on": {today}})
	wantStatus(t, "republish", w, http.StatusSeeOther)
	mustContain(t, env.public().get(at).Body.String(), "保费补贴政策解读（修订）")
	wantStatus(t, "enterprise form", env.login("ent-a").get("/articles/new"), http.StatusForbidden)
}
