package storetest

import (
	"context"
	"testing"

	"firstset"
)

// oidcTests check the OIDCStore contract.
var oidcTests = []test{
	{"OIDCLinksAndRequests", testOIDC},
}

func testOIDC(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	const iss = "https://idp.example.gov.cn"
	a := createUser(t, s, &firstset.User{Username: "staff-a", Name: "甲", Role: firstset.RoleReviewer, PasswordHash: "x"})
	b := createUser(t, s, &firstset.User{Username: "staff-b", Name: "乙", Role: firstset.RoleReviewer, PasswordHash: "y",
		OIDCIssuer: iss, OIDCSubject: "sub-b"})

	view(t, s, func(tx firstset.Tx) error {
		got, err := tx.UserByOIDCSubject(ctx, iss, "sub-b")
		if err != nil {
			return err
		}
		sameUser(t, got, b)
		_, err = tx.UserByOIDCSubject(ctx, "https://other.example.cn", "sub-b")
		wantCode(t, err, firstset.ENOTFOUND, "")
		// An unlinked user has no subject to be found by.
		_, err = tx.UserByOIDCSubject(ctx, "", "")
		wantCode(t, err, firstset.ENOTFOUND, "")
		return nil
	})

	// A subject signs in as one user only; unlinked users are many.
	taken := *a
	taken.OIDCIssuer, taken.OIDCSubject = iss, "sub-b"
	err := s.Update(ctx, func(tx firstset.Tx) error { return tx.UpdateUser(ctx, &taken) })
	wantCode(t, err, firstset.ECONFLICT, "oidc_subject")
	createUser(t, s, &firstset.User{Username: "staff-c", Name: "丙", Role: firstset.RoleReviewer, PasswordHash: "z"})
	linked := *a
	linked.OIDCIssuer, linked.OIDCSubject = iss, "sub-a"
	update(t, s, func(tx firstset.Tx) error { return tx.UpdateUser(ctx, &linked) })
	view(t, s, func(tx firstset.Tx) error {
		got, err := tx.UserByOIDCSubject(ctx, iss, "sub-a")
		if err == nil && got.ID != a.ID {
			t.Errorf("sub-a signs in as user %d, want %d", got.ID, a.ID)
		}
		return err
	})

	first := at("2026-03-02T01:00:00Z")
	r1 := &firstset.OIDCRequest{Issuer: iss, Subject: "sub-x", Name: "张三", Email: "z@example.cn", IP: "10.0.0.1",
		FirstAt: first, LastAt: first}
	update(t, s, func(tx firstset.Tx) error { return tx.RecordOIDCRequest(ctx, r1) })
	r2 := &firstset.OIDCRequest{Issuer: iss, Subject: "sub-y", FirstAt: at("2026-03-02T02:00:00Z"), LastAt: at("2026-03-02T02:00:00Z")}
	update(t, s, func(tx firstset.Tx) error { return tx.RecordOIDCRequest(ctx, r2) })
	again := &firstset.OIDCRequest{Issuer: iss, Subject: "sub-x", Name: "张三丰", IP: "10.0.0.2",
		FirstAt: at("2026-03-02T03:00:00Z"), LastAt: at("2026-03-02T03:00:00Z")}
	update(t, s, func(tx firstset.Tx) error { return tx.RecordOIDCRequest(ctx, again) })
	elsewhere := &firstset.OIDCRequest{Issuer: "https://other.example.cn", Subject: "sub-x", FirstAt: first, LastAt: first}
	update(t, s, func(tx firstset.Tx) error { return tx.RecordOIDCRequest(ctx, elsewhere) })
	if elsewhere.ID == r1.ID || elsewhere.Attempts != 1 {
		t.Fatalf("another issuer's subject of the same name shares a request: %+v", elsewhere)
	}
	if again.ID != r1.ID || again.Attempts != 2 {
		t.Fatalf("a second attempt: id %d attempts %d, want id %d attempts 2", again.ID, again.Attempts, r1.ID)
	}
	view(t, s, func(tx firstset.Tx) error {
		list, err := tx.ListOIDCRequests(ctx, iss, 10)
		if err != nil {
			return err
		}
		if len(list) != 2 || list[0].Subject != "sub-x" || list[1].Subject != "sub-y" {
			t.Fatalf("requests, latest first: %+v", list)
		}
		got := list[0]
		if got.Name != "张三丰" || got.IP != "10.0.0.2" || got.Attempts != 2 {
			t.Errorf("the latest attempt's details: %+v", got)
		}
		sameTime(t, "first_at", got.FirstAt, first)
		sameTime(t, "last_at", got.LastAt, again.LastAt)
		byID, err := tx.OIDCRequestByID(ctx, r2.ID)
		if err != nil {
			return err
		}
		if byID.Subject != "sub-y" {
			t.Errorf("request %d: %+v", r2.ID, byID)
		}
		_, err = tx.OIDCRequestByID(ctx, r2.ID+100)
		wantCode(t, err, firstset.ENOTFOUND, "")
		return nil
	})
	update(t, s, func(tx firstset.Tx) error { return tx.DeleteOIDCRequest(ctx, iss, "sub-x") })
	view(t, s, func(tx firstset.Tx) error {
		list, err := tx.ListOIDCRequests(ctx, iss, 10)
		if err == nil && (len(list) != 1 || list[0].Subject != "sub-y") {
			t.Errorf("after deleting sub-x: %+v", list)
		}
		return err
	})
}
