package firstset

import (
	"context"
	"time"

	"firstset/date"
)

// Round is a yearly declaration round (申报批次): enterprises declare
// products into it while it is open; its recognised products are
// published together as one catalog batch.
type Round struct {
	ID       int64     `json:"id"`
	Title    string    `json:"title"`
	Year     int       `json:"year"`
	OpensOn  date.Date `json:"opens_on"`
	ClosesOn date.Date `json:"closes_on"`
	// CategoryIDs are the categories it accepts; empty for all.
	CategoryIDs []int64         `json:"category_ids"`
	NoticeText  string          `json:"notice_text"`
	Checklist   []ChecklistItem `json:"checklist"`
	// DocumentNumber (文号) and PublishedOn are set when its batch is published.
	DocumentNumber string    `json:"document_number,omitempty"`
	PublishedOn    date.Date `json:"published_on"`
	CreatedBy      int64     `json:"created_by"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// OpenOn reports whether enterprises may declare into the round on day d.
func (r *Round) OpenOn(d date.Date) bool {
	return r.PublishedOn.IsZero() && !d.Before(r.OpensOn) && !d.After(r.ClosesOn)
}

// Accepts reports whether the round takes products of category id.
func (r *Round) Accepts(categoryID int64) bool {
	if len(r.CategoryIDs) == 0 {
		return true
	}
	for _, c := range r.CategoryIDs {
		if c == categoryID {
			return true
		}
	}
	return false
}

// Item finds a checklist item by name.
func (r *Round) Item(name string) (ChecklistItem, bool) {
	for _, it := range r.Checklist {
		if it.Item == name {
			return it, true
		}
	}
	return ChecklistItem{}, false
}

// ChecklistItem is one material a declaration attaches.
type ChecklistItem struct {
	Item     string   `json:"item"`
	Required bool     `json:"required"`
	Types    []string `json:"types"`
	MaxBytes int64    `json:"max_bytes"`
}

// RoundInput opens a round. Categories default to all, the checklist to
// the standard one.
type RoundInput struct {
	Title       string          `json:"title"`
	Year        int             `json:"year"`
	OpensOn     date.Date       `json:"opens_on"`
	ClosesOn    date.Date       `json:"closes_on"`
	CategoryIDs []int64         `json:"category_ids"`
	NoticeText  string          `json:"notice_text"`
	Checklist   []ChecklistItem `json:"checklist"`
}

// DeclarationInput is an enterprise's declaration of a product.
type DeclarationInput struct {
	RoundID             int64  `json:"round_id"`
	ProductID           int64  `json:"product_id"`
	InnovationClaim     string `json:"innovation_claim"`
	TechnicalComparison string `json:"technical_comparison"`
	FirstUse            string `json:"first_use"`
}

// Expert is a member of the expert pool: a user with the expert role and
// what the draw needs to know of them.
type Expert struct {
	UserID             int64   `json:"user_id"`
	Username           string  `json:"username"`
	Name               string  `json:"name"`
	Categories         []int64 `json:"categories"`
	Employer           string  `json:"employer"`
	EmployerCreditCode string  `json:"employer_credit_code"`
	DistrictCode       string  `json:"district_code"`
	Active             bool    `json:"active"`
	// ConflictEnterprises are enterprises the expert has declared a
	// conflict of interest with.
	ConflictEnterprises []int64   `json:"conflict_enterprises"`
	UpdatedAt           time.Time `json:"updated_at"`
}

// ExpertInput is what a reviewer writes of an expert.
type ExpertInput struct {
	UserID              int64   `json:"user_id"`
	Categories          []int64 `json:"categories"`
	Employer            string  `json:"employer"`
	EmployerCreditCode  string  `json:"employer_credit_code"`
	DistrictCode        string  `json:"district_code"`
	Active              bool    `json:"active"`
	ConflictEnterprises []int64 `json:"conflict_enterprises"`
}

// ExpertFilter narrows the pool.
type ExpertFilter struct {
	CategoryID int64
	ActiveOnly bool
	Query      string
	Offset     int
	Limit      int
}

// Draw is one drawing of experts for a case: the seed, the candidates it
// drew from (their hash), and whom it chose.
type Draw struct {
	ID               int64       `json:"id"`
	CaseID           int64       `json:"case_id"`
	Seed             string      `json:"seed"`
	N                int         `json:"n"`
	CandidatesSHA256 string      `json:"candidates_sha256"`
	Candidates       []Candidate `json:"candidates"`
	Experts          []Candidate `json:"experts"`
	// Replaces is the expert a replacement draw stands in for.
	Replaces  int64     `json:"replaces,omitempty"`
	DrawnBy   int64     `json:"drawn_by"`
	CreatedAt time.Time `json:"created_at"`
}

// Candidate is an expert a draw may choose.
type Candidate struct {
	UserID   int64  `json:"user_id"`
	Username string `json:"username"`
}

// Expert assignment states.
const (
	AssignmentDrawn    = "drawn"    // waiting for the expert's score
	AssignmentScored   = "scored"   // their sheet is in
	AssignmentDeclined = "declined" // they declared a conflict; replaced
)

// CaseExpert is an expert drawn for a case.
type CaseExpert struct {
	CaseID   int64       `json:"case_id"`
	UserID   int64       `json:"user_id"`
	Username string      `json:"username"`
	Name     string      `json:"name"`
	DrawID   int64       `json:"draw_id"`
	Status   string      `json:"status"`
	Reason   string      `json:"reason,omitempty"`
	Sheet    *ScoreSheet `json:"sheet,omitempty"`
	DrawnAt  time.Time   `json:"drawn_at"`
}

// Criterion is one line of the experts' scoring sheet; weights are
// relative positive integers.
type Criterion struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Weight int    `json:"weight"`
}

// ScoreSheet is one expert's scores of a case, criterion id → 0 to 100.
type ScoreSheet struct {
	Scores   map[string]int `json:"criteria"`
	Comment  string         `json:"comment"`
	ScoredAt time.Time      `json:"scored_at"`
}

// ScoreInput is an expert's sheet as they post it: criterion id (or
// name) → 0 to 100.
type ScoreInput struct {
	Criteria map[string]int `json:"criteria"`
	Comment  string         `json:"comment"`
}

// Notice is a public notice (公示) of proposed cases.
type Notice struct {
	ID        int64     `json:"id"`
	Title     string    `json:"title"`
	StartsOn  date.Date `json:"starts_on"`
	EndsOn    date.Date `json:"ends_on"`
	CaseIDs   []int64   `json:"case_ids"`
	CreatedBy int64     `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
}

