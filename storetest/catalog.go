package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"firstset"
	"firstset/date"
	"firstset/sqlstore"
)

// catalogTests check the CatalogStore contract.
var catalogTests = []test{
	{"CatalogSearch", testCatalogSearch},
	{"CatalogFilters", testCatalogFilters},
	{"CatalogIndexSync", testCatalogIndexSync},
	{"CatalogExport", testCatalogExport},
	{"RenameWhileWriting", testRenameWhileWriting},
}

// catalogFixture is a small catalog across two districts and categories.
type catalogFixture struct {
	e1, e2           *firstset.Enterprise
	machine, medical int64
	ids              map[string]int64 // by product name
}

func newCatalogFixture(t *testing.T, s firstset.Store) *catalogFixture {
	f := &catalogFixture{ids: map[string]int64{}}
	f.e1 = newEnterprise(1, "500112")
	f.e1.Name = "重庆机床（集团）有限责任公司"
	createEnterprise(t, s, f.e1)
	f.e2 = newEnterprise(2, "500107")
	f.e2.Name = "重庆山外山血液净化技术股份有限公司"
	createEnterprise(t, s, f.e2)
	f.machine = categoryID(t, s, "智能制造装备")
	f.medical = categoryID(t, s, "医疗装备")
	for _, spec := range []struct {
		e        *firstset.Enterprise
		cat      int64
		name     string
		model    string
		param    string
		level    firstset.InnovationLevel
		status   firstset.ProductStatus
		on       string
		talented bool
	}{
		{f.e1, f.machine, "数控滚齿机", "YK3610", "最大加工模数", firstset.LevelNational, firstset.StatusRecognised, "2024-03-01", false},
		{f.e1, f.machine, "高速干切滚齿机", "YDZ3126CNC", "主轴转速", firstset.LevelInternational, firstset.StatusRecognised, "2024-06-01", true},
		{f.e1, f.machine, "工业机器人焊接工作站", "ＲＷ－２００", "重复定位精度", firstset.LevelProvincial, firstset.StatusRecognised, "2023-09-15", false},
		{f.e2, f.medical, "连续性血液净化设备", "SWS-5000", "血泵流量", firstset.LevelNational, firstset.StatusRecognised, "2024-06-01", false},
		{f.e2, f.medical, "血液透析机", "SWS-4000", "透析液流量", firstset.LevelProvincial, firstset.StatusDeclared, "", false},
		{f.e1, f.machine, "机床再制造生产线", "ZZ-1", "节拍", firstset.LevelNational, firstset.StatusRevoked, "2022-01-10", false},
	} {
		p := &firstset.Product{EnterpriseID: spec.e.ID, CategoryID: spec.cat, Name: spec.name, Model: spec.model,
			Params: []firstset.Param{{Name: spec.param, Value: "1"}}, InnovationLevel: spec.level,
			Status: spec.status, TalentLed: spec.talented}
		if spec.talented {
			p.TalentProgram = "重庆英才计划"
		}
		if spec.on != "" {
			p.RecognizedOn = date.MustParse(spec.on)
		}
		f.ids[spec.name] = createProduct(t, s, p).ID
	}
	return f
}

// search runs q and returns the names found, in order, and the total. A
// store with an index in memory runs it twice, from the database's index
// and from memory (loaded at the first search, then kept up to date by the
// store itself), and both must agree.
func search(t *testing.T, s firstset.Store, q firstset.CatalogQuery) ([]string, int) {
	t.Helper()
	m, ok := s.(sqlstore.MemoryIndexed)
	if !ok {
		return searchOnce(t, s, q)
	}
	m.UseCatalogIndex(false)
	fromDB := searchPage(t, s, q)
	var inMemory *firstset.CatalogPage
	fromMemory(t, m, func() { inMemory = searchPage(t, s, q) })
	if !reflect.DeepEqual(inMemory, fromDB) {
		t.Fatalf("search %+v:\nmemory   %+v\ndatabase %+v", q, inMemory, fromDB)
	}
	return pageNames(fromDB), fromDB.Total
}

