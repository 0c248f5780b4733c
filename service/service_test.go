package service_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"firstset"
	"firstset/creditcode"
	"firstset/date"
	"firstset/dbtest"
	"firstset/demo"
	"firstset/service"
)

// fixture is a small world: two enterprises in different districts, one
// user of each role that matters, and the services over a fresh store.
type fixture struct {
	svc                 *service.Services
	admin, reviewer     context.Context
	entA, entB          context.Context
	districtA, public   context.Context
	buyer               context.Context
	enterpriseA, entBID int64
	category            int64
}

const pw = "Test-Passw0rd"

func newFixture(t *testing.T, store firstset.Store) *fixture {
	t.Helper()
	svc := service.New(store, service.DefaultConfig, slog.New(slog.DiscardHandler))
	sys := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
	rng := rand.New(rand.NewPCG(1, 2))
	mkEnt := func(name, district string) *firstset.Enterprise {
		e, err := svc.CreateEnterprise(sys, firstset.EnterpriseInput{Name: name, CreditCode: creditcode.Generate(rng, "500107"),
			DistrictCode: district, Address: "重庆市某区某路1号", ContactName: "张三", ContactPhone: "13800001111"})
		if err != nil {
			t.Fatalf("create enterprise: %v", err)
		}
		return e
	}
	a, b := mkEnt("重庆甲装备有限公司", "500107"), mkEnt("重庆乙装备有限公司", "500112")
	buyerOrg := testBuyerOrg(t, svc, sys, rng)
	as := func(in firstset.UserInput) context.Context {
		in.Password, in.Name = pw, in.Username
		u, err := svc.CreateUser(sys, in)
		if err != nil {
			t.Fatalf("create user %s: %v", in.Username, err)
		}
		return firstset.NewContextWithActor(context.Background(), &firstset.Actor{User: u})
	}
	cats, err := svc.Categories(sys)
	if err != nil || len(cats) == 0 {
		t.Fatalf("categories: %v %d", err, len(cats))
	}
	return &fixture{
		svc:         svc,
		admin:       as(firstset.UserInput{Username: "admin1", Role: firstset.RoleAdmin}),
		reviewer:    as(firstset.UserInput{Username: "rev1", Role: firstset.RoleReviewer}),
		entA:        as(firstset.UserInput{Username: "enta", Role: firstset.RoleEnterprise, EnterpriseID: a.ID}),
		entB:        as(firstset.UserInput{Username: "entb", Role: firstset.RoleEnterprise, EnterpriseID: b.ID}),
		districtA:   as(firstset.UserInput{Username: "dist1", Role: firstset.RoleDistrict, DistrictCode: "500107"}),
		buyer:       as(firstset.UserInput{Username: "buyer1", Role: firstset.RoleBuyer, BuyerID: buyerOrg.ID}),
		public:      context.Background(),
		enterpriseA: a.ID, entBID: b.ID,
		category: cats[0].ID,
	}
}

func (f *fixture) product(t *testing.T, ctx context.Context, name string, patents ...string) *firstset.Product {
	t.Helper()
	p, err := f.svc.CreateProduct(ctx, firstset.ProductInput{Name: name, Model: "M-1", CategoryID: f.category,
		Params: []firstset.Param{{Name: "功率", Value: "100", Unit: "kW"}}, InnovationLevel: firstset.LevelNational, Patents: patents})
	if err != nil {
		t.Fatalf("create product %s: %v", name, err)
	}
	return p
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := firstset.ErrorCode(err); err == nil || got != code {
		t.Fatalf("got error %v (code %s), want code %s", err, got, code)
	}
}

// TestServices runs every scenario on a fresh store of each database.
func TestServices(t *testing.T) {
	scenarios := map[string]func(*testing.T, *fixture, firstset.Store){
		"EnterprisesAreIsolated":   testIsolation,
		"PublicSeesRecognisedOnly": testPublic,
		"OnlyAdminsManageUsers":    testUsers,
		"Validation":               testValidation,
		"LoginThrottling":          testLogin,
		"Tokens":                   testTokens,
		"AuditChain":               testAudit,
		"CreatedProductAsStored":   testCreatedProductAsStored,
		"CatalogNeverStale":        testCatalogNeverStale,
		"ReviewFindings":           testReviewFindings,
		"Housekeeping":             testHousekeeping,
	}
	for name, fn := range scenarios {
		t.Run(name, func(t *testing.T) {
			dbtest.Run(t, func(t *testing.T, store firstset.Store) { fn(t, newFixture(t, store), store) })
		})
	}
}

