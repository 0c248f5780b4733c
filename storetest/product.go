package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"firstset"
	"firstset/date"
)

// productTests check the CategoryStore and ProductStore contracts.
var productTests = []test{
	{"Categories", testCategories},
	{"Products", testProducts},
	{"ProductPatents", testProductPatents},
	{"ProductList", testProductList},
}

func categoryID(t *testing.T, s firstset.Store, name string) int64 {
	t.Helper()
	var id int64
	view(t, s, func(tx firstset.Tx) error {
		cats, err := tx.Categories(context.Background())
		for _, c := range cats {
			if c.Name == name {
				id = c.ID
			}
		}
		return err
	})
	if id == 0 {
		t.Fatalf("no category %s", name)
	}
	return id
}

func createProduct(t *testing.T, s firstset.Store, p *firstset.Product) *firstset.Product {
	t.Helper()
	update(t, s, func(tx firstset.Tx) error { return tx.CreateProduct(context.Background(), p) })
	if p.ID == 0 {
		t.Fatal("CreateProduct did not set the id")
	}
	return p
}

func getProduct(t *testing.T, s firstset.Store, id int64) *firstset.Product {
	t.Helper()
	var p *firstset.Product
	view(t, s, func(tx firstset.Tx) (err error) {
		p, err = tx.ProductByID(context.Background(), id)
		return err
	})
	return p
}

// sameProduct compares what a product read back holds with what was
// written; empty and nil lists are alike.
func sameProduct(t *testing.T, got, want *firstset.Product) {
	t.Helper()
	sameTime(t, "product created_at", got.CreatedAt, want.CreatedAt)
	sameTime(t, "product updated_at", got.UpdatedAt, want.UpdatedAt)
	g, w := *got, *want
	g.CreatedAt, g.UpdatedAt, w.CreatedAt, w.UpdatedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if len(g.Params) == 0 && len(w.Params) == 0 {
		g.Params, w.Params = nil, nil
	}
	if len(g.Patents) == 0 && len(w.Patents) == 0 {
		g.Patents, w.Patents = nil, nil
	}
	if !reflect.DeepEqual(g, w) {
		t.Fatalf("product\n got %+v\nwant %+v", g, w)
	}
}

