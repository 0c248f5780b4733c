package storetest

import (
	"context"
	"testing"
	"time"

	"firstset"
)

// testUnstorableText: text a database cannot hold (PostgreSQL refuses NUL
// bytes and bytes that are not UTF-8; SQLite keeps them) is an input
// error, never an internal one, whether written or searched for. The
// services refuse such text before it gets here; this is the net below.
func testUnstorableText(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	for _, text := range []string{"类别\x00", "类别\xff"} {
		attempts := map[string]func(tx firstset.Tx) error{
			"create category": func(tx firstset.Tx) error {
				return tx.CreateCategory(ctx, &firstset.Category{Name: text, Sort: 1})
			},
			"search enterprises": func(tx firstset.Tx) error {
				_, _, err := tx.ListEnterprises(ctx, firstset.EnterpriseFilter{Query: text})
				return err
			},
			"look up a user": func(tx firstset.Tx) error {
				_, err := tx.UserByUsername(ctx, text)
				if firstset.ErrorCode(err) == firstset.ENOTFOUND {
					return nil
				}
				return err
			},
			"count login failures": func(tx firstset.Tx) error {
				_, err := tx.CountLoginFailures(ctx, "user:"+text, time.Now().Add(-time.Hour))
				return err
			},
			"clear login failures": func(tx firstset.Tx) error {
				return tx.ClearLoginFailures(ctx, "user:"+text)
			},
		}
		for what, fn := range attempts {
			err := s.Update(ctx, fn)
			if err == nil {
				if s.Dialect() == "postgres" {
					t.Errorf("%s with %q: PostgreSQL stored it", what, text)
				}
				continue
			}
			if code := firstset.ErrorCode(err); code != firstset.EINVALID {
				t.Errorf("%s with %q: %v (code %s), want an invalid-input error", what, text, err, code)
			}
			if firstset.ErrorMessage(err) == "" {
				t.Errorf("%s with %q: no message", what, text)
			}
		}
	}
}
