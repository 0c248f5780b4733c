package firstset

import (
	"context"
	"io"
	"strconv"
	"time"

	"firstset/date"
)

// Case is one matter an applicant brings to the platform (办件): a
// recognition, later a reward or a subsidy application. What a kind's
// stages and actions are is data in package cases; a Case is where one
// stands.
type Case struct {
	ID           int64  `json:"id"`
	Number       string `json:"number"` // RD-2026-000123
	Kind         string `json:"kind"`   // "recognition"
	Year         int    `json:"year"`
	Seq          int64  `json:"-"`
	RoundID      int64  `json:"round_id,omitempty"`
	EnterpriseID int64  `json:"enterprise_id"`
	ProductID    int64  `json:"product_id"`
	// ApplicantUserID is the user who applied when the applicant is not
	// the enterprise (a buyer's first-purchase reward): the enterprise is
	// then the manufacturer.
	ApplicantUserID int64  `json:"applicant_user_id,omitempty"`
	Stage           string `json:"stage"`
	// ReturnedFrom is the stage a returned case goes back to on
	// resubmission.
	ReturnedFrom string `json:"returned_from,omitempty"`
	// NextRole and NextDistrict say who must act next (the district only
	// where a district office acts); empty once the case has ended.
	NextRole     Role      `json:"next_role,omitempty"`
	NextDistrict string    `json:"next_district,omitempty"`
	StageSince   time.Time `json:"stage_since"`
	// DueOn is the last working day of the stage's time limit (承诺时限),
	// zero for a stage without one.
	DueOn date.Date `json:"due_on"`
	// The declaration's texts: 创新性说明, 与国内外同类产品对比, 首台套首次应用情况.
	InnovationClaim     string `json:"innovation_claim"`
	TechnicalComparison string `json:"technical_comparison"`
	FirstUse            string `json:"first_use"`
	// Score is the experts' score once every drawn expert has scored.
	Score       *Score     `json:"score"`
	NoticeID    int64      `json:"notice_id,omitempty"`
	SubmittedAt *time.Time `json:"submitted_at,omitempty"`
	ClosedAt    *time.Time `json:"closed_at,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`

	// Joined in by storage.
	EnterpriseName string `json:"enterprise_name,omitempty"`
	CreditCode     string `json:"-"`
	DistrictCode   string `json:"district_code,omitempty"`
	ProductName    string `json:"product_name,omitempty"`
	ProductModel   string `json:"product_model,omitempty"`
	CategoryID     int64  `json:"category_id,omitempty"`
	CategoryName   string `json:"category_name,omitempty"`
}

// Open reports whether the case has not ended.
func (c *Case) Open() bool { return c.ClosedAt == nil }

// Score is a score in hundredths of a point (8725 is 87.25); in JSON it
// is a number with two decimals.
type Score int64

func (s Score) String() string {
	return strconv.FormatInt(int64(s)/100, 10) + "." + pad2(int64(s)%100)
}

