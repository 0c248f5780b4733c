package firstset

import (
	"context"
	"time"

	"firstset/date"
)

// Certificate is a recognised product's certificate (首台（套）产品证明):
// the facts of its recognition as signed by the platform's key. A
// tender's evaluators rely on it in place of market share and past
// performance (2024 measures （四）), so anyone may read and verify it; the
// token carries the same facts, signed, for offline checks and QR codes.
type Certificate struct {
	ID              int64           `json:"-"`
	Number          string          `json:"number"` // CQSTT-2026-0001
	ProductID       int64           `json:"product_id"`
	EnterpriseID    int64           `json:"-"`
	KeyID           string          `json:"key_id"`
	Token           string          `json:"-"`
	ProductName     string          `json:"product_name"`
	Model           string          `json:"model"`
	EnterpriseName  string          `json:"enterprise_name"`
	CreditCode      string          `json:"credit_code"`
	Category        string          `json:"category"`
	InnovationLevel InnovationLevel `json:"innovation_level"`
	DocumentNumber  string          `json:"document_number"`
	RecognizedOn    date.Date       `json:"recognized_on"`
	ValidUntil      date.Date       `json:"valid_until"`
	IssuedAt        time.Time       `json:"issued_at"`
	// SupersededBy is the number of the certificate issued in its place
	// when the validity was changed; empty while it is current.
	SupersededBy string `json:"superseded_by,omitempty"`
}

// CertificatePrefix starts every certificate number.
const CertificatePrefix = "CQSTT"

// CertificateStatus is what an online verification says of the product
// now, whatever the certificate's dates say.
type CertificateStatus string

const (
	CertRecognised CertificateStatus = "recognised"
	CertExpired    CertificateStatus = "expired"
	CertRevoked    CertificateStatus = "revoked"
	// CertHonoured and CertAwarded are the status of a valid honour
	// certificate and plaque of a launch event, which do not expire.
	CertHonoured CertificateStatus = "honoured"
	CertAwarded  CertificateStatus = "awarded"
)

// Verification is the answer to a certificate's token: whether the
// platform signed exactly these facts (Valid), and, live, where the
// product stands (Status). A valid signature on a revoked product is
// Valid with Status revoked: the paper is genuine, the recognition gone.
type Verification struct {
	Valid bool `json:"valid"`
	// Status is empty when the token is not valid.
	Status CertificateStatus `json:"status,omitempty"`
	// Kind is what the token is: product_certificate, launch_plaque or
	// honour_certificate (when it could be read).
	Kind string `json:"kind,omitempty"`
	// Certificate is what the token says (only when it is valid), for a
	// product certificate; Plaque and Honour for a launch event's.
	Certificate *Certificate `json:"certificate,omitempty"`
	Plaque      *PlaqueFacts `json:"plaque,omitempty"`
	Honour      *HonourFacts `json:"honour,omitempty"`
	// Reason says, in Chinese, why it is not valid or what the status means.
	Reason string `json:"reason"`
	// ReasonCode is stable for programs: malformed, unknown_key,
	// bad_signature, wrong_kind, or for a valid token recognised, expired,
	// revoked, superseded, unregistered.
	ReasonCode string `json:"reason_code"`
	// ValidUntil is the validity in force now, which a later adjustment
	// may have moved from the certificate's.
	ValidUntil date.Date `json:"current_valid_until,omitempty"`
	// SupersededBy names the certificate issued in this one's place.
	SupersededBy string `json:"superseded_by,omitempty"`
}

// SigningKey is one of the platform's Ed25519 keys. Private holds the
// encoded private key when the database keeps it, and is empty when the
// key lives in a file given to the server (--signing-key). Keys are never
// deleted, so every certificate ever issued still verifies after a
// rotation; only one is Active, the one new certificates are signed with.
type SigningKey struct {
	ID        string
	Public    []byte
	Private   []byte
	Active    bool
	CreatedAt time.Time
	RetiredAt *time.Time
}

// CertificateService issues and verifies product certificates.
type CertificateService interface {
	// ProductCertificate is the current certificate of a product ever
	// recognised; public.
	ProductCertificate(ctx context.Context, productID int64) (*Certificate, error)
	// CertificatePDF lays the current certificate out as a PDF, for the
	// owning enterprise and the city's staff. verifyURL turns a token into
	// the address its QR code opens.
	CertificatePDF(ctx context.Context, productID int64, verifyURL func(token string) string) ([]byte, *Certificate, error)
	// CertificatePDFAvailable reports whether this server can lay PDFs out
	// (it has a CJK font), so pages offer the download only then.
	CertificatePDFAvailable() bool
	// VerifyCertificate checks a token's signature and the product's
	// status now; public. A token that does not verify is an answer
	// (Valid false), not an error.
	VerifyCertificate(ctx context.Context, token string) (*Verification, error)
	// CertificateKeys is the public key ring, as JSON: what offline
	// verifiers are given.
	CertificateKeys(ctx context.Context) ([]byte, error)
	// IssueMissingCertificates gives a certificate to every product ever
	// recognised that has none (those recognised before certificates
	// existed); the platform runs it at start-up.
	IssueMissingCertificates(ctx context.Context) (int, error)
	// RotateSigningKey makes a new key the one that signs; administrators.
	RotateSigningKey(ctx context.Context) (string, error)
}

// CertificateStore is the certificates' part of a Tx.
type CertificateStore interface {
	// CreateCertificate stores c with its number; a product has one
	// current certificate (ECONFLICT on product_id otherwise).
	CreateCertificate(ctx context.Context, c *Certificate) error
	CertificateByNumber(ctx context.Context, number string) (*Certificate, error)
	// CurrentCertificate is the product's certificate not superseded.
	CurrentCertificate(ctx context.Context, productID int64) (*Certificate, error)
	SupersedeCertificate(ctx context.Context, id int64, by string) error
	// ProductsWithoutCertificate lists up to limit products ever
	// recognised (a recognition date set) without a current certificate.
	ProductsWithoutCertificate(ctx context.Context, limit int) ([]int64, error)

	SigningKeys(ctx context.Context) ([]*SigningKey, error)
	// CreateSigningKey stores k; an active k while another key is active
	// is ECONFLICT, so instances starting together make one key.
	CreateSigningKey(ctx context.Context, k *SigningKey) error
	// RetireSigningKey makes key id no longer the one that signs.
	RetireSigningKey(ctx context.Context, id string, at time.Time) error
}

// CheckReadCertificatePDF lets the product's enterprise and the city's
// staff download the certificate itself; the public verifies it instead.
func CheckReadCertificatePDF(a *Actor, enterpriseID int64) error {
	if a.IsPublic() {
		return NotFound("证书")
	}
	if a.Role() == RoleEnterprise {
		if a.User.EnterpriseID != enterpriseID {
			return NotFound("证书")
		}
		return nil
	}
	if a.Role().SeesAllEnterprises() {
		return nil
	}
	return NotFound("证书")
}