func testProducts(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	e := createEnterprise(t, s, newEnterprise(1, "500112"))
	cat := categoryID(t, s, "智能制造装备")
	p := &firstset.Product{
		EnterpriseID: e.ID, Name: "五轴联动数控加工中心", Model: "VMC-850", CategoryID: cat,
		Description: "适用于航空结构件的高速高精加工。",
		Params: []firstset.Param{
			{Name: "主轴转速", Value: "12000", Unit: "r/min"},
			{Name: "定位精度", Value: "0.005", Unit: "mm"},
			{Name: "工作台尺寸", Value: "1000×500", Unit: "mm"},
		},
		InnovationLevel: firstset.LevelNational, TalentLed: true, TalentProgram: "重庆英才计划",
		Patents:      []string{"ZL202310000002.X", "ZL202110000001.5"},
		Status:       firstset.StatusRecognised,
		RecognizedOn: date.MustParse("2024-06-01"), ValidUntil: date.MustParse("2028-05-31"),
		CreatedAt: at("2024-05-20T10:00:00.000001Z"), UpdatedAt: at("2024-06-01T10:00:00.999999Z"),
	}
	createProduct(t, s, p)
	if p.EnterpriseName != e.Name || p.CategoryName != "智能制造装备" || p.DistrictCode != "500112" {
		t.Fatalf("CreateProduct fills in the joined names: %q %q %q", p.EnterpriseName, p.CategoryName, p.DistrictCode)
	}
	sameProduct(t, getProduct(t, s, p.ID), p)

	// Update replaces every field, the params and patents in their new order.
	p.Name, p.Model, p.Description = "卧式加工中心", "HMC-630", ""
	p.CategoryID = categoryID(t, s, "工程机械")
	p.CategoryName = "工程机械"
	p.Params = []firstset.Param{{Name: "定位精度", Value: "0.004", Unit: "mm"}, {Name: "刀库容量", Value: "60", Unit: "把"}}
	p.Patents = []string{"ZL202110000001.5", "ZL202410000003.1"}
	p.InnovationLevel, p.TalentLed, p.TalentProgram = firstset.LevelProvincial, false, ""
	p.Status, p.RecognizedOn, p.ValidUntil = firstset.StatusDraft, date.Date{}, date.Date{}
	p.UpdatedAt = at("2024-07-01T00:00:00.000002Z")
	update(t, s, func(tx firstset.Tx) error { return tx.UpdateProduct(ctx, p) })
	sameProduct(t, getProduct(t, s, p.ID), p)

	// No params and no patents read back as empty lists.
	p.Params, p.Patents = nil, nil
	update(t, s, func(tx firstset.Tx) error { return tx.UpdateProduct(ctx, p) })
	got := getProduct(t, s, p.ID)
	if got.Params == nil || got.Patents == nil || len(got.Params)+len(got.Patents) != 0 {
		t.Fatalf("empty lists: params %#v patents %#v", got.Params, got.Patents)
	}

	err := s.View(ctx, func(tx firstset.Tx) error { _, err := tx.ProductByID(ctx, p.ID+100); return err })
	wantCode(t, err, firstset.ENOTFOUND, "")
	ghost := *p
	ghost.ID = p.ID + 100
	err = s.Update(ctx, func(tx firstset.Tx) error { return tx.UpdateProduct(ctx, &ghost) })
	wantCode(t, err, firstset.ENOTFOUND, "")

	bad := *p
	bad.ID, bad.EnterpriseID = 0, e.ID+100
	err = s.Update(ctx, func(tx firstset.Tx) error { return tx.CreateProduct(ctx, &bad) })
	wantCode(t, err, firstset.EINVALID, "enterprise_id")
	wantDetail(t, err, "unknown_enterprise")
	bad = *p
	bad.ID, bad.CategoryID = 0, cat+1000
	err = s.Update(ctx, func(tx firstset.Tx) error { return tx.CreateProduct(ctx, &bad) })
	wantCode(t, err, firstset.EINVALID, "category_id")
	wantDetail(t, err, "unknown_category")
	bad.ID = p.ID
	err = s.Update(ctx, func(tx firstset.Tx) error { return tx.UpdateProduct(ctx, &bad) })
	wantCode(t, err, firstset.EINVALID, "category_id")
	wantDetail(t, err, "unknown_category")

	update(t, s, func(tx firstset.Tx) error { return tx.DeleteProduct(ctx, p.ID) })
	err = s.View(ctx, func(tx firstset.Tx) error { _, err := tx.ProductByID(ctx, p.ID); return err })
	wantCode(t, err, firstset.ENOTFOUND, "")
	err = s.Update(ctx, func(tx firstset.Tx) error { return tx.DeleteProduct(ctx, p.ID) })
	wantCode(t, err, firstset.ENOTFOUND, "")
}

func newProduct(e *firstset.Enterprise, cat int64, name, model string, patents ...string) *firstset.Product {
	return &firstset.Product{
		EnterpriseID: e.ID, Name: name, Model: model, CategoryID: cat,
		Params:          []firstset.Param{{Name: "额定功率", Value: "55", Unit: "kW"}},
		InnovationLevel: firstset.LevelNational, Patents: patents, Status: firstset.StatusDraft,
	}
}