func testIsolation(t *testing.T, f *fixture, _ firstset.Store) {
	pa := f.product(t, f.entA, "甲的装备")
	pb := f.product(t, f.entB, "乙的装备")
	if pa.EnterpriseID != f.enterpriseA {
		t.Fatalf("product written for enterprise %d, want the user's own %d", pa.EnterpriseID, f.enterpriseA)
	}
	_, err := f.svc.FindProductByID(f.entA, pb.ID)
	wantCode(t, err, firstset.ENOTFOUND)
	_, err = f.svc.UpdateProduct(f.entA, pb.ID, firstset.ProductInput{Name: "x"})
	wantCode(t, err, firstset.ENOTFOUND)
	wantCode(t, f.svc.DeleteProduct(f.entA, pb.ID), firstset.ENOTFOUND)
	list, total, err := f.svc.FindProducts(f.entA, firstset.ProductFilter{})
	if err != nil || total != 1 || list[0].ID != pa.ID {
		t.Fatalf("enterprise A lists %d products (%v), want only its own", total, err)
	}
	// Even naming another enterprise in the input writes for one's own.
	in := firstset.ProductInput{EnterpriseID: f.entBID, Name: "越权", Model: "X", CategoryID: f.category,
		Params: []firstset.Param{{Name: "a", Value: "1"}}, InnovationLevel: firstset.LevelProvincial}
	p, err := f.svc.CreateProduct(f.entA, in)
	if err != nil || p.EnterpriseID != f.enterpriseA {
		t.Fatalf("create with a foreign enterprise id: %v, enterprise %d", err, p.EnterpriseID)
	}
	_, err = f.svc.FindEnterpriseByID(f.entA, f.entBID)
	wantCode(t, err, firstset.ENOTFOUND)
	// The district office sees its own district's enterprises only.
	_, total, err = f.svc.FindProducts(f.districtA, firstset.ProductFilter{})
	if err != nil || total != 2 {
		t.Fatalf("district A lists %d products (%v), want 2", total, err)
	}
	_, err = f.svc.FindProductByID(f.districtA, pb.ID)
	wantCode(t, err, firstset.ENOTFOUND)
	// Once declared, the enterprise can no longer change its declaration.
	if _, err := f.svc.SetRecognition(f.reviewer, pa.ID, firstset.RecognitionInput{Status: firstset.StatusDeclared}); err != nil {
		t.Fatal(err)
	}
	in.Name = "改名"
	_, err = f.svc.UpdateProduct(f.entA, pa.ID, in)
	wantCode(t, err, firstset.ECONFLICT)
	// The enterprise cannot change its own credit code.
	e, err := f.svc.FindEnterpriseByID(f.entA, f.enterpriseA)
	if err != nil {
		t.Fatal(err)
	}
	ei := firstset.EnterpriseInput{Name: e.Name, CreditCode: creditcode.Generate(rand.New(rand.NewPCG(9, 9)), "500107"),
		DistrictCode: e.DistrictCode, Address: e.Address, ContactName: e.ContactName, ContactPhone: e.ContactPhone}
	_, err = f.svc.UpdateEnterprise(f.entA, e.ID, ei)
	if fe, _ := firstset.AsError(err); fe == nil || fe.Field != "credit_code" || fieldCode(fe) != "read_only" {
		t.Fatalf("an enterprise changing its credit code: %v", err)
	}
	// A malformed code is told as malformed, not as read-only.
	ei.CreditCode = e.CreditCode[:17] + "Z"
	_, err = f.svc.UpdateEnterprise(f.entA, e.ID, ei)
	if fe, _ := firstset.AsError(err); fe == nil || fieldCode(fe) == "read_only" {
		t.Fatalf("a malformed credit code: %v", err)
	}
	ei.CreditCode = e.CreditCode
	ei.Address = "重庆市九龙坡区新地址"
	if got, err := f.svc.UpdateEnterprise(f.entA, e.ID, ei); err != nil || got.Address != ei.Address {
		t.Fatalf("update own profile: %v", err)
	}
}

// fieldCode is the code of e's first field error.
func fieldCode(e *firstset.Error) string {
	if len(e.Fields) > 0 {
		return e.Fields[0].Code
	}
	return e.Code
}

