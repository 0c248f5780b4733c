// Package storetest is the contract every firstset.Store passes: one
// suite, run by each database package against its own store, so services
// can rely on the behaviour documented in the firstset package.
package storetest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"firstset"
)

// Run runs the contract suite. open returns a new, migrated, empty store
// for each subtest and arranges its cleanup.
func Run(t *testing.T, open func(t *testing.T) firstset.Store) {
	// One list per area, each in the file of that area.
	for _, tc := range slices.Concat(
		storeTests,
		enterpriseTests,
		userTests,
		oidcTests,
		productTests,
		catalogTests,
		authTests,
		idempotencyTests,
		auditTests,
		caseTests,
		recognitionTests,
		calendarTests,
		certificateTests,
		articleTests,
	) {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, open(t))
		})
	}
}

// test is one subtest of Run: it gets a new, empty store.
type test struct {
	name string
	fn   func(t *testing.T, s firstset.Store)
}

// errRollback is returned by an Update's fn to roll it back.
var errRollback = errors.New("roll back")

func update(t *testing.T, s firstset.Store, fn func(tx firstset.Tx) error) {
	t.Helper()
	if err := s.Update(context.Background(), fn); err != nil {
		t.Fatalf("update: %v", err)
	}
}

func view(t *testing.T, s firstset.Store, fn func(tx firstset.Tx) error) {
	t.Helper()
	if err := s.View(context.Background(), fn); err != nil {
		t.Fatalf("view: %v", err)
	}
}

// wantCode checks that err is a *firstset.Error with code and, when field
// is not empty, that field.
func wantCode(t *testing.T, err error, code, field string) {
	t.Helper()
	e, ok := firstset.AsError(err)
	if !ok {
		t.Fatalf("want %s error, got %v", code, err)
	}
	if e.Code != code {
		t.Fatalf("want code %s, got %s (%v)", code, e.Code, err)
	}
	if field != "" && e.Field != field {
		t.Fatalf("want field %q, got %q (%v)", field, e.Field, err)
	}
	if e.Message == "" {
		t.Fatalf("error without a message: %v", err)
	}
}

// wantDetail checks that err names its one field with code, as the
// services' own input checks do, so that callers see one shape.
func wantDetail(t *testing.T, err error, code string) {
	t.Helper()
	e, _ := firstset.AsError(err)
	if e == nil || len(e.Fields) != 1 || e.Fields[0].Field != e.Field || e.Fields[0].Code != code ||
		e.Fields[0].Message != e.Message {
		t.Fatalf("want %s on the field, got %+v", code, e)
	}
}

// at is a fixed time with microseconds, which every store keeps.
func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

func sameTime(t *testing.T, what string, got, want time.Time) {
	t.Helper()
	if !got.Equal(want) {
		t.Fatalf("%s = %s, want %s", what, got.Format(time.RFC3339Nano), want.Format(time.RFC3339Nano))
	}
	if got.Location() != time.UTC {
		t.Fatalf("%s is in %s, want UTC", what, got.Location())
	}
}
