package service

import (
	"context"
	"slices"
	"strings"

	"firstset"
	"firstset/date"
	"firstset/plaintext"
	"firstset/policy"
	"firstset/policydoc"
)

// Articles publishes the information service's policies, notices and
// interpretations (2018 opinions （十九）) and serves the policy library.
type Articles struct{ *env }

var _ firstset.ArticleService = (*Articles)(nil)

// today is the service clock's day in Chongqing: what "published" means.
func (s *Articles) today() date.Date { return date.FromTime(s.Now()) }

// CreateArticle writes an article (reviewers); it is public from its
// publish day unless it is a draft.
func (s *Articles) CreateArticle(ctx context.Context, in firstset.ArticleInput) (*firstset.Article, error) {
	a := actor(ctx)
	if err := firstset.CheckManageArticles(a); err != nil {
		return nil, err
	}
	x := &firstset.Article{CreatedBy: a.ID(), CreatedByName: a.Name()}
	if err := s.applyArticleInput(x, in); err != nil {
		return nil, err
	}
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		now := s.Now()
		x.CreatedAt, x.UpdatedAt = now, now
		if err := tx.CreateArticle(ctx, x); err != nil {
			return err
		}
		return s.record(ctx, tx, "create", "article", x.ID, nil, x)
	})
	if err != nil {
		return nil, err
	}
	x.SetStatus(s.today())
	return x, nil
}

// UpdateArticle rewrites an article (reviewers), drafts and published
// ones alike; the audit keeps what it said before.
func (s *Articles) UpdateArticle(ctx context.Context, id int64, in firstset.ArticleInput) (*firstset.Article, error) {
	if err := firstset.CheckManageArticles(actor(ctx)); err != nil {
		return nil, err
	}
	return s.changeArticle(ctx, id, "update", func(x *firstset.Article) error { return s.applyArticleInput(x, in) })
}

// WithdrawArticle takes an article out of the public's sight: it is a
// draft again until a reviewer publishes it anew.
func (s *Articles) WithdrawArticle(ctx context.Context, id int64) (*firstset.Article, error) {
	if err := firstset.CheckManageArticles(actor(ctx)); err != nil {
		return nil, err
	}
	return s.changeArticle(ctx, id, "withdraw", func(x *firstset.Article) error {
		if x.Draft {
			return firstset.Errorf(firstset.ECONFLICT, "该文章已是草稿，无需撤回。")
		}
		x.Draft = true
		return nil
	})
}

func (s *Articles) changeArticle(ctx context.Context, id int64, action string, change func(*firstset.Article) error) (*firstset.Article, error) {
	var x *firstset.Article
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		old, err := tx.ArticleByID(ctx, id)
		if err != nil {
			return err
		}
		x = new(firstset.Article)
		*x = *old
		if err := change(x); err != nil {
			return err
		}
		x.UpdatedAt = s.Now()
		if err := tx.UpdateArticle(ctx, x); err != nil {
			return err
		}
		return s.record(ctx, tx, action, "article", x.ID, old, x)
	})
	if err != nil {
		return nil, err
	}
	x.SetStatus(s.today())
	return x, nil
}

const articleKindMessage = "文章类型须为 notice（通知公告）、interpretation（政策解读）或 policy（政策文件）。"

// applyArticleInput checks in and sets it on x.
func (s *Articles) applyArticleInput(x *firstset.Article, in firstset.ArticleInput) error {
	var p firstset.Problems
	if !in.Kind.Valid() {
		p.Add("kind", "invalid_kind", "%s", articleKindMessage)
	}
	in.Title = clean(in.Title)
	requireText(&p, "title", "标题", in.Title, firstset.MaxArticleTitle)
	in.Body = strings.TrimSpace(strings.ReplaceAll(in.Body, "\r\n", "\n"))
	if checkText(&p, "body", "正文", in.Body, plaintext.MultiLine) {
		checkLength(&p, "body", "正文", in.Body, firstset.MaxArticleBody, true)
	}
	if in.PublishOn.IsZero() {
		p.Add("publish_on", "required", "请填写发布日期。")
	}
	if !in.EndOn.IsZero() && !in.PublishOn.IsZero() && in.EndOn.Before(in.PublishOn) {
		p.Add("end_on", "before_publish_on", "下线日期（%s）不能早于发布日期（%s）。", in.EndOn, in.PublishOn)
	}
	clauses, err := s.articleClauses(in.ClauseIDs)
	if err != nil {
		p.Add("clause_ids", "unknown_clause", "%s", err.Error())
	}
	if err := p.Err(); err != nil {
		return err
	}
	x.Kind, x.KindLabel, x.Title, x.Body = in.Kind, in.Kind.Label(), in.Title, in.Body
	x.PublishOn, x.EndOn, x.Draft, x.ClauseIDs = in.PublishOn, in.EndOn, in.Draft, clauses
	return nil
}