// fromMemory runs fn, which must search or list exactly once, with the
// in-memory index on and loaded, and checks that memory answered it.
func fromMemory(t *testing.T, m sqlstore.MemoryIndexed, fn func()) {
	t.Helper()
	m.UseCatalogIndex(true)
	if !m.CatalogIndexStats().Loaded {
		if err := m.LoadCatalogIndex(context.Background()); err != nil {
			t.Fatalf("load catalog index: %v", err)
		}
	}
	before := m.CatalogIndexStats().FromMemory
	fn()
	if got := m.CatalogIndexStats().FromMemory - before; got != 1 {
		t.Fatalf("%d of 1 searches answered from memory", got)
	}
}

// eachIndex runs fn with the database's index and, for a store that also
// keeps one in memory, again answered from memory; fn must search or list
// exactly once.
func eachIndex(t *testing.T, s firstset.Store, fn func()) {
	t.Helper()
	m, ok := s.(sqlstore.MemoryIndexed)
	if !ok {
		fn()
		return
	}
	m.UseCatalogIndex(false)
	fn()
	fromMemory(t, m, fn)
}

func searchOnce(t *testing.T, s firstset.Store, q firstset.CatalogQuery) ([]string, int) {
	t.Helper()
	page := searchPage(t, s, q)
	return pageNames(page), page.Total
}

func searchPage(t *testing.T, s firstset.Store, q firstset.CatalogQuery) *firstset.CatalogPage {
	t.Helper()
	var page *firstset.CatalogPage
	view(t, s, func(tx firstset.Tx) (err error) {
		page, err = tx.SearchCatalog(context.Background(), q)
		return err
	})
	return page
}

func pageNames(page *firstset.CatalogPage) []string {
	names := []string{}
	for _, it := range page.Items {
		names = append(names, it.Name)
	}
	return names
}

func wantSearch(t *testing.T, s firstset.Store, q firstset.CatalogQuery, total int, names ...string) {
	t.Helper()
	got, n := search(t, s, q)
	if names == nil {
		names = []string{}
	}
	if n != total || !reflect.DeepEqual(got, names) {
		t.Fatalf("search %+v:\n got %q (total %d)\nwant %q (total %d)", q, got, n, names, total)
	}
}

func testCatalogSearch(t *testing.T, s firstset.Store) {
	f := newCatalogFixture(t, s)
	rec := firstset.StatusRecognised
	q := func(text string) firstset.CatalogQuery { return firstset.CatalogQuery{Query: text, Status: rec} }

	// Recognised products, most recently recognised first, ties by id (newest first).
	wantSearch(t, s, q(""), 4, "连续性血液净化设备", "高速干切滚齿机", "数控滚齿机", "工业机器人焊接工作站")
	wantSearch(t, s, q("，。 "), 4, "连续性血液净化设备", "高速干切滚齿机", "数控滚齿机", "工业机器人焊接工作站")
	// One, two and three or more characters.
	wantSearch(t, s, q("齿"), 2, "高速干切滚齿机", "数控滚齿机")
	wantSearch(t, s, q("血"), 1, "连续性血液净化设备")
	wantSearch(t, s, q("滚齿"), 2, "高速干切滚齿机", "数控滚齿机")
	wantSearch(t, s, q("机器人"), 1, "工业机器人焊接工作站")
	wantSearch(t, s, q("干切滚齿机"), 1, "高速干切滚齿机")
	wantSearch(t, s, q("数控 滚齿"), 1, "数控滚齿机")
	// Characters present but not adjacent do not match.
	wantSearch(t, s, q("滚机"), 0)
	wantSearch(t, s, q("数控机"), 0)
	// Model numbers, whatever their width, case and punctuation.
	wantSearch(t, s, q("yk3610"), 1, "数控滚齿机")
	wantSearch(t, s, q("ＹＫ－３６"), 1, "数控滚齿机")
	wantSearch(t, s, q("rw200"), 1, "工业机器人焊接工作站")
	wantSearch(t, s, q("sws"), 1, "连续性血液净化设备")
	// Enterprise, category and parameter names are searched too.
	wantSearch(t, s, q("山外山"), 1, "连续性血液净化设备")
	wantSearch(t, s, q("重庆机床"), 3, "高速干切滚齿机", "数控滚齿机", "工业机器人焊接工作站")
	wantSearch(t, s, q("医疗装备"), 1, "连续性血液净化设备")
	wantSearch(t, s, q("重复定位"), 1, "工业机器人焊接工作站")
	// A match never spans two fields: 滚齿机 + YK3610 would read 机yk.
	wantSearch(t, s, q("机yk"), 0)
	wantSearch(t, s, q("不存在的装备"), 0)
	// Pagination keeps the total.
	wantSearch(t, s, firstset.CatalogQuery{Query: "机", Status: rec, Limit: 2}, 3, "高速干切滚齿机", "数控滚齿机")
	wantSearch(t, s, firstset.CatalogQuery{Query: "机", Status: rec, Offset: 2, Limit: 2}, 3, "工业机器人焊接工作站")
	wantSearch(t, s, firstset.CatalogQuery{Query: "机", Status: rec, Offset: 10, Limit: 2}, 3)

	// The name ends in 器人 and the model starts with 人机: 器人机 is in
	// neither, though its bigrams follow each other across the two fields.
	p := newProduct(f.e1, f.machine, "智能仓储机器人", "人机协作型RB1")
	p.Status, p.RecognizedOn = rec, date.MustParse("2020-01-01")
	createProduct(t, s, p)
	wantSearch(t, s, q("器人机"), 0)
	wantSearch(t, s, q("人机协作"), 1, "智能仓储机器人")
	wantSearch(t, s, q("仓储机器人"), 1, "智能仓储机器人")
}

