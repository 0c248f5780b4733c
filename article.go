package firstset

import (
	"context"
	"time"

	"firstset/date"
)

// ArticleKind is what an article of the information service is (2018
// opinions （十九）: 政策解读和宣传, 信息服务平台).
type ArticleKind string

const (
	ArticlePolicy         ArticleKind = "policy"         // 政策文件: a later policy added to the library
	ArticleNotice         ArticleKind = "notice"         // 通知公告: 申报通知, 公示, 结果
	ArticleInterpretation ArticleKind = "interpretation" // 政策解读
)

// ArticleKinds lists the kinds in the order forms offer them.
var ArticleKinds = []ArticleKind{ArticleNotice, ArticleInterpretation, ArticlePolicy}

var articleKindLabels = map[ArticleKind]string{
	ArticlePolicy: "政策文件", ArticleNotice: "通知公告", ArticleInterpretation: "政策解读",
}

// Label is the kind's Chinese name.
func (k ArticleKind) Label() string { return articleKindLabels[k] }

// Valid reports whether k is a known kind.
func (k ArticleKind) Valid() bool { _, ok := articleKindLabels[k]; return ok }

// ArticleStatus is where an article stands on a day.
type ArticleStatus string

const (
	ArticleDraft     ArticleStatus = "draft"     // 草稿: never shown, or withdrawn
	ArticleScheduled ArticleStatus = "scheduled" // 待发布: publish_on is still ahead
	ArticlePublished ArticleStatus = "published" // 已发布
	ArticleEnded     ArticleStatus = "ended"     // 已下线: past end_on
)

var articleStatusLabels = map[ArticleStatus]string{
	ArticleDraft: "草稿", ArticleScheduled: "待发布", ArticlePublished: "已发布", ArticleEnded: "已下线",
}

// Label is the status's Chinese name.
func (s ArticleStatus) Label() string { return articleStatusLabels[s] }

// Limits of an article.
const (
	MaxArticleTitle   = 200
	MaxArticleBody    = 20000
	MaxArticleClauses = 20
)

// Article is a policy, a notice or an interpretation published on the
// platform. The public sees it from PublishOn through EndOn (both
// included; no EndOn: for good) unless it is a draft.
type Article struct {
	ID        int64       `json:"id"`
	Kind      ArticleKind `json:"kind"`
	KindLabel string      `json:"kind_label"`
	Title     string      `json:"title"`
	Body      string      `json:"body"` // plain text, paragraphs one a line
	PublishOn date.Date   `json:"publish_on"`
	EndOn     date.Date   `json:"end_on,omitzero"`
	Draft     bool        `json:"draft"`
	// ClauseIDs are the clauses of the policy library it is about (M24-2).
	ClauseIDs []string `json:"clause_ids"`
	// Status and StatusLabel are as of the day it was read.
	Status        ArticleStatus `json:"status"`
	StatusLabel   string        `json:"status_label"`
	CreatedBy     int64         `json:"created_by"`
	CreatedByName string        `json:"created_by_name"`
	CreatedAt     time.Time     `json:"created_at"`
	UpdatedAt     time.Time     `json:"updated_at"`
}

// StatusOn is where a stands on day d.
func (a *Article) StatusOn(d date.Date) ArticleStatus {
	switch {
	case a.Draft:
		return ArticleDraft
	case d.Before(a.PublishOn):
		return ArticleScheduled
	case !a.EndOn.IsZero() && d.After(a.EndOn):
		return ArticleEnded
	}
	return ArticlePublished
}

// PublicOn reports whether the public sees a on day d.
func (a *Article) PublicOn(d date.Date) bool { return a.StatusOn(d) == ArticlePublished }

// SetStatus fills Status and StatusLabel as of day d.
func (a *Article) SetStatus(d date.Date) {
	a.Status = a.StatusOn(d)
	a.StatusLabel = a.Status.Label()
}

