package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"firstset"
	"firstset/date"
	"firstset/dbtest"
	"firstset/service"
	"firstset/web/httpx"
	"firstset/web/sheet"
	"firstset/web/ui"
	"firstset/web/ui/forms"
)

// auditClock sets the services' clock to t (UTC) for the next entries.
func (env *testEnv) auditClock(t time.Time) { env.svc.Now = func() time.Time { return t } }

// asUser is a context acting as the seeded user username.
func (env *testEnv) asUser(username string) context.Context {
	env.t.Helper()
	return firstset.NewContextWithActor(context.Background(), &firstset.Actor{User: env.demoUser(username)})
}

// auditSeqs are the entry numbers a page of the log shows, in its order.
var auditSeqCell = regexp.MustCompile(`<td data-label="序号">(\d+)</td>`)

func auditSeqs(page string) []string {
	var out []string
	for _, m := range auditSeqCell.FindAllStringSubmatch(page, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestAuditLogReadsInChinese: the log is newest first, in Chinese, local
// time only, and a change is a comparison of the fields that changed, with
// their values as people read them, not raw JSON with English keys.
func TestAuditLogReadsInChinese(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		at := time.Date(2026, 3, 1, 1, 30, 0, 0, time.UTC) // 09:30 in Shanghai
		env.auditClock(at)
		in := forms.EnterpriseInputOf(env.entA)
		in.Name, in.ContactPhone = "重庆甲机床集团有限公司", "023-60000000"
		if _, err := env.svc.UpdateEnterprise(env.asUser("reviewer"), env.entA.ID, in); err != nil {
			t.Fatal(err)
		}
		env.auditClock(at.Add(time.Hour))
		if _, err := env.svc.SetRecognition(env.asUser("admin"), env.draftB.ID, firstset.RecognitionInput{
			Status: firstset.StatusRecognised, RecognizedOn: date.Of(2026, 2, 10)}); err != nil {
			t.Fatal(err)
		}

		page := env.login("admin").get("/admin/audit").Body.String()
		text := pageText(page)
		seqs := auditSeqs(page)
		if len(seqs) < 3 {
			t.Fatalf("the log shows %d entries", len(seqs))
		}
		for i := 1; i < len(seqs); i++ {
			if len(seqs[i]) > len(seqs[i-1]) || (len(seqs[i]) == len(seqs[i-1]) && seqs[i] > seqs[i-1]) {
				t.Fatalf("the log is not newest first: %v", seqs)
			}
		}
		for _, raw := range []string{"create", "update", "set_recognition", "system", "enterprise_id", `"name"`,
			"recognised", "2026-03-01T", "Z ", "{"} {
			if strings.Contains(text, raw) {
				t.Errorf("the log shows %q to people", raw)
			}
		}
		for _, want := range []string{
			// The entry of the recognition, newest, at its local time.
			"2026-03-01 10:30:00 admin 设置认定状态 装备 编号 " + httpx.Itoa(env.draftB.ID) + " " + env.draftB.Name,
			"状态 草稿 已认定", "认定日期 （未设置） 2026年2月10日",
			// The rename: only what changed, before and after.
			"2026-03-01 09:30:00 reviewer 修改 企业 编号 " + httpx.Itoa(env.entA.ID) + " 重庆甲机床集团有限公司",
			"企业名称 重庆甲机床有限公司 重庆甲机床集团有限公司", "联系电话 023-61234567 023-60000000",
			// What the seeding did, by the platform itself.
			"系统 新增 企业",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("the log does not read %q", want)
			}
		}
		rename := text[strings.Index(text, "2026-03-01 09:30:00"):]
		rename = rename[:strings.Index(rename, "系统 ")]
		if strings.Contains(rename, "注册地址") || strings.Contains(rename, "统一社会信用代码") {
			t.Errorf("the rename lists fields that did not change: %s", rename)
		}
		if strings.Contains(text, "01:30:00") {
			t.Errorf("the log shows UTC times beside local ones")
		}
	})
}

