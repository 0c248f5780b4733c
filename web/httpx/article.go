package httpx

import (
	"net/http"

	"firstset"
)

// ArticleQuery reads an article listing's filters (q, kind, clause, page),
// for the page and the API alike.
func ArticleQuery(r *http.Request) (firstset.ArticleFilter, error) {
	q := NewQueryReader(r)
	page, per := q.Page(20)
	kind := q.Choice("kind", "文章类型", func(v string) bool { return firstset.ArticleKind(v).Valid() }, Names(firstset.ArticleKinds))
	f := firstset.ArticleFilter{Kind: firstset.ArticleKind(kind), Query: q.Text("q", "关键词", MaxListQuery),
		ClauseID: q.Text("clause", "条款编号", 30), Offset: (page - 1) * per, Limit: per}
	return f, q.Err()
}
