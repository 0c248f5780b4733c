package web

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"firstset"
	"firstset/date"
	"firstset/dbtest"
	"firstset/web/httpx"
	"firstset/web/sheet"
)

// readExport parses an export answer and returns its rows, checking the
// parts of the layout every export shares.
func readExport(t *testing.T, w interface {
	Result() *http.Response
}, body []byte) (title string, rows [][]string) {
	t.Helper()
	res := w.Result()
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != sheet.MediaType {
		t.Fatalf("export: %d %s: %s", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	if cd := res.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, ".xlsx") {
		t.Errorf("Content-Disposition %q", cd)
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("open workbook: %v", err)
	}
	defer f.Close()
	all, err := f.GetRows(sheet.CatalogSheet)
	if err != nil {
		t.Fatalf("read sheet %s: %v", sheet.CatalogSheet, err)
	}
	if len(all) < 2 {
		t.Fatalf("workbook has %d rows, want a title and a header at least", len(all))
	}
	want := []string{"装备名称", "型号", "生产企业", "类别", "所在区县", "创新级别", "人才引领", "状态", "认定日期", "有效期至"}
	if fmt.Sprint(all[1]) != fmt.Sprint(want) {
		t.Errorf("header row %q, want %q", all[1], want)
	}
	styleID, err := f.GetCellStyle(sheet.CatalogSheet, "C2")
	if err != nil {
		t.Fatal(err)
	}
	if style, err := f.GetStyle(styleID); err != nil || style.Font == nil || !style.Font.Bold {
		t.Errorf("header row is not bold: %v", err)
	}
	if width, err := f.GetColWidth(sheet.CatalogSheet, "A"); err != nil || width < 20 {
		t.Errorf("name column width %v (%v)", width, err)
	}
	return all[0][0], all[2:]
}

// catalogRows is what the JSON catalog search returns for query, as the
// export should write it.
func catalogRows(t *testing.T, c *client, query string) [][]string {
	t.Helper()
	var rows [][]string
	for page := 1; ; page++ {
		var list httpx.ListResponse[firstset.CatalogItem]
		decode(t, c.get(fmt.Sprintf("/api/v1/catalog?per_page=100&page=%d&%s", page, query)), &list)
		for _, it := range list.Items {
			talent := "否"
			if it.TalentLed {
				talent = "是"
			}
			row := []string{it.Name, it.Model, it.Enterprise, it.Category, it.District, it.InnovationLevel.Label(),
				talent, it.Status.Label(), sheet.ISODate(it.RecognizedOn), sheet.ISODate(it.ValidUntil)}
			for len(row) > 0 && row[len(row)-1] == "" {
				row = row[:len(row)-1] // GetRows leaves trailing empty cells out
			}
			rows = append(rows, row)
		}
		if page*100 >= list.Total {
			return rows
		}
	}
}

func TestCatalogExportMatchesSearch(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		// Enough recognised products for the export to page through the
		// service, plus one talent-led and one left as a draft.
		ctx := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
		for i := range 230 {
			p, err := env.svc.CreateProduct(ctx, firstset.ProductInput{EnterpriseID: env.entA.ID,
				Name: fmt.Sprintf("批量数控机床%03d", i), Model: fmt.Sprintf("CK-%03d", i), CategoryID: env.catA.ID,
				InnovationLevel: firstset.LevelProvincial, TalentLed: i == 7, TalentProgram: map[bool]string{true: "重庆英才计划"}[i == 7],
				Params: []firstset.Param{{Name: "主轴转速", Value: "12000", Unit: "r/min"}}})
			if err != nil {
				t.Fatal(err)
			}
			if i == 229 {
				break // stays a draft
			}
			if _, err := env.svc.SetRecognition(ctx, p.ID, firstset.RecognitionInput{Status: firstset.StatusRecognised,
				RecognizedOn: date.Today().AddDays(-i)}); err != nil {
				t.Fatal(err)
			}
		}

		pub := env.public()
		for _, query := range []string{"", "q=批量&level=provincial", "level=national", "q=没有这种装备"} {
			w := pub.get("/catalog/export.xlsx?" + query)
			title, rows := readExport(t, w, w.Body.Bytes())
			want := catalogRows(t, pub, query)
			if !strings.Contains(title, "导出时间") || !strings.Contains(title, fmt.Sprintf("共 %d 条", len(want))) {
				t.Errorf("%q: title %q", query, title)
			}
			if fmt.Sprint(rows) != fmt.Sprint(want) {
				t.Errorf("%q: export has %d rows, the search %d; they differ", query, len(rows), len(want))
			}
			for _, r := range rows {
				if r[7] != firstset.StatusRecognised.Label() || strings.Contains(r[0], "草稿") || r[0] == "批量数控机床229" {
					t.Errorf("%q: the public export lists %v", query, r)
				}
			}
		}
		w := pub.get("/catalog/export.xlsx?q=批量")
		if _, rows := readExport(t, w, w.Body.Bytes()); len(rows) != 229 || rows[0][0] != "批量数控机床000" {
			t.Errorf("export of the batch: %d rows, first %v", len(rows), rows[0])
		}

		// Staff see other statuses, on the API too.
		reviewer := env.token("reviewer", firstset.ScopeCatalogRead)
		w = reviewer.get("/api/v1/catalog/export?status=draft")
		_, rows := readExport(t, w, w.Body.Bytes())
		if want := catalogRows(t, reviewer, "status=draft"); len(rows) != 3 || fmt.Sprint(rows) != fmt.Sprint(want) {
			t.Errorf("staff draft export: %v, search %v", rows, want)
		}
		assertAPIError(t, env.token("reviewer", firstset.ScopeProductsRead).get("/api/v1/catalog/export"), http.StatusForbidden, firstset.EFORBIDDEN)
	})
}