// articleClauses checks that every id names a clause the engine cites,
// and returns them without repeats, in the order given.
func (s *Articles) articleClauses(ids []string) ([]string, error) {
	reg := s.engine().Registry()
	out := []string{}
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if id == "" || slices.Contains(out, id) {
			continue
		}
		if _, ok := reg.Lookup(policy.ClauseID(id)); !ok {
			if prob := plaintext.Check(id, plaintext.OneLine); prob != nil || len([]rune(id)) > 30 {
				return nil, firstset.Errorf(firstset.EINVALID, "关联条款编号有误：应为政策库中的条款编号，如 M24-2、O18-19。")
			}
			return nil, firstset.Errorf(firstset.EINVALID, "政策库中没有条款 %s：条款编号如 M24-2、O18-19。", id)
		}
		out = append(out, id)
	}
	if len(out) > firstset.MaxArticleClauses {
		return nil, firstset.Errorf(firstset.EINVALID, "一篇文章最多关联 %d 个条款。", firstset.MaxArticleClauses)
	}
	return out, nil
}

// FindArticleByID returns an article the caller sees; to anyone else one
// not yet (or no longer) published does not exist.
func (s *Articles) FindArticleByID(ctx context.Context, id int64) (*firstset.Article, error) {
	a := actor(ctx)
	var x *firstset.Article
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		x, err = tx.ArticleByID(ctx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	today := s.today()
	if !firstset.SeesArticle(a, x, today) {
		return nil, firstset.NotFound("文章")
	}
	x.SetStatus(today)
	return x, nil
}

// FindArticles lists the articles the caller sees: the public's are the
// published ones on the service clock's day.
func (s *Articles) FindArticles(ctx context.Context, f firstset.ArticleFilter) ([]*firstset.Article, int, error) {
	a := actor(ctx)
	f.Offset, f.Limit = page(f.Offset, f.Limit, 20, 200)
	f.Query = clean(f.Query)
	if err := checkQuery(f.Query); err != nil {
		return nil, 0, err
	}
	if f.Kind != "" && !f.Kind.Valid() {
		return nil, 0, firstset.FieldErrorf("kind", "invalid_kind", "%s", articleKindMessage)
	}
	today := s.today()
	if !firstset.CanManageArticles(a) {
		f.PublicOn = today
	}
	var list []*firstset.Article
	var total int
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		list, total, err = tx.ListArticles(ctx, f)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	for _, x := range list {
		x.SetStatus(today)
	}
	return list, total, nil
}

// PolicyDocuments are the library's documents with their clauses, for
// everyone; later policies are articles of kind policy.
func (s *Articles) PolicyDocuments(ctx context.Context) ([]*firstset.PolicyDocument, error) {
	reg := s.engine().Registry()
	var out []*firstset.PolicyDocument
	for _, d := range policydoc.Documents() {
		pd := &firstset.PolicyDocument{ID: d.ID, Number: d.Number, Title: d.Title, Issuer: d.Issuer, IssuedOn: d.IssuedOn,
			Path: "/policies/" + d.ID}
		for _, c := range d.Clauses {
			pd.Clauses = append(pd.Clauses, policyClause(reg, d, c))
		}
		out = append(out, pd)
	}
	return out, nil
}

// PolicyClause is one clause of the library, by the id the engine cites
// it by (M24-2-talent is the paragraph of M24-2 it names).
func (s *Articles) PolicyClause(ctx context.Context, id string) (*firstset.PolicyClause, error) {
	d, c, ok := policydoc.FindClause(id)
	if !ok {
		return nil, firstset.NotFound("条款")
	}
	pc := policyClause(s.engine().Registry(), d, c)
	if id != c.ID {
		// A paragraph cited on its own: that paragraph, under its own
		// citation.
		for _, p := range pc.Paragraphs {
			if p.ID == id {
				pc.Paragraphs = []firstset.PolicyParagraph{p}
			}
		}
		pc.ID, pc.Path = id, "/policies/"+d.ID+"#"+id
		if rc, ok := s.engine().Registry().Lookup(policy.ClauseID(id)); ok {
			pc.Item, pc.Title, pc.Citation = rc.Item, rc.Title, rc.Citation()
		}
	}
	return &pc, nil
}

func policyClause(reg *policy.Registry, d policydoc.Document, c policydoc.Clause) firstset.PolicyClause {
	pc := firstset.PolicyClause{ID: c.ID, DocumentID: d.ID, Document: d.Number, Section: c.Section, Item: "第" + c.Number + "条",
		Title: c.Title, Path: "/policies/" + d.ID + "#" + c.ID}
	pc.Citation = d.Number + " " + pc.Item
	if rc, ok := reg.Lookup(policy.ClauseID(c.ID)); ok {
		pc.Citation = rc.Citation()
	}
	for _, p := range c.Paragraphs {
		pc.Paragraphs = append(pc.Paragraphs, firstset.PolicyParagraph{ID: p.ID, Text: p.Text})
	}
	return pc
}