func testCatalogFilters(t *testing.T, s firstset.Store) {
	f := newCatalogFixture(t, s)
	rec := firstset.StatusRecognised
	// Staff see every status when they ask for none; products never
	// recognised come last.
	wantSearch(t, s, firstset.CatalogQuery{Query: "血液"}, 2, "连续性血液净化设备", "血液透析机")
	wantSearch(t, s, firstset.CatalogQuery{Query: "机床"}, 4, "高速干切滚齿机", "数控滚齿机", "工业机器人焊接工作站", "机床再制造生产线")
	wantSearch(t, s, firstset.CatalogQuery{Query: "机床", Status: firstset.StatusRevoked}, 1, "机床再制造生产线")
	wantSearch(t, s, firstset.CatalogQuery{Status: firstset.StatusDeclared}, 1, "血液透析机")
	wantSearch(t, s, firstset.CatalogQuery{Status: rec, CategoryID: f.medical}, 1, "连续性血液净化设备")
	wantSearch(t, s, firstset.CatalogQuery{Status: rec, DistrictCode: "500112"}, 3, "高速干切滚齿机", "数控滚齿机", "工业机器人焊接工作站")
	wantSearch(t, s, firstset.CatalogQuery{Status: rec, DistrictCode: "500101"}, 0)
	wantSearch(t, s, firstset.CatalogQuery{Status: rec, InnovationLevel: firstset.LevelNational}, 2, "连续性血液净化设备", "数控滚齿机")
	wantSearch(t, s, firstset.CatalogQuery{Query: "滚齿", Status: rec, InnovationLevel: firstset.LevelInternational,
		CategoryID: f.machine, DistrictCode: "500112"}, 1, "高速干切滚齿机")

	// Every column of an item is filled in.
	var page *firstset.CatalogPage
	view(t, s, func(tx firstset.Tx) (err error) {
		page, err = tx.SearchCatalog(context.Background(), firstset.CatalogQuery{Query: "干切", Status: rec})
		return err
	})
	want := firstset.CatalogItem{
		ID: f.ids["高速干切滚齿机"], Name: "高速干切滚齿机", Model: "YDZ3126CNC",
		Enterprise: f.e1.Name, EnterpriseID: f.e1.ID, Category: "智能制造装备", CategoryID: f.machine,
		District: "渝北区", DistrictCode: "500112", InnovationLevel: firstset.LevelInternational, TalentLed: true,
		// No validity is stored: the store applies no rule of its own, the
		// services derive it (catalog.validity_years).
		Status: rec, RecognizedOn: date.MustParse("2024-06-01"),
	}
	if len(page.Items) != 1 || page.Items[0] != want {
		t.Fatalf("item\n got %+v\nwant %+v", page.Items, want)
	}
}