// NoticeInput puts proposed cases on a notice.
type NoticeInput struct {
	Title    string    `json:"title"`
	CaseIDs  []int64   `json:"case_ids"`
	StartsOn date.Date `json:"starts_on"`
}

// NoticeEntry is one case on a notice as the public reads it.
type NoticeEntry struct {
	CaseID         int64  `json:"case_id"`
	Number         string `json:"number"`
	Stage          string `json:"stage"`
	EnterpriseName string `json:"enterprise_name"`
	ProductName    string `json:"product_name"`
	ProductModel   string `json:"product_model"`
	CategoryName   string `json:"category_name"`
	DistrictCode   string `json:"district_code"`
	Score          *Score `json:"score,omitempty"`
}

// NoticeView is a notice with its cases and whether it has ended.
type NoticeView struct {
	*Notice
	Entries []NoticeEntry `json:"entries"`
	Ongoing bool          `json:"ongoing"`
	Ended   bool          `json:"ended"`
	// Objections are shown to reviewers.
	Objections []*Objection `json:"objections,omitempty"`
}

// Objection states.
const (
	ObjectionOpen      = "open"
	ObjectionDismissed = "dismissed"
	ObjectionUpheld    = "upheld"
)

// Objection is a member of the public's objection (异议) to a noticed case.
type Objection struct {
	ID         int64      `json:"id"`
	NoticeID   int64      `json:"notice_id"`
	CaseID     int64      `json:"case_id"`
	Name       string     `json:"name"`
	Contact    string     `json:"contact"`
	Text       string     `json:"text"`
	IP         string     `json:"-"`
	Status     string     `json:"status"`
	Reason     string     `json:"reason,omitempty"`
	AnsweredBy int64      `json:"answered_by,omitempty"`
	AnsweredAt *time.Time `json:"answered_at,omitempty"`
	CreatedAt  time.Time  `json:"created_at"`
	CaseNumber string     `json:"case_number,omitempty"`
}