func testPublic(t *testing.T, f *fixture, _ firstset.Store) {
	draft := f.product(t, f.entA, "数控机床草稿")
	rec := f.product(t, f.entA, "数控机床已认定")
	if _, err := f.svc.SetRecognition(f.admin, rec.ID, firstset.RecognitionInput{Status: firstset.StatusRecognised,
		RecognizedOn: date.MustParse("2025-06-01")}); err != nil {
		t.Fatal(err)
	}
	_, err := f.svc.FindProductByID(f.public, draft.ID)
	wantCode(t, err, firstset.ENOTFOUND)
	got, err := f.svc.FindProductByID(f.public, rec.ID)
	if err != nil || got.Validity.String() != "2028-05-31" {
		t.Fatalf("public read of a recognised product: %v", err)
	}
	// The validity comes from the policy's catalog.validity_years, for a
	// recognition before 2024 too, in every read; a stored one wins.
	old := f.product(t, f.entA, "盾构机二〇二三")
	if p, err := f.svc.SetRecognition(f.admin, old.ID, firstset.RecognitionInput{Status: firstset.StatusRecognised,
		RecognizedOn: date.MustParse("2023-06-01")}); err != nil || p.Validity.String() != "2026-05-31" || !p.ValidUntil.IsZero() {
		t.Fatalf("recognised 2023-06-01: %+v %v", p, err)
	}
	if page, err := f.svc.SearchCatalog(f.public, firstset.CatalogQuery{Query: "二〇二三"}); err != nil || len(page.Items) != 1 ||
		page.Items[0].ValidUntil.String() != "2026-05-31" {
		t.Fatalf("catalog validity: %+v %v", page, err)
	}
	if list, _, err := f.svc.FindProducts(f.admin, firstset.ProductFilter{Query: "二〇二三"}); err != nil || len(list) != 1 ||
		list[0].Validity.String() != "2026-05-31" {
		t.Fatalf("listed validity: %v", err)
	}
	if p, err := f.svc.SetRecognition(f.admin, old.ID, firstset.RecognitionInput{Status: firstset.StatusRecognised,
		RecognizedOn: date.MustParse("2023-06-01"), ValidUntil: date.MustParse("2027-12-31")}); err != nil || p.Validity.String() != "2027-12-31" {
		t.Fatalf("stored validity: %+v %v", p, err)
	}
	for _, ctx := range []context.Context{f.public, f.buyer, f.entB} {
		page, err := f.svc.SearchCatalog(ctx, firstset.CatalogQuery{Query: "机床", Status: firstset.StatusDraft})
		if err != nil || page.Total != 1 || page.Items[0].ID != rec.ID {
			t.Fatalf("catalog for a non-staff caller: %+v %v", page, err)
		}
	}
	page, err := f.svc.SearchCatalog(f.reviewer, firstset.CatalogQuery{Query: "机床", Status: firstset.StatusDraft})
	if err != nil || page.Total != 1 || page.Items[0].ID != draft.ID {
		t.Fatalf("reviewers may filter by status: %+v %v", page, err)
	}
	_, _, err = f.svc.FindProducts(f.public, firstset.ProductFilter{})
	wantCode(t, err, firstset.EUNAUTHORIZED)
}

func testUsers(t *testing.T, f *fixture, _ firstset.Store) {
	in := firstset.UserInput{Username: "newuser", Name: "新用户", Role: firstset.RoleExpert, Password: pw}
	for _, ctx := range []context.Context{f.reviewer, f.entA, f.buyer} {
		_, err := f.svc.CreateUser(ctx, in)
		wantCode(t, err, firstset.EFORBIDDEN)
		_, _, err = f.svc.FindUsers(ctx, firstset.UserFilter{})
		wantCode(t, err, firstset.EFORBIDDEN)
	}
	_, err := f.svc.CreateUser(f.public, in)
	wantCode(t, err, firstset.EUNAUTHORIZED)
	u, err := f.svc.CreateUser(f.admin, in)
	if err != nil {
		t.Fatal(err)
	}
	// A username in use is refused by the unique index inside the write,
	// worded as the field's problem, on create and on update (in any case).
	_, err = f.svc.CreateUser(f.admin, in)
	if e, _ := firstset.AsError(err); e == nil || e.Code != firstset.EINVALID || e.Field != "username" || fieldCode(e) != "username_taken" {
		t.Fatalf("username taken: %v", err)
	}
	second, err := f.svc.CreateUser(f.admin, firstset.UserInput{Username: "seconduser", Name: "第二", Role: firstset.RoleExpert, Password: pw})
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.UpdateUser(f.admin, second.ID, firstset.UserInput{Username: "NewUser", Name: "第二", Role: firstset.RoleExpert})
	if e, _ := firstset.AsError(err); e == nil || e.Field != "username" || fieldCode(e) != "username_taken" || !strings.Contains(e.Message, "newuser") {
		t.Fatalf("username taken on update: %v", err)
	}
	in.Role, in.Password = firstset.RoleEnterprise, ""
	_, err = f.svc.UpdateUser(f.admin, u.ID, in)
	if e, _ := firstset.AsError(err); e == nil || e.Field != "enterprise_id" {
		t.Fatalf("an enterprise user without an enterprise: %v", err)
	}
	// Passwords: required and strong on create, optional on update, and a
	// new one replaces the old.
	for _, weak := range []string{"", "short"} {
		_, err := f.svc.CreateUser(f.admin, firstset.UserInput{Username: "weak" + weak, Name: "弱", Role: firstset.RoleExpert, Password: weak})
		if e, _ := firstset.AsError(err); e == nil || e.Field != "password" {
			t.Fatalf("create with password %q: %v", weak, err)
		}
	}
	in = firstset.UserInput{Username: "newuser", Name: "改名", Role: firstset.RoleExpert}
	if _, err := f.svc.UpdateUser(f.admin, u.ID, in); err != nil {
		t.Fatalf("update without a password: %v", err)
	}
	if _, _, err := f.svc.Login(context.Background(), "newuser", pw, "10.1.1.1", "test"); err != nil {
		t.Fatalf("the password stays when none is given: %v", err)
	}
	in.Password = "short"
	if _, err := f.svc.UpdateUser(f.admin, u.ID, in); err == nil {
		t.Fatal("a weak new password was accepted")
	}
	in.Password = "Newer-Passw0rd"
	if _, err := f.svc.UpdateUser(f.admin, u.ID, in); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.svc.Login(context.Background(), "newuser", in.Password, "10.1.1.1", "test"); err != nil {
		t.Fatalf("the new password: %v", err)
	}
	// An administrator cannot lock themselves out.
	me := firstset.ActorFromContext(f.admin).User
	_, err = f.svc.UpdateUser(f.admin, me.ID, firstset.UserInput{Username: me.Username, Name: me.Name, Role: firstset.RoleReviewer})
	wantCode(t, err, firstset.EINVALID)
}

