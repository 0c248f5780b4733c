package service_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"firstset"
	"firstset/dbtest"
	"firstset/document"
	"firstset/service"
)

// TestSigningKeyFile: a key given in a file (created on first use, owner
// only) signs, its public half is published beside the database's keys,
// and a second start reads the same key.
func TestSigningKeyFile(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		now := time.Date(2026, 6, 1, 1, 0, 0, 0, time.UTC)
		svc, ids := expiryWorld(t, store, 1, func() time.Time { return now })
		sys := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
		before, err := svc.ProductCertificate(sys, ids[0])
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "signing.pem")
		if err := svc.UseSigningKeyFile(sys, path); err != nil {
			t.Fatal(err)
		}
		if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
			t.Fatalf("key file: %v %v", st, err)
		}
		data, _ := os.ReadFile(path)
		key, err := document.ParseSigningKey(data)
		if err != nil {
			t.Fatal(err)
		}
		// Re-dating issues a certificate signed by the file's key.
		reviewer, err := svc.CreateUser(sys, firstset.UserInput{Username: "rev", Name: "审核", Role: firstset.RoleReviewer, Password: pw})
		if err != nil {
			t.Fatal(err)
		}
		p, err := svc.FindProductByID(sys, ids[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.AdjustProduct(firstset.NewContextWithActor(context.Background(), &firstset.Actor{User: reviewer}), ids[0],
			firstset.AdjustmentInput{Action: firstset.AdjustSetValidUntil, Reason: "延长", ValidUntil: p.Validity.AddDays(30)}); err != nil {
			t.Fatal(err)
		}
		after, err := svc.ProductCertificate(sys, ids[0])
		if err != nil || after.KeyID != key.ID || after.KeyID == before.KeyID {
			t.Fatalf("certificate signed by %s, the file's key is %s (%v)", after.KeyID, key.ID, err)
		}
		ringJSON, err := svc.CertificateKeys(sys)
		if err != nil {
			t.Fatal(err)
		}
		ring, err := document.ParseKeyRing(ringJSON)
		if err != nil || len(ring.Keys) != 2 {
			t.Fatalf("ring %v %v", ring, err)
		}
		for _, c := range []*firstset.Certificate{before, after} {
			if _, err := document.VerifyCertificate(c.Token, ring); err != nil {
				t.Fatalf("certificate %s: %v", c.Number, err)
			}
		}
		// Another instance given the same file signs with the same key.
		other := service.New(store, service.DefaultConfig, slog.New(slog.DiscardHandler))
		if err := other.UseSigningKeyFile(sys, path); err != nil {
			t.Fatal(err)
		}
		if again, _ := os.ReadFile(path); string(again) != string(data) {
			t.Fatal("the key file was rewritten")
		}
		// A file that is not a key is refused.
		bad := filepath.Join(t.TempDir(), "bad.pem")
		os.WriteFile(bad, []byte("not a key"), 0o600)
		if err := other.UseSigningKeyFile(sys, bad); err == nil {
			t.Fatal("a file that is not a key is used")
		}
	})
}
