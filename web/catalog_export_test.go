package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"iter"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"firstset"
	"firstset/date"
	"firstset/dbtest"
	"firstset/fixture"
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
	return catalogRowsUpTo(t, c, query, -1)
}

// catalogRowsUpTo is catalogRows of the first n results at most (all when
// n is negative).
func catalogRowsUpTo(t *testing.T, c *client, query string, n int) [][]string {
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
		if page*100 >= list.Total || (n >= 0 && len(rows) >= n) {
			if n >= 0 && len(rows) > n {
				rows = rows[:n]
			}
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

// streamedCatalog exports n generated items, failing at item failAt when
// it is set, and counts the items the export took: the export's limits
// tested without thousands of stored products.
type streamedCatalog struct {
	firstset.ProductService
	n, failAt int
	taken     int
}

func (c *streamedCatalog) ExportCatalog(context.Context, firstset.CatalogQuery) (int, iter.Seq2[firstset.CatalogItem, error], error) {
	return c.n, func(yield func(firstset.CatalogItem, error) bool) {
		for i := 1; i <= c.n; i++ {
			c.taken++
			if i == c.failAt {
				yield(firstset.CatalogItem{}, errors.New("the database went away"))
				return
			}
			if !yield(firstset.CatalogItem{ID: int64(i), Name: fmt.Sprintf("装备%d", i),
				Status: firstset.StatusRecognised, InnovationLevel: firstset.LevelNational}, nil) {
				return
			}
		}
	}, nil
}

func TestCatalogExportLimits(t *testing.T) {
	now := time.Date(2026, 3, 1, 9, 30, 0, 0, date.Shanghai)
	for _, tc := range []struct {
		name          string
		n, maxRows    int
		wantRows      int
		wantTruncated bool
	}{
		{"all rows", 250, sheet.MaxExportRows, 250, false},
		{"none", 0, sheet.MaxExportRows, 0, false},
		{"the export's own cap", 50, 20, 20, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			catalog := &streamedCatalog{n: tc.n}
			total, items, _ := catalog.ExportCatalog(context.Background(), firstset.CatalogQuery{})
			ws, rows, err := sheet.CatalogWorkbook(total, items, now, tc.maxRows)
			if err != nil {
				t.Fatal(err)
			}
			var body bytes.Buffer
			if err := ws.Stream(&body); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&body)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			all, err := f.GetRows(sheet.CatalogSheet)
			if err != nil {
				t.Fatal(err)
			}
			title, got := all[0][0], all[2:]
			if rows != tc.wantRows || len(got) != tc.wantRows || catalog.taken != tc.wantRows {
				t.Errorf("%d rows (%d in the sheet), %d items read; want %d", rows, len(got), catalog.taken, tc.wantRows)
			}
			if tc.wantRows > 0 && got[len(got)-1][0] != fmt.Sprintf("装备%d", tc.wantRows) {
				t.Errorf("rows skipped or repeated: last is %v", got[len(got)-1])
			}
			wantTitle := fmt.Sprintf("导出时间：2026-03-01 09:30，共 %d 条", tc.n)
			if tc.wantTruncated {
				wantTitle = fmt.Sprintf("符合条件 %d 条，仅导出前 %d 条", tc.n, tc.maxRows)
			}
			if !strings.Contains(title, wantTitle) {
				t.Errorf("title %q, want it to say %q", title, wantTitle)
			}
		})
	}
}

func TestCatalogExportStreams(t *testing.T) {
	// Over a real connection: no length is known ahead, so it is chunked.
	srv := httptest.NewServer(New(Options{Services: Services{Products: &streamedCatalog{n: 3000}}}).Handler())
	defer srv.Close()
	res, err := http.Get(srv.URL + "/catalog/export.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if res.ContentLength != -1 || fmt.Sprint(res.TransferEncoding) != "[chunked]" || res.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("length %d, transfer encoding %v, Cache-Control %q", res.ContentLength, res.TransferEncoding, res.Header.Get("Cache-Control"))
	}
	w := httptest.NewRecorder()
	w.Code = res.StatusCode
	maps.Copy(w.Header(), res.Header)
	if title, rows := readExport(t, w, body); len(rows) != 3000 || !strings.Contains(title, "共 3000 条") {
		t.Errorf("%d rows, title %q", len(rows), title)
	}

	// A failure while the rows are read comes before the first byte: an
	// error answer, not a workbook.
	srv2 := New(Options{Services: Services{Products: &streamedCatalog{n: 3000, failAt: 1200}}})
	w = httptest.NewRecorder()
	srv2.Handler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/catalog/export.xlsx", nil))
	if w.Code != http.StatusInternalServerError || w.Header().Get("Content-Type") == sheet.MediaType ||
		w.Header().Get("Content-Disposition") != "" {
		t.Errorf("failed export: %d %s %q", w.Code, w.Header().Get("Content-Type"), w.Header().Get("Content-Disposition"))
	}
}

