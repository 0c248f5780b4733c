package firstset

import (
	"context"
	"time"
)

// EvaluationBody is an evaluation or testing body (评定机构) whose work the
// recognition relies on, registered with its scope so that the reviewer
// can inspect it (2018 opinions （五）: 双随机、一公开).
type EvaluationBody struct {
	ID         int64     `json:"id"`
	Name       string    `json:"name"`
	CreditCode string    `json:"credit_code"` // 统一社会信用代码
	Scope      string    `json:"scope"`       // what it evaluates or tests
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// EvaluationBodyInput is what the reviewer sets on a body.
type EvaluationBodyInput struct {
	Name       string `json:"name"`
	CreditCode string `json:"credit_code"`
	Scope      string `json:"scope"`
}

// Inspector is a person on the list the inspectors of a double-random
// inspection are drawn from (执法检查人员名录库).
type Inspector struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Unit      string    `json:"unit"` // the department they work for
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// InspectorInput is what the reviewer sets on an inspector.
type InspectorInput struct {
	Name   string `json:"name"`
	Unit   string `json:"unit"`
	Active bool   `json:"active"`
}

// Drawn is one body or inspector a draw chose, in rank order.
type Drawn struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// InspectionDraw is a double-random draw: the bodies to inspect and the
// inspectors to send, each chosen from its list by a published seed, so
// that anyone holding the lists (their fingerprints are kept) can draw
// again and get the same result.
type InspectionDraw struct {
	ID     int64  `json:"id"`
	Number string `json:"number"` // JC-2026-000001
	Seed   string `json:"seed"`
	// BodiesSHA256 and InspectorsSHA256 fingerprint the lists drawn from,
	// as cases.CandidatesHash does for experts (id TAB name LF, by id).
	BodiesSHA256     string    `json:"bodies_sha256"`
	InspectorsSHA256 string    `json:"inspectors_sha256"`
	Bodies           []Drawn   `json:"bodies"`
	Inspectors       []Drawn   `json:"inspectors"`
	DrawnBy          int64     `json:"drawn_by"`
	DrawnByName      string    `json:"drawn_by_name"`
	CreatedAt        time.Time `json:"created_at"`
	// Findings are what the inspection found, one per body drawn once
	// recorded; PublishedAt is when the results were made public (一公开),
	// after which they no longer change.
	Findings    []InspectionFinding `json:"findings"`
	PublishedAt *time.Time          `json:"published_at,omitempty"`
}

// Published reports whether the draw's results are public.
func (d *InspectionDraw) Published() bool { return d.PublishedAt != nil }

// Drew reports whether the draw chose body id.
func (d *InspectionDraw) Drew(id int64) bool {
	for _, b := range d.Bodies {
		if b.ID == id {
			return true
		}
	}
	return false
}

// InspectionResult is what an inspection found at a body.
type InspectionResult string

const (
	ResultQualified   InspectionResult = "qualified"   // 未发现问题
	ResultRectify     InspectionResult = "rectify"     // 责令整改
	ResultUnqualified InspectionResult = "unqualified" // 不合格
)

// InspectionResults lists the results in the order forms offer them.
var InspectionResults = []InspectionResult{ResultQualified, ResultRectify, ResultUnqualified}

var inspectionResultLabels = map[InspectionResult]string{
	ResultQualified: "未发现问题", ResultRectify: "责令整改", ResultUnqualified: "不合格",
}

// Label is the result's Chinese name.
func (r InspectionResult) Label() string { return inspectionResultLabels[r] }

// Valid reports whether r is a known result.
func (r InspectionResult) Valid() bool { _, ok := inspectionResultLabels[r]; return ok }

// InspectionFinding is the result of inspecting one body drawn.
type InspectionFinding struct {
	BodyID      int64            `json:"body_id"`
	BodyName    string           `json:"body_name"`
	Result      InspectionResult `json:"result"`
	ResultLabel string           `json:"result_label"`
	Note        string           `json:"note"`
	RecordedAt  time.Time        `json:"recorded_at"`
}

// InspectionFindingInput records what the inspection found at a body.
type InspectionFindingInput struct {
	BodyID int64            `json:"body_id"`
	Result InspectionResult `json:"result"`
	Note   string           `json:"note"`
}

// InspectionDrawInput asks for a draw of n bodies and m inspectors.
type InspectionDrawInput struct {
	Seed       string `json:"seed"`
	Bodies     int    `json:"bodies"`
	Inspectors int    `json:"inspectors"`
}

// CheckManageInspections is the refusal of registering bodies and
// inspectors and of drawing, if any: the reviewer (市经济信息委) and the
// administrators.
func CheckManageInspections(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	return a.RequireRole(RoleReviewer, RoleAdmin)
}

// CheckReadInspections is the refusal of reading the lists and the draws,
// if any: the city's departments.
func CheckReadInspections(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	return a.RequireRole(RoleReviewer, RoleAdmin, RoleFinance)
}

// InspectionService keeps the lists of bodies and inspectors and draws
// from them.
type InspectionService interface {
	CreateEvaluationBody(ctx context.Context, in EvaluationBodyInput) (*EvaluationBody, error)
	EvaluationBodies(ctx context.Context) ([]*EvaluationBody, error)
	CreateInspector(ctx context.Context, in InspectorInput) (*Inspector, error)
	Inspectors(ctx context.Context) ([]*Inspector, error)
	DrawInspection(ctx context.Context, in InspectionDrawInput) (*InspectionDraw, error)
	InspectionDraw(ctx context.Context, id int64) (*InspectionDraw, error)
	InspectionDraws(ctx context.Context) ([]*InspectionDraw, error)
	// RecordInspectionFinding records (or corrects, until published) the
	// finding at one body drawn; PublishInspection makes the results public.
	RecordInspectionFinding(ctx context.Context, drawID int64, in InspectionFindingInput) (*InspectionDraw, error)
	PublishInspection(ctx context.Context, drawID int64) (*InspectionDraw, error)
	// PublishedInspections lists the published results, for everyone.
	PublishedInspections(ctx context.Context) ([]*InspectionDraw, error)
}

// InspectionStore is the inspections' part of a Tx.
type InspectionStore interface {
	// CreateEvaluationBody is ECONFLICT on "credit_code" for a code held.
	CreateEvaluationBody(ctx context.Context, b *EvaluationBody) error
	ListEvaluationBodies(ctx context.Context) ([]*EvaluationBody, error)
	CreateInspector(ctx context.Context, i *Inspector) error
	ListInspectors(ctx context.Context) ([]*Inspector, error)
	// CreateInspectionDraw numbers and stores d.
	CreateInspectionDraw(ctx context.Context, d *InspectionDraw) error
	InspectionDrawByID(ctx context.Context, id int64) (*InspectionDraw, error)
	// ListInspectionDraws lists the draws, newest first; published only
	// the published ones.
	ListInspectionDraws(ctx context.Context, published bool) ([]*InspectionDraw, error)
	SaveInspectionFinding(ctx context.Context, drawID int64, f *InspectionFinding, by int64) error
	PublishInspectionDraw(ctx context.Context, id int64, at time.Time) error
}