// ArticleInput is what a reviewer writes.
type ArticleInput struct {
	Kind      ArticleKind `json:"kind"`
	Title     string      `json:"title"`
	Body      string      `json:"body"`
	PublishOn date.Date   `json:"publish_on"`
	EndOn     date.Date   `json:"end_on"`
	Draft     bool        `json:"draft"`
	ClauseIDs []string    `json:"clause_ids"`
}

// ArticleFilter narrows an article listing.
type ArticleFilter struct {
	Query    string // words of the title or the body, in Chinese or not
	Kind     ArticleKind
	ClauseID string
	// PublicOn, when set, keeps only the articles the public sees that day.
	PublicOn date.Date
	Offset   int
	Limit    int
}

// CheckManageArticles is the refusal of writing articles and of seeing
// drafts and scheduled ones, if any: the reviewers (市经济信息委) and the
// administrators.
func CheckManageArticles(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	return a.RequireRole(RoleReviewer, RoleAdmin)
}

// CanManageArticles reports whether a writes articles.
func CanManageArticles(a *Actor) bool { return CheckManageArticles(a) == nil }

// SeesArticle reports whether a sees article x on day d: everyone a
// published one, the article's managers every one.
func SeesArticle(a *Actor, x *Article, d date.Date) bool {
	return x.PublicOn(d) || CanManageArticles(a)
}

// PolicyDocument is a policy document of the library, split into the
// clauses the rules engine cites.
type PolicyDocument struct {
	ID       string         `json:"id"`     // the clause ids' prefix: M24
	Number   string         `json:"number"` // 渝经信规范〔2024〕9号
	Title    string         `json:"title"`
	Issuer   string         `json:"issuer"`
	IssuedOn date.Date      `json:"issued_on"`
	Path     string         `json:"path"` // its page: /policies/M24
	Clauses  []PolicyClause `json:"clauses"`
}

// PolicyClause is one item of a policy document.
type PolicyClause struct {
	ID         string `json:"id"` // M24-2
	DocumentID string `json:"document_id"`
	Document   string `json:"document"` // the document number
	Section    string `json:"section"`
	Item       string `json:"item"` // 第（二）条
	Title      string `json:"title"`
	// Citation is the clause as people quote it: 渝经信规范〔2024〕9号 第（二）条.
	Citation   string            `json:"citation"`
	Paragraphs []PolicyParagraph `json:"paragraphs"`
	// Path is its anchor on the document's page: /policies/M24#M24-2.
	Path string `json:"path"`
}

// PolicyParagraph is a paragraph of a clause; ID is set where the engine
// cites it on its own (M24-2-talent).
type PolicyParagraph struct {
	ID   string `json:"id,omitempty"`
	Text string `json:"text"`
}

// ArticleService publishes the information service's articles and
// serves the policy library.
type ArticleService interface {
	CreateArticle(ctx context.Context, in ArticleInput) (*Article, error)
	UpdateArticle(ctx context.Context, id int64, in ArticleInput) (*Article, error)
	// WithdrawArticle makes an article a draft again, out of the public's
	// sight.
	WithdrawArticle(ctx context.Context, id int64) (*Article, error)
	// FindArticleByID returns an article the caller sees (SeesArticle).
	FindArticleByID(ctx context.Context, id int64) (*Article, error)
	// FindArticles lists the articles the caller sees, newest publish day
	// first; the public only published ones.
	FindArticles(ctx context.Context, f ArticleFilter) ([]*Article, int, error)
	// PolicyDocuments are the library's documents; PolicyClause one of
	// their clauses.
	PolicyDocuments(ctx context.Context) ([]*PolicyDocument, error)
	PolicyClause(ctx context.Context, id string) (*PolicyClause, error)
}

// ArticleStore is the articles' part of a Tx.
type ArticleStore interface {
	CreateArticle(ctx context.Context, x *Article) error
	UpdateArticle(ctx context.Context, x *Article) error
	ArticleByID(ctx context.Context, id int64) (*Article, error)
	// ListArticles lists the articles matching f, newest publish day
	// first (then newest first), and how many match in all. Query matches
	// the title and the body as the catalog search matches products.
	ListArticles(ctx context.Context, f ArticleFilter) ([]*Article, int, error)
}