func testValidation(t *testing.T, f *fixture, _ firstset.Store) {
	in := firstset.EnterpriseInput{Name: "重庆丙公司", CreditCode: "91500000MA5U000000", DistrictCode: "500199",
		Address: "地址", ContactName: "李四", ContactPhone: "12345"}
	_, err := f.svc.CreateEnterprise(f.admin, in)
	e, _ := firstset.AsError(err)
	if e == nil || len(e.Fields) != 3 {
		t.Fatalf("want credit code, district and phone errors at once, got %v", err)
	}
	fields := map[string]bool{}
	for _, fe := range e.Fields {
		fields[fe.Field] = true
	}
	for _, want := range []string{"credit_code", "district_code", "contact_phone"} {
		if !fields[want] {
			t.Errorf("no error for %s in %+v", want, e.Fields)
		}
	}
	// A duplicate credit code is refused, naming the field.
	a, err := f.svc.FindEnterpriseByID(f.admin, f.enterpriseA)
	if err != nil {
		t.Fatal(err)
	}
	in = firstset.EnterpriseInput{Name: "重复企业", CreditCode: a.CreditCode, DistrictCode: "500101",
		Address: "地址", ContactName: "李四", ContactPhone: "023-61234567"}
	_, err = f.svc.CreateEnterprise(f.admin, in)
	if e, _ := firstset.AsError(err); e == nil || e.Code != firstset.ECONFLICT || e.Field != "credit_code" ||
		!strings.Contains(e.Message, a.Name) {
		t.Fatalf("duplicate credit code: %v", err)
	}
	// The unique index decides it on an update too (on PostgreSQL the write
	// fails mid-transaction), and the refusal still names the holder.
	other, err := f.svc.CreateEnterprise(f.admin, firstset.EnterpriseInput{Name: "另一企业",
		CreditCode: creditcode.Generate(rand.New(rand.NewPCG(5, 6)), "500101"), DistrictCode: "500101",
		Address: "地址", ContactName: "李四", ContactPhone: "023-61234567"})
	if err != nil {
		t.Fatal(err)
	}
	in.Name = other.Name
	_, err = f.svc.UpdateEnterprise(f.admin, other.ID, in)
	if e, _ := firstset.AsError(err); e == nil || e.Code != firstset.ECONFLICT || e.Field != "credit_code" ||
		!strings.Contains(e.Message, a.Name) {
		t.Fatalf("credit code taken on update: %v", err)
	}
	if got, _ := f.svc.FindEnterpriseByID(f.admin, other.ID); got.CreditCode == a.CreditCode {
		t.Fatal("the refused update was stored")
	}
	// A patent belongs to one product only.
	num := demo.NewPatent(rand.New(rand.NewPCG(3, 4)), 2023)
	f.product(t, f.entA, "带专利的装备", num)
	_, err = f.svc.CreateProduct(f.entB, firstset.ProductInput{Name: "抄专利", Model: "B", CategoryID: f.category,
		Params: []firstset.Param{{Name: "a", Value: "1"}}, InnovationLevel: firstset.LevelNational, Patents: []string{num}})
	if e, _ := firstset.AsError(err); e == nil || e.Field != "patents" {
		t.Fatalf("reused patent: %v", err)
	}
	// A patent listed twice is the input's problem, listed with the others.
	_, err = f.svc.CreateProduct(f.entB, firstset.ProductInput{Model: "B", CategoryID: f.category,
		Params: []firstset.Param{{Name: "a", Value: "1"}}, InnovationLevel: firstset.LevelNational, Patents: []string{num, num}})
	if e, _ := firstset.AsError(err); e == nil || e.Code != firstset.EINVALID || len(e.Fields) != 2 ||
		e.Fields[0].Field != "name" || e.Fields[1] != (firstset.FieldError{Field: "patents", Code: "duplicate_patent",
		Message: "专利号 " + num + " 重复填写。"}) {
		t.Fatalf("patent listed twice, no name: %v", err)
	}
	// An enterprise or category that does not exist is refused by the
	// store as it writes, with the field's code.
	for _, c := range []struct{ field, code, message string }{
		{"enterprise_id", "unknown_enterprise", "研制企业不存在。"},
		{"category_id", "unknown_category", "装备类别不存在。"},
	} {
		in := firstset.ProductInput{EnterpriseID: f.enterpriseA, Name: "无主装备", Model: "B", CategoryID: f.category,
			Params: []firstset.Param{{Name: "a", Value: "1"}}, InnovationLevel: firstset.LevelNational}
		if c.field == "enterprise_id" {
			in.EnterpriseID = f.entBID + 1000
		} else {
			in.CategoryID = f.category + 1000
		}
		_, err = f.svc.CreateProduct(f.admin, in)
		want := firstset.FieldError{Field: c.field, Code: c.code, Message: c.message}
		if e, _ := firstset.AsError(err); e == nil || e.Code != firstset.EINVALID || e.Field != c.field ||
			e.Message != c.message || len(e.Fields) != 1 || e.Fields[0] != want {
			t.Fatalf("unknown %s: %v", c.field, err)
		}
	}
	// Recognition dates out of order are refused.
	p := f.product(t, f.entA, "日期")
	_, err = f.svc.SetRecognition(f.admin, p.ID, firstset.RecognitionInput{Status: firstset.StatusRecognised,
		RecognizedOn: date.MustParse("2025-06-01"), ValidUntil: date.MustParse("2025-05-01")})
	if e, _ := firstset.AsError(err); e == nil || e.Field != "valid_until" {
		t.Fatalf("valid_until before recognition: %v", err)
	}
	// So is a recognition before the city's policy existed.
	_, err = f.svc.SetRecognition(f.admin, p.ID, firstset.RecognitionInput{Status: firstset.StatusRecognised,
		RecognizedOn: date.MustParse("2018-11-22")})
	if e, _ := firstset.AsError(err); e == nil || e.Field != "recognized_on" {
		t.Fatalf("recognition before the 2018 opinions: %v", err)
	}
}