// testCatalogExport checks the two reads an export makes: the ordered
// ids of a whole search, then the items of any list of ids in its order.
func testCatalogExport(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	f := newCatalogFixture(t, s)
	rec := firstset.StatusRecognised
	for _, q := range []firstset.CatalogQuery{
		{Status: rec}, {}, {Query: "机床"}, {Status: firstset.StatusRevoked}, {Query: "血液", Status: rec},
		{Status: rec, DistrictCode: "500112", InnovationLevel: firstset.LevelNational}, {Query: "不存在的装备"},
		// The page a search would take is ignored.
		{Status: rec, Offset: 2, Limit: 1},
	} {
		all := q
		all.Offset, all.Limit = 0, 0
		if m, ok := s.(sqlstore.MemoryIndexed); ok {
			// From the database's index; a search with memory on but not
			// loaded would start a load in the background, which keeps
			// memory from answering until it ends.
			m.UseCatalogIndex(false)
		}
		want := searchPage(t, s, all)
		wantIDs := []int64{}
		for _, it := range want.Items {
			wantIDs = append(wantIDs, it.ID)
		}
		eachIndex(t, s, func() {
			var ids []int64
			view(t, s, func(tx firstset.Tx) (err error) { ids, err = tx.CatalogIDs(ctx, q); return err })
			if ids == nil {
				ids = []int64{}
			}
			if !reflect.DeepEqual(ids, wantIDs) {
				t.Fatalf("CatalogIDs %+v: %v, the search %v", q, ids, wantIDs)
			}
		})
		eachIndex(t, s, func() {
			var items []firstset.CatalogItem
			view(t, s, func(tx firstset.Tx) (err error) { items, err = tx.CatalogItems(ctx, wantIDs); return err })
			if !reflect.DeepEqual(items, want.Items) {
				t.Fatalf("CatalogItems %+v:\n got %+v\nwant %+v", q, items, want.Items)
			}
		})
	}

	// Any order, across more ids than one statement takes; ids no longer
	// stored are left out.
	gone := createProduct(t, s, newProduct(f.e1, f.machine, "已删除的装备", "DEL-1"))
	update(t, s, func(tx firstset.Tx) error { return tx.DeleteProduct(ctx, gone.ID) })
	names := []string{"血液透析机", "数控滚齿机", "机床再制造生产线", "连续性血液净化设备"}
	var ids []int64
	var wantNames []string
	for i := range 1300 {
		if i%100 == 7 {
			ids = append(ids, gone.ID)
			continue
		}
		ids = append(ids, f.ids[names[i%len(names)]])
		wantNames = append(wantNames, names[i%len(names)])
	}
	eachIndex(t, s, func() {
		var items []firstset.CatalogItem
		view(t, s, func(tx firstset.Tx) (err error) { items, err = tx.CatalogItems(ctx, ids); return err })
		if got := pageNames(&firstset.CatalogPage{Items: items}); !reflect.DeepEqual(got, wantNames) {
			t.Fatalf("CatalogItems of %d ids: %d items, want %d in order", len(ids), len(got), len(wantNames))
		}
	})
}

