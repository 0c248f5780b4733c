package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"firstset"
	"firstset/date"
)

var articleTests = []test{
	{"ArticlesRoundTrip", testArticlesRoundTrip},
	{"ArticleSearchFollowsChanges", testArticleSearchFollowsChanges},
}

func newArticle(title, body string, kind firstset.ArticleKind, on date.Date) *firstset.Article {
	now := time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC)
	return &firstset.Article{Kind: kind, Title: title, Body: body, PublishOn: on, ClauseIDs: []string{},
		CreatedAt: now, UpdatedAt: now}
}

func listArticles(t *testing.T, s firstset.Store, f firstset.ArticleFilter) ([]string, int) {
	t.Helper()
	var titles []string
	var total int
	view(t, s, func(tx firstset.Tx) error {
		list, n, err := tx.ListArticles(context.Background(), f)
		for _, x := range list {
			titles = append(titles, x.Title)
		}
		total = n
		return err
	})
	return titles, total
}

func testArticlesRoundTrip(t *testing.T, s firstset.Store) {
	day := date.Of(2026, 3, 1)
	x := newArticle("保费补贴申报通知", "第一段\n第二段", firstset.ArticleNotice, day)
	x.EndOn, x.ClauseIDs = day.AddDays(5), []string{"M24-2"}
	update(t, s, func(tx firstset.Tx) error { return tx.CreateArticle(context.Background(), x) })
	var got *firstset.Article
	view(t, s, func(tx firstset.Tx) error {
		var err error
		got, err = tx.ArticleByID(context.Background(), x.ID)
		return err
	})
	if got.Title != x.Title || got.Body != x.Body || !got.PublishOn.Equal(day) || !got.EndOn.Equal(x.EndOn) ||
		got.Draft || !slices.Equal(got.ClauseIDs, x.ClauseIDs) || !got.CreatedAt.Equal(x.CreatedAt) || got.KindLabel != "通知公告" {
		t.Fatalf("read back %+v, wrote %+v", got, x)
	}
	got.Draft, got.EndOn = true, date.Date{}
	update(t, s, func(tx firstset.Tx) error { return tx.UpdateArticle(context.Background(), got) })
	view(t, s, func(tx firstset.Tx) error {
		again, err := tx.ArticleByID(context.Background(), x.ID)
		if err == nil && (!again.Draft || !again.EndOn.IsZero()) {
			t.Errorf("after update %+v", again)
		}
		_, err2 := tx.ArticleByID(context.Background(), x.ID+100)
		wantCode(t, err2, firstset.ENOTFOUND, "")
		return err
	})
}

// testArticleSearchFollowsChanges: a search sees every committed change
// at once, nothing rolled back, orders by publish day, filters by kind,
// clause and the public's day, and pages.
func testArticleSearchFollowsChanges(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	day := date.Of(2026, 3, 1)
	a := newArticle("首购首用奖励政策解读", "奖励最高500万元", firstset.ArticleInterpretation, day.AddDays(-1))
	a.ClauseIDs = []string{"M24-1"}
	b := newArticle("保费补贴申报通知", "申报保费补贴", firstset.ArticleNotice, day)
	c := newArticle("认定结果公示", "公示期五个工作日", firstset.ArticleNotice, day.AddDays(3))
	update(t, s, func(tx firstset.Tx) error {
		for _, x := range []*firstset.Article{a, b, c} {
			if err := tx.CreateArticle(ctx, x); err != nil {
				return err
			}
		}
		return nil
	})
	if got, n := listArticles(t, s, firstset.ArticleFilter{}); !slices.Equal(got, []string{c.Title, b.Title, a.Title}) || n != 3 {
		t.Fatalf("all: %v (%d)", got, n)
	}
	if got, _ := listArticles(t, s, firstset.ArticleFilter{PublicOn: day}); !slices.Equal(got, []string{b.Title, a.Title}) {
		t.Errorf("public on %s: %v", day, got)
	}
	if got, _ := listArticles(t, s, firstset.ArticleFilter{Query: "补贴"}); !slices.Equal(got, []string{b.Title}) {
		t.Errorf("补贴: %v", got)
	}
	if got, _ := listArticles(t, s, firstset.ArticleFilter{Kind: firstset.ArticleNotice, Query: "公示"}); !slices.Equal(got, []string{c.Title}) {
		t.Errorf("notices 公示: %v", got)
	}
	if got, _ := listArticles(t, s, firstset.ArticleFilter{ClauseID: "M24-1"}); !slices.Equal(got, []string{a.Title}) {
		t.Errorf("clause M24-1: %v", got)
	}
	if got, n := listArticles(t, s, firstset.ArticleFilter{Offset: 1, Limit: 1}); !slices.Equal(got, []string{b.Title}) || n != 3 {
		t.Errorf("page 2 of 1: %v (%d)", got, n)
	}

	// A rolled-back change is never found, even by the transaction's own
	// search; a committed one at once.
	err := s.Update(ctx, func(tx firstset.Tx) error {
		x := newArticle("撤销的保险通知", "保险", firstset.ArticleNotice, day)
		if err := tx.CreateArticle(ctx, x); err != nil {
			return err
		}
		if list, _, err := tx.ListArticles(ctx, firstset.ArticleFilter{Query: "保险"}); err != nil || len(list) != 1 {
			t.Errorf("inside its transaction: %d, %v", len(list), err)
		}
		return errRollback
	})
	if err != errRollback {
		t.Fatalf("rollback: %v", err)
	}
	if got, _ := listArticles(t, s, firstset.ArticleFilter{Query: "保险"}); len(got) != 0 {
		t.Errorf("a rolled-back article is found: %v", got)
	}
	b.Title, b.Body = "保险补偿申报通知", "申报保险补偿"
	update(t, s, func(tx firstset.Tx) error { return tx.UpdateArticle(ctx, b) })
	if got, _ := listArticles(t, s, firstset.ArticleFilter{Query: "保险"}); !slices.Equal(got, []string{b.Title}) {
		t.Errorf("after the rename, 保险: %v", got)
	}
	if got, _ := listArticles(t, s, firstset.ArticleFilter{Query: "补贴"}); len(got) != 0 {
		t.Errorf("after the rename, 补贴: %v", got)
	}
}
