package firstset

import (
	"context"
	"time"

	"firstset/date"
)

// ParameterChange is a policy parameter's new value from a date on, stored
// by an administrator when a later policy changes a ratio, a cap or a
// period (POLICY.md: parameters are data with an effective date). The
// values the platform starts with are the policy package's own; stored
// changes extend them and never rewrite a value already in force.
type ParameterChange struct {
	ID int64 `json:"id"`
	// PreviousID is the last stored change its writer saw, 0 for the
	// first: a change builds on one state of the parameters.
	PreviousID int64 `json:"previous_id"`
	// Param is the parameter's id, e.g. "premium.rate_cap".
	Param string `json:"param"`
	// From is the first day the value applies to: the contract date of a
	// purchase, the start of a policy period, the day of a recognition.
	From date.Date `json:"from"`
	// Value is the value as the engine encodes it ("3/100", "5000000.00",
	// "3", "true", "rank_order"); Display is the same for a person.
	Value   string `json:"value"`
	Display string `json:"display"`
	// Source is the document the value comes from.
	Source        string    `json:"source"`
	CreatedBy     int64     `json:"created_by"`
	CreatedByName string    `json:"created_by_name,omitempty"`
	CreatedAt     time.Time `json:"created_at"`
	// Version is the engine version the change produced.
	Version string `json:"version"`
}

// ParameterChangeInput is an administrator's change. Value is read as the
// parameter's kind: a ratio as "3%" or "3/100", money in yuan, a count, a
// score in points ("60"), a switch true/false, a reading by its id.
type ParameterChangeInput struct {
	Param  string `json:"param"`
	From   string `json:"from"`
	Value  string `json:"value"`
	Source string `json:"source"`
}

// Parameter is one policy parameter with every dated value.
type Parameter struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Kind    string   `json:"kind"` // ratio, money, int, bool, choice, score
	Clauses []string `json:"clauses"`
	// Choices are the readings a choice parameter may take.
	Choices []string         `json:"choices,omitempty"`
	Values  []ParameterValue `json:"values"`
}

// ParameterValue is a value in force from a date on; Stored marks one an
// administrator added (its ChangeID), as against the platform's own.
type ParameterValue struct {
	From     date.Date `json:"from"`
	Value    string    `json:"value"`
	Display  string    `json:"display"`
	Source   string    `json:"source"`
	Stored   bool      `json:"stored"`
	ChangeID int64     `json:"change_id,omitempty"`
	// InForce marks the value that applies today.
	InForce bool `json:"in_force"`
}

// ParameterTable is every parameter and the engine version they make.
type ParameterTable struct {
	Version    string      `json:"version"`
	Today      date.Date   `json:"today"`
	Parameters []Parameter `json:"parameters"`
	// Changes are the stored changes, newest first.
	Changes []*ParameterChange `json:"changes"`
}

// ParameterChangeResult is a stored change and what followed from it.
type ParameterChangeResult struct {
	Change *ParameterChange `json:"change"`
	// Version is the engine version now in force; Previous the one before.
	Version  string `json:"version"`
	Previous string `json:"previous_version"`
}

// ParameterService keeps the policy parameters. Everyone may read them; an
// administrator adds a change, after which every computation uses it for
// the dates it covers and the offers from insurers' data are recomputed.
type ParameterService interface {
	Parameters(ctx context.Context) (*ParameterTable, error)
	AddParameterChange(ctx context.Context, in ParameterChangeInput) (*ParameterChangeResult, error)
}

// ParameterStore keeps the stored changes.
type ParameterStore interface {
	// ParameterChanges lists every stored change in the order stored.
	ParameterChanges(ctx context.Context) ([]*ParameterChange, error)
	// LatestParameterChange is the id of the last stored change, 0 when
	// there is none: an instance compares it with what it has loaded.
	LatestParameterChange(ctx context.Context) (int64, error)
	// CreateParameterChange stores c and sets its ID; a second value of a
	// parameter from the same day, or a second change built on the same
	// PreviousID, is ECONFLICT.
	CreateParameterChange(ctx context.Context, c *ParameterChange) error
}

// CheckManageParameters is the refusal of changing policy parameters: only
// the platform's administrators.
func CheckManageParameters(a *Actor) error {
	if err := a.RequireRole(RoleAdmin); err != nil {
		return err
	}
	return checkScope(a, ScopeParametersWrite)
}