func pad2(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

func (s Score) MarshalJSON() ([]byte, error) { return []byte(s.String()), nil }

// Event is one line of a case's timeline: who did what when, with their
// opinion and the materials it touched.
type Event struct {
	ID        int64     `json:"id"`
	CaseID    int64     `json:"-"`
	At        time.Time `json:"at"`
	ActorID   int64     `json:"actor_id,omitempty"`
	Actor     string    `json:"actor"` // the actor's name as people read it
	ActorRole Role      `json:"actor_role,omitempty"`
	Action    string    `json:"action"`
	FromStage string    `json:"from_stage,omitempty"`
	ToStage   string    `json:"to_stage,omitempty"`
	Opinion   string    `json:"opinion"`
	// Items are the materials or points to fix named by a return.
	Items         []string `json:"items,omitempty"`
	AttachmentIDs []int64  `json:"attachment_ids,omitempty"`
}

// Attachment is one file attached to a case under a checklist item. The
// content is a blob kept once per enterprise and hash (材料一次提交).
type Attachment struct {
	ID          int64     `json:"id"`
	CaseID      int64     `json:"case_id"`
	Item        string    `json:"item"`
	BlobID      int64     `json:"-"`
	Filename    string    `json:"filename"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	ContentType string    `json:"content_type"`
	Reused      bool      `json:"reused"` // the same enterprise had uploaded the same file before
	UploadedBy  int64     `json:"uploaded_by"`
	UploadedAt  time.Time `json:"uploaded_at"`
}

// Blob is stored content, kept once per enterprise and SHA-256.
type Blob struct {
	ID           int64
	EnterpriseID int64
	SHA256       string
	Size         int64
	ContentType  string
	Chunks       int
}

// BlobChunkSize is the size of the pieces a blob is stored and streamed in.
const BlobChunkSize = 256 << 10

// ActionInput is an action someone takes on a case.
type ActionInput struct {
	Action  string `json:"action"`
	Opinion string `json:"opinion"`
	// Items names what to fix (退回补正); a return needs at least one,
	// or an opinion listing them.
	Items []string `json:"items,omitempty"`
}

// CaseFilter narrows a listing of the cases the caller may see.
type CaseFilter struct {
	Kind string
	// Kinds, when set, lists only cases of these kinds.
	Kinds []string
	// ApplicantUserID lists the cases a user applied for (a buyer's).
	ApplicantUserID int64
	EnterpriseID    int64
	ProductID       int64
	RoundID         int64
	NoticeID        int64
	Stages          []string
	// Waiting lists only the cases waiting for the caller (待办).
	Waiting bool
	// The storage-level forms of "waiting for": a role (and district), or
	// an expert drawn and not yet scored.
	NextRole     Role
	NextDistrict string
	ExpertID     int64
	// DistrictCode is the applicant's district.
	DistrictCode string
	// ExcludeDrafts leaves out cases still in the applicant's hands.
	ExcludeDrafts bool
	// ExcludeOthersDrafts leaves out the drafts of cases another user
	// applied for (a buyer's, about the enterprise's product).
	ExcludeOthersDrafts bool
	Query               string
	Offset              int
	Limit               int
}

// CaseView is a case with what the caller may see of it and do to it.
type CaseView struct {
	*Case
	StageLabel  string        `json:"stage_label"`
	Overdue     bool          `json:"overdue"`
	Timeline    []*Event      `json:"timeline"`
	Attachments []*Attachment `json:"attachments"`
	// Experts is shown to reviewers only.
	Experts []*CaseExpert `json:"experts,omitempty"`
	// Criteria is the scoring sheet, for an expert drawn for the case.
	Criteria []Criterion `json:"criteria,omitempty"`
	// MySheet is the caller's own scoring sheet, if they have scored.
	MySheet *ScoreSheet `json:"my_sheet,omitempty"`
	// Actions are those the caller may take now.
	Actions []CaseAction `json:"actions"`
	// Missing names the required checklist items not yet attached.
	Missing []string `json:"missing,omitempty"`
	// Ratings are the applicant's ratings of the service, once ended.
	Ratings []*Rating `json:"ratings,omitempty"`
}

// CaseAction is an action offered to the caller.
type CaseAction struct {
	Action   string   `json:"action"`
	Label    string   `json:"label"`
	Requires []string `json:"requires,omitempty"`
	// Own: taken through a request of its own (a score, a round's
	// allocation, a payment), not the case's actions.
	Own bool `json:"own,omitempty"`
}

// Notification tells a user of something that concerns them.
type Notification struct {
	ID        int64      `json:"id"`
	UserID    int64      `json:"user_id"`
	CaseID    int64      `json:"case_id,omitempty"`
	Title     string     `json:"title"`
	Body      string     `json:"body"`
	Link      string     `json:"link,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
	ReadAt    *time.Time `json:"read_at,omitempty"`
	// Email is the address it is to be mailed to, empty for none; EmailedAt
	// is set once sent.
	Email     string     `json:"-"`
	EmailedAt *time.Time `json:"-"`
}

// Rating is an applicant's rating of a case's service (好差评).
type Rating struct {
	ID       int64     `json:"id"`
	CaseID   int64     `json:"case_id"`
	Stage    string    `json:"stage"` // "" for the case as a whole
	Score    int       `json:"score"` // 1–5
	Comment  string    `json:"comment"`
	RatedBy  int64     `json:"rated_by"`
	RatedAt  time.Time `json:"rated_at"`
	FollowUp bool      `json:"follow_up"` // a bad rating (≤ 2) needs an answer
	DueOn    date.Date `json:"due_on"`
	Answer   string    `json:"answer,omitempty"`
	// AnsweredBy and AnsweredAt are set when the reviewer has answered.
	AnsweredBy int64      `json:"answered_by,omitempty"`
	AnsweredAt *time.Time `json:"answered_at,omitempty"`

	CaseNumber string `json:"case_number,omitempty"`
}

// RatingInput is a rating of a case: the case as a whole and the stage
// that decided it.
type RatingInput struct {
	Score        int    `json:"score"`
	Comment      string `json:"comment"`
	StageScore   int    `json:"stage_score"`
	StageComment string `json:"stage_comment"`
}

// RatingFilter narrows a listing of ratings.
type RatingFilter struct {
	Month     string // "2026-12"
	FollowUps bool   // only ratings waiting for an answer
	Offset    int
	Limit     int
}

// RatingSummary is the count and mean of ratings for one stage and month.
type RatingSummary struct {
	Month string `json:"month"`
	Stage string `json:"stage"`
	Count int    `json:"count"`
	Mean  Score  `json:"mean"`
	Bad   int    `json:"bad"`
}

// CaseService is what pages and programs ask of cases of every kind.
type CaseService interface {
	// Case returns the case as the caller may see it: ENOTFOUND to
	// anyone who may not.
	Case(ctx context.Context, id int64) (*CaseView, error)
	CaseByNumber(ctx context.Context, number string) (*CaseView, error)
	// Cases lists the cases the caller may see; with f.Waiting, those
	// waiting for the caller (待办).
	Cases(ctx context.Context, f CaseFilter) ([]*CaseView, int, error)
	// Act takes an action on a case (Kind.Decide says whether the caller
	// may; the service checks what it requires).
	Act(ctx context.Context, id int64, in ActionInput) (*CaseView, error)
	// AddAttachment stores a file under a checklist item of a case the
	// caller is the applicant of, at a stage they may still change it.
	AddAttachment(ctx context.Context, caseID int64, item, filename string, r io.Reader) (*Attachment, error)
	RemoveAttachment(ctx context.Context, caseID, attachmentID int64) error
	// OpenAttachment streams an attachment to whoever may see the case.
	OpenAttachment(ctx context.Context, caseID, attachmentID int64) (*Attachment, io.ReadCloser, error)

	Notifications(ctx context.Context, unreadOnly bool, offset, limit int) ([]*Notification, int, error)
	UnreadCount(ctx context.Context) (int, error)
	// MarkRead marks the caller's notifications read: those ids, or all
	// when ids is empty.
	MarkRead(ctx context.Context, ids []int64) error

	Rate(ctx context.Context, caseID int64, in RatingInput) ([]*Rating, error)
	Ratings(ctx context.Context, f RatingFilter) ([]*Rating, int, error)
	RatingSummaries(ctx context.Context) ([]RatingSummary, error)
	AnswerRating(ctx context.Context, id int64, answer string) (*Rating, error)
}

// CaseStore is the cases' part of a Tx.
type CaseStore interface {
	// NextCaseSeq takes the next number of a kind's prefix in a year. It
	// is unique however many instances share the database; a rolled-back
	// transaction may leave a gap.
	NextCaseSeq(ctx context.Context, prefix string, year int) (int64, error)
	// CreateCase stores a new case; a second open case of one kind for one
	// product is ECONFLICT on "product_id".
	CreateCase(ctx context.Context, c *Case) error
	// CaseByID reads a case with its joined context; forUpdate locks it
	// until commit.
	CaseByID(ctx context.Context, id int64, forUpdate bool) (*Case, error)
	CaseByNumber(ctx context.Context, number string) (*Case, error)
	// UpdateCase writes a case's stage, who acts next, its deadline, texts,
	// score, notice and end.
	UpdateCase(ctx context.Context, c *Case) error
	ListCases(ctx context.Context, f CaseFilter) ([]*Case, int, error)

	AppendEvent(ctx context.Context, e *Event) error
	Events(ctx context.Context, caseID int64) ([]*Event, error)

	// BlobByHash finds an enterprise's blob by its SHA-256.
	BlobByHash(ctx context.Context, enterpriseID int64, sha256 string) (*Blob, error)
	// CreateBlob stores a blob's content from r in chunks of BlobChunkSize,
	// never holding it whole; b's Size and SHA256 are the caller's, the
	// store checks the size it read against Size.
	CreateBlob(ctx context.Context, b *Blob, r io.Reader) error
	BlobByID(ctx context.Context, id int64) (*Blob, error)
	// BlobChunk reads chunk n (from 0) of a blob.
	BlobChunk(ctx context.Context, blobID int64, n int) ([]byte, error)

	CreateAttachment(ctx context.Context, a *Attachment) error
	AttachmentByID(ctx context.Context, id int64) (*Attachment, error)
	Attachments(ctx context.Context, caseID int64) ([]*Attachment, error)
	DeleteAttachment(ctx context.Context, id int64) error

	CreateNotification(ctx context.Context, n *Notification) error
	ListNotifications(ctx context.Context, userID int64, unreadOnly bool, offset, limit int) ([]*Notification, int, error)
	CountUnread(ctx context.Context, userID int64) (int, error)
	MarkRead(ctx context.Context, userID int64, ids []int64, at time.Time) error
	// PendingEmails lists notifications with an address and not yet
	// mailed, oldest first.
	PendingEmails(ctx context.Context, limit int) ([]*Notification, error)
	MarkEmailed(ctx context.Context, id int64, at time.Time) error

	CreateRating(ctx context.Context, r *Rating) error
	RatingByID(ctx context.Context, id int64) (*Rating, error)
	RatingsOfCase(ctx context.Context, caseID int64) ([]*Rating, error)
	ListRatings(ctx context.Context, f RatingFilter) ([]*Rating, int, error)
	RatingSummaries(ctx context.Context) ([]RatingSummary, error)
	UpdateRating(ctx context.Context, r *Rating) error
}

// CaseParty is who the actor is to a case, as the state machines name
// parties: "applicant", "manufacturer" (the enterprise of a case a buyer
// applied for), "district", "reviewer", "expert", "finance" (of an
// incentive case), or "" for none.
func CaseParty(a *Actor, c *Case, drawn bool) string {
	if a.IsPublic() {
		return ""
	}
	u := a.User
	switch u.Role {
	case RoleEnterprise:
		if u.EnterpriseID != 0 && u.EnterpriseID == c.EnterpriseID {
			if c.ApplicantUserID != 0 {
				return "manufacturer"
			}
			return "applicant"
		}
	case RoleBuyer:
		if c.ApplicantUserID != 0 && c.ApplicantUserID == u.ID {
			return "applicant"
		}
	case RoleFinance:
		if IsIncentive(c.Kind) {
			return "finance"
		}
	case RoleDistrict:
		if u.DistrictCode != "" && u.DistrictCode == c.DistrictCode {
			return "district"
		}
	case RoleReviewer:
		return "reviewer"
	case RoleExpert:
		if drawn {
			return "expert"
		}
	}
	return ""
}

// CheckReadCase is the refusal, if any, for a reading case c: the
// applicant's own staff (or the buyer who applied); once it has been
// submitted, the manufacturer of a buyer's case, the applicant's district
// office, the city's reviewers and administrators, and finance for an
// incentive case; an expert only while drawn for it (drawn). To everyone
// else it does not exist.
func CheckReadCase(a *Actor, c *Case, drawn bool) error {
	if a.IsPublic() {
		return Errorf(ENOTFOUND, "办件不存在。") // a case's existence is not public
	}
	if !a.Allows(ScopeCasesRead) {
		return Errorf(EFORBIDDEN, "访问令牌没有“%s”权限。", ScopeLabel(ScopeCasesRead))
	}
	submitted := c.SubmittedAt != nil
	switch p := CaseParty(a, c, drawn); {
	case p == "applicant", p == "expert":
		return nil
	case p == "district", p == "reviewer", p == "manufacturer", p == "finance":
		if submitted {
			return nil
		}
	case a.Role() == RoleAdmin && submitted:
		return nil
	}
	return Errorf(ENOTFOUND, "办件不存在。")
}

// CheckCaseWrite refuses a credential that may not change cases.
func CheckCaseWrite(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	if !a.Allows(ScopeCasesWrite) {
		return Errorf(EFORBIDDEN, "访问令牌没有“%s”权限。", ScopeLabel(ScopeCasesWrite))
	}
	return nil
}

// ScopeLabel is the Chinese description of scope s.
func ScopeLabel(s Scope) string {
	for _, x := range Scopes {
		if x.Scope == s {
			return x.Label
		}
	}
	return string(s)
}