// TestAuditFieldsAllHaveChineseNames: every field the services record of
// every kind of record has a Chinese name on the log, so no field reaches
// people as its JSON key.
func TestAuditFieldsAllHaveChineseNames(t *testing.T) {
	records := map[string]any{
		"product":    firstset.Product{EnterpriseName: "x", DistrictCode: "x", CategoryName: "x", TalentProgram: "x"},
		"enterprise": firstset.Enterprise{DistrictName: "x", ContactEmail: "x", LegalRepresentative: "x"},
		"user":       firstset.User{EnterpriseID: 1, DistrictCode: "x", Phone: "x", Email: "x"},
		"api_token":  firstset.APIToken{ExpiresAt: &time.Time{}, LastUsedAt: &time.Time{}, RevokedAt: &time.Time{}},
		"category":   firstset.Category{},
	}
	for entity, v := range records {
		if _, ok := firstset.AuditLabel(firstset.AuditEntities, entity); !ok {
			t.Errorf("no Chinese name for %s", entity)
		}
		b, _ := json.Marshal(v)
		var fields map[string]json.RawMessage
		_ = json.Unmarshal(b, &fields)
		for key := range fields {
			if label := ui.FieldLabel(entity, key); strings.HasPrefix(label, "其他字段") {
				t.Errorf("%s.%s has no Chinese name", entity, key)
			}
		}
	}
	if got := ui.FieldValue("premium_subsidy_yuan", json.RawMessage(`"1234567.80"`)); got != "1,234,567.80 元" {
		t.Errorf("money reads %q", got)
	}
}