func testLogin(t *testing.T, f *fixture, _ firstset.Store) {
	ctx := context.Background()
	if _, _, err := f.svc.Login(ctx, "enta", "wrong", "10.0.0.1", "test"); firstset.ErrorCode(err) != firstset.EUNAUTHORIZED {
		t.Fatalf("wrong password: %v", err)
	}
	if _, _, err := f.svc.Login(ctx, "nobody", "wrong", "10.0.0.1", "test"); firstset.ErrorCode(err) != firstset.EUNAUTHORIZED {
		t.Fatalf("unknown user: %v", err)
	}
	sess, token, err := f.svc.Login(ctx, "ENTA", pw, "10.0.0.1", "test")
	if err != nil || token == "" || sess.TokenHash == token {
		t.Fatalf("login: %v", err)
	}
	u, _, err := f.svc.Authenticate(ctx, token)
	if err != nil || u.Username != "enta" {
		t.Fatalf("authenticate: %v", err)
	}
	if err := f.svc.Logout(ctx, token); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.svc.Authenticate(ctx, token); firstset.ErrorCode(err) != firstset.EUNAUTHORIZED {
		t.Fatalf("session survives logout: %v", err)
	}
	for i := 0; i < service.DefaultConfig.MaxFailuresPerUser; i++ {
		f.svc.Login(ctx, "entb", "wrong", "10.0.0.2", "test")
	}
	if _, _, err := f.svc.Login(ctx, "entb", pw, "10.0.0.3", "test"); firstset.ErrorCode(err) != firstset.ERATELIMITED {
		t.Fatalf("after %d failures the right password still logs in: %v", service.DefaultConfig.MaxFailuresPerUser, err)
	}
	// The lock lifts when the window has passed.
	f.svc.Now = func() time.Time { return time.Now().Add(service.DefaultConfig.FailureWindow + time.Minute) }
	if _, _, err := f.svc.Login(ctx, "entb", pw, "10.0.0.3", "test"); err != nil {
		t.Fatalf("after the window: %v", err)
	}
}

