package storetest

import (
	"context"
	"testing"
	"time"

	"firstset"
)

// userTests check the UserStore contract.
var userTests = []test{
	{"Users", testUsers},
}

func sameUser(t *testing.T, got, want *firstset.User) {
	t.Helper()
	sameTime(t, "user created_at", got.CreatedAt, want.CreatedAt)
	sameTime(t, "user updated_at", got.UpdatedAt, want.UpdatedAt)
	g, w := *got, *want
	g.CreatedAt, g.UpdatedAt, w.CreatedAt, w.UpdatedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if g != w {
		t.Fatalf("user\n got %+v\nwant %+v", g, w)
	}
}

func createUser(t *testing.T, s firstset.Store, u *firstset.User) *firstset.User {
	t.Helper()
	update(t, s, func(tx firstset.Tx) error { return tx.CreateUser(context.Background(), u) })
	if u.ID == 0 {
		t.Fatal("CreateUser did not set the id")
	}
	return u
}

func testUsers(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	e := createEnterprise(t, s, newEnterprise(1, "500112"))
	ent := createUser(t, s, &firstset.User{
		Username: "cqjc", Name: "王芳", Role: firstset.RoleEnterprise, EnterpriseID: e.ID,
		Phone: "13800000001", Email: "wf@example.cn", PasswordHash: "$argon2id$v=19$m=65536,t=1,p=4$c2FsdA$aGFzaA",
		CreatedAt: at("2024-05-01T01:02:03.000004Z"), UpdatedAt: at("2024-05-01T01:02:03.000004Z"),
	})
	dist := createUser(t, s, &firstset.User{
		Username: "yubei", Name: "渝北区经信委", Role: firstset.RoleDistrict, DistrictCode: "500112",
		Disabled: true, PasswordHash: "x",
	})
	if dist.CreatedAt.IsZero() {
		t.Fatal("a zero CreatedAt must be stamped with the current time")
	}
	admin := createUser(t, s, &firstset.User{Username: "admin", Name: "管理员", Role: firstset.RoleAdmin, PasswordHash: "y"})

	view(t, s, func(tx firstset.Tx) error {
		for _, want := range []*firstset.User{ent, dist, admin} {
			got, err := tx.UserByID(ctx, want.ID)
			if err != nil {
				return err
			}
			sameUser(t, got, want)
			got, err = tx.UserByUsername(ctx, want.Username)
			if err != nil {
				return err
			}
			sameUser(t, got, want)
		}
		_, err := tx.UserByID(ctx, admin.ID+100)
		wantCode(t, err, firstset.ENOTFOUND, "")
		_, err = tx.UserByUsername(ctx, "nobody")
		wantCode(t, err, firstset.ENOTFOUND, "")
		return nil
	})

	err := s.Update(ctx, func(tx firstset.Tx) error {
		return tx.CreateUser(ctx, &firstset.User{Username: "cqjc", Role: firstset.RoleBuyer, PasswordHash: "z"})
	})
	wantCode(t, err, firstset.ECONFLICT, "username")
	renamed := *admin
	renamed.Username = "yubei"
	err = s.Update(ctx, func(tx firstset.Tx) error { return tx.UpdateUser(ctx, &renamed) })
	wantCode(t, err, firstset.ECONFLICT, "username")

	// Moving a user off its enterprise stores no enterprise (0), not a dangling 0 id.
	ent.Role, ent.EnterpriseID, ent.DistrictCode, ent.Disabled = firstset.RoleDistrict, 0, "500107", true
	ent.Name, ent.PasswordHash = "王芳（区县）", "new-hash"
	ent.UpdatedAt = at("2024-06-01T00:00:00.000001Z")
	update(t, s, func(tx firstset.Tx) error { return tx.UpdateUser(ctx, ent) })
	view(t, s, func(tx firstset.Tx) error {
		got, err := tx.UserByID(ctx, ent.ID)
		if err != nil {
			return err
		}
		sameUser(t, got, ent)
		return nil
	})
	ghost := &firstset.User{ID: admin.ID + 100, Username: "ghost", Role: firstset.RoleAdmin}
	err = s.Update(ctx, func(tx firstset.Tx) error { return tx.UpdateUser(ctx, ghost) })
	wantCode(t, err, firstset.ENOTFOUND, "")

	buyer := createUser(t, s, &firstset.User{Username: "buyer1", Name: "重庆轨道集团采购部", Role: firstset.RoleBuyer})
	e2User := createUser(t, s, &firstset.User{Username: "ent2", Name: "赵敏", Role: firstset.RoleEnterprise, EnterpriseID: e.ID})
	view(t, s, func(tx firstset.Tx) error {
		list, total, err := tx.ListUsers(ctx, firstset.UserFilter{})
		if err != nil {
			return err
		}
		if total != 5 || len(list) != 5 || list[0].ID != ent.ID || list[4].ID != e2User.ID {
			t.Fatalf("all users: total %d, %d rows", total, len(list))
		}
		list, total, err = tx.ListUsers(ctx, firstset.UserFilter{Role: firstset.RoleDistrict})
		if err != nil {
			return err
		}
		if total != 2 || len(list) != 2 {
			t.Fatalf("district users: total %d, %d rows", total, len(list))
		}
		list, total, err = tx.ListUsers(ctx, firstset.UserFilter{EnterpriseID: e.ID})
		if err != nil {
			return err
		}
		if total != 1 || list[0].ID != e2User.ID {
			t.Fatalf("enterprise users: total %d", total)
		}
		list, total, err = tx.ListUsers(ctx, firstset.UserFilter{Query: "轨道"})
		if err != nil {
			return err
		}
		if total != 1 || list[0].ID != buyer.ID {
			t.Fatalf("name query: total %d", total)
		}
		list, total, err = tx.ListUsers(ctx, firstset.UserFilter{Query: "buyer"})
		if err != nil {
			return err
		}
		if total != 1 || list[0].ID != buyer.ID {
			t.Fatalf("username query: total %d", total)
		}
		list, total, err = tx.ListUsers(ctx, firstset.UserFilter{Offset: 1, Limit: 2})
		if err != nil {
			return err
		}
		if total != 5 || len(list) != 2 || list[0].ID != dist.ID || list[1].ID != admin.ID {
			t.Fatalf("page: total %d, %d rows", total, len(list))
		}
		return nil
	})
}
