package firstset

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"time"
)

// Error codes of the Idempotency-Key layer.
const (
	// EIDEMPOTENCYMISMATCH: the key was used for a request with another body.
	EIDEMPOTENCYMISMATCH = "idempotency_mismatch"
	// EIDEMPOTENCYUNFINISHED: the request under the key was carried out and
	// its change stored, but its answer was never kept (the server stopped
	// in between); the message names what was stored.
	EIDEMPOTENCYUNFINISHED = "idempotency_unfinished"
	// EIDEMPOTENCYWITHHELD: the request under the key was carried out, but
	// its answer held a secret shown once (a new API token's), so it is not
	// kept to replay; the message names what was created.
	EIDEMPOTENCYWITHHELD = "idempotency_withheld"
)

// States of a stored Idempotency-Key.
const (
	// IdempotencyCommitted: a change made under the key has committed; its
	// answer is not stored yet.
	IdempotencyCommitted = "committed"
	// IdempotencyAnswered: the answer is stored and is replayed to retries.
	IdempotencyAnswered = "answered"
	// IdempotencyWithheld: the request was answered with a secret, which is
	// not kept; retries are told what was created instead.
	IdempotencyWithheld = "withheld"
)

// IdempotencyScope is the stored name of key sent by a: keys belong to
// the credential that sent them, a user's browser sessions or one of its
// API tokens, so a retry is only ever answered with what the same
// credential was answered, and a narrow token cannot replay the answer
// to a request it would be refused.
func IdempotencyScope(a *Actor, key string) string {
	cred := "s"
	if a.Token != nil {
		cred = "t" + strconv.FormatInt(a.Token.ID, 10)
	}
	return strconv.FormatInt(a.ID(), 10) + ":" + cred + ":" + key
}

// IdempotentResponse is what is stored for a POST carrying an
// Idempotency-Key: the claim written with its change, then the answer,
// replayed when the same request is retried.
type IdempotentResponse struct {
	Key         string // the caller's key, scoped by credential (IdempotencyScope)
	RequestHash string // the request's hash: a different body with the same key is refused
	State       string // IdempotencyCommitted, IdempotencyAnswered or IdempotencyWithheld ("" is read as answered)
	Status      int    // the answer's HTTP status, 0 until answered
	Body        []byte
	// Entity and EntityID name the last audit entry of the change made
	// under the key, if any: what a caller whose answer was lost can look up.
	Entity    string
	EntityID  int64
	CreatedAt time.Time
}

// Answered reports whether r holds an answer to replay.
func (r *IdempotentResponse) Answered() bool {
	return r.State == "" || r.State == IdempotencyAnswered
}

// Withheld reports whether r's request was answered with a secret that is
// not kept.
func (r *IdempotentResponse) Withheld() bool { return r.State == IdempotencyWithheld }

// ErrIdempotencyKeyClaimed is what an Update returns, having stored
// nothing, when the Idempotency-Key it carries was already claimed by
// another request's committed change (on PostgreSQL the Update first waits
// for a transaction holding the key to end).
var ErrIdempotencyKeyClaimed = &Error{Code: ECONFLICT, Field: "Idempotency-Key",
	Message: "同一 Idempotency-Key 的请求已由另一请求执行，本次未重复执行。"}

// IdempotencyClaim is an Idempotency-Key carried through one request in
// its context. The first Update of the request to succeed records the
// claim (key, request hash, time, and the last audit entry it appended)
// in its own transaction, so a keyed change and its claim commit together
// or not at all. The key is written before the Update's fn runs: if it is
// already recorded, the Update stores nothing and fails with
// ErrIdempotencyKeyClaimed, before the duplicate could meet the first
// request's writes (a patent or credit code already taken).
type IdempotencyClaim struct {
	Key         string
	RequestHash string
	At          time.Time

	mu       sync.Mutex
	state    claimState
	entity   string
	entityID int64
	secret   bool
}

// HoldsSecret is called by a service whose answer carries a secret shown
// once (a new API token): the answer is then not kept for retries.
func (c *IdempotencyClaim) HoldsSecret() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.secret = true
}

// Secret reports whether the request's answer carries a secret.
func (c *IdempotencyClaim) Secret() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.secret
}