// TestAuditLogFilters: the log filters by time, actor, action and record,
// pages through the rest, and refuses a filter it cannot read naming it.
func TestAuditLogFilters(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		system := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
		seeded, err := env.svc.CountAuditEntries(system, firstset.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var admin *client
		total := func(c *client, query string) string {
			t.Helper()
			w := c.get("/admin/audit?" + query)
			if w.Code != http.StatusOK {
				t.Fatalf("audit ?%s: %d %s", query, w.Code, w.Body.String())
			}
			m := regexp.MustCompile(`共 (\d+) 条`).FindStringSubmatch(w.Body.String())
			if m == nil {
				t.Fatalf("audit ?%s: no total", query)
			}
			return m[1]
		}

		// A day of changes by the administrator, then two by a reviewer,
		// through a session and a token, on days after the seeding's.
		today := date.FromTime(time.Now())
		day1, day2 := today.AddDays(10), today.AddDays(11)
		env.auditClock(ui.DayStart(day1).Add(30 * time.Minute)) // 00:30 in Shanghai, still the day before in UTC
		for i := range 55 {
			if _, err := env.svc.CreateCategory(env.asUser("admin"), fmt.Sprintf("审计测试类别%02d", i), 100+i); err != nil {
				t.Fatal(err)
			}
		}
		env.auditClock(ui.DayStart(day2).Add(10 * time.Hour))
		in := forms.ProductInputOf(env.draftA)
		in.Name = "甲草稿装备（改）"
		if _, err := env.svc.UpdateProduct(env.asUser("reviewer"), env.draftA.ID, in); err != nil {
			t.Fatal(err)
		}
		tokenCtx := firstset.NewContextWithActor(context.Background(), &firstset.Actor{User: env.demoUser("reviewer"),
			Token: &firstset.APIToken{Prefix: "fst_test", Scopes: []firstset.Scope{firstset.ScopeProductsWrite}}})
		in.Name = "甲草稿装备（再改）"
		if _, err := env.svc.UpdateProduct(tokenCtx, env.draftA.ID, in); err != nil {
			t.Fatal(err)
		}

		env.auditClock(ui.DayStart(day2).Add(11 * time.Hour))
		admin = env.login("admin") // a login is recorded too

		d1, d2 := day1.String(), day2.String()
		cases := []struct{ query, want string }{
			{"from=" + d1 + "&to=" + d1, "55"}, // the Shanghai day, not the UTC one
			{"from=" + d2, "3"},
			{"to=" + today.String(), strconv.Itoa(seeded)},
			{"actor=reviewer", "2"}, // a session and a token alike
			{"actor=" + url.QueryEscape("系统"), strconv.Itoa(seeded)},
			{"action=login", "1"},
			{"action=update&entity=product", "2"},
			{"entity=product&entity_id=" + httpx.Itoa(env.draftA.ID), "3"}, // created, then changed twice
			{"entity=category&actor=admin&from=" + d1, "55"},
			{"actor=nobody", "0"},
		}
		for _, c := range cases {
			if got := total(admin, c.query); got != c.want {
				t.Errorf("?%s: %s entries, want %s", c.query, got, c.want)
			}
		}
		// Pages, newest first, with the filter kept on every page link.
		first := admin.get("/admin/audit?entity=category&from=" + d1).Body.String()
		if seqs := auditSeqs(first); len(seqs) != ui.AuditPageSize {
			t.Fatalf("first page: %d entries", len(seqs))
		}
		if !strings.Contains(first, `href="/admin/audit?entity=category&amp;from=`+d1+`&amp;page=2"`) {
			t.Errorf("the next page's link loses the filter")
		}
		second := pageText(admin.get("/admin/audit?entity=category&from=" + d1 + "&page=2").Body.String())
		if !strings.Contains(second, "审计测试类别04") || !strings.Contains(second, "审计测试类别00") || strings.Contains(second, "审计测试类别05 ") {
			t.Errorf("the second page does not hold the five oldest: %s", second)
		}

		// Filters that cannot be read are refused, naming the filter.
		bad := []struct{ query, field, message string }{
			{"from=2026-13-01", "from", "开始日期）须为 年-月-日"},
			{"to=yesterday", "to", "结束日期）须为 年-月-日"},
			{"from=" + d2 + "&to=" + d1, "to", "结束日期不能早于开始日期"},
			{"action=drop_table", "action", "参数 action（操作）的值"},
			{"entity=invoice", "entity", "参数 entity（对象类型）的值"},
			{"entity=product&entity_id=abc", "entity_id", "对象编号）须为正整数"},
			{"entity_id=3", "entity_id", "须同时选择对象类型"},
			{"page=0", "", "页码）须为 1 至 100000 之间的整数"},
			{"page=9223372036854775807", "", "页码）须为 1 至 100000 之间的整数"},
			{"from=2026-01-01&from=2026-02-01", "from", "只能给出一次"},
		}
		for _, b := range bad {
			w := admin.get("/admin/audit?" + b.query)
			body := w.Body.String()
			if w.Code != http.StatusBadRequest || !strings.Contains(body, b.message) {
				t.Errorf("?%s: %d, message %q missing", b.query, w.Code, b.message)
			}
			if b.field != "" && !regexp.MustCompile(`id="`+b.field+`"[^>]*aria-invalid="true"`).MatchString(body) {
				t.Errorf("?%s: the %s field is not marked", b.query, b.field)
			}
			if auditSeqs(body) != nil {
				t.Errorf("?%s: entries shown despite the bad filter", b.query)
			}
			w = admin.get("/admin/audit/export.xlsx?" + b.query)
			if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), b.message) {
				t.Errorf("export ?%s: %d", b.query, w.Code)
			}
		}
		for _, name := range []string{"reviewer", "ent-a", "buyer"} {
			for _, target := range []string{"/admin/audit", "/admin/audit/export.xlsx"} {
				if w := env.login(name).get(target); w.Code != http.StatusForbidden {
					t.Errorf("%s GET %s: %d", name, target, w.Code)
				}
			}
		}
	})
}