func testProductPatents(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	e := createEnterprise(t, s, newEnterprise(1, "500112"))
	cat := categoryID(t, s, "电力装备")
	a := createProduct(t, s, newProduct(e, cat, "特高压变压器", "SFP-720000", "ZL1", "ZL2"))
	b := createProduct(t, s, newProduct(e, cat, "气体绝缘开关设备", "ZF-550", "ZL3"))

	view(t, s, func(tx firstset.Tx) error {
		for n, want := range map[string]int64{"ZL1": a.ID, "ZL2": a.ID, "ZL3": b.ID, "ZL9": 0} {
			got, err := tx.PatentOwner(ctx, n)
			if err != nil {
				return err
			}
			if got != want {
				t.Fatalf("PatentOwner(%s) = %d, want %d", n, got, want)
			}
		}
		return nil
	})

	c := newProduct(e, cat, "直流换流阀", "HVDC-800", "ZL4", "ZL2")
	err := s.Update(ctx, func(tx firstset.Tx) error { return tx.CreateProduct(ctx, c) })
	wantCode(t, err, firstset.ECONFLICT, "patents")
	b.Patents = []string{"ZL3", "ZL1"}
	err = s.Update(ctx, func(tx firstset.Tx) error { return tx.UpdateProduct(ctx, b) })
	wantCode(t, err, firstset.ECONFLICT, "patents")
	dup := newProduct(e, cat, "直流换流阀", "HVDC-800", "ZL5", "ZL5")
	err = s.Update(ctx, func(tx firstset.Tx) error { return tx.CreateProduct(ctx, dup) })
	wantCode(t, err, firstset.ECONFLICT, "patents")

	// A product keeps its own patents across an update, and a deleted
	// product's patents are free again.
	a.Name = "特高压换流变压器"
	update(t, s, func(tx firstset.Tx) error { return tx.UpdateProduct(ctx, a) })
	update(t, s, func(tx firstset.Tx) error { return tx.DeleteProduct(ctx, a.ID) })
	c = createProduct(t, s, newProduct(e, cat, "直流换流阀", "HVDC-800", "ZL2"))
	view(t, s, func(tx firstset.Tx) error {
		for n, want := range map[string]int64{"ZL1": 0, "ZL2": c.ID} {
			got, err := tx.PatentOwner(ctx, n)
			if err != nil {
				return err
			}
			if got != want {
				t.Fatalf("after delete: PatentOwner(%s) = %d, want %d", n, got, want)
			}
		}
		return nil
	})
}

