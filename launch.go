package firstset

import (
	"context"
	"time"

	"firstset/date"
	"firstset/money"
)

// The launch event (新产品发布会, 2024 measures （三）): each year the city
// presents first-set products, awards a plaque (牌匾) to each enterprise
// presented and honours the main R&D people of each product with a
// certificate (荣誉证书) that counts for their appraisal, promotion and
// titles. The reviewer plans it; an enterprise names its own people and
// the reviewer confirms them, which issues the signed certificate.

// Prefixes of the numbers of plaques and honour certificates.
const (
	PlaquePrefix = "CQPB"
	HonourPrefix = "CQRY"
)

// HonoreeStatus is where an honoree stands.
type HonoreeStatus string

const (
	HonoreePending   HonoreeStatus = "pending"   // entered by the enterprise, waiting for the reviewer
	HonoreeConfirmed HonoreeStatus = "confirmed" // confirmed, certificate issued
)

// Label is the status in Chinese.
func (s HonoreeStatus) Label() string {
	switch s {
	case HonoreePending:
		return "待确认"
	case HonoreeConfirmed:
		return "已确认并颁证"
	}
	return string(s)
}

// LaunchEvent is one year's launch event.
type LaunchEvent struct {
	ID        int64     `json:"id"`
	Year      int       `json:"year"`
	HeldOn    date.Date `json:"held_on"`
	Place     string    `json:"place"`
	CreatedBy int64     `json:"created_by,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	// Held is set from the event's day on: it can no longer be moved.
	Held bool `json:"held"`
	// Products are those presented, in the order planned; Plaques one per
	// enterprise presented; Honorees those the reader may see.
	Products []*LaunchProduct `json:"products"`
	Plaques  []*Plaque        `json:"plaques"`
	Honorees []*Honoree       `json:"honorees"`
}

// LaunchProduct is a product presented at an event.
type LaunchProduct struct {
	ProductID      int64     `json:"product_id"`
	Name           string    `json:"name"`
	Model          string    `json:"model"`
	EnterpriseID   int64     `json:"enterprise_id"`
	EnterpriseName string    `json:"enterprise_name"`
	RecognizedOn   date.Date `json:"recognized_on"`
}

// Plaque is the signed plaque awarded to an enterprise presented.
type Plaque struct {
	ID             int64     `json:"id"`
	EventID        int64     `json:"event_id"`
	EnterpriseID   int64     `json:"enterprise_id"`
	EnterpriseName string    `json:"enterprise_name"`
	CreditCode     string    `json:"credit_code,omitempty"`
	Number         string    `json:"number"`
	KeyID          string    `json:"key_id"`
	Token          string    `json:"token,omitempty"`
	IssuedAt       time.Time `json:"issued_at"`
	// Products names the enterprise's products presented (for the
	// plaque's text and its verification).
	Products []string `json:"products"`
	PDFURL   string   `json:"pdf_url,omitempty"`
}

// Honoree is one of a product's main R&D people honoured at an event.
// IDNumber is masked for everyone but the reviewers and administrators
// who issue the certificate (see HonoreeView).
type Honoree struct {
	ID          int64  `json:"id"`
	EventID     int64  `json:"event_id"`
	EventYear   int    `json:"event_year"`
	ProductID   int64  `json:"product_id"`
	ProductName string `json:"product_name"`
	// EnterpriseID is the product's enterprise.
	EnterpriseID   int64         `json:"enterprise_id"`
	EnterpriseName string        `json:"enterprise_name"`
	Name           string        `json:"name"`
	IDNumber       string        `json:"id_number"`
	Role           string        `json:"role"`
	Status         HonoreeStatus `json:"status"`
	StatusLabel    string        `json:"status_label"`
	EnteredBy      int64         `json:"entered_by,omitempty"`
	CreatedAt      time.Time     `json:"created_at"`
	ConfirmedBy    int64         `json:"confirmed_by,omitempty"`
	ConfirmedAt    *time.Time    `json:"confirmed_at,omitempty"`
	// Certificate is the honour certificate, once confirmed.
	Certificate *HonourCertificate `json:"certificate,omitempty"`
}

// HonourCertificate is an honoree's signed certificate: the token and
// where its PDF is served.
type HonourCertificate struct {
	Number string `json:"number"`
	KeyID  string `json:"key_id"`
	Token  string `json:"token"`
	PDFURL string `json:"pdf_url"`
}

// Honour is what the public product page shows of an honoree: never the
// ID number.
type Honour struct {
	Name      string `json:"name"`
	Role      string `json:"role"`
	EventYear int    `json:"event_year"`
	EventID   int64  `json:"event_id"`
}

// LaunchEventInput plans an event.
type LaunchEventInput struct {
	Year       int     `json:"year"`
	HeldOn     string  `json:"held_on"`
	Place      string  `json:"place"`
	ProductIDs []int64 `json:"product_ids"`
}

// LaunchScheduleInput moves a planned event to another day or place of
// its year, before it is held.
type LaunchScheduleInput struct {
	HeldOn string `json:"held_on"`
	Place  string `json:"place"`
}

// HonoreeInput names one of a product's main R&D people.
type HonoreeInput struct {
	ProductID int64  `json:"product_id"`
	Name      string `json:"name"`
	IDNumber  string `json:"id_number"`
	Role      string `json:"role"`
}

// LaunchCandidate is a catalog product ranked for an event by merit.
type LaunchCandidate struct {
	Rank           int       `json:"rank"`
	ProductID      int64     `json:"product_id"`
	Name           string    `json:"name"`
	Model          string    `json:"model"`
	EnterpriseName string    `json:"enterprise_name"`
	RecognizedOn   date.Date `json:"recognized_on"`
	ValidUntil     date.Date `json:"valid_until"`
	Purchases      int       `json:"purchases"`
	AmountFen      int64     `json:"amount_fen"`
	// Presented is the last year the product was presented, 0 if never.
	Presented int `json:"presented_year,omitempty"`
}

// LaunchMeritRule explains, in Chinese, how candidates are ranked; the
// planning page and the API show it beside the ranking.
const LaunchMeritRule = "候选产品为目录内已认定且在有效期内的装备。排序依次按：" +
	"（一）尚未在往届发布会上发布的优先；（二）采购记录（国有企业、重点工程等单位填报的首购首用）笔数多者在前；" +
	"（三）采购金额合计高者在前；（四）认定日期较近者在前；（五）产品编号小者在前。排序只作参考，由审核人员确定发布产品。"

// LaunchCandidateStat is what storage knows of a candidate product.
type LaunchCandidateStat struct {
	ProductID    int64
	RecognizedOn date.Date
	ValidUntil   date.Date
	Purchases    int
	AmountFen    int64
	Presented    int
}

// CheckPlanLaunch is the refusal, if any, for planning events, confirming
// honorees and issuing their certificates: reviewers and administrators.
func CheckPlanLaunch(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	return a.RequireRole(RoleReviewer, RoleAdmin)
}

// CanPlanLaunch reports whether a plans events.
func CanPlanLaunch(a *Actor) bool { return CheckPlanLaunch(a) == nil }

// CanWithdrawHonoree reports whether a may take back pending honoree h:
// the reviewer, or a user of the enterprise whose product it is.
func CanWithdrawHonoree(a *Actor, h *Honoree) bool {
	if a.IsPublic() || h.Status != HonoreePending {
		return false
	}
	return CanPlanLaunch(a) || a.Role() == RoleEnterprise && a.User.EnterpriseID != 0 && a.User.EnterpriseID == h.EnterpriseID
}

// CheckReadLaunch is the refusal, if any, for reading events: the city's
// departments read every event, an enterprise those presenting its
// products (narrowed by SeesLaunchEvent).
func CheckReadLaunch(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	if a.Role().SeesAllEnterprises() || a.Role() == RoleEnterprise {
		return nil
	}
	return Errorf(EFORBIDDEN, "您的角色（%s）无权查看发布会。", a.Role().Label())
}

// SeesLaunchEvent reports whether a may read e (with its products).
func SeesLaunchEvent(a *Actor, e *LaunchEvent) bool {
	if CheckReadLaunch(a) != nil {
		return false
	}
	if a.Role() != RoleEnterprise {
		return true
	}
	for _, p := range e.Products {
		if p.EnterpriseID == a.User.EnterpriseID {
			return true
		}
	}
	return false
}

// SeesHonoree reports whether a may read h: the city's departments every
// one, an enterprise its own products'.
func SeesHonoree(a *Actor, h *Honoree) bool {
	if CheckReadLaunch(a) != nil {
		return false
	}
	return a.Role() != RoleEnterprise || a.User.EnterpriseID == h.EnterpriseID
}

// CheckEnterHonoree is the refusal, if any, for naming an honoree of a
// product of enterpriseID: the reviewers and administrators, and the
// product's own enterprise.
func CheckEnterHonoree(a *Actor, enterpriseID int64) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	if CanPlanLaunch(a) {
		return nil
	}
	if a.Role() == RoleEnterprise {
		if a.User.EnterpriseID == enterpriseID {
			return nil
		}
		return FieldErrorf("product_id", "not_own_product", "只能为本企业的发布产品填报主要研发人员。")
	}
	return Errorf(EFORBIDDEN, "您的角色（%s）无权填报主要研发人员。", a.Role().Label())
}

// SeesFullIDNumber reports whether a reads honorees' ID numbers in full:
// only those who issue the certificates.
func SeesFullIDNumber(a *Actor) bool { return CanPlanLaunch(a) }

// LaunchService plans events and honours their people.
type LaunchService interface {
	CreateLaunchEvent(ctx context.Context, in LaunchEventInput) (*LaunchEvent, error)
	FindLaunchEventByID(ctx context.Context, id int64) (*LaunchEvent, error)
	FindLaunchEvents(ctx context.Context) ([]*LaunchEvent, error)
	// RescheduleLaunchEvent changes a planned event's day and place before
	// it is held; the plaques and honour certificates, which name them, are
	// signed again (the old documents then verify as superseded).
	RescheduleLaunchEvent(ctx context.Context, id int64, in LaunchScheduleInput) (*LaunchEvent, error)
	// LaunchCandidates ranks the catalog products an event may present.
	LaunchCandidates(ctx context.Context, limit int) ([]*LaunchCandidate, error)
	// AddHonoree names an honoree: confirmed with its certificate at once
	// when a reviewer enters it, pending when the enterprise does.
	AddHonoree(ctx context.Context, eventID int64, in HonoreeInput) (*Honoree, error)
	// ConfirmHonoree confirms a pending honoree and issues its certificate.
	ConfirmHonoree(ctx context.Context, eventID, honoreeID int64) (*Honoree, error)
	// WithdrawHonoree takes back a pending honoree, nothing having been
	// issued: its enterprise to correct an entry, the reviewer with the
	// reason it was not confirmed.
	WithdrawHonoree(ctx context.Context, eventID, honoreeID int64, reason string) error
	// PlaquePDF and HonourPDF lay the signed documents out; verifyURL
	// turns a token into the address its QR code opens.
	PlaquePDF(ctx context.Context, eventID, enterpriseID int64, verifyURL func(string) string) ([]byte, *Plaque, error)
	HonourPDF(ctx context.Context, eventID, honoreeID int64, verifyURL func(string) string) ([]byte, *Honoree, error)
	// ProductHonours is what the public product page lists; public.
	ProductHonours(ctx context.Context, productID int64) ([]Honour, error)
}

// LaunchStore is the launch events' part of a Tx.
type LaunchStore interface {
	// CreateLaunchEvent stores e with its products in order; a second
	// event of a year is ECONFLICT on year.
	CreateLaunchEvent(ctx context.Context, e *LaunchEvent) error
	// LaunchEventByID reads e with its products and plaques (not its
	// honorees).
	LaunchEventByID(ctx context.Context, id int64) (*LaunchEvent, error)
	ListLaunchEvents(ctx context.Context) ([]*LaunchEvent, error)
	// UpdateLaunchSchedule writes e's day and place.
	UpdateLaunchSchedule(ctx context.Context, e *LaunchEvent) error
	CreatePlaque(ctx context.Context, p *Plaque) error
	// ReissuePlaque writes p's new token, key and issue time.
	ReissuePlaque(ctx context.Context, p *Plaque) error
	// ReissueHonour writes a confirmed honoree's new token and key.
	ReissueHonour(ctx context.Context, h *Honoree) error
	PlaqueByNumber(ctx context.Context, number string) (*Plaque, error)
	// CreateHonoree stores h; the same ID number twice for one product of
	// one event is ECONFLICT on id_number.
	CreateHonoree(ctx context.Context, h *Honoree) error
	HonoreeByID(ctx context.Context, id int64) (*Honoree, error)
	// DeletePendingHonoree removes a pending honoree; ECONFLICT when it
	// was confirmed meanwhile.
	DeletePendingHonoree(ctx context.Context, id int64) error
	HonoreeByNumber(ctx context.Context, number string) (*Honoree, error)
	// ListHonorees lists an event's honorees (eventID > 0) or a product's
	// (productID > 0), confirmed only when asked.
	ListHonorees(ctx context.Context, eventID, productID int64, confirmedOnly bool) ([]*Honoree, error)
	// ConfirmHonoree stores h's confirmation and certificate; ECONFLICT
	// when it was confirmed already.
	ConfirmHonoree(ctx context.Context, h *Honoree) error
	// LaunchCandidateStats lists every recognised product with its
	// purchases and the last year it was presented.
	LaunchCandidateStats(ctx context.Context) ([]LaunchCandidateStat, error)
}

// PlaqueFacts are what a plaque's token says, as verification shows it.
type PlaqueFacts struct {
	Number     string   `json:"number"`
	EventID    int64    `json:"event_id"`
	EventYear  int      `json:"event_year"`
	HeldOn     string   `json:"held_on"`
	Place      string   `json:"place"`
	Enterprise string   `json:"enterprise_name"`
	CreditCode string   `json:"credit_code"`
	Products   []string `json:"products"`
	IssuedOn   string   `json:"issued_on"`
}

// HonourFacts are what an honour certificate's token says: the ID number
// only masked.
type HonourFacts struct {
	Number     string `json:"number"`
	EventID    int64  `json:"event_id"`
	EventYear  int    `json:"event_year"`
	HeldOn     string `json:"held_on"`
	Name       string `json:"name"`
	IDMasked   string `json:"id_number_masked"`
	Role       string `json:"role"`
	ProductID  int64  `json:"product_id"`
	Product    string `json:"product_name"`
	Enterprise string `json:"enterprise_name"`
	IssuedOn   string `json:"issued_on"`
}

// AmountText is the purchases' amount in 元, grouped, for pages.
func (c *LaunchCandidate) AmountText() string { return money.Fen(c.AmountFen).Grouped() }
