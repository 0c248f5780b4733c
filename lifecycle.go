package firstset

import (
	"context"
	"time"

	"firstset/date"
)

// The catalog keeps itself true: recognitions expire on their own, and
// the city adjusts them (动态调整, 2018 opinions （五）). Each change is a
// ProductEvent, the product's public history.

// AdjustmentAction is what a reviewer does to a recognition.
type AdjustmentAction string

const (
	AdjustRevoke        AdjustmentAction = "revoke"
	AdjustRestore       AdjustmentAction = "restore"
	AdjustSetValidUntil AdjustmentAction = "set_valid_until"
)

var adjustmentLabels = map[AdjustmentAction]string{
	AdjustRevoke:        "撤销认定",
	AdjustRestore:       "恢复认定",
	AdjustSetValidUntil: "调整有效期",
}

func (a AdjustmentAction) Label() string { return adjustmentLabels[a] }
func (a AdjustmentAction) Valid() bool   { _, ok := adjustmentLabels[a]; return ok }

// AdjustmentInput is one adjustment: a reason always, the document that
// decided it (文件), and the new last day of validity for set_valid_until.
type AdjustmentInput struct {
	Action     AdjustmentAction `json:"action"`
	Reason     string           `json:"reason"`
	Document   string           `json:"document"`
	ValidUntil date.Date        `json:"valid_until"`
}

// Longest texts of an adjustment, in characters.
const (
	MaxAdjustmentReason   = 1000
	MaxAdjustmentDocument = 100
)

// Product event actions besides the adjustments.
const (
	EventRecognise = "recognise" // published into the catalog
	EventExpire    = "expire"    // validity ended (the daily job)
	// EventSetRecognition is a recognition set directly by an
	// administrator, outside the workflow.
	EventSetRecognition = "set_recognition"
)

var productEventLabels = map[string]string{
	EventRecognise:              "列入目录",
	EventExpire:                 "有效期届满",
	EventSetRecognition:         "设置认定状态",
	string(AdjustRevoke):        "撤销认定",
	string(AdjustRestore):       "恢复认定",
	string(AdjustSetValidUntil): "调整有效期",
}

// ProductEvent is one entry of a product's history in the catalog.
type ProductEvent struct {
	ID        int64     `json:"id"`
	ProductID int64     `json:"product_id"`
	At        time.Time `json:"at"`
	ActorID   int64     `json:"-"`
	Actor     string    `json:"actor"` // the office or 系统, as the public reads it
	Action    string    `json:"action"`
	Reason    string    `json:"reason"`
	Document  string    `json:"document"`

	StatusBefore     ProductStatus `json:"status_before,omitempty"`
	StatusAfter      ProductStatus `json:"status_after"`
	ValidUntilBefore date.Date     `json:"valid_until_before,omitempty"`
	ValidUntilAfter  date.Date     `json:"valid_until_after,omitempty"`
	// Certificate is the certificate in force after the event.
	Certificate string `json:"certificate,omitempty"`
	// CaseNumber is the recognition case the event was also written to.
	CaseNumber string `json:"case_number,omitempty"`
}

func (e *ProductEvent) Label() string { return productEventLabels[e.Action] }

// RecognitionDates are what expiry needs to know of a recognised product.
type RecognitionDates struct {
	ProductID    int64
	EnterpriseID int64
	RecognizedOn date.Date
	ValidUntil   date.Date // stored, zero when derived
}

// LifecycleService keeps the catalog true.
type LifecycleService interface {
	// AdjustProduct revokes, restores or re-dates a recognition; the
	// city's reviewers only.
	AdjustProduct(ctx context.Context, productID int64, in AdjustmentInput) (*Product, error)
	// ProductHistory is the public history of a product ever recognised.
	ProductHistory(ctx context.Context, productID int64) ([]*ProductEvent, error)
	// ExpireDue moves every recognised product whose validity has passed
	// to expired, once each however many run it at once; the system only.
	ExpireDue(ctx context.Context) (int, error)
	// RemindExpiring tells enterprises, once per product and threshold,
	// that a validity ends within 90 or 30 days; the system only.
	RemindExpiring(ctx context.Context) (int, error)
	// RemindNoticeEndings tells the reviewers, once per notice, that a
	// notice's period has ended with cases still waiting to be published;
	// the system only.
	RemindNoticeEndings(ctx context.Context) (int, error)
}

// ReminderDays are the thresholds, in days before the end of validity,
// at which an enterprise is told.
var ReminderDays = []int{90, 30}

// LifecycleStore is the lifecycle's part of a Tx.
type LifecycleStore interface {
	AppendProductEvent(ctx context.Context, e *ProductEvent) error
	ProductEvents(ctx context.Context, productID int64) ([]*ProductEvent, error)
	// RecognisedProducts lists the dates of every product recognised now.
	RecognisedProducts(ctx context.Context) ([]RecognitionDates, error)
	// ExpireProducts moves those of ids still recognised to expired and
	// returns them: a product another transaction expired first is left
	// out, so each expiry happens once.
	ExpireProducts(ctx context.Context, ids []int64, at time.Time) ([]int64, error)
	// RecordReminder notes that the reminder days before validUntil was
	// sent for a product, and reports false if it already had been.
	RecordReminder(ctx context.Context, productID int64, days int, validUntil date.Date, at time.Time) (bool, error)
	// RecordNoticeEnded notes that the end of a notice's period was
	// reported, and reports false if it already had been.
	RecordNoticeEnded(ctx context.Context, noticeID int64, at time.Time) (bool, error)
}

// CheckAdjustCatalog refuses anyone but the city's reviewers (and a token
// without the cases:write scope).
func CheckAdjustCatalog(a *Actor) error { return CheckManageRecognition(a) }

// EverRecognised reports whether a product has been in the catalog: its
// certificate and history are public from then on.
func (p *Product) EverRecognised() bool {
	switch p.Status {
	case StatusRecognised, StatusExpired, StatusRevoked:
		return !p.RecognizedOn.IsZero()
	}
	return false
}
