// Package storetest is the contract every firstset.Store passes: one
// suite, run by each database package against its own store, so services
// can rely on the behaviour documented in the firstset package.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"firstset"
)

// Run runs the contract suite. open returns a new, migrated, empty store
// for each subtest and arranges its cleanup.
func Run(t *testing.T, open func(t *testing.T) firstset.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s firstset.Store)
	}{
		{"Basics", testBasics},
		{"Enterprises", testEnterprises},
		{"EnterpriseList", testEnterpriseList},
		{"Users", testUsers},
		{"Categories", testCategories},
		{"Products", testProducts},
		{"ProductPatents", testProductPatents},
		{"ProductList", testProductList},
		{"CatalogSearch", testCatalogSearch},
		{"CatalogFilters", testCatalogFilters},
		{"CatalogIndexSync", testCatalogIndexSync},
		{"RenameWhileWriting", testRenameWhileWriting},
		{"Sessions", testSessions},
		{"APITokens", testAPITokens},
		{"LoginFailures", testLoginFailures},
		{"Idempotency", testIdempotency},
		{"IdempotencyClaims", testIdempotencyClaims},
		{"ConcurrentIdempotencyClaims", testConcurrentIdempotencyClaims},
		{"Audit", testAudit},
		{"AuditConcurrent", testAuditConcurrent},
		{"AuditFilters", testAuditFilters},
		{"ConcurrentUpdates", testConcurrentUpdates},
		{"CancelledUpdate", testCancelledUpdate},
		{"PanickingUpdate", testPanickingUpdate},
		{"Rollback", testRollback},
		{"ViewIsReadOnly", testViewIsReadOnly},
		{"UnstorableText", testUnstorableText},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, open(t))
		})
	}
}

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

func testBasics(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("ping: %v", err)
	}
	if d := s.Dialect(); d != "sqlite" && d != "postgres" {
		t.Fatalf("dialect %q", d)
	}
	errBoom := errors.New("boom")
	if err := s.View(ctx, func(firstset.Tx) error { return errBoom }); !errors.Is(err, errBoom) {
		t.Fatalf("View must return fn's error, got %v", err)
	}
	if err := s.Update(ctx, func(firstset.Tx) error { return errBoom }); !errors.Is(err, errBoom) {
		t.Fatalf("Update must return fn's error, got %v", err)
	}
}

// newEnterprise returns an enterprise with every field set.
func newEnterprise(n int, district string) *firstset.Enterprise {
	return &firstset.Enterprise{
		Name:                fmt.Sprintf("重庆第%d机床有限公司", n),
		CreditCode:          fmt.Sprintf("91500000MA%08dX", n),
		DistrictCode:        district,
		Address:             fmt.Sprintf("重庆市渝北区金开大道%d号", n),
		ContactName:         "张伟",
		ContactPhone:        "023-6788" + fmt.Sprintf("%04d", n),
		ContactEmail:        fmt.Sprintf("contact%d@example.cn", n),
		LegalRepresentative: "李娜",
		CreatedAt:           at("2024-03-01T08:00:00.123456Z"),
		UpdatedAt:           at("2024-03-02T09:30:00.654321Z"),
	}
}

func createEnterprise(t *testing.T, s firstset.Store, e *firstset.Enterprise) *firstset.Enterprise {
	t.Helper()
	update(t, s, func(tx firstset.Tx) error { return tx.CreateEnterprise(context.Background(), e) })
	if e.ID == 0 {
		t.Fatal("CreateEnterprise did not set the id")
	}
	return e
}

func sameEnterprise(t *testing.T, got, want *firstset.Enterprise) {
	t.Helper()
	sameTime(t, "enterprise created_at", got.CreatedAt, want.CreatedAt)
	sameTime(t, "enterprise updated_at", got.UpdatedAt, want.UpdatedAt)
	g, w := *got, *want
	g.CreatedAt, g.UpdatedAt, w.CreatedAt, w.UpdatedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if g != w {
		t.Fatalf("enterprise\n got %+v\nwant %+v", g, w)
	}
}