func testCatalogIndexSync(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	f := newCatalogFixture(t, s)
	q := func(text string) firstset.CatalogQuery { return firstset.CatalogQuery{Query: text} }
	// Every change that searches can see moves the catalog version on, so
	// results cached under the old version are never served again.
	version := func() int64 {
		var v int64
		view(t, s, func(tx firstset.Tx) (err error) { v, err = tx.CatalogVersion(ctx); return err })
		return v
	}
	last := version()
	moved := func(what string) {
		t.Helper()
		if v := version(); v <= last {
			t.Fatalf("after %s the catalog version is %d, not past %d", what, v, last)
		} else {
			last = v
		}
	}

	// An update re-indexes the product: the old name is gone, the new found.
	p := getProduct(t, s, f.ids["数控滚齿机"])
	p.Name, p.Model = "精密数控磨齿机", "YK7232"
	p.Params = append(p.Params, firstset.Param{Name: "砂轮线速度", Value: "60", Unit: "m/s"})
	update(t, s, func(tx firstset.Tx) error { return tx.UpdateProduct(ctx, p) })
	moved("a product update")
	wantSearch(t, s, q("磨齿"), 1, "精密数控磨齿机")
	wantSearch(t, s, q("yk7232"), 1, "精密数控磨齿机")
	wantSearch(t, s, q("yk3610"), 0)
	wantSearch(t, s, q("砂轮"), 1, "精密数控磨齿机")
	wantSearch(t, s, q("滚齿"), 1, "高速干切滚齿机")

	// A deleted product is gone from the index.
	update(t, s, func(tx firstset.Tx) error { return tx.DeleteProduct(ctx, f.ids["血液透析机"]) })
	moved("a product delete")
	wantSearch(t, s, q("透析"), 0)
	wantSearch(t, s, q("血液"), 1, "连续性血液净化设备")

	// Renaming an enterprise re-indexes its products.
	f.e2.Name = "重庆医疗器械创新有限公司"
	update(t, s, func(tx firstset.Tx) error { return tx.UpdateEnterprise(ctx, f.e2) })
	moved("an enterprise rename")
	wantSearch(t, s, q("山外山"), 0)
	wantSearch(t, s, q("医疗器械"), 1, "连续性血液净化设备")
	wantSearch(t, s, q("血泵"), 1, "连续性血液净化设备")
	var page *firstset.CatalogPage
	view(t, s, func(tx firstset.Tx) (err error) {
		page, err = tx.SearchCatalog(ctx, q("连续性"))
		return err
	})
	if len(page.Items) != 1 || page.Items[0].Enterprise != f.e2.Name || page.Items[0].District != "九龙坡区" {
		t.Fatalf("results show the new enterprise name: %+v", page.Items)
	}
	// A rolled-back update leaves the index as it was.
	_ = s.Update(ctx, func(tx firstset.Tx) error {
		p := getProductTx(t, tx, f.ids["连续性血液净化设备"])
		p.Name = "回滚的名称"
		if err := tx.UpdateProduct(ctx, p); err != nil {
			return err
		}
		return errRollback
	})
	if v := version(); v != last {
		t.Fatalf("a rolled-back update moved the catalog version from %d to %d", last, v)
	}
	wantSearch(t, s, q("回滚"), 0)
	wantSearch(t, s, q("净化"), 1, "连续性血液净化设备")

	// A transaction's searches see its own writes.
	update(t, s, func(tx firstset.Tx) error {
		p := newProduct(f.e1, f.machine, "激光切割机", "LC-3015")
		if err := tx.CreateProduct(ctx, p); err != nil {
			return err
		}
		page, err := tx.SearchCatalog(ctx, q("激光"))
		if err != nil {
			return err
		}
		if page.Total != 1 || page.Items[0].ID != p.ID {
			t.Fatalf("a new product is found in its own transaction: %+v", page)
		}
		p.Name = "光纤激光切割机"
		if err := tx.UpdateProduct(ctx, p); err != nil {
			return err
		}
		list, total, err := tx.ListProducts(ctx, firstset.ProductFilter{Query: "光纤"}, "")
		if err != nil {
			return err
		}
		if total != 1 || list[0].ID != p.ID {
			t.Fatalf("an updated product is listed by its new name in its own transaction: %d", total)
		}
		if err := tx.DeleteProduct(ctx, p.ID); err != nil {
			return err
		}
		page, err = tx.SearchCatalog(ctx, q("激光"))
		if err != nil {
			return err
		}
		if page.Total != 0 {
			t.Fatalf("a deleted product is gone in its own transaction: %+v", page)
		}
		return nil
	})
	wantSearch(t, s, q("激光"), 0)
}