// cutOffWriter is a response whose client goes away after limit bytes.
type cutOffWriter struct {
	*httptest.ResponseRecorder
	limit int
}

func (w *cutOffWriter) Write(b []byte) (int, error) {
	if w.Body.Len()+len(b) > w.limit {
		return 0, errors.New("connection reset by peer")
	}
	return w.ResponseRecorder.Write(b)
}

func TestCatalogExportCutOffAborts(t *testing.T) {
	var logged bytes.Buffer
	base := &httpx.Base{Services: httpx.Services{Products: &streamedCatalog{n: 5000}},
		Logger: slog.New(slog.NewTextHandler(&logged, nil)),
		ServeError: func(http.ResponseWriter, *http.Request, error) {
			t.Error("an error answer after the workbook started")
		}}
	w := &cutOffWriter{ResponseRecorder: httptest.NewRecorder(), limit: 4096}
	defer func() {
		// The server drops the connection on this panic, so the client
		// never takes a cut-off workbook for a whole one.
		if v := recover(); v != http.ErrAbortHandler {
			t.Fatalf("recovered %v, want http.ErrAbortHandler", v)
		}
		if w.Code != http.StatusOK || !strings.Contains(logged.String(), "catalog export failed while sending") {
			t.Errorf("status %d, log %q", w.Code, logged.String())
		}
	}()
	sheet.ServeCatalog(base, w, httptest.NewRequest(http.MethodGet, "/catalog/export.xlsx", nil))
	t.Fatal("the export finished on a closed connection")
}

// TestCatalogExportEveryRow exports past the catalog search's depth limit
// (10,000 + a page): every matching row, each visible to whom it may be.
func TestCatalogExportEveryRow(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 12,000 products")
	}
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		d := fixture.Generate(12_000, 3)
		for i, p := range d.Products {
			switch {
			case i%40 == 0:
				p.Status = firstset.StatusExpired
			case i%40 == 1:
				p.Status = firstset.StatusRevoked
			case i%40 == 2:
				p.Status = firstset.StatusDraft
			default:
				p.Status = firstset.StatusRecognised
			}
			p.RecognizedOn = date.Date{}
			if p.Status != firstset.StatusDraft {
				p.RecognizedOn = date.Of(2020, time.January, 1).AddDays(i % 2000)
			}
		}
		if err := fixture.Load(context.Background(), store, d); err != nil {
			t.Fatal(err)
		}
		total := func(c *client, query string) int {
			var list httpx.ListResponse[firstset.CatalogItem]
			decode(t, c.get("/api/v1/catalog?per_page=1&"+query), &list)
			return list.Total
		}
		byStatus := func(rows [][]string) map[string]int {
			n := map[string]int{}
			for _, r := range rows {
				n[r[7]]++
			}
			return n
		}

		pub := env.public()
		w := pub.get("/catalog/export.xlsx?status=revoked")
		title, rows := readExport(t, w, w.Body.Bytes())
		want := total(pub, "")
		if want <= 10_100 || len(rows) != want || !strings.Contains(title, fmt.Sprintf("共 %d 条", want)) {
			t.Fatalf("public export: %d rows, the search finds %d; title %q", len(rows), want, title)
		}
		if n := byStatus(rows); n[firstset.StatusRecognised.Label()] != want {
			t.Errorf("the public export holds %v", n)
		}
		// In the search's order, with the validity the services derive.
		if first := catalogRowsUpTo(t, pub, "", 1000); fmt.Sprint(rows[:1000]) != fmt.Sprint(first) {
			t.Error("the public export's first 1,000 rows differ from the search's")
		}
		for i, r := range rows {
			if len(r) < 10 || r[9] == "" {
				t.Fatalf("row %d has no validity: %v", i, r)
			}
			if i > 0 && r[8] > rows[i-1][8] {
				t.Fatalf("row %d recognised %s after row %d's %s", i, r[8], i-1, rows[i-1][8])
			}
		}

		// Staff see expired, revoked and unpublished products, and may
		// filter by status.
		reviewer := env.token("reviewer", firstset.ScopeCatalogRead)
		w = reviewer.get("/api/v1/catalog/export")
		_, rows = readExport(t, w, w.Body.Bytes())
		if want := total(reviewer, ""); len(rows) != want || want <= 12_000 {
			t.Errorf("staff export: %d rows, the search finds %d", len(rows), want)
		}
		n := byStatus(rows)
		if n[firstset.StatusExpired.Label()] != 300 || n[firstset.StatusRevoked.Label()] != 300 || n[firstset.StatusDraft.Label()] < 300 {
			t.Errorf("staff export by status: %v", n)
		}
		for _, st := range []firstset.ProductStatus{firstset.StatusExpired, firstset.StatusRevoked} {
			w = reviewer.get("/api/v1/catalog/export?status=" + string(st))
			_, rows = readExport(t, w, w.Body.Bytes())
			if n := byStatus(rows); len(rows) != 300 || n[st.Label()] != 300 {
				t.Errorf("staff export of %s: %v", st, n)
			}
		}
	})
}