func testTokens(t *testing.T, f *fixture, _ firstset.Store) {
	// Issuing a token for another user is the operator's alone: not an
	// administrator's, nor an actor dressed up as the system.
	grant := firstset.TokenGrant{Username: "enta", AllScopes: true, TokenInput: firstset.TokenInput{Name: "对接"}}
	_, _, err := f.svc.IssueToken(f.admin, grant)
	wantCode(t, err, firstset.EFORBIDDEN)
	forged := firstset.NewContextWithActor(context.Background(), &firstset.Actor{User: &firstset.User{ID: 0, Username: "system", Name: "系统", Role: firstset.RoleAdmin}})
	_, _, err = f.svc.IssueToken(forged, grant)
	wantCode(t, err, firstset.EFORBIDDEN)
	sys := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
	issued, _, err := f.svc.IssueToken(sys, grant)
	if err != nil || !reflect.DeepEqual(issued.Scopes, firstset.ScopesForRole(firstset.RoleEnterprise)) {
		t.Fatalf("the operator's grant: %v %+v", err, issued)
	}
	_, _, err = f.svc.CreateToken(f.entA, firstset.TokenInput{Name: "x", Scopes: []firstset.Scope{firstset.ScopeUsersAdmin}})
	wantCode(t, err, firstset.EINVALID)
	tok, secret, err := f.svc.CreateToken(f.entA, firstset.TokenInput{Name: "只读", Scopes: []firstset.Scope{firstset.ScopeCatalogRead, firstset.ScopeProductsRead}})
	if err != nil {
		t.Fatal(err)
	}
	u, at, err := f.svc.AuthenticateToken(context.Background(), secret)
	if err != nil || u.Username != "enta" || at.ID != tok.ID {
		t.Fatalf("authenticate token: %v", err)
	}
	ctx := firstset.NewContextWithActor(context.Background(), &firstset.Actor{User: u, Token: at})
	_, err = f.svc.CreateProduct(ctx, firstset.ProductInput{Name: "x"})
	wantCode(t, err, firstset.EFORBIDDEN)
	if _, _, err := f.svc.FindProducts(ctx, firstset.ProductFilter{}); err != nil {
		t.Fatalf("read with a read token: %v", err)
	}
	wantCode(t, f.svc.RevokeToken(f.entB, tok.ID), firstset.ENOTFOUND)
	if err := f.svc.RevokeToken(f.entA, tok.ID); err != nil {
		t.Fatal(err)
	}
	_, _, err = f.svc.AuthenticateToken(context.Background(), secret)
	wantCode(t, err, firstset.EUNAUTHORIZED)
}

func testAudit(t *testing.T, f *fixture, store firstset.Store) {
	p := f.product(t, f.entA, "审计")
	entries, err := f.svc.FindAuditEntries(f.admin, firstset.AuditFilter{Entity: "product", EntityID: p.ID})
	if err != nil || len(entries) != 1 || entries[0].Action != "create" || entries[0].ActorName != "enta" {
		t.Fatalf("audit of a product create: %+v %v", entries, err)
	}
	// A change that fails leaves neither the change nor its audit entry.
	before, err := f.svc.FindAuditEntries(f.admin, firstset.AuditFilter{Limit: 500})
	if err != nil || len(before) == 0 {
		t.Fatalf("audit entries before: %d %v", len(before), err)
	}
	_, err = f.svc.CreateProduct(f.entA, firstset.ProductInput{Name: ""})
	wantCode(t, err, firstset.EINVALID)
	after, err := f.svc.FindAuditEntries(f.admin, firstset.AuditFilter{Limit: 500})
	if err != nil || len(after) != len(before) {
		t.Fatalf("a refused change wrote %d audit entries (%v)", len(after)-len(before), err)
	}
	v, err := service.VerifyChain(context.Background(), store)
	if err != nil || v.Problem != nil || v.Checked == 0 {
		t.Fatalf("verify: %+v %v", v, err)
	}
	// Verifying while changes are written never reports a problem: the walk
	// and the head it ends on come from one snapshot.
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 40 {
			f.product(t, f.entA, fmt.Sprintf("审计并发%d", i))
		}
	}()
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
		}
		if v, err := service.VerifyChain(context.Background(), store); err != nil || v.Problem != nil {
			t.Fatalf("verify while writing: %+v %v", v, err)
		}
	}
	_, err = f.svc.FindAuditEntries(f.reviewer, firstset.AuditFilter{})
	wantCode(t, err, firstset.EFORBIDDEN)
}

// viewCounter is a store that counts its read-only transactions.
type viewCounter struct {
	firstset.Store
	views atomic.Int64
}

func (s *viewCounter) View(ctx context.Context, fn func(firstset.Tx) error) error {
	s.views.Add(1)
	return s.Store.View(ctx, fn)
}