// ObjectionInput is an objection as the public writes it.
type ObjectionInput struct {
	CaseID  int64  `json:"case_id"`
	Name    string `json:"name"`
	Contact string `json:"contact"`
	Text    string `json:"text"`
}

// AnswerInput is a reviewer's answer to an objection.
type AnswerInput struct {
	Decision string `json:"decision"` // dismissed or upheld
	Reason   string `json:"reason"`
}

// PublishInput publishes a round's catalog batch.
type PublishInput struct {
	DocumentNumber string    `json:"document_number"`
	PublishedOn    date.Date `json:"published_on"`
}

// Publication is a published catalog batch.
type Publication struct {
	Round    *Round     `json:"round"`
	Products []*Product `json:"products"`
}

// RecognitionService runs the yearly recognition (认定).
type RecognitionService interface {
	CreateRound(ctx context.Context, in RoundInput) (*Round, error)
	Round(ctx context.Context, id int64) (*Round, error)
	Rounds(ctx context.Context) ([]*Round, error)
	// StandardChecklist is the materials checklist a round gets by default.
	StandardChecklist() []ChecklistItem

	// Declare opens a recognition case in draft for one of the caller's
	// products in an open round.
	Declare(ctx context.Context, in DeclarationInput) (*CaseView, error)
	// UpdateDeclaration rewrites a draft's or a returned case's texts.
	UpdateDeclaration(ctx context.Context, caseID int64, in DeclarationInput) (*CaseView, error)

	SaveExpert(ctx context.Context, in ExpertInput) (*Expert, error)
	Expert(ctx context.Context, userID int64) (*Expert, error)
	Experts(ctx context.Context, f ExpertFilter) ([]*Expert, int, error)
	// DrawCandidates is the candidate list a draw for the case would draw
	// from now, as exported for recomputing it offline.
	DrawCandidates(ctx context.Context, caseID int64) (*Draw, error)
	// DrawExperts draws the case's experts with seed (a random one when
	// empty) and records the draw.
	DrawExperts(ctx context.Context, caseID int64, seed string) (*Draw, error)
	Draws(ctx context.Context, caseID int64) ([]*Draw, error)
	// DeclineCase is a drawn expert declaring a conflict with the case; a
	// replacement is drawn with the same seed from the rest.
	DeclineCase(ctx context.Context, caseID int64, reason string) (*Draw, error)
	ScoreCase(ctx context.Context, caseID int64, in ScoreInput) (*CaseView, error)
	Criteria() []Criterion

	CreateNotice(ctx context.Context, in NoticeInput) (*NoticeView, error)
	// Notice is public.
	Notice(ctx context.Context, id int64) (*NoticeView, error)
	Notices(ctx context.Context) ([]*NoticeView, error)
	// RaiseObjection is public, throttled per address.
	RaiseObjection(ctx context.Context, noticeID int64, in ObjectionInput) (*Objection, error)
	AnswerObjection(ctx context.Context, id int64, in AnswerInput) (*Objection, error)
	Objections(ctx context.Context, openOnly bool) ([]*Objection, error)

	// PublishRound publishes the round's catalog batch: every case on an
	// ended notice without an open objection becomes a recognised product.
	PublishRound(ctx context.Context, roundID int64, in PublishInput) (*Publication, error)
	// Publication is public once published.
	Publication(ctx context.Context, roundID int64) (*Publication, error)
}