// TestAuditExport: the export holds the filtered log, newest first, as
// the page reads it.
func TestAuditExport(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		env.auditClock(time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC))
		in := forms.ProductInputOf(env.draftA)
		in.Model = "M-改"
		if _, err := env.svc.UpdateProduct(env.asUser("reviewer"), env.draftA.ID, in); err != nil {
			t.Fatal(err)
		}
		admin := env.login("admin")
		page := admin.get("/admin/audit?entity=product").Body.String()
		m := regexp.MustCompile(`href="([^"]*)"[^>]*>导出Excel<`).FindStringSubmatch(page)
		if m == nil || html.UnescapeString(m[1]) != "/admin/audit/export.xlsx?entity=product" {
			t.Fatalf("export link: %v", m)
		}
		w := admin.get(html.UnescapeString(m[1]))
		if w.Code != http.StatusOK || w.Header().Get("Content-Type") != sheet.MediaType ||
			!strings.HasPrefix(w.Header().Get("Content-Disposition"), "attachment;") {
			t.Fatalf("export: %d %s", w.Code, w.Header())
		}
		f, err := excelize.OpenReader(bytes.NewReader(w.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows(ui.AuditSheet)
		if err != nil {
			t.Fatal(err)
		}
		// 4 products created, 2 recognised, 1 changed.
		if len(rows) != 2+7 || !strings.Contains(rows[0][0], "共 7 条") {
			t.Fatalf("export rows: %d, title %q", len(rows), rows[0])
		}
		if got := strings.Join(rows[1], "|"); got != "序号|时间（北京时间）|操作人|操作|对象类型|对象编号|对象名称|变更内容|记录哈希" {
			t.Errorf("header %s", got)
		}
		newest := rows[2]
		if newest[1] != "2026-05-06 15:08:09" || newest[2] != "reviewer" || newest[3] != "修改" || newest[4] != "装备" ||
			newest[5] != httpx.Itoa(env.draftA.ID) || newest[6] != env.draftA.Name || !strings.Contains(newest[7], "规格型号："+env.draftA.Model+" → M-改") {
			t.Errorf("newest row %q", newest)
		}
		for _, r := range rows[3:] {
			if r[4] != "装备" || r[2] != "系统" {
				t.Errorf("row %q", r)
			}
		}
	})
}

// TestAuditLogReadsLoginEvents: failed logins and the lockout they lead to
// read in Chinese on the log, their reasons and limits included.
func TestAuditLogReadsLoginEvents(t *testing.T) {
	env := newTestEnv(t)
	for range service.DefaultConfig.MaxFailuresPerUser {
		if w := env.public().postForm("/login", url.Values{"username": {"buyer"}, "password": {"wrong-Pass-1"}}); w.Code != http.StatusUnauthorized {
			t.Fatalf("wrong password: %d", w.Code)
		}
	}
	text := pageText(env.login("admin").get("/admin/audit?action=login_failed").Body.String() +
		env.login("admin").get("/admin/audit?action=login_locked").Body.String())
	for _, want := range []string{"登录失败", "密码错误", "登录锁定", "同一用户名失败次数", "失败次数", "统计时长（分钟）"} {
		if !strings.Contains(text, want) {
			t.Errorf("the log does not read %q", want)
		}
	}
	for _, raw := range []string{"wrong_password", "window_minutes", "其他字段", "username 5"} {
		if strings.Contains(text, raw) {
			t.Errorf("the log shows %q to people", raw)
		}
	}
}

// TestAuditLogShowsADistrictOnce: an enterprise moved to another district
// reads as one change of 所在区县 by name, not also as its stored name.
func TestAuditLogShowsADistrictOnce(t *testing.T) {
	env := newTestEnv(t)
	in := forms.EnterpriseInputOf(env.entA)
	in.DistrictCode = "500101"
	if _, err := env.svc.UpdateEnterprise(env.asUser("reviewer"), env.entA.ID, in); err != nil {
		t.Fatal(err)
	}
	text := pageText(env.login("admin").get("/admin/audit?action=update&entity=enterprise").Body.String())
	if !strings.Contains(text, "所在区县 九龙坡区 万州区") || strings.Contains(text, "区县名称") {
		t.Errorf("the move reads: %s", text)
	}
}