func testProductList(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	e1 := createEnterprise(t, s, newEnterprise(1, "500112"))
	e2 := createEnterprise(t, s, newEnterprise(2, "500107"))
	cat := categoryID(t, s, "农机装备")
	var ids []int64
	for i, spec := range []struct {
		e      *firstset.Enterprise
		name   string
		status firstset.ProductStatus
	}{
		{e1, "丘陵山区履带拖拉机", firstset.StatusDraft},
		{e1, "智能水稻插秧机", firstset.StatusDeclared},
		{e2, "再生稻收割机", firstset.StatusRecognised},
		{e2, "履带式联合收割机", firstset.StatusRecognised},
		{e1, "植保无人机", firstset.StatusRecognised},
	} {
		p := newProduct(spec.e, cat, spec.name, "NJ-"+string(rune('A'+i)))
		p.Status = spec.status
		if spec.status == firstset.StatusRecognised {
			p.RecognizedOn = date.MustParse("2024-01-01")
		}
		ids = append(ids, createProduct(t, s, p).ID)
	}
	list := func(name string, f firstset.ProductFilter, district string, total int, want ...int64) {
		t.Helper()
		view(t, s, func(tx firstset.Tx) error {
			list, n, err := tx.ListProducts(ctx, f, district)
			if err != nil {
				return err
			}
			var got []int64
			for _, p := range list {
				got = append(got, p.ID)
				if len(p.Params) != 1 || p.EnterpriseName == "" || p.CategoryName != "农机装备" {
					t.Fatalf("%s: listed products carry params and names: %+v", name, p)
				}
			}
			if n != total || !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: got %v (total %d), want %v (total %d)", name, got, n, want, total)
			}
			return nil
		})
	}
	check := func(name string, f firstset.ProductFilter, district string, total int, want ...int64) {
		t.Helper()
		if f.Query == "" && district == "" {
			list(name, f, district, total, want...) // the catalog index has no part in it
			return
		}
		eachIndex(t, s, func() { list(name, f, district, total, want...) })
	}
	check("all, newest first", firstset.ProductFilter{}, "", 5, ids[4], ids[3], ids[2], ids[1], ids[0])
	check("enterprise", firstset.ProductFilter{EnterpriseID: e1.ID}, "", 3, ids[4], ids[1], ids[0])
	check("status", firstset.ProductFilter{Status: firstset.StatusRecognised}, "", 3, ids[4], ids[3], ids[2])
	check("district", firstset.ProductFilter{}, "500107", 2, ids[3], ids[2])
	check("district and status", firstset.ProductFilter{Status: firstset.StatusRecognised}, "500112", 1, ids[4])
	check("query", firstset.ProductFilter{Query: "收割"}, "", 2, ids[3], ids[2])
	check("query by model", firstset.ProductFilter{Query: "nj-b"}, "", 1, ids[1])
	check("page", firstset.ProductFilter{Offset: 1, Limit: 2}, "", 5, ids[3], ids[2])
	check("other district", firstset.ProductFilter{}, "500101", 0)
	check("district page", firstset.ProductFilter{Offset: 1, Limit: 1}, "500112", 3, ids[1])
	check("district, enterprise and query", firstset.ProductFilter{EnterpriseID: e1.ID, Query: "履带"}, "500112", 1, ids[0])
	check("enterprise and query", firstset.ProductFilter{EnterpriseID: e2.ID, Query: "履带"}, "", 1, ids[3])

	// An enterprise that moves takes its products to the new district; a
	// product given to another enterprise is listed under it.
	e2.DistrictCode = "500101"
	update(t, s, func(tx firstset.Tx) error { return tx.UpdateEnterprise(ctx, e2) })
	check("moved enterprise, old district", firstset.ProductFilter{}, "500107", 0)
	check("moved enterprise, new district", firstset.ProductFilter{}, "500101", 2, ids[3], ids[2])
	p := getProduct(t, s, ids[0])
	p.EnterpriseID = e2.ID
	update(t, s, func(tx firstset.Tx) error { return tx.UpdateProduct(ctx, p) })
	check("moved product", firstset.ProductFilter{EnterpriseID: e2.ID, Query: "拖拉机"}, "500101", 1, ids[0])
	check("moved product, old enterprise", firstset.ProductFilter{EnterpriseID: e1.ID}, "", 2, ids[4], ids[1])
}

func testCategories(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	var cats []firstset.Category
	view(t, s, func(tx firstset.Tx) (err error) {
		cats, err = tx.Categories(ctx)
		return err
	})
	if len(cats) < 10 {
		t.Fatalf("the managed category list is seeded: got %d entries", len(cats))
	}
	names := map[string]bool{}
	for i, c := range cats {
		names[c.Name] = true
		if i > 0 && c.Sort < cats[i-1].Sort {
			t.Fatalf("categories are ordered by sort: %v", cats)
		}
	}
	for _, n := range []string{"智能制造装备", "轨道交通装备", "医疗装备", "其他"} {
		if !names[n] {
			t.Fatalf("seeded categories lack %s", n)
		}
	}
	if cats[len(cats)-1].Name != "其他" {
		t.Fatalf("其他 comes last, got %s", cats[len(cats)-1].Name)
	}
	c := &firstset.Category{Name: "机器人", Sort: 15}
	update(t, s, func(tx firstset.Tx) error { return tx.CreateCategory(ctx, c) })
	if c.ID == 0 {
		t.Fatal("CreateCategory did not set the id")
	}
	view(t, s, func(tx firstset.Tx) error {
		got, err := tx.Categories(ctx)
		if err != nil {
			return err
		}
		if len(got) != len(cats)+1 || got[1] != *c {
			t.Fatalf("new category at its sort position: %v", got[:3])
		}
		return nil
	})
	err := s.Update(ctx, func(tx firstset.Tx) error { return tx.CreateCategory(ctx, &firstset.Category{Name: "医疗装备"}) })
	wantCode(t, err, firstset.ECONFLICT, "name")
}