// CreateProduct, UpdateProduct and SetRecognition answer without reading
// the product back (no View), so what they return must be exactly what a
// later read returns, names, dates and validity included.
func testCreatedProductAsStored(t *testing.T, f *fixture, store firstset.Store) {
	views := &viewCounter{Store: store}
	svc := service.New(views, service.DefaultConfig, slog.New(slog.DiscardHandler))
	num := demo.NewPatent(rand.New(rand.NewPCG(5, 6)), 2024)
	in := firstset.ProductInput{Name: " 五轴联动加工中心 ", Model: "VMC-5", CategoryID: f.category,
		Description: "高精度", InnovationLevel: firstset.LevelNational, TalentLed: true, TalentProgram: "英才计划",
		Params:  []firstset.Param{{Name: "主轴转速", Value: "12000", Unit: "r/min"}, {}, {Name: "行程", Value: "800"}},
		Patents: []string{num}}
	asStored := func(what string, write func() (*firstset.Product, error)) *firstset.Product {
		t.Helper()
		before := views.views.Load()
		returned, err := write()
		if err != nil {
			t.Fatal(err)
		}
		if n := views.views.Load() - before; n != 0 {
			t.Errorf("%s read the product back (%d View)", what, n)
		}
		if returned.EnterpriseName == "" || returned.DistrictCode == "" || returned.CategoryName == "" ||
			returned.CreatedAt.IsZero() || returned.UpdatedAt.IsZero() {
			t.Errorf("%s returned an incomplete product: %+v", what, returned)
		}
		stored, err := f.svc.FindProductByID(f.admin, returned.ID)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := json.Marshal(returned)
		want, _ := json.Marshal(stored)
		if string(got) != string(want) || !reflect.DeepEqual(returned, stored) ||
			returned.Validity != stored.Validity {
			t.Fatalf("%s returned\n%s\nbut the store holds\n%s", what, got, want)
		}
		return returned
	}
	created := asStored("CreateProduct", func() (*firstset.Product, error) { return svc.CreateProduct(f.entA, in) })
	in.Name, in.Params = "五轴联动加工中心（改）", []firstset.Param{{Name: "定位精度", Value: "0.005", Unit: "mm"}}
	asStored("UpdateProduct", func() (*firstset.Product, error) { return svc.UpdateProduct(f.entA, created.ID, in) })
	recognised := asStored("SetRecognition", func() (*firstset.Product, error) {
		return svc.SetRecognition(f.admin, created.ID, firstset.RecognitionInput{Status: firstset.StatusRecognised,
			RecognizedOn: date.MustParse("2025-03-01")})
	})
	if recognised.Status != firstset.StatusRecognised || recognised.RecognizedOn != date.MustParse("2025-03-01") ||
		recognised.Validity.IsZero() {
		t.Errorf("SetRecognition returned status %s, recognised %s, valid until %s",
			recognised.Status, recognised.RecognizedOn, recognised.Validity)
	}
	// An override of the validity comes back as stored too.
	asStored("SetRecognition with valid_until", func() (*firstset.Product, error) {
		return svc.SetRecognition(f.admin, created.ID, firstset.RecognitionInput{Status: firstset.StatusRecognised,
			RecognizedOn: date.MustParse("2025-03-01"), ValidUntil: date.MustParse("2027-12-31")})
	})
}

// testCatalogNeverStale: two service instances share one store. A search on
// one never shows the catalog as it was before the other changed it, and no
// caller can change a page another caller gets. (Two stores on one
// database: storetest.SharedDatabase.)
func testCatalogNeverStale(t *testing.T, f *fixture, store firstset.Store) {
	other := service.New(store, service.DefaultConfig, slog.New(slog.DiscardHandler))
	q := firstset.CatalogQuery{Query: "清洗机"}
	search := func() int {
		t.Helper()
		page, err := f.svc.SearchCatalog(f.public, q)
		if err != nil {
			t.Fatal(err)
		}
		return page.Total
	}
	if n := search(); n != 0 {
		t.Fatalf("before: %d results", n)
	}
	p := f.product(t, f.entA, "高压清洗机")
	if n := search(); n != 0 {
		t.Fatalf("a draft is found by the public: %d", n)
	}
	// The other instance recognises it; this one must not answer from what
	// it knew before.
	if _, err := other.SetRecognition(f.admin, p.ID, firstset.RecognitionInput{Status: firstset.StatusRecognised,
		RecognizedOn: date.MustParse("2026-01-05")}); err != nil {
		t.Fatal(err)
	}
	if n := search(); n != 1 {
		t.Fatalf("after recognition on another instance: %d results, want 1", n)
	}
	page, _ := f.svc.SearchCatalog(f.public, q)
	page.Items[0].Name = "被调用方改写"
	again, _ := f.svc.SearchCatalog(f.public, q)
	if again.Items[0].Name != "高压清洗机" {
		t.Fatalf("one caller's change to its page reached another: %q", again.Items[0].Name)
	}
	if _, err := other.SetRecognition(f.admin, p.ID, firstset.RecognitionInput{Status: firstset.StatusRevoked,
		RecognizedOn: date.MustParse("2026-01-05"), Reason: "测试撤销"}); err != nil {
		t.Fatal(err)
	}
	if n := search(); n != 0 {
		t.Fatalf("after revocation on another instance: %d results, want 0", n)
	}
}

