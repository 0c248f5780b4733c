package firstset

import (
	"context"
	"time"
)

// OIDCIdentity is who the city's unified identity provider (统一身份认证)
// says signed in: the verified ID token's issuer and subject, which name
// the person for good, with the name and email it gave, which only help
// an administrator recognise a pending request.
type OIDCIdentity struct {
	Issuer  string
	Subject string
	Name    string
	Email   string
}

// OIDCRequest is a sign-in through the identity provider by a subject no
// platform user is linked to: kept, once per subject, for an
// administrator to link to a user or to leave.
type OIDCRequest struct {
	ID       int64     `json:"id"`
	Issuer   string    `json:"issuer"`
	Subject  string    `json:"subject"`
	Name     string    `json:"name,omitempty"`
	Email    string    `json:"email,omitempty"`
	IP       string    `json:"ip,omitempty"`
	Attempts int       `json:"attempts"`
	FirstAt  time.Time `json:"first_at"`
	LastAt   time.Time `json:"last_at"`
}

// OIDCStore is the identity provider's part of a Tx: the users linked to
// its subjects (the users' own columns) and the pending requests.
type OIDCStore interface {
	UserByOIDCSubject(ctx context.Context, issuer, subject string) (*User, error)
	// RecordOIDCRequest adds r, or counts one more attempt (with r's
	// name, email, address and time) on the request of its subject.
	RecordOIDCRequest(ctx context.Context, r *OIDCRequest) error
	OIDCRequestByID(ctx context.Context, id int64) (*OIDCRequest, error)
	// ListOIDCRequests lists the pending requests of issuer's subjects,
	// the latest first.
	ListOIDCRequests(ctx context.Context, issuer string, limit int) ([]*OIDCRequest, error)
	// DeleteOIDCRequest removes the request of a subject, if any.
	DeleteOIDCRequest(ctx context.Context, issuer, subject string) error
}
