package service_test

import (
	"context"
	"fmt"
	"log/slog"
	"testing"

	"firstset"
	"firstset/dbtest"
	"firstset/service"
)

// BenchmarkLogin measures how a login ends, on each database: refused by
// the address's limit (what a flood costs: no password is hashed), a wrong
// password, and a right one (hashing, the session, the audit entry). The
// wrong and right cases run with limits too high to be reached.
func BenchmarkLogin(b *testing.B) {
	stores := []struct {
		name string
		open func(testing.TB) firstset.Store
	}{{"sqlite", dbtest.SQLite}, {"postgres", dbtest.Postgres}}
	for _, db := range stores {
		b.Run(db.name, func(b *testing.B) {
			store := db.open(b)
			cfg := service.DefaultConfig
			cfg.MaxFailuresPerUser, cfg.MaxFailuresPerIP = 1<<30, 1<<30
			open := service.New(store, cfg, slog.New(slog.DiscardHandler))
			limited := service.New(store, service.DefaultConfig, slog.New(slog.DiscardHandler))
			sys := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
			if _, err := open.CreateUser(sys, firstset.UserInput{Username: "bench", Name: "压测", Role: firstset.RoleReviewer, Password: pw}); err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()

			for i := range service.DefaultConfig.MaxFailuresPerIP {
				limited.Login(ctx, fmt.Sprintf("guess%d", i), "wrong", "10.7.0.1", "bench")
			}
			b.Run("refused", func(b *testing.B) {
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						if _, _, err := limited.Login(ctx, "guess", "wrong", "10.7.0.1", "bench"); firstset.ErrorCode(err) != firstset.ERATELIMITED {
							b.Errorf("a login from a locked address: %v", err)
						}
					}
				})
			})
			b.Run("wrong", func(b *testing.B) {
				for b.Loop() {
					if _, _, err := open.Login(ctx, "bench", "Wrong-Passw0rd", "10.7.0.2", "bench"); firstset.ErrorCode(err) != firstset.EUNAUTHORIZED {
						b.Fatal(err)
					}
				}
			})
			b.Run("right", func(b *testing.B) {
				for b.Loop() {
					if _, _, err := open.Login(ctx, "bench", pw, "10.7.0.3", "bench"); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}