// testReviewFindings pins the fixes of a review: token scopes on admin
// actions, parallel login guesses, tokens after a password change, and
// published products that cannot become drafts again.
func testReviewFindings(t *testing.T, f *fixture, store firstset.Store) {
	// An administrator's read-only token can neither add categories nor
	// revoke other people's tokens.
	adminUser := firstset.ActorFromContext(f.admin).User
	readTok := &firstset.APIToken{ID: -1, UserID: adminUser.ID, Prefix: "fst_test", Scopes: []firstset.Scope{firstset.ScopeCatalogRead}}
	readOnly := firstset.NewContextWithActor(context.Background(), &firstset.Actor{User: adminUser, Token: readTok})
	_, err := f.svc.CreateCategory(readOnly, "只读令牌添加的类别", 1)
	wantCode(t, err, firstset.EFORBIDDEN)
	entTok, entSecret, err := f.svc.CreateToken(f.entA, firstset.TokenInput{Name: "企业令牌", Scopes: []firstset.Scope{firstset.ScopeProductsRead}})
	if err != nil {
		t.Fatal(err)
	}
	// (a token without tokens:manage reaches no token at all)
	wantCode(t, f.svc.RevokeToken(readOnly, entTok.ID), firstset.EFORBIDDEN)

	// Changing one's password revokes one's tokens too.
	if err := f.svc.ChangePassword(f.entA, pw, "Another-Passw0rd"); err != nil {
		t.Fatal(err)
	}
	_, _, err = f.svc.AuthenticateToken(context.Background(), entSecret)
	wantCode(t, err, firstset.EUNAUTHORIZED)

	// A published product stays on record: no way back to draft.
	p := f.product(t, f.entB, "已认定装备")
	if _, err := f.svc.SetRecognition(f.admin, p.ID, firstset.RecognitionInput{Status: firstset.StatusRecognised,
		RecognizedOn: date.MustParse("2026-02-01")}); err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.SetRecognition(f.admin, p.ID, firstset.RecognitionInput{Status: firstset.StatusDraft})
	wantCode(t, err, firstset.EINVALID)

	// Parallel wrong guesses: the limit holds.
	const guesses = 20
	results := make(chan error, guesses)
	for range guesses {
		go func() {
			_, _, err := f.svc.Login(context.Background(), "buyer1", "wrong", "10.9.9.9", "test")
			results <- err
		}()
	}
	checked, limited := 0, 0
	for range guesses {
		switch err := <-results; firstset.ErrorCode(err) {
		case firstset.EUNAUTHORIZED:
			checked++
		case firstset.ERATELIMITED:
			limited++
		default:
			t.Fatalf("a parallel guess failed otherwise: %v", err)
		}
	}
	// Exactly the limit had their password checked; the rest were stopped.
	if limit := service.DefaultConfig.MaxFailuresPerUser; checked != limit || limited != guesses-limit {
		t.Fatalf("%d of %d parallel guesses had their password checked and %d were stopped; the limit is %d", checked, guesses, limited, service.DefaultConfig.MaxFailuresPerUser)
	}
}

// testHousekeeping: what can no longer matter is removed, and only that.
func testHousekeeping(t *testing.T, f *fixture, store firstset.Store) {
	ctx := context.Background()
	now := time.Now()
	f.svc.Now = func() time.Time { return now }
	if _, _, err := f.svc.Login(ctx, "enta", pw, "10.0.0.7", "test"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.svc.Login(ctx, "enta", "wrong", "10.0.0.7", "test"); firstset.ErrorCode(err) != firstset.EUNAUTHORIZED {
		t.Fatalf("wrong password: %v", err)
	}
	err := store.Update(ctx, func(tx firstset.Tx) error {
		return tx.SaveIdempotentResponse(ctx, &firstset.IdempotentResponse{Key: "1:k", RequestHash: "h", Status: 201, CreatedAt: now})
	})
	if err != nil {
		t.Fatal(err)
	}
	if h, err := f.svc.Housekeep(ctx); err != nil || h != (service.Housekeeping{}) {
		t.Fatalf("nothing is old yet, but housekeeping removed %+v (%v)", h, err)
	}
	// A day and an hour later: the session has expired, the failures have
	// left the throttling window, the stored reply its retention.
	f.svc.Now = func() time.Time { return now.Add(25 * time.Hour) }
	h, err := f.svc.Housekeep(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if h.ExpiredSessions < 1 || h.OldLoginFailures != 2 || h.OldIdempotentReplies != 1 {
		t.Fatalf("a day later housekeeping removed %+v; want the session, the 2 failures (name and address) and the reply", h)
	}
	err = store.View(ctx, func(tx firstset.Tx) error {
		if n, err := tx.CountLoginFailures(ctx, "user:enta", now.Add(-time.Hour)); err != nil || n != 0 {
			t.Fatalf("%d failures left (%v)", n, err)
		}
		_, err := tx.IdempotentResponse(ctx, "1:k")
		wantCode(t, err, firstset.ENOTFOUND)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// testBuyerOrg registers the purchasing unit a test's buyer users act for.
// testInstitution registers an insurer named name.
func testInstitution(t testing.TB, svc *service.Services, sys context.Context, rng *rand.Rand, name string) *firstset.Institution {
	t.Helper()
	n, err := svc.CreateInstitution(sys, firstset.InstitutionInput{Name: name, CreditCode: creditcode.Generate(rng, "500103"),
		Kind: firstset.InstitutionInsurer})
	if err != nil {
		t.Fatalf("create institution: %v", err)
	}
	return n
}

func testBuyerOrg(t testing.TB, svc *service.Services, sys context.Context, rng *rand.Rand) *firstset.Buyer {
	t.Helper()
	b, err := svc.CreateBuyer(sys, firstset.BuyerInput{Name: "重庆轨道交通（集团）有限公司", CreditCode: creditcode.Generate(rng, "500103"),
		Kind: firstset.BuyerSOECity, DistrictCode: "500103", Supervisor: "市国资委"})
	if err != nil {
		t.Fatalf("create buyer: %v", err)
	}
	return b
}
