package forms

import (
	"net/url"
	"strings"

	"firstset"
)

// ArticleFields are the article form's inputs, for NewErrors.
var ArticleFields = []string{"kind", "title", "body", "publish_on", "end_on", "draft", "clause_ids"}

// WithdrawFields are the withdrawal form's.
var WithdrawFields = []string{ConfirmField}

// ArticleInputFrom reads the article form; clause ids are typed
// separated by spaces, commas or 、.
func ArticleInputFrom(v url.Values, p *firstset.Problems) firstset.ArticleInput {
	return firstset.ArticleInput{
		Kind:      firstset.ArticleKind(strings.TrimSpace(v.Get("kind"))),
		Title:     v.Get("title"),
		Body:      v.Get("body"),
		PublishOn: Date(v, "publish_on", "发布日期", p),
		EndOn:     Date(v, "end_on", "下线日期", p),
		Draft:     v.Get("draft") != "",
		ClauseIDs: strings.FieldsFunc(v.Get("clause_ids"), func(r rune) bool {
			return r == ' ' || r == ',' || r == '，' || r == '、' || r == ';' || r == '；' || r == '\u3000'
		}),
	}
}

// ArticleInputOf is the form's starting values for x.
func ArticleInputOf(x *firstset.Article) url.Values {
	v := url.Values{"kind": {string(x.Kind)}, "title": {x.Title}, "body": {x.Body}, "publish_on": {x.PublishOn.String()},
		"clause_ids": {strings.Join(x.ClauseIDs, " ")}}
	if !x.EndOn.IsZero() {
		v.Set("end_on", x.EndOn.String())
	}
	if x.Draft {
		v.Set("draft", "1")
	}
	return v
}