func TestCatalogPageExportLinkCarriesFilters(t *testing.T) {
	env := newTestEnv(t)
	page := env.login("reviewer").get("/catalog?q=机床&category=" + httpx.Itoa(env.catA.ID) + "&district=500107&level=national&status=draft&page=2").Body.String()
	m := regexp.MustCompile(`href="([^"]*)"[^>]*>导出Excel<`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no export button on the catalog page")
	}
	u, err := url.Parse(html.UnescapeString(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	want := url.Values{"q": {"机床"}, "category": {httpx.Itoa(env.catA.ID)}, "district": {"500107"}, "level": {"national"}, "status": {"draft"}}
	if u.Path != "/catalog/export.xlsx" || u.Query().Encode() != want.Encode() {
		t.Errorf("export link %q, want the filters %v without the page", m[1], want)
	}
}

// cappedCatalog serves a catalog of n generated items and refuses offsets
// past maxOffset as the real service does, to test the export's limits
// without thousands of stored products.
type cappedCatalog struct {
	firstset.ProductService
	n, maxOffset int
	calls        int
}

func (c *cappedCatalog) SearchCatalog(_ context.Context, q firstset.CatalogQuery) (*firstset.CatalogPage, error) {
	c.calls++
	if q.Offset > c.maxOffset {
		return nil, firstset.FieldErrorf("page", "too_deep", "结果页数过深，请缩小搜索范围。")
	}
	page := &firstset.CatalogPage{Total: c.n}
	for i := q.Offset; i < min(q.Offset+q.Limit, c.n); i++ {
		page.Items = append(page.Items, firstset.CatalogItem{ID: int64(i + 1), Name: fmt.Sprintf("装备%d", i+1),
			Status: firstset.StatusRecognised, InnovationLevel: firstset.LevelNational})
	}
	return page, nil
}

func TestCatalogExportLimits(t *testing.T) {
	for _, tc := range []struct {
		name                 string
		n, maxOffset         int
		wantRows, wantCalls  int
		wantTruncatedMessage bool
	}{
		{"all rows", 250, 10000, 250, 3, false},
		{"the service's depth limit", 1000, 300, 400, 5, true},
		{"the export's own cap", 50000, 1 << 30, sheet.MaxExportRows, sheet.MaxExportRows / sheet.ExportPageSize, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			catalog := &cappedCatalog{n: tc.n, maxOffset: tc.maxOffset}
			r := httptest.NewRequest(http.MethodGet, "/catalog/export.xlsx", nil)
			export, err := sheet.CollectCatalog(r.Context(), catalog, firstset.CatalogQuery{})
			if err != nil {
				t.Fatal(err)
			}
			if len(export.Items) != tc.wantRows || export.Total != tc.n || export.Truncated != tc.wantTruncatedMessage || catalog.calls != tc.wantCalls {
				t.Errorf("%d rows of %d, truncated %v, %d searches; want %d rows, truncated %v, %d searches",
					len(export.Items), export.Total, export.Truncated, catalog.calls, tc.wantRows, tc.wantTruncatedMessage, tc.wantCalls)
			}
			if tc.wantRows > 0 && export.Items[len(export.Items)-1].ID != int64(tc.wantRows) {
				t.Errorf("rows skipped or repeated: last is %d", export.Items[len(export.Items)-1].ID)
			}
		})
	}

	// The workbook says when it is incomplete.
	srv := New(Options{Services: Services{Products: &cappedCatalog{n: 1000, maxOffset: 300}}})
	w := httptest.NewRecorder()
	srv.Handler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/catalog/export.xlsx", nil))
	title, rows := readExport(t, w, w.Body.Bytes())
	if len(rows) != 400 || !strings.Contains(title, "符合条件 1000 条，仅导出前 400 条") {
		t.Errorf("%d rows, title %q", len(rows), title)
	}
}