func testEnterprises(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	e := createEnterprise(t, s, newEnterprise(1, "500112"))
	view(t, s, func(tx firstset.Tx) error {
		got, err := tx.EnterpriseByID(ctx, e.ID)
		if err != nil {
			return err
		}
		sameEnterprise(t, got, e)
		got, err = tx.EnterpriseByCreditCode(ctx, e.CreditCode)
		if err != nil {
			return err
		}
		sameEnterprise(t, got, e)
		_, err = tx.EnterpriseByID(ctx, e.ID+1000)
		wantCode(t, err, firstset.ENOTFOUND, "")
		_, err = tx.EnterpriseByCreditCode(ctx, "91500000MA00000000")
		wantCode(t, err, firstset.ENOTFOUND, "")
		return nil
	})

	dup := newEnterprise(2, "500107")
	dup.CreditCode = e.CreditCode
	err := s.Update(ctx, func(tx firstset.Tx) error { return tx.CreateEnterprise(ctx, dup) })
	wantCode(t, err, firstset.ECONFLICT, "credit_code")

	other := createEnterprise(t, s, newEnterprise(3, "500107"))
	other.CreditCode = e.CreditCode
	err = s.Update(ctx, func(tx firstset.Tx) error { return tx.UpdateEnterprise(ctx, other) })
	wantCode(t, err, firstset.ECONFLICT, "credit_code")

	e.Name, e.Address, e.DistrictCode = "重庆改名装备股份有限公司", "重庆市两江新区星光大道1号", "LJ"
	e.ContactEmail, e.LegalRepresentative = "", ""
	e.UpdatedAt = at("2025-01-02T03:04:05.000006Z")
	update(t, s, func(tx firstset.Tx) error { return tx.UpdateEnterprise(ctx, e) })
	view(t, s, func(tx firstset.Tx) error {
		got, err := tx.EnterpriseByID(ctx, e.ID)
		if err != nil {
			return err
		}
		sameEnterprise(t, got, e)
		// The name comes from the district table, whatever the caller sent.
		if got.DistrictName != "两江新区" {
			t.Errorf("district name %q, want 两江新区", got.DistrictName)
		}
		return nil
	})
	missing := newEnterprise(4, "500112")
	missing.ID = e.ID + 1000
	err = s.Update(ctx, func(tx firstset.Tx) error { return tx.UpdateEnterprise(ctx, missing) })
	wantCode(t, err, firstset.ENOTFOUND, "")
}

func testEnterpriseList(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	var ids []int64
	for i := 1; i <= 7; i++ {
		d := "500112"
		if i%2 == 0 {
			d = "500107"
		}
		ids = append(ids, createEnterprise(t, s, newEnterprise(i, d)).ID)
	}
	view(t, s, func(tx firstset.Tx) error {
		list, total, err := tx.ListEnterprises(ctx, firstset.EnterpriseFilter{})
		if err != nil {
			return err
		}
		if total != 7 || len(list) != 7 {
			t.Fatalf("all: %d rows, total %d", len(list), total)
		}
		for i, e := range list {
			if e.ID != ids[i] {
				t.Fatalf("enterprises are listed in registration order: row %d is %d, want %d", i, e.ID, ids[i])
			}
		}
		list, total, err = tx.ListEnterprises(ctx, firstset.EnterpriseFilter{DistrictCode: "500107", Limit: 2, Offset: 1})
		if err != nil {
			return err
		}
		if total != 3 || len(list) != 2 || list[0].ID != ids[3] || list[1].ID != ids[5] {
			t.Fatalf("district page: total %d, rows %v", total, enterpriseIDs(list))
		}
		list, total, err = tx.ListEnterprises(ctx, firstset.EnterpriseFilter{Query: "第5机床"})
		if err != nil {
			return err
		}
		if total != 1 || len(list) != 1 || list[0].ID != ids[4] {
			t.Fatalf("name query: total %d, rows %v", total, enterpriseIDs(list))
		}
		list, total, err = tx.ListEnterprises(ctx, firstset.EnterpriseFilter{Query: "ma00000006"})
		if err != nil {
			return err
		}
		if total != 1 || len(list) != 1 || list[0].ID != ids[5] {
			t.Fatalf("credit code query (lower case): total %d, rows %v", total, enterpriseIDs(list))
		}
		list, total, err = tx.ListEnterprises(ctx, firstset.EnterpriseFilter{Query: "没有这家"})
		if err != nil {
			return err
		}
		if total != 0 || len(list) != 0 {
			t.Fatalf("no match: total %d, rows %v", total, enterpriseIDs(list))
		}
		list, total, err = tx.ListEnterprises(ctx, firstset.EnterpriseFilter{Offset: 100, Limit: 10})
		if err != nil {
			return err
		}
		if total != 7 || len(list) != 0 || list == nil {
			t.Fatalf("past the end: total %d, rows %v (nil %v)", total, enterpriseIDs(list), list == nil)
		}
		// A set of ids, in any order and repeated, lists each once in
		// registration order; ids that name nothing are left out.
		list, total, err = tx.ListEnterprises(ctx, firstset.EnterpriseFilter{IDs: []int64{ids[5], ids[1], ids[5], ids[6] + 1000}})
		if err != nil {
			return err
		}
		if total != 2 || len(list) != 2 || list[0].ID != ids[1] || list[1].ID != ids[5] || list[0].Name == "" {
			t.Fatalf("by ids: total %d, rows %v", total, enterpriseIDs(list))
		}
		list, total, err = tx.ListEnterprises(ctx, firstset.EnterpriseFilter{IDs: []int64{ids[1], ids[2]}, DistrictCode: "500107"})
		if err != nil {
			return err
		}
		if total != 1 || len(list) != 1 || list[0].ID != ids[1] {
			t.Fatalf("by ids within a district: total %d, rows %v", total, enterpriseIDs(list))
		}
		return nil
	})
}

func enterpriseIDs(list []*firstset.Enterprise) []int64 {
	var ids []int64
	for _, e := range list {
		ids = append(ids, e.ID)
	}
	return ids
}
