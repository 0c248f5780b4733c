package storetest

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"firstset"
)

// authTests check the AuthStore contract.
var authTests = []test{
	{"Sessions", testSessions},
	{"APITokens", testAPITokens},
	{"LoginFailures", testLoginFailures},
}

func testSessions(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	u := createUser(t, s, &firstset.User{Username: "u1", Role: firstset.RoleAdmin})
	u2 := createUser(t, s, &firstset.User{Username: "u2", Role: firstset.RoleReviewer})
	now := at("2025-03-01T12:00:00.000001Z")
	live := &firstset.Session{TokenHash: "h-live", UserID: u.ID, CSRFToken: "csrf1", UserAgent: "Mozilla/5.0",
		IP: "10.0.0.1", CreatedAt: now.Add(-time.Hour), ExpiresAt: now.Add(time.Hour)}
	dead := &firstset.Session{TokenHash: "h-dead", UserID: u.ID, CreatedAt: now.Add(-2 * time.Hour), ExpiresAt: now.Add(-time.Second)}
	edge := &firstset.Session{TokenHash: "h-edge", UserID: u2.ID, CreatedAt: now.Add(-2 * time.Hour), ExpiresAt: now}
	other := &firstset.Session{TokenHash: "h-other", UserID: u2.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	update(t, s, func(tx firstset.Tx) error {
		for _, x := range []*firstset.Session{live, dead, edge, other} {
			if err := tx.CreateSession(ctx, x); err != nil {
				return err
			}
			if x.ID == 0 {
				t.Fatal("CreateSession did not set the id")
			}
		}
		return nil
	})
	view(t, s, func(tx firstset.Tx) error {
		got, err := tx.SessionByTokenHash(ctx, "h-live")
		if err != nil {
			return err
		}
		sameTime(t, "session created_at", got.CreatedAt, live.CreatedAt)
		sameTime(t, "session expires_at", got.ExpiresAt, live.ExpiresAt)
		got.CreatedAt, got.ExpiresAt = live.CreatedAt, live.ExpiresAt
		if *got != *live {
			t.Fatalf("session\n got %+v\nwant %+v", got, live)
		}
		_, err = tx.SessionByTokenHash(ctx, "h-none")
		wantCode(t, err, firstset.ENOTFOUND, "")
		return nil
	})
	// Sessions expiring at or before now go; the others stay.
	update(t, s, func(tx firstset.Tx) error {
		n, err := tx.DeleteExpiredSessions(ctx, now)
		if n != 2 {
			t.Fatalf("DeleteExpiredSessions removed %d, want 2", n)
		}
		return err
	})
	sessionsLeft := func(want ...string) {
		t.Helper()
		view(t, s, func(tx firstset.Tx) error {
			for _, h := range []string{"h-live", "h-dead", "h-edge", "h-other"} {
				_, err := tx.SessionByTokenHash(ctx, h)
				has := err == nil
				if err != nil && firstset.ErrorCode(err) != firstset.ENOTFOUND {
					return err
				}
				if has != slices.Contains(want, h) {
					t.Fatalf("session %s present = %v, want %v", h, has, !has)
				}
			}
			return nil
		})
	}
	sessionsLeft("h-live", "h-other")
	update(t, s, func(tx firstset.Tx) error { return tx.DeleteUserSessions(ctx, u2.ID) })
	sessionsLeft("h-live")
	update(t, s, func(tx firstset.Tx) error { return tx.DeleteSession(ctx, "h-live") })
	sessionsLeft()
	// Logging out twice is harmless.
	update(t, s, func(tx firstset.Tx) error { return tx.DeleteSession(ctx, "h-live") })
}

func testAPITokens(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	u := createUser(t, s, &firstset.User{Username: "robot", Role: firstset.RoleReviewer})
	u2 := createUser(t, s, &firstset.User{Username: "other", Role: firstset.RoleReviewer})
	exp := at("2026-01-01T00:00:00.5Z")
	tk := &firstset.APIToken{UserID: u.ID, Name: "目录同步", Prefix: "fs_ab12", Hash: "hash-1",
		Scopes:    []firstset.Scope{firstset.ScopeCatalogRead, firstset.ScopeProductsRead},
		CreatedAt: at("2025-01-01T00:00:00.000007Z"), ExpiresAt: &exp}
	tk2 := &firstset.APIToken{UserID: u.ID, Name: "无范围", Prefix: "fs_cd34", Hash: "hash-2"}
	tk3 := &firstset.APIToken{UserID: u2.ID, Name: "别人的", Prefix: "fs_ef56", Hash: "hash-3", Scopes: []firstset.Scope{firstset.ScopeUsersAdmin}}
	update(t, s, func(tx firstset.Tx) error {
		for _, x := range []*firstset.APIToken{tk, tk2, tk3} {
			if err := tx.CreateAPIToken(ctx, x); err != nil {
				return err
			}
		}
		return nil
	})
	sameToken := func(got, want *firstset.APIToken) {
		t.Helper()
		sameTime(t, "token created_at", got.CreatedAt, want.CreatedAt)
		for _, p := range [][2]*time.Time{{got.ExpiresAt, want.ExpiresAt}, {got.LastUsedAt, want.LastUsedAt}, {got.RevokedAt, want.RevokedAt}} {
			if (p[0] == nil) != (p[1] == nil) {
				t.Fatalf("token time: got %v, want %v", p[0], p[1])
			}
			if p[0] != nil {
				sameTime(t, "token time", *p[0], *p[1])
			}
		}
		g, w := *got, *want
		g.CreatedAt, g.ExpiresAt, g.LastUsedAt, g.RevokedAt = time.Time{}, nil, nil, nil
		w.CreatedAt, w.ExpiresAt, w.LastUsedAt, w.RevokedAt = time.Time{}, nil, nil, nil
		if len(g.Scopes) == 0 && len(w.Scopes) == 0 {
			g.Scopes, w.Scopes = nil, nil
		}
		if !reflect.DeepEqual(g, w) {
			t.Fatalf("token\n got %+v\nwant %+v", g, w)
		}
	}
	view(t, s, func(tx firstset.Tx) error {
		got, err := tx.APITokenByHash(ctx, "hash-1")
		if err != nil {
			return err
		}
		sameToken(got, tk)
		got, err = tx.APITokenByID(ctx, tk2.ID)
		if err != nil {
			return err
		}
		sameToken(got, tk2)
		list, err := tx.ListAPITokens(ctx, u.ID)
		if err != nil {
			return err
		}
		if len(list) != 2 || list[0].ID != tk.ID || list[1].ID != tk2.ID {
			t.Fatalf("ListAPITokens: %d tokens", len(list))
		}
		_, err = tx.APITokenByHash(ctx, "nope")
		wantCode(t, err, firstset.ENOTFOUND, "")
		_, err = tx.APITokenByID(ctx, tk3.ID+10)
		wantCode(t, err, firstset.ENOTFOUND, "")
		return nil
	})

	used := at("2025-02-01T08:00:00.000001Z")
	revoked := at("2025-02-02T08:00:00.000002Z")
	update(t, s, func(tx firstset.Tx) error {
		if err := tx.TouchAPIToken(ctx, tk.ID, used); err != nil {
			return err
		}
		return tx.RevokeAPIToken(ctx, tk.ID, revoked)
	})
	// Revoking again keeps the first revocation time.
	update(t, s, func(tx firstset.Tx) error { return tx.RevokeAPIToken(ctx, tk.ID, revoked.Add(time.Hour)) })
	tk.LastUsedAt, tk.RevokedAt = &used, &revoked
	view(t, s, func(tx firstset.Tx) error {
		got, err := tx.APITokenByID(ctx, tk.ID)
		if err != nil {
			return err
		}
		sameToken(got, tk)
		other, err := tx.APITokenByID(ctx, tk2.ID)
		if err != nil {
			return err
		}
		sameToken(other, tk2)
		return nil
	})
	err := s.Update(ctx, func(tx firstset.Tx) error { return tx.RevokeAPIToken(ctx, tk3.ID+10, revoked) })
	wantCode(t, err, firstset.ENOTFOUND, "")
	err = s.Update(ctx, func(tx firstset.Tx) error { return tx.TouchAPIToken(ctx, tk3.ID+10, used) })
	wantCode(t, err, firstset.ENOTFOUND, "")
}

func testLoginFailures(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	base := at("2025-04-01T10:00:00Z")
	var ids []int64
	update(t, s, func(tx firstset.Tx) error {
		for i := 0; i < 5; i++ {
			id, err := tx.RecordLoginFailure(ctx, "user:alice", base.Add(time.Duration(i)*time.Minute))
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		_, err := tx.RecordLoginFailure(ctx, "ip:10.0.0.9", base)
		return err
	})
	count := func(key string, since time.Time, want int) {
		t.Helper()
		view(t, s, func(tx firstset.Tx) error {
			n, err := tx.CountLoginFailures(ctx, key, since)
			if n != want {
				t.Fatalf("CountLoginFailures(%s, %s) = %d, want %d", key, since, n, want)
			}
			return err
		})
	}
	count("user:alice", base, 5)
	count("user:alice", base.Add(2*time.Minute), 3) // the window includes its start
	count("user:alice", base.Add(2*time.Minute+time.Microsecond), 2)
	count("user:alice", base.Add(time.Hour), 0)
	count("ip:10.0.0.9", base.Add(-time.Hour), 1)
	count("user:bob", base.Add(-time.Hour), 0)
	// One recorded attempt is taken back by its id, and only that one.
	if ids[0] == ids[1] {
		t.Fatalf("two failures share the id %d", ids[0])
	}
	update(t, s, func(tx firstset.Tx) error { return tx.DeleteLoginFailure(ctx, ids[4]) })
	count("user:alice", base, 4)
	count("user:alice", base.Add(4*time.Minute), 0)
	update(t, s, func(tx firstset.Tx) error { return tx.DeleteLoginFailure(ctx, ids[4]) }) // gone already: no error
	update(t, s, func(tx firstset.Tx) error { return tx.ClearLoginFailures(ctx, "user:alice") })
	count("user:alice", base.Add(-time.Hour), 0)
	count("ip:10.0.0.9", base.Add(-time.Hour), 1)

	// Old failures are pruned by age, whatever their key; the cut-off
	// itself stays.
	update(t, s, func(tx firstset.Tx) error {
		for _, m := range []int{0, 5, 10} {
			if _, err := tx.RecordLoginFailure(ctx, "user:carol", base.Add(time.Duration(m)*time.Minute)); err != nil {
				return err
			}
		}
		n, err := tx.DeleteLoginFailuresBefore(ctx, base.Add(5*time.Minute))
		if err == nil && n != 2 {
			t.Fatalf("DeleteLoginFailuresBefore removed %d, want 2 (carol's first, the address's)", n)
		}
		return err
	})
	count("user:carol", base.Add(-time.Hour), 2)
	count("ip:10.0.0.9", base.Add(-time.Hour), 0)
}