// RecognitionStore is the recognition workflow's part of a Tx.
type RecognitionStore interface {
	CreateRound(ctx context.Context, r *Round) error
	UpdateRound(ctx context.Context, r *Round) error
	RoundByID(ctx context.Context, id int64) (*Round, error)
	ListRounds(ctx context.Context) ([]*Round, error)

	// PutExpert creates or rewrites the expert profile of a user.
	PutExpert(ctx context.Context, e *Expert) error
	ExpertByUserID(ctx context.Context, userID int64) (*Expert, error)
	ListExperts(ctx context.Context, f ExpertFilter) ([]*Expert, int, error)

	CreateDraw(ctx context.Context, d *Draw) error
	Draws(ctx context.Context, caseID int64) ([]*Draw, error)
	// AddCaseExpert records an expert drawn for a case; drawing one twice
	// is ECONFLICT.
	AddCaseExpert(ctx context.Context, e *CaseExpert) error
	UpdateCaseExpert(ctx context.Context, e *CaseExpert) error
	CaseExperts(ctx context.Context, caseID int64) ([]*CaseExpert, error)
	// CaseExpert is the assignment of one expert to one case; ENOTFOUND
	// when none.
	CaseExpert(ctx context.Context, caseID, userID int64) (*CaseExpert, error)

	CreateNotice(ctx context.Context, n *Notice) error
	NoticeByID(ctx context.Context, id int64) (*Notice, error)
	ListNotices(ctx context.Context) ([]*Notice, error)

	CreateObjection(ctx context.Context, o *Objection) error
	ObjectionByID(ctx context.Context, id int64, forUpdate bool) (*Objection, error)
	UpdateObjection(ctx context.Context, o *Objection) error
	// ListObjections lists a notice's objections (all notices when
	// noticeID is 0), optionally the open ones only, oldest first.
	ListObjections(ctx context.Context, noticeID int64, openOnly bool) ([]*Objection, error)
	// CountObjectionsFrom counts the objections raised from ip since t.
	CountObjectionsFrom(ctx context.Context, ip string, since time.Time) (int, error)
}

// CalendarDay is an exception to the weekend rule in the working-day
// calendar: a holiday (Work false) or a make-up working day (Work true).
type CalendarDay struct {
	Date date.Date `json:"date"`
	Work bool      `json:"work"`
	Name string    `json:"name"`
}

// CalendarService answers working-day questions and lets administrators
// keep the calendar.
type CalendarService interface {
	// WorkingDays is the last day of a period of days working days from
	// from (day 1 when it is a working day).
	WorkingDays(ctx context.Context, from date.Date, days int) (date.Date, error)
	CalendarYears(ctx context.Context) ([]int, error)
	CalendarYear(ctx context.Context, year int) ([]CalendarDay, error)
	// SetCalendarYear replaces a year's holidays and make-up days.
	SetCalendarYear(ctx context.Context, year int, days []CalendarDay) error
}

// CalendarStore is the calendar's part of a Tx.
type CalendarStore interface {
	CalendarYears(ctx context.Context) ([]int, error)
	CalendarDays(ctx context.Context) ([]CalendarDay, error)
	// PutCalendarYear replaces a year's days and marks the year covered.
	PutCalendarYear(ctx context.Context, year int, days []CalendarDay) error
}

// CheckManageRecognition refuses anyone but the city's reviewers (and a
// token without the cases:write scope).
func CheckManageRecognition(a *Actor) error {
	if err := a.RequireRole(RoleReviewer); err != nil {
		return err
	}
	return CheckCaseWrite(a)
}

// CheckReadRecognition refuses anyone but the city's reviewers and
// administrators (with a credential that may read cases): they read the
// expert pool, the draws, the objections and the ratings.
func CheckReadRecognition(a *Actor) error {
	if err := a.RequireRole(RoleReviewer, RoleAdmin); err != nil {
		return err
	}
	if !a.Allows(ScopeCasesRead) {
		return Errorf(EFORBIDDEN, "访问令牌没有“%s”权限。", ScopeLabel(ScopeCasesRead))
	}
	return nil
}

// CheckManageCalendar refuses anyone but administrators.
func CheckManageCalendar(a *Actor) error { return a.RequireRole(RoleAdmin) }
