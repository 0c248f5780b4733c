package web

import (
	"firstset"
	"firstset/date"
)

// addArticles gives the route-by-role test the demo's articles: one the
// public reads and one whose publish day is still ahead.
func (fx *routeFixtures) addArticles() {
	t := fx.t
	t.Helper()
	reviewer := firstset.NewContextWithActor(fx.system, &firstset.Actor{User: fx.staffOf(firstset.RoleReviewer)})
	list, _, err := fx.env.svc.FindArticles(reviewer, firstset.ArticleFilter{Limit: 100})
	fx.kit.must(err, "articles")
	for _, x := range list {
		switch {
		case x.Status == firstset.ArticlePublished && !fx.hasArticle("a published article"):
			fx.articles = append(fx.articles, routeFixture{Label: "a published article", Article: x})
		case x.Status == firstset.ArticleScheduled && !fx.hasArticle("an article not yet published"):
			fx.articles = append(fx.articles, routeFixture{Label: "an article not yet published", Article: x})
		}
	}
	if len(fx.articles) != 2 {
		t.Fatalf("demo data: want a published and a scheduled article, have %d", len(fx.articles))
	}
}

func (fx *routeFixtures) hasArticle(label string) bool {
	for _, f := range fx.articles {
		if f.Label == label {
			return true
		}
	}
	return false
}

// staffOf is the demo user of role.
func (fx *routeFixtures) staffOf(role firstset.Role) *firstset.User {
	for _, u := range fx.users {
		if u.Role == role {
			return u
		}
	}
	fx.t.Fatalf("demo data: no %s user", role)
	return nil
}

// articleRouteRules are the information service's: the public reads what
// is published, reviewers write; an empty form or body is refused as
// input once the caller is let in (the withdrawal for want of its
// confirmation).
var articleRouteRules = map[string]routeRule{
	"GET /articles":                {allow: everyone},
	"GET /articles/new":            {allow: byCheck(firstset.CheckManageArticles)},
	"POST /articles":               {allow: byCheck(firstset.CheckManageArticles)},
	"GET /articles/{id}":           {ids: articleIDs, allow: seesPublished},
	"GET /articles/{id}/edit":      {ids: articleIDs, allow: byCheck(firstset.CheckManageArticles)},
	"POST /articles/{id}":          {ids: articleIDs, allow: byCheck(firstset.CheckManageArticles)},
	"POST /articles/{id}/withdraw": {ids: articleIDs, allow: byCheck(firstset.CheckManageArticles)},
	"GET /policies":                {allow: everyone},
	"GET /policies/{id}":           {allow: everyone, target: "/policies/M24"},
	"GET /feed.atom":               {allow: everyone},

	"GET /api/v1/articles":      {allow: everyone},
	"POST /api/v1/articles":     {allow: byCheck(firstset.CheckManageArticles)},
	"GET /api/v1/articles/{id}": {ids: articleIDs, allow: seesPublished},
	"PUT /api/v1/articles/{id}": {ids: articleIDs, allow: byCheck(firstset.CheckManageArticles)},
	"GET /api/v1/policies":      {allow: everyone},
	"GET /api/v1/clauses/{id}":  {allow: everyone, target: "/api/v1/clauses/M24-2"},
}

// seesPublished is SeesArticle on the day the fixtures were read: the
// demo's articles are days from their publish and end days, so the day
// does not turn within a test.
func seesPublished(a *firstset.Actor, fx routeFixture) bool {
	return firstset.SeesArticle(a, fx.Article, date.Today())
}

var articleRouteTwins = []struct {
	page, api  string
	viaSession bool
}{
	{page: "GET /articles/{id}", api: "GET /api/v1/articles/{id}"},
	{page: "POST /articles", api: "POST /api/v1/articles"},
	{page: "POST /articles/{id}", api: "PUT /api/v1/articles/{id}"},
	{page: "GET /policies", api: "GET /api/v1/policies"},
	{page: "GET /articles", api: "GET /api/v1/articles"},
}