func getProductTx(t *testing.T, tx firstset.Tx, id int64) *firstset.Product {
	t.Helper()
	p, err := tx.ProductByID(context.Background(), id)
	if err != nil {
		t.Fatalf("product %d: %v", id, err)
	}
	return p
}

// SharedDatabase checks two stores on one database, as two server instances
// would have them: each keeps its own catalog index in memory, and what one
// writes, the other's next search finds, from memory, without a restart.
func SharedDatabase(t *testing.T, a, b firstset.Store) {
	ctx := context.Background()
	f := newCatalogFixture(t, a)
	q := func(text string) firstset.CatalogQuery {
		return firstset.CatalogQuery{Query: text, Status: firstset.StatusRecognised}
	}
	for _, s := range []firstset.Store{a, b} {
		if m, ok := s.(sqlstore.MemoryIndexed); ok {
			if err := m.LoadCatalogIndex(ctx); err != nil {
				t.Fatal(err)
			}
		}
	}
	wantSearch(t, b, q("滚齿"), 2, "高速干切滚齿机", "数控滚齿机")

	update(t, a, func(tx firstset.Tx) error {
		p := getProductTx(t, tx, f.ids["数控滚齿机"])
		p.Name = "精密数控磨齿机"
		return tx.UpdateProduct(ctx, p)
	})
	wantSearch(t, b, q("滚齿"), 1, "高速干切滚齿机")
	wantSearch(t, b, q("磨齿"), 1, "精密数控磨齿机")

	f.e1.Name = "重庆齿轮装备有限公司"
	update(t, a, func(tx firstset.Tx) error { return tx.UpdateEnterprise(ctx, f.e1) })
	wantSearch(t, b, q("齿轮装备"), 3, "高速干切滚齿机", "精密数控磨齿机", "工业机器人焊接工作站")

	update(t, b, func(tx firstset.Tx) error { return tx.DeleteProduct(ctx, f.ids["高速干切滚齿机"]) })
	wantSearch(t, a, q("齿轮装备"), 2, "精密数控磨齿机", "工业机器人焊接工作站")
	wantSearch(t, b, q("齿轮装备"), 2, "精密数控磨齿机", "工业机器人焊接工作站")
}

// testRenameWhileWriting renames an enterprise while another transaction
// writes one of its products: whichever commits first, the product must
// end up indexed under the new name, in the database's index as in memory.
func testRenameWhileWriting(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	f := newCatalogFixture(t, s)
	renamed := make(chan struct{})
	release := make(chan struct{})
	errc := make(chan error, 1)
	go func() {
		errc <- s.Update(ctx, func(tx firstset.Tx) error {
			e := *f.e1
			e.Name = "重庆齿轮传动有限公司"
			if err := tx.UpdateEnterprise(ctx, &e); err != nil {
				return err
			}
			close(renamed)
			<-release
			return nil
		})
	}()
	<-renamed
	written := make(chan error, 1)
	go func() {
		written <- s.Update(ctx, func(tx firstset.Tx) error {
			p := newProduct(f.e1, f.machine, "精密数控磨齿机", "YK7232")
			p.Status, p.RecognizedOn = firstset.StatusRecognised, date.MustParse("2024-08-01")
			return tx.CreateProduct(ctx, p)
		})
	}()
	// Give the writer time to run, or to queue behind the rename.
	time.Sleep(100 * time.Millisecond)
	close(release)
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	if err := <-written; err != nil {
		t.Fatal(err)
	}
	q := firstset.CatalogQuery{Query: "齿轮传动", Status: firstset.StatusRecognised}
	wantSearch(t, s, q, 4, "精密数控磨齿机", "高速干切滚齿机", "数控滚齿机", "工业机器人焊接工作站")
	wantSearch(t, s, firstset.CatalogQuery{Query: "重庆机床", Status: firstset.StatusRecognised}, 0)
}