type claimState int

const (
	claimFree      claimState = iota // no Update has recorded it yet
	claimWriting                     // an Update holding it is under way
	claimCommitted                   // recorded by a committed Update
	claimLost                        // another request holds the key
)

// Take is called by a store as an Update begins. It reports whether this
// Update is to record the claim: true for the first Update while no other
// holds it. A lost claim fails every later Update of the request, so
// nothing of a duplicate is stored.
func (c *IdempotencyClaim) Take() (bool, error) {
	if c == nil {
		return false, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	switch c.state {
	case claimFree:
		c.state = claimWriting
		return true, nil
	case claimLost:
		return false, ErrIdempotencyKeyClaimed
	}
	return false, nil
}

// Settle is called by a store when an Update that took the claim has
// ended with err; entity and id name its last audit entry.
func (c *IdempotencyClaim) Settle(err error, entity string, id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case err == nil:
		c.state, c.entity, c.entityID = claimCommitted, entity, id
	case errors.Is(err, ErrIdempotencyKeyClaimed):
		c.state = claimLost
	default:
		// Nothing committed: a later Update of the request may record it.
		c.state = claimFree
	}
}

// Committed reports whether a change made under the claim has committed,
// and what its last audit entry named.
func (c *IdempotencyClaim) Committed() (entity string, id int64, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.entity, c.entityID, c.state == claimCommitted
}

// Lost reports whether another request's committed change holds the key.
func (c *IdempotencyClaim) Lost() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.state == claimLost
}

type claimKey struct{}

// NewContextWithIdempotencyClaim returns ctx carrying c, for the Updates
// of one request.
func NewContextWithIdempotencyClaim(ctx context.Context, c *IdempotencyClaim) context.Context {
	return context.WithValue(ctx, claimKey{}, c)
}

// IdempotencyClaimFromContext returns the claim ctx carries, or nil.
func IdempotencyClaimFromContext(ctx context.Context) *IdempotencyClaim {
	c, _ := ctx.Value(claimKey{}).(*IdempotencyClaim)
	return c
}

// IdempotencyService makes a POST carrying an Idempotency-Key safe to
// retry on any instance: it is carried out once, and every retry gets the
// first answer.
type IdempotencyService interface {
	// BeginIdempotent looks up the caller's key for a request whose
	// method, path and body hash to requestHash. It returns the stored
	// answer to replay, waiting a while for one that another request is
	// still giving; or a claim to carry in the request's context (see
	// IdempotencyClaim) when the key is free; or neither for a caller
	// without keys of their own (the public). The key with another
	// request is EIDEMPOTENCYMISMATCH; a change committed under it whose
	// answer was never stored is EIDEMPOTENCYUNFINISHED.
	BeginIdempotent(ctx context.Context, key, requestHash string) (*IdempotentResponse, *IdempotencyClaim, error)
	// FinishIdempotent stores the answer given under claim, when it is to
	// be kept: always once a change committed under the claim, otherwise
	// only a success (a refused request leaves the key free, so a
	// corrected request may use it).
	FinishIdempotent(ctx context.Context, claim *IdempotencyClaim, status int, body []byte) error
}

// IdempotencyStore is the idempotency keys' part of a Tx.
type IdempotencyStore interface {
	// IdempotentResponse returns what is stored for key: a committed
	// claim or an answer.
	IdempotentResponse(ctx context.Context, key string) (*IdempotentResponse, error)
	// SaveIdempotentResponse stores an answer under a key not yet stored;
	// a key already stored is ECONFLICT.
	SaveIdempotentResponse(ctx context.Context, r *IdempotentResponse) error
	// AnswerIdempotencyClaim stores the answer of the request whose change
	// committed the claim on key with requestHash, in state (answered, or
	// withheld with no body); ENOTFOUND if there is no such claim waiting
	// for its answer.
	AnswerIdempotencyClaim(ctx context.Context, key, requestHash, state string, status int, body []byte) error
	// DeleteIdempotentResponsesBefore removes responses stored before before.
	DeleteIdempotentResponsesBefore(ctx context.Context, before time.Time) (int64, error)
}
